"""A :class:`~app.core.errors.Problem` in the user's language.

The layers below the UI raise problems with English templates marked by ``QT_TRANSLATE_NOOP("Problem", …)``
and their ``{named}`` fields kept apart; here the template is translated and then filled. A text that was
not marked (or whose translation lost a field) is shown in English, as the problem wrote it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from app.core.errors import PROBLEM_CONTEXT, Problem
from app.desktop.integration import Status


def problem_text(problem: Problem) -> str:
    """The problem's message and hint as one paragraph, translated where a translation exists."""
    message = _translated(problem.template, problem.message, problem.fields)
    hint = _translated(problem.hint_template, problem.hint, problem.fields) if problem.hint_template else ""
    return f"{message} {hint}".strip()


def _translated(template: str, english: str, fields: Mapping[str, object]) -> str:
    translated = QCoreApplication.translate(PROBLEM_CONTEXT, template)
    if translated == template:
        return english
    try:
        return translated.format_map(fields) if fields else translated
    except Exception:  # a translation that broke a field: the English text is still right
        return english


def status_text(status: Status, *, with_fix: bool = False) -> str:
    """A desktop integration's state (start at login, phone links) in the user's language; its fix after it
    when asked and something is to be fixed."""
    fields = dict(status.fields)
    detail = _translated(status.detail_template, status.detail, fields) if status.detail_template else status.detail
    if not (with_fix and not status.installed and status.fix):
        return detail
    fix = _translated(status.fix_template, status.fix, fields) if status.fix_template else status.fix
    return f"{detail} {fix}"
