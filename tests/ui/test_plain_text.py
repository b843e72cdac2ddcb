"""Text from outside — callers, providers, colleagues — is shown as the characters it is, never as markup.

What a user sees is computed the way Qt renders it: a label in PlainText shows its text as it is; in
RichText, or in AutoText (the default of labels and of every tooltip) when ``Qt.mightBeRichText`` takes it
for HTML, Qt shows what that HTML renders to (``QTextDocument.toPlainText``). A menu entry drops the "&"
of a mnemonic. Each hostile string carries a word that survives rendering (its marker): wherever a
marker is seen, the whole string must be seen with it, as written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QMenu,
    QTableView,
    QToolTip,
    QWidget,
)

from app.config.settings import AccountSettings, Provider, Role
from app.core.models import Agent, CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind, Note
from app.runtime import Runtime
from app.services.context import Context
from app.services.outbound import OutboundServices
from app.ui.alerts import CallAlerts
from app.ui.cards.card import CallCard
from app.ui.cards.stack import CardStack
from app.ui.dialbox import DialBox, DialChoice
from app.ui.history.model import Column
from app.ui.history.window import HistoryWindow
from app.ui.messages import Level, Message
from app.ui.shell_menu import TrayMenu
from app.ui.tray import Tray
from tests.kit import until
from tests.ui.plainkit import in_menu, reads_in_order, seen

# The offscreen platform cannot raise windows; the history's player opens Qt's audio stack, which talks about
# the machine's sound (docs/pitfalls §15).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)",
    "Couldn't (load|resolve) pipewire",
    "No audio device detected",
)

# (hostile text, its marker: a word that survives when Qt takes the text for HTML)
NAME = "<b>Boss</b> & <img src=x>"
COMPANY = "<a href=tel:1>call</a> &amp; Sons"
NOTE = "Client wants <urgent> callback; price < 5 & > 3"
NOTE_TWO = "<b>X</b> rang twice\n\u202eright-to-left\u202c and back"
AGENT = "<i>Marta</i> \u202eZielińska\u202c"
LOGIN = "<b>an</b>ka_7"
ACCOUNT = "<b>Front desk</b> & Co"
PHONE = "<img src=x>anon"
HOSTILE = (
    (NAME, "boss"),
    (COMPANY, "sons"),
    (NOTE, "client wants"),
    (NOTE_TWO, "rang twice"),
    (AGENT, "zielińska"),
    (LOGIN, "ka_7"),
    (ACCOUNT, "front desk"),
    (PHONE, "anon"),
)
RTL = "\u202eAnna Nowak"  # a right-to-left override nobody closed: everything after it would read backwards
HEBREW = "שרה כהן"
NUMBER = "+48777888999"
SHOWN_NUMBER = "+48 77 788 89 99"
LONG = " Przybyszewska-Szczepańska-Wróblewska-Brzęczyszczykiewicz Konstantynopolitańczykiewiczówna"
NOW = datetime.now(UTC).replace(microsecond=0)


# --- what the user sees ------------------------------------------------------------------------------------
def label_seen(label: QLabel) -> str:
    return seen(label.text(), label.textFormat())


def flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def mangled(shown: str) -> list[str]:
    """The hostile texts of which ``shown`` has the marker but not the whole text as written."""
    where = flat(shown)
    return [text for text, marker in HOSTILE if marker in where and flat(text) not in where]


def hover(view: QAbstractItemView, index: QModelIndex) -> str:
    """The tooltip the view shows when the pointer rests on ``index`` (through its delegate), as seen."""
    QToolTip.hideText()
    point = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    return seen(QToolTip.text())


def unfaithful(root: QWidget) -> list[str]:
    """Every label, tooltip, button, menu entry and list cell under ``root`` that shows a hostile text other
    than as written, or shows it in a label that lets Qt guess the format (AutoText)."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel) and widget.text():
            shown = label_seen(widget)
            if not shown.rstrip("\u2069").endswith("…"):  # an elided text is checked in full in its tooltip
                found += [f"{where} shows {shown!r} for {text!r}" for text in mangled(shown)]
            guessed = widget.textFormat() is Qt.TextFormat.AutoText and widget.objectName() != "qtooltip_label"
            if guessed and any(marker in flat(widget.text()) for _, marker in HOSTILE):
                found.append(f"{where} shows outside text in AutoText: {widget.text()!r}")
        if widget.toolTip():
            found += [f"{where} tooltip {seen(widget.toolTip())!r}" for _ in mangled(seen(widget.toolTip()))]
        if isinstance(widget, QAbstractButton):
            found += [f"{where} button {widget.text()!r}" for _ in mangled(in_menu(widget.text()))]
        if isinstance(widget, QMenu):
            for action in widget.actions():
                found += [f"{where} entry {action.text()!r}" for _ in mangled(in_menu(action.text()))]
        if isinstance(widget, QTableView | QListView) and widget.isVisible():
            model = widget.model()
            for row in range(min(model.rowCount(QModelIndex()), 6)):
                for column in range(1 if isinstance(widget, QListView) else model.columnCount(QModelIndex())):
                    index = model.index(row, column)
                    display = index.data(Qt.ItemDataRole.DisplayRole)
                    if isinstance(display, str):
                        found += [f"{where} cell {display!r}" for _ in mangled(display)]
                    if index.data(Qt.ItemDataRole.ToolTipRole) and not widget.isRowHidden(row):
                        tip = hover(widget, index)
                        found += [f"{where} cell tooltip {tip!r}" for _ in mangled(tip)]
    return found


