"""Everything the sandbox can be told: credentials, webhook targets, timing and provider quirks.

Why one flat dataclass: the same options arrive from three places (Python callers, the CLI and
``POST /_sandbox/config``), and a flat set of named fields with one validating ``update()`` keeps the
three in step. Defaults are the example values of the provider documents, so the documents' own example
requests work against a fresh sandbox verbatim.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

# Keys seen in the provider documents (docs/providers.md §4): the documents' examples use them.
DOC_CLOUDPBX_TOKEN = "5f317b9f-e86c-41f7-a6fc-c76eb0da0000"
DOC_CRM_TOKEN = "76fsd7tfs-fhjdgdjfsfsk-hfgsdguuuwoeiweyl111"
DOC_TELEDISCOUNT_KEY = "345jf201kmn4bc6r72mn7cvu"
DOC_TELECUBE_KEY = "1234567890abcdefghijklmnoprstuwvxyz"

MAKECALL_ANSWERS = ("empty", "uuid", "CallID")
USER_FORMATS = ("plain", "tenant")


@dataclass
class SandboxConfig:
    """Options of one sandbox. Times are in real seconds unless the name says "simulated"."""

    seed: int = 1
    # Factor applied to the simulated ring/talk phases (0.001: a 120 s call plays in 0.12 s). Durations
    # reported on the wire stay the simulated ones.
    time_scale: float = 1.0
    # Background traffic in calls per real minute (0 = none; the demo uses a few, soak tests 30).
    rate: float = 0.0
    # Providers the background traffic is drawn for.
    traffic_providers: tuple[str, ...] = ("cloudpbx", "telediscount", "telecube")
    # Finished calls generated at start (spread over the last two days) so history pulls have data.
    prefill_calls: int = 60

    # --- Cloud PBX (ITooLabs API) -------------------------------------------------------------------
    cloudpbx_token: str = DOC_CLOUDPBX_TOKEN
    crm_url: str | None = None
    crm_token: str = DOC_CRM_TOKEN
    # How long the PBX waits for the CRM's `contact` answer before ringing the group (public
    # integrations answer within ~1.2 s or the PBX gives up).
    contact_timeout: float = 1.2
    # Route a group-ring call to the `responsible` the CRM names (the cabinet's "route to responsible").
    route_by_responsible: bool = True
    # Some deployments reject a leading "+" in makeCall's phone; we do by default (send digits only).
    accept_plus_in_phone: bool = False
    # makeCall answer body: "empty" (the document), "uuid" or "CallID" (seen in deployments).
    makecall_answer: str = "empty"
    # Outcome of calls placed through makeCall / outcome / web_call: a fixed outcome, or None to draw it.
    click_to_call_outcome: str | None = "answered"
    # `user` on the wire as plain login ("andy") or as "andy@<tenant>" (seen in deployments).
    user_format: str = "plain"
    tenant: str = "ringdesk.megapbx.ru"
    # The document says incoming history is Success only; deployments also send missed ones.
    send_missed_history: bool = True
    # Missed calls carry user=pbx in some deployments.
    missed_user_pbx: bool = False
    # Occasionally send statuses in lower case ("success", "missed"), as some deployments do.
    mixed_status_case: bool = False
    # Send the extra fields public implementations show (direction, ext, group, start, wait...).
    extra_fields: bool = True
    # Share of answered calls followed by a `rating` webhook.
    rating_share: float = 0.2
    # CSV of the history pull: a header line first (deployments differ; off = data lines only).
    history_csv_header: bool = False
    # UTC offset of the history CSV's `start` column (ISO-8601 with offset).
    history_utc_offset_hours: int = 3
    # Recording links answer 404 for this many real seconds after the call ended (as real ones do).
    recording_404_seconds: float = 0.0

    # --- TeleDiscount --------------------------------------------------------------------------------
    telediscount_api_key: str = DOC_TELEDISCOUNT_KEY
    td_income_url: str | None = None
    td_finished_url: str | None = None

    # --- TeleCube / CCRM -----------------------------------------------------------------------------
    telecube_api_key: str = DOC_TELECUBE_KEY
    telecube_login: str = "claudeict"
    telecube_daily_limit: int = 1000
    telecube_period_limit: int = 20000
    # Caller IPs allowed on /publicApi and the panel (None: any).
    telecube_allowed_ips: tuple[str, ...] | None = ("127.0.0.1", "::1")
    # People in the CCRM (the contact book); 2,500 gives three pages.
    contacts: int = 200
    extra_agents: int = 5

    # --- Webhook sender ------------------------------------------------------------------------------
    webhook_timeout: float = 5.0
    webhook_retries: int = 3
    webhook_backoff: float = 1.0
    # Parallel webhook deliveries (and pooled connections): httpcore's pool costs grow with its size,
    # 8 measured fastest here (300-call burst: 1.3 s at 8, 2.0 s at 16, 7 s at 64).
    webhook_concurrency: int = 8

    # --- Bounds (memory must stay flat) --------------------------------------------------------------
    archive_size: int = 5000
    request_log_size: int = 1000
    webhook_log_size: int = 1000
    recording_cache_size: int = 8
    max_active_calls: int = 2000

    def update(self, values: dict[str, Any]) -> list[str]:
        """Set the named options (from JSON/CLI), checking names and types; returns the names changed.

        Raises ``ValueError`` naming the first bad option, so the control API can answer 400 with it.
        """
        known = {f.name: f for f in dataclasses.fields(self)}
        changed: list[str] = []
        staged: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known or name == "seed":
                raise ValueError(f"unknown or read-only option: {name}")
            staged[name] = _coerce(name, getattr(self, name), value)
        dataclasses.replace(self, **staged).validate()  # all or nothing: a bad value changes nothing
        for name, value in staged.items():
            setattr(self, name, value)
            changed.append(name)
        return changed

    def validate(self) -> None:
        """Reject values that would make the simulation meaningless."""
        if self.time_scale < 0 or self.rate < 0:
            raise ValueError("time_scale and rate must be >= 0")
        if self.makecall_answer not in MAKECALL_ANSWERS:
            raise ValueError(f"makecall_answer must be one of {MAKECALL_ANSWERS}")
        if self.user_format not in USER_FORMATS:
            raise ValueError(f"user_format must be one of {USER_FORMATS}")
        for name in ("archive_size", "request_log_size", "webhook_log_size", "recording_cache_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1")

    def public(self) -> dict[str, Any]:
        """The options as JSON-friendly values (for ``GET /_sandbox/state``)."""
        data = dataclasses.asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data


def _coerce(name: str, current: Any, value: Any) -> Any:
    """Convert a JSON/CLI value to the type of the option's current value (None allowed for URLs)."""
    if value is None:
        if name.endswith("_url") or name in ("click_to_call_outcome", "telecube_allowed_ips"):
            return None
        raise ValueError(f"{name} may not be null")
    if isinstance(current, bool):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if isinstance(current, int) and not isinstance(current, bool):
        return int(value)
    if isinstance(current, float):
        return float(value)
    if isinstance(current, tuple) or name == "telecube_allowed_ips":
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        return tuple(str(v) for v in value)
    return str(value)
