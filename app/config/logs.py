"""Logging: a rotating file in the log folder, with secrets redacted from every line.

Redaction works two ways, so that neither a new code path nor a provider's echo can leak a secret:
every secret value the app reads is registered (:func:`redact_value`) and replaced wherever it appears,
and well-known secret fields (``token=``, ``crm_token=``, ``abonent_api_key=``, ``api_key=``,
``Authorization: Bearer …``, the TeleDiscount webhook path secret, the secret of a hub user's token
``rd1.<login>.<secret>``) are masked by pattern.

Repeats are collapsed (:class:`RepeatFilter`): one failure repeated thousands of times a second (a full
disk, descriptors exhausted by a connection flood) once wrote 62 MB of tracebacks to stderr and rotated
every earlier line out of the log. Now the first few of a kind per minute pass, then one line says how
many were suppressed, and a repeated error's traceback is written once an hour.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MASK = "***"
_PATTERNS = [
    re.compile(
        r"(?i)((?:crm_token|token|abonent_api_key|api_key|panel_api_key|webhook_secret)[\"']?\s*[=:]\s*[\"']?)"
        r"([^&\s\"',}]+)"
    ),
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?bearer\s+)([^\s\"',}]+)"),
    re.compile(r"(/hooks/[^/\s]+/)([^/\s]{8,})(/(?:income|call_finished))"),
    re.compile(r"\b(rd1\.[a-z0-9_-]{1,32}\.)([A-Za-z0-9_-]{8,})"),  # a hub user's token: the login stays readable
]
_known: set[str] = set()
_lock = threading.Lock()


def redact_value(value: str) -> None:
    """Register a secret so it is masked in every later log line (values under 6 characters are too
    common to mask safely and are left to the patterns)."""
    if value and len(value) >= 6:
        with _lock:
            _known.add(value)


def redact(text: str) -> str:
    """``text`` with every registered secret and every secret-looking field masked."""
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK + (m.group(3) if m.lastindex == 3 else ""), text)
    if _known:
        with _lock:
            values = sorted(_known, key=len, reverse=True)
        for value in values:
            if value in text:
                text = text.replace(value, MASK)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then masks secrets in the whole line (message, arguments and traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


# Loggers whose every line is the point: the access log writes one line per request with one format string.
UNLIMITED = frozenset({"ringdesk.server.access"})
_DECIDED = "ringdesk_repeat_decided"  # set on a record once judged, so every handler shows the same lines
_Key = tuple[str, str, str]


@dataclass(slots=True)
class _Window:
    start: float
    level: int
    sample: str
    seen: int = 0
    suppressed: int = 0


class RepeatFilter(logging.Filter):
    """Collapses repeated records: the same logger, format string and exception type make one kind.

    Of each kind, the first :attr:`BURST` records in a :attr:`WINDOW_S` window pass and the rest are counted;
    when the window is over, one line at the same level says ``N similar messages suppressed in the last
    60 s: <message>``, written before the next record of any kind (a flood that stopped is still summed up).
    A passing record of an error already written with its traceback within :attr:`TRACEBACK_EVERY_S`
    loses the traceback. Records below INFO and the :data:`UNLIMITED` loggers are not limited.

    One instance serves all the app's handlers: a record is judged once, so the file and the console show
    the same lines and nothing is counted twice.
    """

    BURST = 5
    WINDOW_S = 60.0
    TRACEBACK_EVERY_S = 3600.0
    MAX_KINDS = 1024

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self._windows: dict[_Key, _Window] = {}  # in the order their windows started
        self._traced: dict[_Key, float] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        decided = record.__dict__.get(_DECIDED)
        if decided is not None:
            return bool(decided)
        if record.levelno < logging.INFO or record.name in UNLIMITED:
            record.__dict__[_DECIDED] = True
            return True
        now = self.clock()
        key = _kind(record)
        with self._lock:
            due = self._ended(now)
            window = self._windows.get(key)
            if window is None:
                window = self._windows[key] = _Window(now, record.levelno, _sample(record))
                self._bound()
            window.seen += 1
            passes = window.seen <= self.BURST
            window.suppressed += not passes
            strip = False
            if passes and record.exc_info:
                traced = self._traced.get(key)
                strip = traced is not None and now - traced < self.TRACEBACK_EVERY_S
                if not strip:
                    self._traced[key] = now
        for ended_key, ended in due:
            _announce(ended_key[0], ended)
        record.__dict__[_DECIDED] = passes
        if strip:
            record.exc_info = None
            record.exc_text = None
        return passes

    def _ended(self, now: float) -> list[tuple[_Key, _Window]]:
        """Remove the windows that are over (they are first: kept in start order); those that suppressed
        something are returned, to be announced."""
        ended: list[tuple[_Key, _Window]] = []
        for key, window in list(self._windows.items()):
            if now - window.start < self.WINDOW_S:
                break
            del self._windows[key]
            if window.suppressed:
                ended.append((key, window))
        return ended

    def _bound(self) -> None:
        """Keep memory bounded when messages are built by hand (every text its own kind)."""
        while len(self._windows) > self.MAX_KINDS:
            del self._windows[next(iter(self._windows))]
        while len(self._traced) > self.MAX_KINDS:
            del self._traced[next(iter(self._traced))]


def _kind(record: logging.LogRecord) -> _Key:
    exc_type = record.exc_info[0] if record.exc_info and record.exc_info[0] else None
    msg = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
    return (record.name, msg, exc_type.__qualname__ if exc_type else "")


def _sample(record: logging.LogRecord) -> str:
    """The kind's format string, first line, shortened (its arguments may vary; the formatter redacts it)."""
    text = str(record.msg).strip().splitlines()[0] if str(record.msg).strip() else "(empty message)"
    return text if len(text) <= 160 else text[:159] + "…"


def _announce(name: str, window: _Window) -> None:
    logger = logging.getLogger(name)
    record = logger.makeRecord(
        name,
        window.level,
        "(logging)",
        0,
        "%d similar messages suppressed in the last %d s: %s",
        (window.suppressed, round(RepeatFilter.WINDOW_S), window.sample),
        None,
    )
    record.__dict__[_DECIDED] = True
    logger.handle(record)


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log file; when writing fails (the disk is full, no descriptor left), says so on stderr at most once
    a minute instead of a traceback per record."""

    _last_error = -1e9

    def handleError(self, record: logging.LogRecord) -> None:
        now = time.monotonic()
        if now - self._last_error < RepeatFilter.WINDOW_S:
            return
        self._last_error = now
        error = sys.exc_info()[1]
        if logging.raiseExceptions and sys.stderr:
            sys.stderr.write(f"ringdesk: cannot write the log file {self.baseFilename}: {error}\n")


def setup(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Send the app's logs to ``ringdesk.log`` (5 MiB × 3) and, if asked, to stderr. Returns the file."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "ringdesk.log"
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_ringdesk", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = _LogFile(log_file, maxBytes=5 * 1024 * 1024, backupCount=3, encoding="utf-8")
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    repeats = RepeatFilter()
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(repeats)
        handler._ringdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return log_file
