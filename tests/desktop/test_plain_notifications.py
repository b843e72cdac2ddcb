"""A missed call's notification shows the caller as written: escaped for a daemon that parses body markup,
unchanged for one that does not (which would otherwise show "&lt;b&gt;"). So does a message the app tells
through the tray: on a StatusNotifier tray Qt would hand its text to the daemon unescaped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.config.settings import AccountSettings, Provider
from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind
from app.runtime import Runtime
from app.services.context import Context
from tests.kit import until
from tests.ui.plainkit import reads_in_order

pytestmark = [pytest.mark.no_qt_log, pytest.mark.qasync]

NAME = "<b>Boss</b> & <img src=x> <a href=tel:1>call</a> &amp; \u202eRita"  # its override is never closed
NUMBER = "+48777888999"
SHOWN_NUMBER = "+48 77 788 89 99"
ROOT = Path(__file__).resolve().parents[2]


def daemon(session_bus: str, record: Path, *capabilities: str) -> Iterator[Path]:
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fake_notification_server.py")), str(record), *capabilities],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdout.readline().strip() == "ready"
    yield record
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def markup_daemon(session_bus: str, tmp_path: Path) -> Iterator[Path]:
    """A daemon that parses the body as markup (``body-markup``, links and images too)."""
    yield from daemon(session_bus, tmp_path / "markup.jsonl", "actions", "body", "body-markup", "body-hyperlinks")


@pytest.fixture
def plain_daemon(session_bus: str, tmp_path: Path) -> Iterator[Path]:
    """A daemon that shows the body as it is (no ``body-markup``)."""
    yield from daemon(session_bus, tmp_path / "plain.jsonl", "actions", "body")


def read_as_markup(body: str) -> tuple[str, list[str]]:
    """What a markup-parsing daemon shows for ``body`` (its text) and the tags it obeys (the spec's markup
    is a subset of XML; a body that does not parse is shown by no daemon as written)."""
    try:
        root = ET.fromstring(f"<markup>{body}</markup>")
    except ET.ParseError as error:
        raise AssertionError(f"a markup daemon cannot show {body!r} as written: {error}") from None
    return "".join(root.itertext()), [element.tag for element in root.iter()][1:]


def shows_name_then_number(text: str) -> bool:
    """The caller's name as written, then the number — which reads in order even after the name's unclosed
    right-to-left override (the name may come as an isolate, U+2068 … U+2069, which shows nothing)."""
    name, _, number = text.strip("\u2068").partition(" · ")
    return name.rstrip("\u2069") == NAME and number == SHOWN_NUMBER and reads_in_order(text, SHOWN_NUMBER)


@pytest.fixture
async def runtime() -> AsyncIterator[Runtime]:
    context = Context.open()
    context.settings.accounts = [AccountSettings("main", Provider.CLOUDPBX, user="andy")]
    context.settings.card.ring_sound = False  # no audio device is opened: this is about the notification
    context.contacts.upsert(Contact(NAME, [ContactPhone(NUMBER)]))
    yield Runtime(context)
    context.close()


async def notify_missed_call(runtime: Runtime, record: Path) -> dict[str, str]:
    """A call missed the way the app sees one (stored, then announced by the alerts); what the daemon got."""
    from app.ui.alerts import CallAlerts
    from app.ui.cards.stack import CardStack

    now = datetime.now(UTC)
    runtime.tracker.record(
        CallEvent(
            "main", "M1", EventKind.SUMMARY, now, started_at=now, phone=NUMBER, status=CallStatus.MISSED,
            direction=Direction.IN, raw=(("callid", "M1"),),
        )
    )  # fmt: skip
    stack = CardStack(runtime)
    alerts = CallAlerts(runtime, stack)
    await alerts.start()
    try:
        assert alerts.notifier.native
        call = runtime.context.calls.get("main", "M1")
        assert call is not None and alerts.missed(call)
        await until(lambda: record.exists() and record.read_text().strip(), "the notification")
    finally:
        await alerts.close()
        stack.close_all()
    sent: dict[str, str] = json.loads(record.read_text().splitlines()[0])
    return sent


async def test_a_daemon_that_parses_markup_shows_the_callers_name_as_written(
    runtime: Runtime, markup_daemon: Path
) -> None:
    sent = await notify_missed_call(runtime, markup_daemon)
    text, tags = read_as_markup(sent["body"])
    assert tags == []  # no bold, no image, no link
    assert shows_name_then_number(text)
    assert sent["summary"] == "Missed call"


async def test_a_daemon_without_markup_gets_the_text_unescaped(runtime: Runtime, plain_daemon: Path) -> None:
    sent = await notify_missed_call(runtime, plain_daemon)
    assert shows_name_then_number(sent["body"])  # escaped here, it would read "&lt;b&gt;Boss…"


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb: Qt has a D-Bus tray only on a real platform")
def test_a_tray_message_on_a_status_notifier_tray_reaches_a_markup_daemon_as_written(markup_daemon: Path) -> None:
    """The app started as on a Plasma-like desktop (xcb, a StatusNotifier tray, a notification daemon that
    parses markup) tells the user a provider's refusal: the daemon shows it as written, no bold, no link.

    Qt's D-Bus tray sends ``showMessage``'s text to the daemon as it is; the tray's messages now go through
    the app's own notifier (escaped where the daemon reads markup) whenever that one is connected."""
    watcher = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fake_status_notifier_watcher.py"))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None and watcher.stdout.readline().strip() == "ready"
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
        done = subprocess.run(
            ["xvfb-run", "-a", sys.executable, "-m", "tests.desktop.tray_message_probe", str(markup_daemon)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["platform"], result["tray"], result["native"]) == ("xcb", True, True), result
    sent = [json.loads(line) for line in markup_daemon.read_text().splitlines() if "Unauthorized" in line]
    assert len(sent) == 1, sent  # once: not also as the tray's own balloon
    text, tags = read_as_markup(sent[0]["body"])
    assert tags == [] and text == result["message"]  # no bold, no link, no image: every character as written
    assert sent[0]["summary"] == result["title"]
