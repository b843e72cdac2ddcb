"""Offering a call's recording to a player without downloading it until the user presses play.

Why lazily: an agent arrowing through the history would otherwise download every recording passed. Why no
task of its own: :meth:`RecordingPlayer.follow` accepts a fetch that has no byte yet (its follower starts
playback when the first bytes land), so pressing ▶ hands the fetch over at once and moving on to another
call (which clears the player) also stops following it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.core.errors import Problem
from app.ui.player.widget import RecordingPlayer
from app.ui.problems import problem_text

if TYPE_CHECKING:
    from app.services.recordings import RecordingService


def offer_call_recording(
    player: RecordingPlayer, recordings: RecordingService | None, account: str, call_id: str, url: str
) -> None:
    """Prepare ``player`` for a call's recording, fetched (through the cache) when the user presses play.

    With the recordings service the file is cached and played while it downloads; without one (no runtime,
    e.g. screenshots) the player streams the provider's link directly.
    """

    def load() -> None:
        if recordings is None:
            player.set_url(url, autoplay=True)
            return
        try:
            fetch = recordings.fetch(account, call_id)
        except Problem as problem:
            player.clear(problem_text(problem))
            return
        player.follow(fetch, autoplay=True)

    message = QCoreApplication.translate("RecordingPlayer", "Press Space or ▶ to play the recording.")
    player.offer((account, call_id), load, message)
