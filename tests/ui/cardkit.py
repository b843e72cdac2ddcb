"""Shared set-up for card tests: a real context and runtime (its hub and tracker), and provider-like events."""

from __future__ import annotations

from datetime import timedelta

from app.config.settings import AccountSettings, Provider
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.runtime import Runtime
from app.services.calls import CallTracker
from app.services.context import Context
from app.services.hub import CallHub


def open_context(user: str = "andy") -> Context:
    context = Context.open()
    context.settings.accounts = [AccountSettings(id="office", provider=Provider.CLOUDPBX, user=user)]
    return context


def open_runtime(user: str = "andy") -> Runtime:
    """A runtime over :func:`open_context`, not started (no receiver, no outbound services)."""
    return Runtime(open_context(user))


def tracker_for(context: Context) -> CallTracker:
    return CallTracker(context.calls, CallHub())


def event(
    call_id: str,
    kind: EventKind,
    agent: str = "andy",
    phone: str = "+48777888999",
    status: CallStatus | None = None,
    seconds: int = 0,
    **extra: object,
) -> CallEvent:
    return CallEvent(
        account="office",
        call_id=call_id,
        kind=kind,
        at=utcnow() + timedelta(seconds=seconds),
        direction=Direction.IN,
        phone=phone,
        line="+48221234567",
        agent=agent,
        status=status,
        raw=(("cmd", kind.value), ("user", agent), ("n", str(seconds))),
        **extra,  # type: ignore[arg-type]
    )
