"""Object names for widgets, set in one expression.

Why: style sheets and tests find widgets by object name, and PySide6 accepts ``QLabel(text,
objectName="x")`` at run time, but its type stubs do not know property keywords, so mypy rejects every such
call. ``named(QLabel(text), "x")`` keeps the one-expression form and stays typed.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

T = TypeVar("T", bound=QObject)


def named(widget: T, name: str) -> T:
    """``widget`` with its object name set to ``name``."""
    widget.setObjectName(name)
    return widget
