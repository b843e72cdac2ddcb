"""Qt's own chatter kept off the terminal: FFmpeg's stream dumps and the multimedia library probes.

Why: Qt's FFmpeg backend prints ``Input #0, wav, from '…'`` with every stream of every recording opened,
and ``qt.multimedia.symbolsresolver`` warns about each optional library it did not find (PipeWire, VA-API),
on every start. Measured: the stream dump is gated by an info category under ``qt.multimedia.ffmpeg.*`` (not
by FFmpeg's own log level), the library probes are that one category's warnings. They told an agent
nothing, landed in journald and in the test output. Other warnings and errors still pass.

Rules set here rank below ``QT_LOGGING_RULES`` and ``QT_LOGGING_CONF`` (Qt's documented precedence), so
whoever debugs playback turns them back on with ``QT_LOGGING_RULES="qt.multimedia.*=true"``.
"""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory

QUIET_RULES = "\n".join(
    [
        "qt.multimedia.*.info=false",
        "qt.multimedia.*.debug=false",
        # Optional libraries Qt probes for (PipeWire, VA-API video decoding), one warning each per start:
        # playback falls back without them, and the doctor reports the audio stack that matters.
        "qt.multimedia.symbolsresolver.warning=false",
    ]
)


def quiet_multimedia() -> None:
    """Silence Qt Multimedia's informational lines for this process (idempotent)."""
    QLoggingCategory.setFilterRules(QUIET_RULES)