# --- the world: a contact, a colleague, notes and calls, all written by someone else --------------------
def hostile_context(suffix: str = "") -> Context:
    """Names with ``suffix`` (a long one: too long for a card, which then cuts them)."""
    context = Context.open()
    context.settings.accounts = [
        AccountSettings("main", Provider.CLOUDPBX, name=ACCOUNT, base_url="http://127.0.0.1:9", user="andy")
    ]
    context.settings.general.role = Role.SUPERVISOR
    context.secrets.set("main", "crm_token", "crm-key")
    context.db.ensure_account("main", "cloudpbx")
    context.agents.replace_all("main", [Agent("main", "marta", AGENT + suffix)])
    context.contacts.upsert(
        Contact(NAME + suffix, [ContactPhone(NUMBER)], company=COMPANY + suffix, responsible="marta")
    )
    context.notes.add(Note(NOTE, phone=NUMBER, account="main", author="marta"))
    context.notes.add(Note(NOTE_TWO, phone=NUMBER, account="main", author=LOGIN))
    return context


def summary(call_id: str, phone: str, minutes_ago: int, agent: str, status: CallStatus) -> CallEvent:
    at = NOW - timedelta(minutes=minutes_ago)
    return CallEvent(
        "main",
        call_id,
        EventKind.SUMMARY,
        at,
        started_at=at,
        phone=phone,
        status=status,
        direction=Direction.IN,
        agent=agent,
        line="+48221234500",
        duration_s=60 if status is CallStatus.ANSWERED else 0,
        wait_s=5,
        raw=(("callid", call_id),),
    )


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    context = hostile_context()
    context.calls.ingest_many(
        [
            summary("H1", NUMBER, 5, LOGIN, CallStatus.ANSWERED),
            summary("H2", PHONE, 15, "marta", CallStatus.MISSED),
        ]
    )
    yield Runtime(context)
    context.close()


# --- the card, rung by a real push -------------------------------------------------------------------------
@pytest.fixture
async def receiving(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Runtime]:
    """The receiver listening on 127.0.0.1 (no history sync of its own), cards subscribed to its calls."""
    monkeypatch.setattr(OutboundServices, "start", lambda self: None)
    context = hostile_context(LONG)
    runtime = Runtime(context, listen="127.0.0.1:0")
    await runtime.start()
    yield runtime
    await runtime.stop()
    context.close()


async def push(runtime: Runtime, **fields: str) -> None:
    """One Cloud PBX event push, over HTTP, as the PBX sends it."""
    assert runtime.address is not None
    url = f"http://127.0.0.1:{runtime.address.port}/hooks/main"
    async with httpx.AsyncClient() as client:
        answer = await client.post(url, data={"cmd": "event", "crm_token": "crm-key", **fields})
    assert answer.status_code == 200, answer.text


