"""The words for a call's status and direction, translated (one place for the list, the details and export).

Written with ``QCoreApplication.translate`` and literal strings so ``pyside6-lupdate`` finds them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.models import CallStatus, Direction


def status_text(status: CallStatus, *, unknown: bool = False) -> str:
    """The status word; ``unknown``: a live call whose end never arrived (no news for hours,
    :meth:`app.services.history.CallHistory.outcome_unknown`) reads "Outcome unknown", never "Ringing"."""
    if unknown and status.is_live:
        return QCoreApplication.translate("CallWords", "Outcome unknown")
    texts = {
        CallStatus.RINGING: QCoreApplication.translate("CallWords", "Ringing"),
        CallStatus.TALKING: QCoreApplication.translate("CallWords", "Talking"),
        CallStatus.ANSWERED: QCoreApplication.translate("CallWords", "Answered"),
        CallStatus.MISSED: QCoreApplication.translate("CallWords", "Missed"),
        CallStatus.BUSY: QCoreApplication.translate("CallWords", "Busy"),
        CallStatus.UNAVAILABLE: QCoreApplication.translate("CallWords", "Unavailable"),
        CallStatus.BARRED: QCoreApplication.translate("CallWords", "Barred"),
        CallStatus.CANCELLED: QCoreApplication.translate("CallWords", "Cancelled"),
        CallStatus.FAILED: QCoreApplication.translate("CallWords", "Failed"),
    }
    return texts[status]


def direction_text(direction: Direction | None) -> str:
    if direction is Direction.IN:
        return QCoreApplication.translate("CallWords", "Incoming")
    if direction is Direction.OUT:
        return QCoreApplication.translate("CallWords", "Outgoing")
    if direction is Direction.INTERNAL:
        return QCoreApplication.translate("CallWords", "Internal")
    return ""
