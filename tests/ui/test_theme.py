"""The dark palette is followed: under a dark QPalette (Fusion), text rendered by the settings, the first-run
screen, the join dialog and a call card reads at ≥ 4.5:1 on the pixels around it, and menu icons at ≥ 3:1.
Measured on rendered pixels (``widget.grab()``): the background is the most common colour of a label's
area, the text the pixel farthest from it in contrast."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from app.core.models import Direction, utcnow
from app.runtime import Runtime
from app.services.context import Context
from app.ui import icons, theme

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints|grabbing)",
    # the settings' ring-output row may wake the audio stack (docs/pitfalls §15)
    "Couldn't load pipewire-0.3 library",
    "Couldn't resolve pipewire-0.3 symbols",
    "No audio device detected",
)


@pytest.fixture(params=["dark", "light"])
def scheme(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    """The application in Fusion with a dark (or light) palette; the style and palette are put back after."""
    app: QApplication = qapp
    style, palette = app.style().name(), QPalette(app.palette())
    theme.use(app, request.param)
    yield request.param
    app.setStyle(style)
    app.setPalette(palette)
    theme._cache.clear()


def measured(widget: QWidget, part: QWidget) -> tuple[float, QColor, QColor]:
    """(contrast, text, background) of ``part`` as rendered inside ``widget``."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio = image.devicePixelRatio()
    top_left = part.mapTo(widget, QPoint(0, 0))
    area = QRect(top_left, part.size())
    area = QRect(
        round(area.x() * ratio), round(area.y() * ratio), round(area.width() * ratio), round(area.height() * ratio)
    )
    area = area.intersected(image.rect())
    assert not area.isEmpty(), f"{part.objectName() or part} is outside {widget.objectName()}"
    pixels = Counter(
        image.pixel(x, y) for y in range(area.top(), area.bottom() + 1) for x in range(area.left(), area.right() + 1)
    )
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    text = max((QColor.fromRgb(p) for p in pixels), key=lambda c: theme.contrast(c, background))
    return theme.contrast(text, background), text, background


def assert_reads(widget: QWidget, part: QWidget, dark: bool, minimum: float = theme.TEXT_CONTRAST) -> None:
    ratio, text, background = measured(widget, part)
    label = part.text() if isinstance(part, QLabel) else part.objectName()
    assert ratio >= minimum, f"{label!r}: {text.name()} on {background.name()} is {ratio:.2f}:1"
    assert (theme.luminance(background) < 0.2) is dark, f"{label!r} sits on {background.name()}"


def test_every_named_colour_passes_on_its_backgrounds(scheme: str) -> None:
    c = theme.colors()
    assert c.dark is (scheme == "dark")
    for name in ("text", "muted", "accent", "error", "success", "header_text"):
        for ground in (c.window, c.base, c.card):
            assert theme.contrast(getattr(c, name), ground) >= theme.TEXT_CONTRAST, (name, ground)
    for ground in (c.window, c.base, c.card):
        assert theme.contrast(c.icon, ground) >= theme.ICON_CONTRAST
    assert theme.contrast(c.card_text, c.card) >= theme.TEXT_CONTRAST
    assert theme.contrast(c.card_muted, c.card) >= theme.TEXT_CONTRAST
    assert theme.contrast(c.selection_text, c.selection) >= theme.TEXT_CONTRAST
    assert theme.contrast(c.warning_text, c.warning_bg) >= theme.TEXT_CONTRAST
    assert theme.contrast(c.on_accent, c.accent_fill) >= theme.TEXT_CONTRAST
    for state in theme.STATES:
        band = c.state(state)
        assert theme.contrast(band.accent, band.band) >= theme.TEXT_CONTRAST, state
        assert theme.contrast(c.card_text, band.band) >= theme.TEXT_CONTRAST, state
    assert (theme.luminance(c.card) < 0.2) is c.dark  # cards follow the palette, not white on a dark desktop


