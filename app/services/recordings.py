"""Call recordings: fetched once into a content-addressed, size-capped LRU cache, playable while fetching.

Why stream to a ``.part`` file: a 20-minute WAV is ~20 MB; the player opens the partial file as soon as
the first bytes are there (``RecordingFetch.partial_path``, told by :meth:`RecordingFetch.listen`) instead
of waiting for the whole download. When the download ends the file is renamed to ``<sha256><ext>`` (the
extension from the provider's media type), recorded in the index and the cache is trimmed to
``cache_max_mb`` by evicting the least recently played files. So the partial file vanishes when the fetch
ends: a reader that opens it late finds nothing and must go by ``done`` — the rename and the resolution of
``done`` happen in one step of the event loop, never with an ``await`` between them.

Why retry 404: Cloud PBX sends the recording link in ``history`` before the file exists; a link that
answers 404 (or a passing 5xx) is retried with growing pauses for ``not_ready_window_s``.

Safety: only http(s) links, only to the provider's host or the link's own host (no redirect elsewhere),
never into a local network the account is not in (:mod:`app.providers.linkguard`), only audio (``audio/*``:
a web page or an unlabelled body is no recording, and no provider documents another type), at most
``max_bytes``, within a time budget that grows with the bytes received (:mod:`app.services.download_budget`:
a one-byte-a-second drip is stopped). Who may fetch what follows the role setting: an agent gets the
recordings of their own calls (the call's agent is the account's ``user``), a supervisor everyone's.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.config.settings import Role, Settings
from app.core.errors import (
    QT_TRANSLATE_NOOP,
    InvalidRequest,
    NotPermitted,
    Problem,
    ProviderError,
    StorageError,
    Unavailable,
)
from app.core.models import Recording
from app.providers.base import Capability, ProviderClient
from app.services.download_budget import DEFAULT_BUDGET, DownloadBudget
from app.services.sync import Backoff
from app.store.calls import CallStore
from app.store.recordings import RecordingStore

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024 * 1024
NOT_READY_BACKOFF = Backoff(base_s=2.0, max_s=60.0, jitter=0.3)
NOT_AUDIO_HINT = QT_TRANSLATE_NOOP("Problem", "The link may lead to a web page or may have expired.")
_EXTENSIONS = {
    "audio/mpeg": ".mp3",
    "audio/mp3": ".mp3",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/wave": ".wav",
    "audio/ogg": ".ogg",
    "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a",
    "audio/aac": ".aac",
    "audio/webm": ".webm",
    "audio/flac": ".flac",
}


@dataclass(eq=False)
class RecordingFetch:
    """One recording on its way: where the partial file is, how far it got, and the finished result.

    ``received`` is how many bytes ``partial_path`` holds now (back to 0 when a retry starts the file
    again). ``ready`` is set while it holds some, and once the fetch ended (from the cache: at once).
    ``done`` always resolves: to the cached :class:`Recording` or to the error that stopped the download.
    Listeners (:meth:`listen`) are called after every chunk written, when a retry empties the file and once
    ``done`` is resolved — so a player can start on the first bytes without polling.
    """

    account: str
    call_id: str
    partial_path: Path
    done: asyncio.Future[Recording]
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    received: int = 0
    total: int | None = None
    media_type: str = ""
    from_cache: bool = False

    _listeners: list[Callable[[], None]] = field(default_factory=list, init=False, repr=False)

    @property
    def progress(self) -> float | None:
        """0…1 when the size is known."""
        return None if not self.total else min(1.0, self.received / self.total)

    def listen(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback()`` whenever the partial file or the outcome changes; returns the way to stop."""
        self._listeners.append(callback)

        def stop() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)

        return stop

    def changed(self) -> None:
        """Tell the listeners (the downloader calls this; a listener's bug never stops the download)."""
        for callback in list(self._listeners):
            try:
                callback()
            except Exception:
                log.exception("recording %s/%s: a listener failed", self.account, self.call_id)


