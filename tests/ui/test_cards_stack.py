"""Issue 14, the desktop in an agent's hands: no call without an explicit choice, a stack that scales, text that
fits, forms on screen, people by name — each through the live path (the hub's update → the stack → the card)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.core.models import Agent, CallStatus, Contact, ContactPhone, EventKind
from app.runtime import Runtime
from app.ui import i18n
from app.ui.cards.card import CallCard
from app.ui.cards.facts import CardState
from app.ui.cards.forms import ContactForm, NoteForm
from app.ui.cards.stack import CardStack
from app.ui.shell_hotkey import HotkeyKeeper
from tests.ui.cardkit import LONGEST_PL, LONGEST_RU, event, open_runtime

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
ROOT = Path(__file__).resolve().parents[2]
KEY = ("office", "c1")


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    runtime = open_runtime()
    yield runtime
    runtime.context.close()


@pytest.fixture
def stack(runtime: Runtime, qapp: QApplication) -> Iterator[CardStack]:
    dialled: list[tuple[str, str]] = []
    opened: list[str] = []
    stack = CardStack(runtime, call_back=lambda n, a: dialled.append((n, a)), open_history=opened.append)
    stack.dialled = dialled  # type: ignore[attr-defined]
    stack.opened = opened  # type: ignore[attr-defined]
    runtime.context.settings.card.crm_url_template = "https://crm.invalid/?q={phone}"
    runtime.hub.subscribe(stack.on_update)
    QCursor.setPos(QPoint(0, 0))  # the pointer away from the cards (they go bottom-right)
    yield stack
    stack.close_all()
    for form in [w for w in QApplication.topLevelWidgets() if isinstance(w, NoteForm | ContactForm)]:
        form.close()


def close_forms() -> None:
    for form in [w for w in QApplication.topLevelWidgets() if isinstance(w, NoteForm | ContactForm)]:
        form.close()


# --- 1. no call without an explicit choice -------------------------------------------------------------
def test_no_key_or_click_on_a_ringing_card_reaches_the_dialler(
    stack: CardStack, runtime: Runtime, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.ui.cards.stack.QDesktopServices.openUrl", lambda url: True)  # CRM: no browser
    runtime.tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[KEY]
    assert card.status.state is CardState.RINGING
    assert not card.call_button.isVisibleTo(card) and not card.call_button.isEnabled()
    offered = [b for b in card.buttons() if b.isVisibleTo(card) and b is not card.close_button]
    assert {b.objectName() or b.toolTip() for b in offered} >= {"All calls with this number", "Add a note"}

    for button in offered:  # every visible button, clicked
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        close_forms()
    card.take_focus()  # the keyboard, as the card shortcut gives it
    qtbot.waitUntil(lambda: QApplication.focusWidget() in card.buttons())
    for button in offered:
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            card.take_focus()
            button.setFocus()
            qtbot.keyClick(button, key)
            close_forms()
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":  # every mnemonic a translation could choose
        card.take_focus()
        qtbot.keyClick(card, getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
        close_forms()
    assert stack.dialled == []  # type: ignore[attr-defined]
    assert KEY in stack.cards

    runtime.tracker.record(event("c1", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=20))
    assert card.status.state is CardState.MISSED and card.call_button.isVisibleTo(card)
    card.call_button.click()  # the explicit choice, on a missed card
    assert stack.dialled == [("+48777888999", "office")]  # type: ignore[attr-defined]


def test_a_talking_card_offers_no_call_back_either(stack: CardStack, runtime: Runtime) -> None:
    runtime.tracker.record(event("c1", EventKind.RINGING))
    runtime.tracker.record(event("c1", EventKind.ANSWERED, seconds=1))
    card = stack.cards[KEY]
    assert card.status.state is CardState.TALKING and not card.call_button.isVisibleTo(card)
    card.call_button.click()  # even a programmatic click on the hidden button dials nothing
    assert stack.dialled == []  # type: ignore[attr-defined]


def test_a_new_card_never_moves_a_card_under_the_pointer(stack: CardStack, runtime: Runtime, qtbot: QtBot) -> None:
    runtime.context.settings.card.close_after_s = 0
    runtime.tracker.record(event("c1", EventKind.RINGING))
    runtime.tracker.record(event("c2", EventKind.RINGING, phone="+48600100200"))
    first, second = stack.cards[KEY], stack.cards[("office", "c2")]
    before = second.pos()
    QCursor.setPos(second.frameGeometry().center())  # about to click the second card
    stack.close_card(KEY)  # the first closes: the second would slide into the gap
    runtime.tracker.record(event("c3", EventKind.RINGING, phone="+48600100300"))
    third = stack.cards[("office", "c3")]
    assert second.pos() == before  # nothing moved under the pointer
    assert not third.isVisible() or not third.frameGeometry().intersects(second.frameGeometry())
    QCursor.setPos(QPoint(0, 0))  # the pointer leaves: the stack closes the gap, the new card shows
    qtbot.waitUntil(lambda: third.isVisible() and second.pos() != before, timeout=3000)
    assert not third.frameGeometry().intersects(second.frameGeometry())
    assert first is not None


# --- 2. a stack that scales ----------------------------------------------------------------------------
@pytest.mark.parametrize("scale", ["1", "2"])
def test_twelve_cards_on_a_1366x768_screen_never_overlap_and_ringing_ones_stay(
    scale: str, tmp_path: Path, ringdesk_home: Path
) -> None:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]})
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=scale,
        PYTHONPATH=str(ROOT),
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.cardkit"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["scale"] == float(scale)
    x, y, width, height = result["area"]
    assert (width, height) == ((1366, 768) if scale == "1" else (683, 384))
    shown = [card for card in result["cards"] if card["visible"]]
    rects = [card["rect"] for card in shown] + ([result["more"]] if result["more"] else [])
    for index, (ax, ay, aw, ah) in enumerate(rects):
        assert x <= ax and y <= ay and ax + aw <= x + width and ay + ah <= y + height  # on screen
        for bx, by, bw, bh in rects[index + 1 :]:
            assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, "cards overlap"
    ringing = [card for card in result["cards"] if card["state"] == "ringing"]
    assert len(ringing) == 2 and all(card["visible"] for card in ringing)
    folded = 12 - len(shown)
    assert folded > 0 and result["folded"] == folded
    assert result["more_text"] == f"{folded} more calls"
    assert result["more_opened"] == [""]  # the entry opens the history


def test_a_hovered_finished_card_still_closes_on_schedule(stack: CardStack, runtime: Runtime, qtbot: QtBot) -> None:
    runtime.context.settings.card.close_after_s = 1
    runtime.tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[KEY]
    QCursor.setPos(card.frameGeometry().center())  # the pointer passes over the card…
    qtbot.mouseMove(card, card.rect().center())
    QCursor.setPos(QPoint(0, 0))  # …and goes on
    card.pointer_left.emit()
    runtime.tracker.record(event("c1", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=20))
    qtbot.waitUntil(lambda: KEY not in stack.cards, timeout=3000)


def test_a_card_under_the_pointer_closes_when_the_pointer_leaves(
    stack: CardStack, runtime: Runtime, qtbot: QtBot
) -> None:
    runtime.context.settings.card.close_after_s = 0
    runtime.tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[KEY]
    QCursor.setPos(card.frameGeometry().center())
    runtime.tracker.record(event("c1", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=20))
    qtbot.waitUntil(lambda: KEY in stack._expired, timeout=3000)  # due, waiting for the pointer
    assert KEY in stack.cards
    QCursor.setPos(QPoint(0, 0))
    qtbot.waitUntil(lambda: KEY not in stack.cards, timeout=3000)


def test_a_card_with_a_note_being_typed_stays_until_the_note_is_done(
    stack: CardStack, runtime: Runtime, qtbot: QtBot
) -> None:
    runtime.context.settings.card.close_after_s = 0
    runtime.tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[KEY]
    card.note_button.click()
    assert stack.form_open(KEY)
    runtime.tracker.record(event("c1", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=20))
    qtbot.waitUntil(lambda: not stack._timers[KEY].isActive())  # its time came
    assert KEY in stack.cards
    close_forms()
    qtbot.waitUntil(lambda: KEY not in stack.cards, timeout=3000)


def test_dismiss_all_in_the_tray_menu(runtime: Runtime, qtbot: QtBot) -> None:
    from app.ui.shell import Shell

    shell = Shell(runtime.context, runtime, use_tray=False)
    shell.start()
    try:
        menu = QMenu()
        shell.menu.populate(menu)
        assert not [a for a in menu.actions() if a.objectName() == "dismissAll"]  # no cards, no entry
        runtime.tracker.record(event("c1", EventKind.RINGING))
        runtime.tracker.record(event("c2", EventKind.RINGING, phone="+48600100200"))
        runtime.tracker.record(event("c2", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=20))
        menu.clear()
        shell.menu.populate(menu)
        [dismiss] = [a for a in menu.actions() if a.objectName() == "dismissAll"]
        assert dismiss.text() == "Dismiss all cards (2)"
        cards = list(shell.stack.cards.values())
        dismiss.trigger()
        assert shell.stack.cards == {}
        qtbot.waitUntil(lambda: not any(c.isVisible() for c in QApplication.topLevelWidgets() if c in cards))
    finally:
        shell.close()


def test_the_card_shortcut_brings_the_keyboard_to_the_newest_card(
    stack: CardStack, runtime: Runtime, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import hotkey

    monkeypatch.setattr(hotkey, "availability", lambda: hotkey.Availability(True, "test"))
    monkeypatch.setattr(hotkey.GlobalDialShortcut, "register", lambda self: None)
    keeper = HotkeyKeeper(runtime.context.settings.general, card=runtime.context.settings.card)
    keeper.card_focus_requested.connect(stack.focus_newest)
    keeper.apply()
    assert keeper.card_shortcut is not None and keeper.card_shortcut.shortcut == "Ctrl+Alt+C"

    runtime.tracker.record(event("c1", EventKind.RINGING))
    runtime.tracker.record(event("c2", EventKind.RINGING, phone="+48600100200"))
    newest = stack.cards[("office", "c2")]
    assert QApplication.focusWidget() not in newest.buttons()  # never on its own
    keeper.card_shortcut.pressed.emit()  # the agent pressed Ctrl+Alt+C
    qtbot.waitUntil(lambda: QApplication.focusWidget() in newest.buttons())
    first = QApplication.focusWidget()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in newest.buttons() and QApplication.focusWidget() is not first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Esc closes the card
    assert ("office", "c2") not in stack.cards and KEY in stack.cards
    keeper.release()


# --- 3. text that fits ---------------------------------------------------------------------------------
@pytest.fixture
def language(qapp: QApplication) -> Iterator[object]:
    yield lambda lang: i18n.install(lang, qapp)
    i18n.install("en", qapp)


@pytest.mark.parametrize(("lang", "longest"), [("ru", LONGEST_RU), ("pl", LONGEST_PL)])
def test_the_longest_names_companies_and_lines_fit(
    lang: str, longest: tuple[str, str, str], stack: CardStack, runtime: Runtime, language: object
) -> None:
    language(lang)  # type: ignore[operator]
    name, company, line = longest
    number = "+48777888999"
    colleague = "Aleksandra Konstantynopolitańczykiewiczówna" if lang == "pl" else name
    runtime.context.agents.replace_all("office", [Agent("office", "marta", colleague)])
    runtime.contacts.save(Contact(name, [ContactPhone(number)], company=company, responsible="marta"))
    runtime.tracker.record(event("c1", EventKind.RINGING, line=line))
    runtime.tracker.record(event("c1", EventKind.RINGING, agent="marta", line=line))
    runtime.tracker.record(event("c1", EventKind.ANSWERED, agent="marta", line=line, seconds=1))
    card: CallCard = stack.cards[KEY]
    assert card.status.state is CardState.ANSWERED_ELSEWHERE
    for label, full in ((card.title, name), (card.company, company)):
        assert label.full_text() == full
        assert label.elided and label.toolTip() == full  # the whole text on hover
        assert label.line_count() == 2 and label.text().endswith("…")
        assert label.sizeHint().height() <= 2 * label.fontMetrics().lineSpacing() + 4
    assert card.responsible.full_text().endswith(colleague)  # by name, not "marta"
    shown_number = card.line_label.text()
    from app.ui import formatting

    whole = formatting.phone_text(line, "PL")
    assert shown_number.endswith(whole) and whole.startswith("+")  # never cut inside the number
    assert card.line_label.fontMetrics().horizontalAdvance(shown_number) <= card.line_label.width()
    status = card.status_label
    assert status.toolTip().startswith(status.text()[:-1]) and status.text().endswith("…")
    band = card.band.layout()
    assert band is not None
    assert status.geometry().right() < card.line_label.geometry().left()  # status and line side by side


def test_answered_by_shows_the_colleagues_name(stack: CardStack, runtime: Runtime) -> None:
    runtime.context.agents.replace_all("office", [Agent("office", "marta", "Marta Zielińska")])
    runtime.tracker.record(event("c1", EventKind.RINGING, agent="andy"))
    runtime.tracker.record(event("c1", EventKind.RINGING, agent="marta"))
    runtime.tracker.record(event("c1", EventKind.ANSWERED, agent="marta", seconds=1))
    card = stack.cards[KEY]
    assert card.status_text() == "Answered by Marta Zielińska"
    status = card.status_label
    assert status.text() == "ANSWERED BY MARTA ZIELIŃSKA" or status.toolTip() == "ANSWERED BY MARTA ZIELIŃSKA"


def test_caller_text_is_never_markup(stack: CardStack, runtime: Runtime) -> None:
    runtime.contacts.save(Contact("<b>Bold</b> & Co", [ContactPhone("+48777888999")], company="<i>x</i>"))
    runtime.tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[KEY]
    assert card.title.textFormat() is Qt.TextFormat.PlainText and card.title.text() == "<b>Bold</b> & Co"
    assert card.company.textFormat() is Qt.TextFormat.PlainText


# --- 4. the forms ----------------------------------------------------------------------------------------
def test_the_note_form_opens_on_screen_and_ctrl_enter_saves(stack: CardStack, runtime: Runtime, qtbot: QtBot) -> None:
    runtime.tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[KEY]
    card.note_button.click()
    [form] = [w for w in QApplication.topLevelWidgets() if isinstance(w, NoteForm) and w.isVisible()]
    area = card.screen().availableGeometry()
    qtbot.waitUntil(lambda: area.contains(form.frameGeometry()))
    assert "Ctrl+Enter" in form.text.placeholderText()
    qtbot.keyClicks(form.text, "Wants a quote")
    qtbot.keyClick(form.text, Qt.Key.Key_Return)  # a new line, not a save
    assert form.isVisible() and "\n" in form.text.toPlainText()
    qtbot.keyClicks(form.text, "for 20 seats")
    qtbot.keyClick(form.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: runtime.notes.for_number("+48777888999", limit=1) != [])
    assert "20 seats" in runtime.notes.for_number("+48777888999", limit=1)[0].text


def test_the_contact_form_opens_on_screen_and_enter_saves(stack: CardStack, runtime: Runtime, qtbot: QtBot) -> None:
    runtime.context.settings.card.position = "0,0"  # a card at the very corner: the form must still fit
    runtime.tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[KEY]
    card.create_contact.click()
    [form] = [w for w in QApplication.topLevelWidgets() if isinstance(w, ContactForm) and w.isVisible()]
    qtbot.waitUntil(lambda: card.screen().availableGeometry().contains(form.frameGeometry()))
    qtbot.keyClicks(form.name, "Anna Kowalska")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: runtime.contacts.lookup("+48777888999") is not None)
    assert runtime.contacts.lookup("+48777888999").name == "Anna Kowalska"  # type: ignore[union-attr]


def test_a_card_whose_call_never_ended_closes_when_the_sweep_says_so(stack: CardStack, runtime: Runtime) -> None:
    """A call still "ringing" hours later (its end never arrived) is announced ENDED by the sweep with its
    live status: the card goes away instead of ringing for ever."""
    from app.services.hub import CallUpdate, Change

    result = runtime.tracker.record(event("c1", EventKind.RINGING))
    assert KEY in stack.cards
    runtime.hub.publish(CallUpdate(Change.ENDED, result.call))
    assert KEY not in stack.cards