async def test_a_pushed_call_rings_a_card_that_shows_names_numbers_and_notes_as_written(receiving: Runtime) -> None:
    stack = CardStack(receiving)
    receiving.hub.subscribe(stack.on_update)
    try:
        await push(receiving, type="INCOMING", phone="48777888999", user="andy", callid="K1")
        await push(receiving, type="INCOMING", phone=PHONE, user="andy", callid="K2")
        await until(lambda: {("main", "K1"), ("main", "K2")} <= stack.cards.keys(), "both cards")
        card: CallCard = stack.cards[("main", "K1")]

        # The name, the company and the responsible colleague are too long for the card: cut, with the
        # whole text on hover — that tooltip is where Qt used to take "<b>Boss</b>" for HTML.
        for label, full in ((card.title, NAME + LONG), (card.company, COMPANY + LONG)):
            assert label.textFormat() is Qt.TextFormat.PlainText and label.elided
            assert seen(label.toolTip()) == full
        # A name with right-to-left text comes as an isolate (U+2068 … U+2069): it reorders nothing around it.
        assert seen(card.responsible.toolTip()) == f"Responsible: \u2068{AGENT}{LONG}\u2069"
        notes = [label_seen(label) for label in card.history_panel.findChildren(QLabel) if label.text()]
        assert NOTE in notes and NOTE_TWO in notes

        await push(receiving, type="INCOMING", phone="48777888999", user="marta", callid="K1")
        await push(receiving, type="ACCEPTED", phone="48777888999", user="marta", callid="K1")
        await until(lambda: card.status_text().startswith("Answered by"), "answered by a colleague")
        assert card.status_label.text().rstrip("\u2069").endswith("…")  # a colleague's long name: the status is cut
        assert seen(card.status_label.toolTip()) == f"Answered by \u2068{AGENT}{LONG}\u2069".upper()
        assert unfaithful(card) == []

        # A number the provider could not parse stays as sent: on the card and in "Number copied".
        unknown: CallCard = stack.cards[("main", "K2")]
        assert label_seen(unknown.title) == PHONE
        unknown.copy_button.click()
        assert seen(QToolTip.text()) == f"Number copied: {PHONE}"
        assert QApplication.clipboard().text() == PHONE
        assert unfaithful(unknown) == []
    finally:
        QToolTip.hideText()
        stack.close_all()