class RecordingService:
    def __init__(
        self,
        settings: Settings,
        clients: Mapping[str, ProviderClient] | Callable[[str], ProviderClient],
        calls: CallStore,
        store: RecordingStore,
        cache_dir: Path,
        *,
        max_bytes: int = MAX_BYTES,
        not_ready_window_s: float = 600.0,
        backoff: Backoff = NOT_READY_BACKOFF,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        budget: DownloadBudget = DEFAULT_BUDGET,
    ) -> None:
        self.settings = settings
        self._clients = clients
        self.calls = calls
        self.store = store
        self.cache_dir = cache_dir
        self.max_bytes = max_bytes
        self.not_ready_window_s = not_ready_window_s
        self.backoff = backoff
        self._sleep = sleep
        self.budget = budget
        self._inflight: dict[tuple[str, str], RecordingFetch] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def cache_limit_bytes(self) -> int:
        return max(1, self.settings.recordings.cache_max_mb) * 1024 * 1024

    def _client(self, account: str) -> ProviderClient:
        return self._clients(account) if callable(self._clients) else self._clients[account]

    # -- the API --------------------------------------------------------------------------------------
    async def get(self, account: str, call_id: str, *, checked: bool = False) -> Recording:
        """The recording of a call, from the cache or downloaded (waiting for the whole file)."""
        return await self.fetch(account, call_id, checked=checked).done

    def fetch(self, account: str, call_id: str, *, checked: bool = False) -> RecordingFetch:
        """Start (or join) fetching a call's recording; returns at once. Permission is checked first, by this
        desktop's role — unless ``checked``: the caller decided already (the team hub, by the requesting
        user's identities; the hub's own ``role`` setting means nothing there)."""
        client = self._client(account)
        client.require(Capability.RECORDINGS)
        call = self.calls.get(account, call_id)
        if call is None:
            raise Problem(f"No call {call_id} in the history of {account}.")
        if not checked and self.settings.general.role is not Role.SUPERVISOR and not client.is_me(call.agent):
            raise NotPermitted(
                QT_TRANSLATE_NOOP("Problem", "Agents may play the recordings of their own calls only."),
                hint=QT_TRANSLATE_NOOP(
                    "Problem", "A supervisor role (Settings › General) gives access to all recordings."
                ),
            )
        loop = asyncio.get_running_loop()
        cached = self._cached(account, call_id)
        if cached is not None:
            fetch = RecordingFetch(
                account,
                call_id,
                Path(cached.path),
                loop.create_future(),
                received=cached.size or 0,
                total=cached.size,
                media_type=cached.media_type,
                from_cache=True,
            )
            fetch.ready.set()
            fetch.done.set_result(cached)
            return fetch
        key = (account, call_id)
        if key in self._inflight:
            return self._inflight[key]
        digest = hashlib.sha1(f"{account}/{call_id}".encode()).hexdigest()
        fetch = RecordingFetch(account, call_id, self.cache_dir / f"{digest}.part", loop.create_future())
        self._inflight[key] = fetch
        task = loop.create_task(self._download(client, fetch, call.recording_url or ""), name=f"recording-{call_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return fetch

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- the cache ------------------------------------------------------------------------------------
    def _cached(self, account: str, call_id: str) -> Recording | None:
        known = self.store.get(account, call_id)
        if known is None or not known.path or not Path(known.path).is_file():
            return None
        self.store.touch(account, call_id)
        return known

    def _evict(self, keep: str) -> None:
        """Delete least recently used files until the cache fits its cap (never the file just fetched)."""
        files = self.store.files()
        total = sum(f.size for f in files)
        for item in files:
            if total <= self.cache_limit_bytes:
                break
            if item.sha256 == keep:
                continue
            path = Path(item.path)
            if path.parent == self.cache_dir:
                path.unlink(missing_ok=True)
            self.store.forget_file(item.sha256)
            total -= item.size
            log.info("recordings cache: evicted %s (%d bytes)", path.name, item.size)

    # -- downloading ----------------------------------------------------------------------------------
    async def _download(self, client: ProviderClient, fetch: RecordingFetch, url: str) -> None:
        try:
            recording = await self._download_with_retries(client, fetch, url)
        except asyncio.CancelledError:
            fetch.done.cancel()
            fetch.partial_path.unlink(missing_ok=True)
            raise
        except Exception as exc:  # a Problem, or e.g. a connection dropped mid-body: done must resolve anyway
            if not isinstance(exc, Problem):
                log.warning("%s/%s: recording download failed: %r", fetch.account, fetch.call_id, exc)
            fetch.partial_path.unlink(missing_ok=True)
            fetch.done.set_exception(exc)
        else:
            fetch.done.set_result(recording)
        finally:
            self._inflight.pop((fetch.account, fetch.call_id), None)
            fetch.ready.set()
            fetch.changed()
        if not fetch.done.cancelled():
            fetch.done.exception()  # mark retrieved: a fetch nobody awaits must not log "never retrieved"

    async def _download_with_retries(self, client: ProviderClient, fetch: RecordingFetch, url: str) -> Recording:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.not_ready_window_s
        failures = 0
        while True:
            try:
                return await self._download_once(client, fetch, url)
            except (InvalidRequest, Unavailable) as exc:
                failures += 1
                retryable = isinstance(exc, Unavailable) or exc.status == 404
                pause = self.backoff.delay(failures)
                if not retryable or loop.time() + pause > deadline:
                    if retryable:
                        raise Unavailable(
                            QT_TRANSLATE_NOOP("Problem", "The recording is not available yet."),
                            hint=QT_TRANSLATE_NOOP(
                                "Problem", "The provider may still be writing it; try again in a few minutes."
                            ),
                            account=fetch.account,
                            status=exc.status,
                        ) from exc
                    raise
                log.info(
                    "%s/%s: recording not ready (%s); retrying in %.1f s",
                    fetch.account,
                    fetch.call_id,
                    exc.message,
                    pause,
                )
                await self._sleep(pause)

    async def _download_once(self, client: ProviderClient, fetch: RecordingFetch, url: str) -> Recording:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        if fetch.received:  # a retry: the file starts again
            fetch.received = 0
            fetch.ready.clear()
            fetch.changed()
        started = asyncio.get_running_loop().time()
        try:
            async with asyncio.timeout_at(self.budget.deadline(started, 0)) as budget:
                async with client.open_recording(fetch.call_id, url or None) as download:
                    fetch.media_type, fetch.total = download.media_type, download.size
                    _require_audio(fetch)
                    if fetch.total is not None and fetch.total > self.max_bytes:
                        raise _too_big(fetch, self.max_bytes)
                    with open(fetch.partial_path, "wb") as out:
                        async for chunk in download.chunks():
                            fetch.received += len(chunk)
                            if fetch.received > self.max_bytes:
                                raise _too_big(fetch, self.max_bytes)
                            digest.update(chunk)
                            out.write(chunk)
                            out.flush()
                            fetch.ready.set()
                            fetch.changed()
                            budget.reschedule(self.budget.deadline(started, fetch.received))
        except TimeoutError as exc:  # the budget ran out (httpx's own time-outs are not TimeoutError)
            raise _too_slow(fetch, asyncio.get_running_loop().time() - started) from exc
        except OSError as exc:
            raise StorageError(
                QT_TRANSLATE_NOOP("Problem", "Cannot write the recording to {folder}: {reason}"),
                fields={"folder": self.cache_dir, "reason": exc.strerror or exc},
            ) from exc
        return self._finish(fetch, digest.hexdigest(), url)

    def _finish(self, fetch: RecordingFetch, sha256: str, url: str) -> Recording:
        final = self.cache_dir / f"{sha256}{_extension(fetch.media_type, url)}"
        if final.exists():
            fetch.partial_path.unlink(missing_ok=True)
        else:
            os.replace(fetch.partial_path, final)
        recording = Recording(fetch.account, fetch.call_id, url, fetch.media_type, fetch.received, sha256, str(final))
        self.store.save(recording)
        self._evict(keep=sha256)
        return recording


def _require_audio(fetch: RecordingFetch) -> None:
    """Keep only what says it is audio: a login page or an admin console is not a recording to store."""
    if fetch.media_type.lower().startswith("audio/"):
        return
    if not fetch.media_type:
        raise InvalidRequest(
            QT_TRANSLATE_NOOP("Problem", "The recording link did not say what it sent, so Ringdesk did not keep it."),
            hint=NOT_AUDIO_HINT,
            account=fetch.account,
        )
    raise InvalidRequest(
        QT_TRANSLATE_NOOP(
            "Problem", "The recording link answered with “{media_type}”, not with audio, so Ringdesk did not keep it."
        ),
        hint=NOT_AUDIO_HINT,
        fields={"media_type": fetch.media_type},
        account=fetch.account,
    )


def _too_slow(fetch: RecordingFetch, seconds: float) -> ProviderError:
    """Neither a retryable :class:`Unavailable` nor an :class:`InvalidRequest`: stopped, not retried at once
    (a drip would be fetched again for the whole not-ready window); pressing play again tries again."""
    return ProviderError(
        QT_TRANSLATE_NOOP(
            "Problem",
            "The recording came too slowly ({kib} KiB in {seconds} s), so Ringdesk stopped the download.",
        ),
        hint=QT_TRANSLATE_NOOP("Problem", "The provider's file server or the network is very slow; try again later."),
        fields={"kib": fetch.received // 1024, "seconds": round(seconds)},
        account=fetch.account,
    )


def _too_big(fetch: RecordingFetch, limit: int) -> ProviderError:
    return InvalidRequest(
        f"The recording of call {fetch.call_id} is larger than Ringdesk accepts ({limit / (1024 * 1024):.0f} MiB).",
        account=fetch.account,
    )


def _extension(media_type: str, url: str) -> str:
    if media_type in _EXTENSIONS:
        return _EXTENSIONS[media_type]
    suffix = Path(url.split("?", 1)[0]).suffix.lower()
    return suffix if suffix in set(_EXTENSIONS.values()) else ".bin"
