"""Logging: a rotating file in the log folder, with secrets redacted from every line.

Redaction works two ways, so that neither a new code path nor a provider's echo can leak a secret:
every secret value the app reads is registered (:func:`redact_value`) and replaced wherever it appears,
and well-known secret fields (``token=``, ``crm_token=``, ``abonent_api_key=``, ``api_key=``,
``Authorization: Bearer …``, the TeleDiscount webhook path secret, the secret of a hub user's token
``rd1.<login>.<secret>``) are masked by pattern.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
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
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=5 * 1024 * 1024, backupCount=3, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._ringdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return log_file