def test_settings_labels_read_on_the_palette(qtbot: Any, scheme: str) -> None:
    from app.ui.settings.dialog import Page, SettingsDialog

    dialog = SettingsDialog(Runtime(Context.open()))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_page(Page.GENERAL)
    dialog._show_error("The address is not valid.")
    QApplication.processEvents()
    page = dialog.general_page
    labels = [w for w in page.findChildren(QLabel) if w.isVisible() and w.text()]
    hints = [w for w in labels if "Used for numbers" in w.text()]
    form = [w for w in labels if w.text() == "Language"]
    title = [w for w in dialog.findChildren(QLabel, "pageTitle") if w.isVisible()]
    assert hints and form and title
    for part in (hints[0], form[0], title[0], dialog.error):
        assert_reads(dialog, part, scheme == "dark")
    assert_reads(dialog, dialog.nav, scheme == "dark")  # the page list, its selected item included


def test_first_run_and_join_read_on_the_palette(qtbot: Any, scheme: str) -> None:
    from app.ui.firstrun import FirstRunDialog
    from app.ui.join import JoinHubDialog

    runtime = Runtime(Context.open())
    first = FirstRunDialog(runtime, launch_demo=lambda: False)
    qtbot.addWidget(first)
    first.show()
    first.start_demo()  # fails: the problem sentence in the error colour
    QApplication.processEvents()
    title = first.findChild(QLabel, "firstRunTitle")
    intro = [w for w in first.findChildren(QLabel) if "Incoming-call cards" in w.text()]
    assert title is not None and intro
    for part in (title, intro[0], first.problem):
        assert_reads(first, part, scheme == "dark")
    for button in (first.join_button, first.connect_button, first.demo_button):
        assert_reads(first, button, scheme == "dark")

    join = JoinHubDialog(runtime)
    qtbot.addWidget(join)
    join.show()
    join.link.setText("not a link")
    join.join()
    QApplication.processEvents()
    assert join.problem.isVisible()
    assert_reads(join, join.problem, scheme == "dark")


