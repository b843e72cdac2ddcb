"""Text from outside is shown as the characters it is: never as markup, never as a keyboard mnemonic.

Why one module: Qt guesses. A QLabel left in its default format (``AutoText``) and every tooltip run
``Qt.mightBeRichText`` over the text and render it as HTML when it looks like a tag — so a caller named
``<b>Boss</b>`` showed in bold, ``<img src=…>`` became an image, and "&amp;" lost its letters. Menu
entries and buttons take "&" as the mark of a mnemonic ("AT&T" showed "ATT"). Callers' names and
numbers, companies, colleagues' names, notes, account names and providers' error texts reach all of
these, so every place that shows them goes through this module:

- :func:`label` / :func:`plain`: a QLabel in ``PlainText``. Where a label mixes our own markup (bold, a
  link) with outside text, it is ``RichText`` and the outside part goes through :func:`escape`.
- :func:`tooltip`: what to give ``setToolTip`` or ``QToolTip.showText`` — the text itself when Qt shows
  it as it is anyway, else its escaped HTML (so existing plain tooltips stay byte-for-byte the same).
- :class:`PlainTips` (:func:`plain_tips`): the same for an item view's ``ToolTipRole``; the model keeps
  the raw text and the view escapes it when it shows it. Never escape item tooltips yourself as well.
- :func:`menu_text`: a menu entry's or a button's text with "&" doubled (and no tab, which would start
  the entry's shortcut column).
- :func:`isolate`: outside text set among other text on one line ("Anna — +48 77 788 89 99"). A name in
  Hebrew or Arabic, or one carrying a right-to-left override (U+202E), reorders what follows it: the
  number read "99 89 788 77 48+" beside it. Isolated (U+2068 … U+2069), it keeps to itself.

Desktop notifications are escaped where the daemon parses markup (:mod:`app.desktop.notifications`).
"""

from __future__ import annotations

import html
import unicodedata
from typing import TypeVar

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

ModelIndex = QModelIndex | QPersistentModelIndex
View = TypeVar("View", bound=QAbstractItemView)


def plain(widget: QLabel) -> QLabel:
    """``widget`` set to show its text as written (``PlainText``); returns it, to build in one expression."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` as written, whatever it contains."""
    return plain(QLabel(text, parent))


def escape(text: str) -> str:
    """``text`` as HTML that renders as ``text`` (its line breaks kept), for a rich label we mark up."""
    return html.escape(text).replace("\n", "<br>")


# Bidirectional classes that can reorder the text around them: right-to-left letters, embeddings, overrides,
# isolates and their ends (the marks U+200F and U+061C are of class R and AL).
_REORDERING = frozenset({"R", "AL", "RLE", "LRE", "RLO", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"})


def isolate(text: str) -> str:
    """``text`` as a bidirectional isolate when it could reorder its neighbours; else unchanged.

    For outside text placed beside other words or numbers on one line: what follows it keeps its order."""
    if any(unicodedata.bidirectional(char) in _REORDERING for char in text):
        return f"\u2068{text}\u2069"
    return text


def tooltip(text: str) -> str:
    """What to pass as a tooltip so that Qt shows exactly ``text``.

    Tooltips are always AutoText: a text Qt would not take for HTML is returned unchanged; one it would
    is escaped into a paragraph that keeps its spaces and line breaks."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def menu_text(text: str) -> str:
    """``text`` for a menu entry or a button: every "&" shown (never a mnemonic), tabs as spaces."""
    return text.replace("&", "&&").replace("\t", " ")


class PlainTips(QStyledItemDelegate):
    """An item view's delegate that shows each item's tooltip (``ToolTipRole``) as written."""

    def helpEvent(
        self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: ModelIndex
    ) -> bool:
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and tip:
                QToolTip.showText(event.globalPos(), tooltip(tip), view)
                return True
        return super().helpEvent(event, view, option, index)


def plain_tips(view: View) -> View:
    """Give ``view`` the :class:`PlainTips` delegate (it paints as the default one); returns the view."""
    view.setItemDelegate(PlainTips(view))
    return view
