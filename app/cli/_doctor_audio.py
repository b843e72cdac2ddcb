"""``ringdesk doctor``'s sound check, first asking whether Qt Multimedia loads at all, and if not, why.

Why before the child-process probe (:func:`app.cli._doctor_checks.check_audio`): without ``libpulse0``
importing Qt Multimedia fails (``libpulse.so.0: cannot open shared object file``). The app then runs without
sound (:mod:`app.ui.media`), and the doctor must say which library is missing and which package brings it,
not only "install the system packages". Importing the module makes no Qt application object, so this is
safe in any thread and process (pitfalls §13 is about the application object, which the child probe needs
for the devices); it is the same probe the app uses, so the doctor and the app cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.cli._doctor_checks import Check, Level
from app.cli._doctor_checks import check_audio as check_audio_devices
from app.config.settings import Settings

TOPIC = "Audio output"


def check_audio(settings: Settings | None, probe: Callable[[], dict[str, Any]] | None = None) -> Check:
    """Qt Multimedia missing: which library and package; else the backend and device check (``probe``)."""
    try:
        from app.ui.media import audio_stack
    except ImportError:  # Qt itself cannot load: the device check says so in its own words
        return check_audio_devices(settings, probe)
    stack = audio_stack()
    if stack.available:
        return check_audio_devices(settings, probe)
    ring = settings.card.ring_sound if settings else False
    missing = stack.missing
    detail = (
        f"Recordings cannot be played and the ring sound is off: {missing.name} is missing."
        if missing is not None
        else f"Recordings cannot be played and the ring sound is off: Qt Multimedia cannot be loaded ({stack.error})."
    )
    if missing is not None and missing.packages:
        fix = f"Install {missing.packages_text()}, then start Ringdesk again."
    elif missing is not None:
        fix = f"Install the package that provides {missing.name}, then start Ringdesk again."
    else:
        fix = "Install the system packages listed in README › System packages."
    return Check(TOPIC, Level.FAIL if ring else Level.WARN, detail, fix)