def test_menu_icons_read_on_the_menu(qtbot: Any, scheme: str) -> None:
    menu = QMenu()
    qtbot.addWidget(menu)
    action = menu.addAction(icons.icon("dialpad", size=16), "")  # no text: only the icon in the row
    menu.show()
    QApplication.processEvents()
    image = menu.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    row = menu.actionGeometry(action)
    pixels = Counter(image.pixel(x, y) for y in range(row.top(), row.bottom()) for x in range(row.left(), row.right()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    glyph = max((QColor.fromRgb(p) for p in pixels), key=lambda c: theme.contrast(c, background))
    assert (theme.luminance(background) < 0.2) is (scheme == "dark")
    assert theme.contrast(glyph, background) >= theme.ICON_CONTRAST, (glyph.name(), background.name())


def test_a_call_card_reads_on_the_palette(qtbot: Any, scheme: str) -> None:
    from app.core.callstate import Call
    from app.services.caller_facts import CardFacts
    from app.ui.cards.card import CallCard
    from app.ui.cards.facts import CardState, CardStatus

    call = Call("office", "c1", utcnow(), direction=Direction.IN, phone="+48777888999", line="+48221234567")
    card = CallCard(call, CardFacts(number="+48777888999"), CardStatus(CardState.RINGING))
    qtbot.addWidget(card)
    card.show()
    QApplication.processEvents()
    for part in (card.status_label, card.line_label, card.title, card.subtitle):
        ratio, text, background = measured(card, part)
        assert ratio >= theme.TEXT_CONTRAST, (part.objectName(), text.name(), background.name())


def test_a_call_card_follows_a_dark_palette(qtbot: Any, qapp: Any) -> None:
    from app.core.callstate import Call
    from app.services.caller_facts import CardFacts
    from app.ui.cards.card import CallCard
    from app.ui.cards.facts import CardState, CardStatus

    app: QApplication = qapp
    style, palette = app.style().name(), QPalette(app.palette())
    theme.use(app, "dark")
    try:
        call = Call("office", "c1", utcnow(), direction=Direction.IN, phone="+48777888999", line="+48221234567")
        card = CallCard(call, CardFacts(number="+48777888999"), CardStatus(CardState.RINGING))
        qtbot.addWidget(card)
        card.show()
        QApplication.processEvents()
        c = theme.colors(card)
        assert c.dark
        band = c.state(CardState.RINGING.value)
        for part in (card.band, card.status_label, card.title, card.subtitle, card.line_label):
            ratio, text, background = measured(card, part)
            assert theme.luminance(background) < 0.2, (part.objectName(), background.name())
            assert ratio >= theme.TEXT_CONTRAST, (part.objectName(), text.name(), background.name())
        # the band is the state's dark band (not the light one), its status in the state's accent, readable
        assert measured(card, card.band)[2].name() == band.band
        assert theme.contrast(band.accent, band.band) >= theme.TEXT_CONTRAST
        body = card.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        ratio = body.devicePixelRatio()
        inside = body.pixelColor(round(card.width() / 2 * ratio), round((card.height() - 3) * ratio))
        assert inside.name() == c.card and theme.luminance(inside) < 0.2  # painted in the palette's card colour
    finally:
        app.setStyle(style)
        app.setPalette(palette)
        theme._cache.clear()


def test_a_built_card_follows_a_palette_change(qtbot: Any, qapp: Any) -> None:
    """A card built ahead (the stack's spare) under a light palette turns dark when the desktop does, and back."""
    from app.core.callstate import Call
    from app.core.models import CallStatus
    from app.core.views import CallRow
    from app.services.caller_facts import CardFacts
    from app.ui.cards.card import CallCard
    from app.ui.cards.facts import CardState, CardStatus

    app: QApplication = qapp
    style, palette = app.style().name(), QPalette(app.palette())
    theme.use(app, "light")
    try:
        card = CallCard(offered_actions=frozenset({"call", "history"}))
        qtbot.addWidget(card)
        card.ensurePolished()
        light = theme.colors(card)
        assert not light.dark and card.colors == light
        theme.use(app, "dark")
        QApplication.processEvents()
        dark = theme.colors(card)
        assert dark.dark and card.colors == dark
        row = CallRow(
            id=1,
            account="office",
            call_id="c0",
            direction=Direction.IN,
            status=CallStatus.MISSED,
            phone="+48777888999",
            contact_name="",
            line="",
            agent="",
            started_at=utcnow(),
            duration_s=None,
            wait_s=None,
            recording_url="",
            rating=None,
        )
        call = Call("office", "c1", utcnow(), direction=Direction.IN, phone="+48777888999")
        card.present(
            call, CardFacts(number="+48777888999", recent=(row,)), CardStatus(CardState.MISSED), card.offered_actions
        )
        card.show()
        QApplication.processEvents()
        for part in (card.title, card.status_label, card.call_button):
            ratio, text, background = measured(card, part)
            assert theme.luminance(background) < 0.2, (part.objectName(), background.name())
            assert ratio >= theme.TEXT_CONTRAST, (part.objectName(), text.name(), background.name())
        recent = [w for w in card.history_panel.findChildren(QLabel, "recent") if w.isVisible() and w.text()]
        assert recent
        assert_reads(card, recent[0], dark=True)
        theme.use(app, "light")
        QApplication.processEvents()
        assert card.colors == theme.colors(card) and not card.colors.dark
        assert_reads(card, card.title, dark=False)
    finally:
        app.setStyle(style)
        app.setPalette(palette)
        theme._cache.clear()


def measured_rect(widget: QWidget, area: QRect) -> tuple[float, QColor, QColor]:
    """(contrast, text, background) of ``area`` (in ``widget``'s coordinates) as rendered."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio = image.devicePixelRatio()
    area = QRect(
        round(area.x() * ratio), round(area.y() * ratio), round(area.width() * ratio), round(area.height() * ratio)
    ).intersected(image.rect())
    assert not area.isEmpty()
    pixels = Counter(
        image.pixel(x, y) for y in range(area.top(), area.bottom() + 1) for x in range(area.left(), area.right() + 1)
    )
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    text = max((QColor.fromRgb(p) for p in pixels), key=lambda c: theme.contrast(c, background))
    return theme.contrast(text, background), text, background


def history_runtime() -> Runtime:
    from datetime import timedelta

    from app.config.settings import AccountSettings, Provider, Role
    from app.core.models import CallEvent, CallStatus, EventKind

    context = Context.open()
    context.settings.accounts.append(AccountSettings("office", Provider.CLOUDPBX, user="anna"))
    context.settings.general.role = Role.SUPERVISOR
    context.db.ensure_account("office", "cloudpbx")
    now = utcnow().replace(microsecond=0)
    context.calls.ingest_many(
        CallEvent(
            "office",
            f"C{i}",
            EventKind.SUMMARY,
            now - timedelta(minutes=i * 10),
            started_at=now - timedelta(minutes=i * 10),
            phone=f"+48600100{i:03d}",
            status=CallStatus.MISSED if i == 2 else CallStatus.ANSWERED,
            direction=Direction.IN,
            agent="anna",
            line="+48221234500",
            duration_s=60,
            raw=(("callid", f"C{i}"),),
        )
        for i in range(6)
    )
    return Runtime(context)


def test_the_history_window_reads_on_the_palette(qtbot: Any, scheme: str) -> None:
    from app.ui.history.model import Column
    from app.ui.history.window import HistoryWindow

    window = HistoryWindow(history_runtime())
    qtbot.addWidget(window)
    window.show()
    window.show_notice("The export failed.", error=True)
    QApplication.processEvents()
    dark = scheme == "dark"
    c = theme.colors(window)
    assert c.dark is dark
    header = window.table.horizontalHeader()
    left, width = header.sectionViewportPosition(Column.NUMBER), header.sectionSize(Column.NUMBER)
    section = QRect(left, 0, width, header.height())
    ratio, text, background = measured_rect(window, section.translated(header.mapTo(window, QPoint(0, 0))))
    assert ratio >= theme.TEXT_CONTRAST, ("header", text.name(), background.name())
    assert (theme.luminance(background) < 0.2) is dark, background.name()
    viewport = window.table.viewport()
    for row in range(3):  # the selected row, a plain one, an alternate one (the missed call in red)
        for column in (Column.NUMBER, Column.STATUS):
            cell = window.table.visualRect(window.model.index(row, column))
            ratio, text, background = measured_rect(window, cell.translated(viewport.mapTo(window, QPoint(0, 0))))
            assert ratio >= theme.TEXT_CONTRAST, (row, column.name, text.name(), background.name())
            assert (theme.luminance(background) < 0.2) is dark, (row, column.name, background.name())
    assert_reads(window, window.status_line, dark)
    assert_reads(window, window.notice, dark)


def test_the_dial_box_reads_on_the_palette(qtbot: Any, scheme: str) -> None:
    from app.ui.dialbox import DialBox, DialChoice

    box = DialBox([DialChoice("Office", "office"), DialChoice("Sales", "sales")])
    qtbot.addWidget(box)
    box.open_with("+48 777 888 999")
    box.failed("The number is not valid.")
    QApplication.processEvents()
    dark = scheme == "dark"
    assert_reads(box, box.number, dark)
    assert_reads(box, box.error, dark)
    assert_reads(box, box.account, dark)
    ratio, text, background = measured(box, box.call_button)  # white (or black) on the accent fill
    assert ratio >= theme.TEXT_CONTRAST, (text.name(), background.name())


def test_the_history_window_and_dial_box_follow_a_palette_change(qtbot: Any, qapp: Any) -> None:
    """Built under light, they turn dark when the desktop does (the style sheet is rebuilt on PaletteChange)."""
    from app.ui.dialbox import DialBox, DialChoice
    from app.ui.history.window import HistoryWindow

    app: QApplication = qapp
    style, palette = app.style().name(), QPalette(app.palette())
    theme.use(app, "light")
    try:
        window = HistoryWindow(history_runtime())
        qtbot.addWidget(window)
        box = DialBox([DialChoice("Office", "office")])
        qtbot.addWidget(box)
        assert theme.colors().selection in window.styleSheet()
        theme.use(app, "dark")
        QApplication.processEvents()
        dark = theme.colors(window)
        assert dark.dark and f"selection-background-color: {dark.selection}" in window.styleSheet()
        assert dark.accent_fill in box.call_button.styleSheet()
        window.show()
        box.open_with("+48 777 888 999")
        QApplication.processEvents()
        assert_reads(window, window.status_line, dark=True)
        assert_reads(box, box.number, dark=True)
    finally:
        app.setStyle(style)
        app.setPalette(palette)
        theme._cache.clear()


def test_the_fallback_window_s_messages_read_on_the_palette(qtbot: Any, scheme: str) -> None:
    from app.ui.messages import Level, Message
    from app.ui.tray import FallbackWindow

    window = FallbackWindow(QMenu())
    qtbot.addWidget(window)
    window.show()
    for level in Level:
        window.show_banner(Message(level, "Something to say."))
        QApplication.processEvents()
        ratio, text, background = measured(window, window.banner)
        assert ratio >= theme.TEXT_CONTRAST, (level, text.name(), background.name())
    assert_reads(window, window.dial_button, scheme == "dark")
