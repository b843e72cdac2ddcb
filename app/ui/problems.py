"""A :class:`~app.core.errors.Problem` in the user's language.

The layers below the UI raise problems with English templates marked by ``QT_TRANSLATE_NOOP("Problem", …)``
and their ``{named}`` fields kept apart; here the template is translated and then filled. A text that was
not marked (or whose translation lost a field) is shown in English, as the problem wrote it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.errors import PROBLEM_CONTEXT, Problem


def problem_text(problem: Problem) -> str:
    """The problem's message and hint as one paragraph, translated where a translation exists."""
    message = _translated(problem.template, problem.message, problem.fields)
    hint = _translated(problem.hint_template, problem.hint, problem.fields) if problem.hint_template else ""
    return f"{message} {hint}".strip()


def _translated(template: str, english: str, fields: dict[str, object]) -> str:
    translated = QCoreApplication.translate(PROBLEM_CONTEXT, template)
    if translated == template:
        return english
    try:
        return translated.format_map(fields) if fields else translated
    except Exception:  # a translation that broke a field: the English text is still right
        return english
