"""TeleCube's request budget: 1,000 API requests a day and 20,000 a billing period, counted here.

Why we count ourselves: the provider tells us only when it is too late (``403 Request limit has been
exceeded``), and then click-to-call stops working for the rest of the day. So every request is counted
and persisted *before* it is sent (per day and per period, in ``StateStore``, so a restart or a second
Ringdesk process on the same database keeps counting), the automatic traffic (history sync) paces
itself to stay near ``soft_daily`` (300) a day, and at 0 the gate refuses with "resumes at HH:MM".

Assumed where the documents are silent: the day is the Polish calendar day (TeleCube is Polish) and the
billing period is the calendar month, both in Europe/Warsaw time.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.core.errors import QT_TRANSLATE_NOOP, RateLimited
from app.core.models import utcnow
from app.providers.telecube.records import WARSAW
from app.store.state import StateStore

SOFT_DAILY = 300


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    """What the UI shows: requests used and left today and this period, and when a spent budget resumes."""

    used_today: int
    daily_limit: int
    used_period: int
    period_limit: int
    resumes_at: datetime | None  # None while requests are allowed

    @property
    def remaining(self) -> int:
        return max(0, min(self.daily_limit - self.used_today, self.period_limit - self.used_period))


class RequestBudget:
    """A :class:`~app.providers.http.RequestGate` for one TeleCube account."""

    def __init__(
        self,
        state: StateStore,
        account: str,
        *,
        daily_limit: int = 1000,
        period_limit: int = 20000,
        soft_daily: int = SOFT_DAILY,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.state = state
        self.account = account
        self.daily_limit = daily_limit
        self.period_limit = period_limit
        self.soft_daily = min(soft_daily, daily_limit)
        self.now = now

    # -- the gate ------------------------------------------------------------------------------------
    def acquire(self) -> None:
        """Count one request, or refuse it with :class:`RateLimited` when the budget is spent."""
        status = self.status()
        if status.resumes_at is not None:
            raise RateLimited(
                QT_TRANSLATE_NOOP(
                    "Problem",
                    "The TeleCube request budget is spent ({today} of {daily} today, "
                    "{period} of {period_limit} this period): Ringdesk resumes at {when}.",
                ),
                retry_after=max(1.0, (status.resumes_at - self.now()).total_seconds()),
                hint=QT_TRANSLATE_NOOP("Problem", "Calls made meanwhile appear after the next history sync."),
                fields={
                    "today": status.used_today,
                    "daily": status.daily_limit,
                    "period": status.used_period,
                    "period_limit": status.period_limit,
                    "when": _when(status.resumes_at, self.now()),
                },
                account=self.account,
            )
        day, period = self._keys()
        self.state.add(self.account, day, 1)
        self.state.add(self.account, period, 1)

    def provider_refused(self, retry_after: float | None) -> None:
        """TeleCube answered 403: whatever our count says, nothing more today (or until ``retry_after``)."""
        until = self.now() + timedelta(seconds=retry_after) if retry_after else self._day_end()
        self.state.set(self.account, "budget.blocked_until", until.isoformat())

    # -- what the UI and the sync read ---------------------------------------------------------------
    def status(self) -> BudgetStatus:
        day, period = self._keys()
        used_today = int(self.state.get(self.account, day) or 0)
        used_period = int(self.state.get(self.account, period) or 0)
        now = self.now()
        resumes: datetime | None = None
        if used_period >= self.period_limit:
            resumes = self._period_end()
        elif used_today >= self.daily_limit:
            resumes = self._day_end()
        blocked = self.state.get(self.account, "budget.blocked_until")
        if blocked and resumes is None:
            until = datetime.fromisoformat(blocked)
            resumes = until if until > now else None
        return BudgetStatus(used_today, self.daily_limit, used_period, self.period_limit, resumes)

    def sync_interval(self, minimum_s: float, requests_per_run: float = 1.0) -> float:
        """Seconds until the next automatic sync, so that today's automatic traffic stays within
        ``soft_daily`` (less if the period's budget is tighter): the allowance left today spread over
        the hours left today, never more often than ``minimum_s``."""
        status = self.status()
        now = self.now()
        if status.resumes_at is not None:
            return max(minimum_s, (status.resumes_at - now).total_seconds())
        days_left = max(1, math.ceil((self._period_end() - now).total_seconds() / 86400))
        per_day = min(self.soft_daily, (self.period_limit - status.used_period) / days_left + status.used_today)
        allowance = min(per_day, self.daily_limit) - status.used_today
        until_midnight = (self._day_end() - now).total_seconds()
        if allowance < requests_per_run:
            return until_midnight + 1
        return max(minimum_s, until_midnight / (allowance / requests_per_run))

    # -- calendar ------------------------------------------------------------------------------------
    def _local(self) -> datetime:
        return self.now().astimezone(WARSAW)

    def _keys(self) -> tuple[str, str]:
        local = self._local()
        return f"budget.day.{local:%Y-%m-%d}", f"budget.period.{local:%Y-%m}"

    def _day_end(self) -> datetime:
        local = self._local()
        return datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), WARSAW)

    def _period_end(self) -> datetime:
        local = self._local()
        first_next = (local.date().replace(day=1) + timedelta(days=32)).replace(day=1)
        return datetime.combine(first_next, datetime.min.time(), WARSAW)


def _when(moment: datetime, now: datetime) -> str:
    """``HH:MM`` in the user's local time, with the date when it is not today."""
    local, today = moment.astimezone(), now.astimezone()
    return f"{local:%H:%M}" if local.date() == today.date() else f"{local:%H:%M} on {local:%Y-%m-%d}"
