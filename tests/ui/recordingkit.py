"""One answered call with a recording at a test server, and a recordings service over it (player tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config.settings import AccountSettings, Provider, Role
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.providers.base import ProviderClient, client_for
from app.services.context import Context
from app.services.recordings import RecordingService
from app.store.recordings import RecordingStore


@dataclass(frozen=True)
class RecordedCall:
    context: Context
    service: RecordingService
    client: ProviderClient
    url: str  # where the recording is


def recorded_call(base: str, cache: Path, call_id: str, *, duration_s: int) -> RecordedCall:
    """Agent andy's answered call ``call_id`` on a sandbox account at ``base``, its recording at
    ``{base}/records/{call_id}.wav``, and a recordings service caching into ``cache``."""
    context = Context.open()
    account = AccountSettings("demo", Provider.SANDBOX, base_url=base, user="andy")
    context.settings.accounts.append(account)
    context.settings.general.role = Role.AGENT
    context.db.ensure_account("demo", "sandbox")
    at = utcnow()
    url = f"{base}/records/{call_id}.wav"
    context.calls.ingest(
        CallEvent(
            "demo",
            call_id,
            EventKind.SUMMARY,
            at,
            started_at=at,
            direction=Direction.IN,
            status=CallStatus.ANSWERED,
            phone="+48601234567",
            agent="andy",
            duration_s=duration_s,
            recording_url=url,
        )
    )
    client = client_for(account, context.secrets)
    service = RecordingService(context.settings, {"demo": client}, context.calls, RecordingStore(context.db), cache)
    return RecordedCall(context, service, client, url)
