"""The recording player, in parts with one job each.

- :mod:`~app.ui.player.widget` — :class:`RecordingPlayer`, the strip of controls, the keyboard and the words;
- :mod:`~app.ui.player.session` — :class:`MediaSession`, QMediaPlayer's lifecycle (queued source changes,
  the user's wish to play, the load watchdog, errors), no widgets;
- :mod:`~app.ui.player.follower` — :class:`DownloadFollower`, which file of a running download to play, and when;
- :mod:`~app.ui.player.slider` — :class:`SeekSlider`, a seek bar that jumps where it is clicked;
- :mod:`~app.ui.player.offer` — :func:`offer_call_recording`, fetch a call's recording only when played.

Other modules import from here (``from app.ui.player import RecordingPlayer, offer_call_recording``).
"""

from app.ui.player.follower import DownloadFollower
from app.ui.player.offer import offer_call_recording
from app.ui.player.session import MediaSession
from app.ui.player.slider import SeekSlider
from app.ui.player.widget import SKIP_MS, SPEEDS, RecordingPlayer

__all__ = [
    "SKIP_MS",
    "SPEEDS",
    "DownloadFollower",
    "MediaSession",
    "RecordingPlayer",
    "SeekSlider",
    "offer_call_recording",
]
