"""Repeated log lines are collapsed: a flood of one error cannot fill the log (and rotate away every earlier
line) or stderr. The first few of a kind per minute pass, then one "N similar messages suppressed" line; a
repeated error's traceback is written once."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import logs

TRACEBACK = "Traceback (most recent call last)"


@pytest.fixture
def console() -> io.StringIO:
    return io.StringIO()


@pytest.fixture
def app_logs(tmp_path: Path, console: io.StringIO) -> Iterator[Path]:
    """The app's logging as ``ringdesk serve --log-to-console`` sets it up (the console into ``console``),
    removed again after the test."""
    root = logging.getLogger()
    level = root.level
    log_file = logs.setup(tmp_path, console=True)
    for handler in root.handlers:
        if getattr(handler, "_ringdesk", False) and type(handler) is logging.StreamHandler:
            handler.setStream(console)
    yield log_file
    for handler in [h for h in root.handlers if getattr(h, "_ringdesk", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_ringdesk", False):
            handler.flush()


def _fail(n: int) -> None:
    raise OSError(24, "Too many open files")


def test_a_flood_of_one_error_writes_a_few_lines_and_one_traceback(app_logs: Path, console: io.StringIO) -> None:
    log = logging.getLogger("ringdesk.test.flood")
    for n in range(5_000):
        try:
            _fail(n)
        except OSError:
            log.exception("socket.accept() failed (%d)", n)
    _flush()
    text = app_logs.read_text("utf-8")
    lines = [line for line in text.splitlines() if "socket.accept() failed" in line]
    assert 1 <= len(lines) <= logs.RepeatFilter.BURST, len(lines)
    assert text.count(TRACEBACK) == 1
    assert len(text) < 5_000, len(text)
    err = console.getvalue()  # the console handler is limited the same way
    assert err.count(TRACEBACK) == 1 and len(err) < 5_000, len(err)


def test_different_messages_and_errors_are_counted_apart(app_logs: Path) -> None:
    log = logging.getLogger("ringdesk.test.kinds")
    for _ in range(50):
        log.warning("refused a connection from %s", "10.0.0.1")
        log.warning("the store is busy")
        try:
            raise ValueError("x")
        except ValueError:
            log.exception("the store is busy")
    _flush()
    text = app_logs.read_text("utf-8")
    burst = logs.RepeatFilter.BURST
    assert text.count("refused a connection from 10.0.0.1") == burst
    assert text.count("the store is busy") == 2 * burst  # with and without an exception: two kinds
    assert text.count(TRACEBACK) == 1


def test_the_access_log_is_never_collapsed(app_logs: Path) -> None:
    """One line per request is the access log's promise; its lines share one format string."""
    access = logging.getLogger("ringdesk.server.access")
    for n in range(200):
        access.info("%s %s %d %.2f ms", "POST", f"/hooks/office?n={n}", 200, 0.5)
    _flush()
    assert app_logs.read_text("utf-8").count("POST /hooks/office?n=") == 200


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]


@pytest.fixture
def limited() -> Iterator[tuple[logging.Logger, Kept, Clock]]:
    """A logger of its own whose handler carries the filter, on a clock the test moves."""
    clock = Clock()
    kept = Kept()
    kept.addFilter(logs.RepeatFilter(clock=clock))
    logger = logging.getLogger("ringdesk.test.window")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(kept)
    yield logger, kept, clock
    logger.removeHandler(kept)
    logger.propagate = True


def test_after_the_minute_one_line_says_how_many_were_suppressed(
    limited: tuple[logging.Logger, Kept, Clock],
) -> None:
    logger, kept, clock = limited
    for n in range(100):
        logger.error("the store refused a write (%d)", n)
        clock.now += 0.1
    burst = logs.RepeatFilter.BURST
    assert kept.messages() == [f"the store refused a write ({n})" for n in range(burst)]

    clock.now += logs.RepeatFilter.WINDOW_S
    logger.error("the store refused a write (%d)", 100)
    summary, latest = kept.messages()[burst:]
    assert summary.startswith(f"{100 - burst} similar messages suppressed") and "the store refused a write" in summary
    assert kept.records[burst].levelno == logging.ERROR
    assert latest == "the store refused a write (100)"


def test_a_flood_that_stopped_is_summed_up_by_the_next_line_of_any_kind(
    limited: tuple[logging.Logger, Kept, Clock],
) -> None:
    logger, kept, clock = limited
    for _ in range(30):
        logger.warning("refused a connection: the limit is reached")
    clock.now += logs.RepeatFilter.WINDOW_S + 1
    logger.info("webhook receiver stopped")
    assert kept.messages()[-2:] == [
        f"{30 - logs.RepeatFilter.BURST} similar messages suppressed in the last 60 s: "
        "refused a connection: the limit is reached",
        "webhook receiver stopped",
    ]


def test_a_repeated_errors_traceback_is_written_once_an_hour(limited: tuple[logging.Logger, Kept, Clock]) -> None:
    logger, kept, clock = limited
    for _ in range(3):
        try:
            raise OSError(28, "No space left on device")
        except OSError:
            logger.exception("cannot store the event")
    assert [r.exc_info is not None for r in kept.records] == [True, False, False]
    clock.now += 3_600
    try:
        raise OSError(28, "No space left on device")
    except OSError:
        logger.exception("cannot store the event")
    assert kept.records[-1].exc_info is not None