# --- history, its rows and the details with notes ----------------------------------------------------------
def test_history_rows_and_their_tooltips_show_callers_and_agents_as_written(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    model = window.model
    rows = {model.call_at(r).call_id: r for r in range(model.rowCount())}  # type: ignore[union-attr]
    agent = model.index(rows["H1"], Column.AGENT)
    assert agent.data() == LOGIN  # no name in the directory: the login, as the provider sent it
    assert hover(window.table, agent) == LOGIN
    assert model.index(rows["H2"], Column.NUMBER).data() == PHONE
    assert unfaithful(window) == []


def test_the_details_window_shows_the_caller_the_colleague_and_notes_as_written(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    row = next(r for r in range(window.model.rowCount()) if window.model.call_at(r).call_id == "H1")  # type: ignore[union-attr]
    dialog = window.open_details(row)
    assert dialog is not None
    qtbot.addWidget(dialog)
    title = next(label for label in dialog.findChildren(QLabel) if label.objectName() == "detailsTitle")
    assert label_seen(title) == NAME
    facts = {label_seen(label) for label in dialog.findChildren(QLabel)}
    assert {ACCOUNT, f"{LOGIN}"} <= facts
    texts = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
    assert any(text.startswith(NOTE + "\n") for text in texts) and any(text.startswith(NOTE_TWO) for text in texts)
    for i in range(dialog.notes.count()):
        item = dialog.notes.item(i)
        note = item.text().rsplit("\n", 1)[0]
        assert hover(dialog.notes, dialog.notes.indexFromItem(item)) == note  # the whole note on hover
    assert unfaithful(dialog) == []
    QToolTip.hideText()


# --- the dial box's contacts ---------------------------------------------------------------------------
def test_contacts_found_in_the_dial_box_show_as_written(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialbox import ContactNumber

    box = DialBox(
        [DialChoice(ACCOUNT, "main"), DialChoice("Sales", "sales")],
        search=lambda text: [ContactNumber(NAME, NUMBER, COMPANY)],
    )
    qtbot.addWidget(box)
    box.open_with("")
    qtbot.keyClicks(box.number, "Boss")
    assert box.contacts.count() == 1
    item = box.contacts.item(0)
    assert item.text() == f"{NAME} ({COMPANY}) — +48 77 788 89 99"
    assert hover(box.contacts, box.contacts.indexFromItem(item)) == item.text()
    box.failed(f"{ACCOUNT} refused: <b>bad</b> number")
    assert label_seen(box.error) == f"{ACCOUNT} refused: <b>bad</b> number"
    assert unfaithful(box) == []
    QToolTip.hideText()


def test_a_right_to_left_name_leaves_the_number_beside_it_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialbox import ContactNumber

    box = DialBox([], search=lambda text: [ContactNumber(RTL, NUMBER), ContactNumber(HEBREW, NUMBER, "\u202eFirma")])
    qtbot.addWidget(box)
    box.open_with("")
    qtbot.keyClicks(box.number, "Anna")
    shown = [box.contacts.item(i).text() for i in range(box.contacts.count())]
    assert len(shown) == 2 and all(reads_in_order(text, SHOWN_NUMBER) for text in shown), shown


def test_right_to_left_names_leave_the_words_after_them_in_order(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    """In the tray menu's recent calls, a card's note byline and the details' agent."""
    from app.ui.shell_dial import DialActions
    from app.ui.shell_windows import WindowKeeper

    context = runtime.context
    context.agents.replace_all("main", [Agent("main", "marta", AGENT), Agent("main", "sara", HEBREW)])
    context.contacts.upsert(Contact(RTL, [ContactPhone("+48600100200")]))
    context.notes.add(Note("Call after five", phone="+48600100200", account="main", author="sara"))
    context.calls.ingest_many([summary("R1", "+48600100200", 1, "sara", CallStatus.ANSWERED)])

    menu = QMenu()
    stack = CardStack(runtime)
    dialing = DialActions(runtime)
    TrayMenu(runtime, stack, dialing, WindowKeeper(runtime, dialing.call_back), lambda: "Ringdesk").populate(menu)
    recent = next(a.menu() for a in menu.actions() if a.menu() is not None)
    [entry] = [in_menu(a.text()) for a in recent.actions() if "Anna Nowak" in a.text()]
    assert reads_in_order(entry, "Answered"), entry

    runtime.hub.subscribe(stack.on_update)
    runtime.tracker.record(
        CallEvent(
            "main", "R2", EventKind.RINGING, datetime.now(UTC), direction=Direction.IN, phone="+48600100200",
            agent="andy", raw=(("callid", "R2"),),
        )
    )  # fmt: skip
    card = stack.cards[("main", "R2")]
    [byline] = [label.text() for label in card.history_panel.findChildren(QLabel) if "שרה" in label.text()]
    assert reads_in_order(byline, byline.rsplit(" — ", 1)[1]), byline
    stack.close_all()

    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    row = next(r for r in range(window.model.rowCount()) if window.model.call_at(r).call_id == "R1")  # type: ignore[union-attr]
    dialog = window.open_details(row)
    assert dialog is not None
    qtbot.addWidget(dialog)
    [agent] = [label.text() for label in dialog.findChildren(QLabel) if "(sara)" in label.text()]
    assert reads_in_order(agent, "(sara)"), agent


def test_a_right_to_left_account_name_leaves_the_rest_of_the_sentence_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The confirmation of a placed call, and the tray's reasons (one line per troubled account)."""
    from app.core.phone import normalize
    from app.providers.base import DialResult
    from app.services.dialer import DialOutcome
    from app.ui.dialbox import outcome_text
    from app.ui.health import HealthWatch

    context = Context.open()
    try:
        account = AccountSettings("main", Provider.CLOUDPBX, name=HEBREW, user="andy")
        context.settings.accounts = [account]
        result = DialResult("main", normalize(NUMBER, "PL"), caller_id="+48221234500")
        overridden = AccountSettings("main", Provider.CLOUDPBX, name=RTL, user="andy")
        text = outcome_text(DialOutcome(result, "P-1", overridden), "PL")
        assert reads_in_order(text, ", presenting +48 22 123 45 00"), text
        health = HealthWatch(context, Runtime(context)).assess({"main": "The provider refused: 403"})
        [line] = [line for line in health.detail.splitlines() if "403" in line]
        assert reads_in_order(line, ": The provider refused: 403"), line
    finally:
        context.close()


# --- the tray: its fallback window, its messages and its menu ----------------------------------------------
def test_a_missed_call_and_a_provider_error_show_in_the_tray_window_as_written(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    tray = Tray(lambda menu: None, use_tray=False)
    assert tray.window is not None
    qtbot.addWidget(tray.window)
    tray.show()
    stack = CardStack(runtime)
    alerts = CallAlerts(runtime, stack, None, tray.show_message)
    runtime.tracker.record(summary("M1", NUMBER, 1, "marta", CallStatus.MISSED))
    call = runtime.context.calls.get("main", "M1")
    assert call is not None and alerts.missed(call)
    assert label_seen(tray.window.banner) == f"Missed call: {NAME} · +48 77 788 89 99"
    error = f"{ACCOUNT}: the provider says <b>Unauthorized</b> & <a href=x>retry</a>"
    tray.show_message(Message(Level.ERROR, error))
    assert label_seen(tray.window.banner) == error
    tray.set_state(tray.state, f"Not receiving calls\n{ACCOUNT}: {COMPANY}")
    assert label_seen(tray.window.status).endswith(f"{ACCOUNT}: {COMPANY}")
    assert unfaithful(tray.window) == []
    stack.close_all()


def test_the_tray_menu_lists_recent_callers_as_written(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    from app.ui.shell_dial import DialActions
    from app.ui.shell_windows import WindowKeeper

    stack = CardStack(runtime)
    dialing = DialActions(runtime)
    menu = QMenu()
    TrayMenu(runtime, stack, dialing, WindowKeeper(runtime, dialing.call_back), lambda: "Ringdesk").populate(menu)
    recent = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert recent is not None
    entries = [in_menu(action.text()) for action in recent.actions()]
    assert any(entry.startswith(NAME + "  ·  ") for entry in entries), entries
    assert any(entry.startswith(PHONE + "  ·  ") for entry in entries), entries
    assert unfaithful(recent) == []
    stack.close_all()


# --- settings: what a person typed, quoted back --------------------------------------------------------
def test_the_settings_quote_a_typed_account_id_and_name_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.settings.dialog import Page, SettingsDialog

    context = hostile_context()
    try:
        dialog = SettingsDialog(Runtime(context))
        qtbot.addWidget(dialog)
        dialog.show()
        typed = "<b>front</b>&desk"
        dialog.accounts_page.editor.account_id.setText(typed)
        assert not dialog.save()
        assert label_seen(dialog.error).startswith(f"Account ID “{typed}”:")
        receiver = dialog.receiver_page
        receiver.show_urls(dialog.accounts_page.working)
        titles = {label_seen(label) for label in receiver.findChildren(QLabel)}
        assert ACCOUNT in titles
        assert unfaithful(dialog) == []  # the accounts page too (its list, hints, tooltips)
        dialog.open_page(Page.ACCOUNTS)
        assert unfaithful(dialog.accounts_page) == []  # its list, visible, with each name's tooltip hovered
    finally:
        context.close()


def test_the_crash_dialog_names_the_log_file_as_written(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from app.ui.messages import show_crash_dialog

    log_file = Path(tmp_path) / "<b>home</b> & co" / "ringdesk.log"  # RINGDESK_HOME can be any folder
    assert show_crash_dialog("Traceback: <b>KeyError</b>", log_file)
    [box] = [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "" and w.isVisible() and w.inherits("QMessageBox")
    ]
    qtbot.addWidget(box)
    informative = next(
        label for label in box.findChildren(QLabel) if label.objectName() == "qt_msgbox_informativelabel"
    )
    assert label_seen(informative) == f"Details were written to {log_file}"
    box.close()


def test_what_the_user_sees_is_computed_as_qt_renders(qtbot) -> None:  # type: ignore[no-untyped-def]
    """``seen`` and ``in_menu`` themselves: Qt's guesses are what the tests above guard against."""
    label = QLabel(NAME)
    qtbot.addWidget(label)
    assert label.textFormat() is Qt.TextFormat.AutoText and label_seen(label) == "Boss & \ufffc"
    assert seen(NOTE, Qt.TextFormat.RichText) == "Client wants callback; price 3"
    assert seen(NOTE) == NOTE  # Qt takes "<urgent>" for no tag: an AutoText label shows this one as it is
    assert mangled(seen(COMPANY, Qt.TextFormat.RichText)) == [COMPANY]
    assert mangled(COMPANY) == []
    assert in_menu("AT&T && Co") == "ATT & Co"
