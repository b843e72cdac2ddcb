"""What a user sees of a text, computed the way Qt renders it: shared by the plain-text tests (tests/ui and
tests/desktop)."""

from __future__ import annotations

import itertools
import re

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument, QTextLayout


def seen(text: str, form: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for ``text`` in a label of format ``form`` (tooltips are always AutoText)."""
    if form is Qt.TextFormat.RichText or (form is Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def in_menu(text: str) -> str:
    """What a menu entry shows: "&&" is one "&", any other "&" marks the next letter as the mnemonic."""
    return re.sub(r"&(.)", r"\1", text.split("\t", 1)[0])


def reads_in_order(text: str, part: str) -> bool:
    """Whether ``part`` of ``text`` reads left to right, as written, where Qt lays ``text`` out on one line
    (each character's cursor position lies right of the one before)."""
    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    start = text.index(part)
    xs = [line.cursorToX(i)[0] for i in range(start, start + len(part) + 1)]
    return all(left < right for left, right in itertools.pairwise(xs))
