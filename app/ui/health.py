"""How well Ringdesk is connected, in one tray state and a few sentences — and the cheap poll that keeps it current.

Why a poll: the history syncs and the TeleCube budget are plain asyncio services with no signals (they
also run headless in ``ringdesk serve``), and what changes there — a sync failing, a budget running out —
changes at most every few minutes. One repeating ``QTimer`` every :data:`POLL_MS` reads their
statuses (a dictionary walk and, for TeleCube, two key look-ups in SQLite). It runs only while accounts
exist: a fresh install with nothing configured wakes up for nothing.

The state, worst first:
- **offline**: no account yet, the webhook receiver is not running, or — on a desktop joined to a team
  hub — the hub is not connected (no cards can arrive; the tray says since when and why);
- **degraded**: some account has a problem the agent should know about — its key is missing (no
  click-to-call or history), its history sync fails, its TeleCube request budget is spent, or the last
  call placed through it was refused (auth / provider down);
- **connected** otherwise.
What the agent reads is plain: "Receiving calls", or what is wrong in words. No port numbers and no request
counters — those are for whoever sets Ringdesk up, and live in Settings (the accounts page shows the TeleCube
budget used) and in ``ringdesk doctor``. A spent TeleCube budget is still a problem the agent is told about,
in words. A joined desktop's connection changes are pushed by the hub link itself (no poll needed to see a
drop).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.context import Context
from app.ui import formatting, plain
from app.ui.icons import TrayState
from app.ui.problems import problem_text

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.services.budget import RequestBudget
    from app.services.sync import SyncStatus

POLL_MS = 10_000
MAX_PROBLEM_LINES = 3


@dataclass(frozen=True, slots=True)
class Health:
    state: TrayState
    detail: str  # one sentence per line: the state, or the reasons (no ports, no counters)


class HealthWatch(QObject):
    """Assesses the runtime's accounts; :attr:`changed` fires on each poll (the shell re-reads :meth:`assess`)."""

    changed = Signal()

    def __init__(self, context: Context, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runtime = runtime
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.changed.emit)
        self._unlisten: Callable[[], None] | None = None

    @property
    def polling(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Poll while accounts exist (call again after the settings changed); stop otherwise."""
        if self.context.settings.accounts:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
        link = self.runtime.hub_link
        if link is not None and self._unlisten is None:
            self._unlisten = link.listen(lambda _link: self.changed.emit())

    def stop(self) -> None:
        self._timer.stop()
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None

    def assess(self, dial_problems: Mapping[str, str] | None = None) -> Health:
        """The tray state now. ``dial_problems``: per account, why the last call placed through it failed."""
        settings = self.context.settings
        if not settings.accounts:
            return Health(TrayState.OFFLINE, self.tr("No account yet"))
        if self.runtime.hub_account is not None:
            return self._hub_health(dial_problems or {})
        problems = self._problems(dial_problems or {})
        if self.runtime.address is None:
            return Health(TrayState.OFFLINE, _lines([self.tr("Not receiving calls"), *problems]))
        if problems:
            return Health(TrayState.DEGRADED, _lines(problems))
        return Health(TrayState.CONNECTED, self.tr("Receiving calls"))

    def _hub_health(self, dial_problems: Mapping[str, str]) -> Health:
        """A desktop joined to a team hub: connected since when, or not and why (the link retries)."""
        link = self.runtime.hub_link
        problems = self._problems(dial_problems)
        if link is None:  # its token is missing: the reason is among the account problems
            return Health(TrayState.OFFLINE, _lines([self.tr("Not connected to the team hub"), *problems]))
        since = formatting.relative_day_time(link.since) if link.since is not None else ""
        if link.connected:
            line = self.tr("Connected to the team hub since %1").replace("%1", since)
            return Health(TrayState.DEGRADED if problems else TrayState.CONNECTED, _lines([line, *problems]))
        line = self.tr("Not connected to the team hub since %1").replace("%1", since)
        if link.last_error is not None:
            line += ": " + problem_text(link.last_error)
        if not link.stopped:
            line += " " + self.tr("(trying again)")
        return Health(TrayState.OFFLINE, _lines([line, *problems]))

    # -- the sources -------------------------------------------------------------------------------------
    def _problems(self, dial_problems: Mapping[str, str]) -> list[str]:
        """One sentence per troubled account (the first reason found), at most :data:`MAX_PROBLEM_LINES`."""
        found: dict[str, str] = {}
        outbound = self.runtime.outbound
        for account, problem in (outbound.unavailable if outbound is not None else {}).items():
            found.setdefault(account, problem_text(problem))
        for account, status in self._sync_statuses().items():
            if status.last_error is not None:
                found.setdefault(
                    account, self.tr("history sync failed: %1").replace("%1", problem_text(status.last_error))
                )
        for account, budget in self._budgets().items():
            resumes = budget.status().resumes_at
            if resumes is not None:
                found.setdefault(
                    account,
                    self.tr("TeleCube's daily limit is used up: calls and history through it pause until %1").replace(
                        "%1", formatting.relative_day_time(resumes)
                    ),
                )
        for account, text in dial_problems.items():
            found.setdefault(account, text)
        # Isolated: an account named right to left leaves the reason after it in order.
        lines = [f"{plain.isolate(self._name(account))}: {text}" for account, text in found.items()]
        if len(lines) > MAX_PROBLEM_LINES:
            more = len(lines) - MAX_PROBLEM_LINES + 1
            lines = [*lines[: MAX_PROBLEM_LINES - 1], self.tr("…and %n more account(s) with problems", "", more)]
        return lines

    def _sync_statuses(self) -> dict[str, SyncStatus]:
        sync = self.runtime.sync
        return sync.statuses() if sync is not None else {}

    def _budgets(self) -> dict[str, RequestBudget]:
        outbound = self.runtime.outbound
        return dict(outbound.budgets) if outbound is not None else {}

    def _name(self, account_id: str) -> str:
        for account in self.context.settings.accounts:
            if account.id == account_id:
                return account.display_name
        return account_id


def _lines(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line)
