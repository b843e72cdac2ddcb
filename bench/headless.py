"""The environment every benchmark runs in: headless, no keyring, and Qt's known platform chatter counted
instead of printed.

:func:`prepare` must run before PySide6 is imported (Qt reads these variables when it loads):

- ``QT_QPA_PLATFORM=offscreen`` unless the caller chose a platform (a real display, to compare);
- logging off for the categories in :data:`QUIET_CATEGORIES` only: the offscreen plugin's notes
  (``qt.qpa.*``) and QtMultimedia saying it found no PipeWire (it falls back; nothing plays in a benchmark);
- ``PYTHON_KEYRING_BACKEND`` = keyring's null backend unless set: a benchmark never reads or writes the user's
  keyring (they use :class:`~app.config.secrets.MemorySecretStore`; this covers any path that forgets).

The offscreen plugin also prints *uncategorised* warnings for what it cannot do — listed exactly in
:data:`HARMLESS` — which no logging rule can single out (``default.warning=false`` would hide every other
warning too). :class:`QtChatter`, a Qt message handler, drops exactly those and counts them, so the count can be
printed as a note; every other Qt message still reaches stderr, formatted as Qt would. Only for a process
with no media player (see :mod:`app.ui.alerts`: a Python message handler can freeze ``QMediaPlayer.stop``):
``ring_to_card`` uses it; for the history window (which has a recording player) ``python -m bench`` drops the
same exact lines from the benchmark's stderr instead (:func:`harmless`).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import Any

NULL_KEYRING = "keyring.backends.null.Keyring"
QUIET_CATEGORIES = ("qt.qpa.*", "qt.multimedia.symbolsresolver")
HARMLESS = frozenset(
    {
        "This plugin does not support raise()",  # every card shown (QPlatformWindow::raise)
        "This plugin does not support propagateSizeHints()",  # the history window's layouts
    }
)


def prepare(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Set the variables above in ``environ`` (default ``os.environ``), keeping what the caller chose."""
    env: Any = os.environ if environ is None else environ
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    rules = [rule for rule in env.get("QT_LOGGING_RULES", "").split(";") if rule]
    for category in QUIET_CATEGORIES:
        if not any(rule.startswith(category + "=") for rule in rules):
            rules.append(f"{category}=false")
    env["QT_LOGGING_RULES"] = ";".join(rules)
    env.setdefault("PYTHON_KEYRING_BACKEND", NULL_KEYRING)
    return env


def harmless(line: str) -> bool:
    """Whether a line of a benchmark's stderr is one of the :data:`HARMLESS` platform warnings."""
    return line.rstrip("\r\n") in HARMLESS


class QtChatter:
    """A Qt message handler that drops and counts the :data:`HARMLESS` messages and passes on the rest."""

    def __init__(self) -> None:
        self.dropped: Counter[str] = Counter()
        self._previous: Any = None

    def install(self) -> QtChatter:
        from PySide6.QtCore import qInstallMessageHandler

        self._previous = qInstallMessageHandler(self._handle)
        return self

    def uninstall(self) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(self._previous)

    def note(self) -> str:
        """What was dropped, for a figure's note ("" when nothing was)."""
        return "; ".join(f"{count}× Qt “{message}” dropped" for message, count in self.dropped.items())

    def _handle(self, kind: Any, context: Any, message: str) -> None:
        if message in HARMLESS:
            self.dropped[message] += 1
            return
        if self._previous is not None:
            self._previous(kind, context, message)
            return
        from PySide6.QtCore import qFormatLogMessage

        sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")
