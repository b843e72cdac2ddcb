"""What the tray tells an agent: whether calls arrive, and what is wrong in words — never a port number or a
request counter (those are in Settings and ``ringdesk doctor``). A spent TeleCube budget is still a problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from app.config.settings import AccountSettings, Provider
from app.core.models import utcnow
from app.services.budget import BudgetStatus
from app.services.context import Context
from app.ui.health import HealthWatch
from app.ui.icons import TrayState


@dataclass
class FakeBudget:
    status_now: BudgetStatus

    def status(self) -> BudgetStatus:
        return self.status_now


@dataclass
class FakeOutbound:
    budgets: dict[str, FakeBudget] = field(default_factory=dict)
    unavailable: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeAddress:
    host: str = "127.0.0.1"
    port: int = 37345


@dataclass
class FakeRuntime:
    """The parts of :class:`app.runtime.Runtime` the health watch reads."""

    address: FakeAddress | None = field(default_factory=FakeAddress)
    outbound: FakeOutbound = field(default_factory=FakeOutbound)
    sync: None = None
    hub_account: None = None
    hub_link: None = None


def watch(runtime: FakeRuntime) -> HealthWatch:
    context = Context.open()
    context.settings.accounts = [
        AccountSettings(id="cube", provider=Provider.TELECUBE, name="Biuro"),
        AccountSettings(id="office", provider=Provider.CLOUDPBX, name="Office"),
    ]
    return HealthWatch(context, runtime)  # type: ignore[arg-type]


def budget(used: int, resumes_in: timedelta | None = None) -> FakeBudget:
    resumes = utcnow() + resumes_in if resumes_in is not None else None
    return FakeBudget(BudgetStatus(used, 1000, used, 20000, resumes))


def test_receiving_calls_says_no_port_and_no_counter(qapp: Any) -> None:
    runtime = FakeRuntime(outbound=FakeOutbound({"cube": budget(4)}))
    health = watch(runtime).assess()
    assert health.state is TrayState.CONNECTED
    assert health.detail == "Receiving calls"
    assert "37345" not in health.detail and "996" not in health.detail and "port" not in health.detail


def test_a_spent_budget_is_a_problem_in_plain_words(qapp: Any) -> None:
    runtime = FakeRuntime(outbound=FakeOutbound({"cube": budget(1000, timedelta(hours=3))}))
    health = watch(runtime).assess()
    assert health.state is TrayState.DEGRADED
    assert health.detail.startswith("Biuro: TeleCube's daily limit is used up: calls and history through it pause")
    assert "request" not in health.detail and "1000" not in health.detail and "1 000" not in health.detail


def test_not_receiving_says_so_without_the_receiver_or_a_port(qapp: Any) -> None:
    runtime = FakeRuntime(address=None, outbound=FakeOutbound({"cube": budget(4)}))
    health = watch(runtime).assess()
    assert health.state is TrayState.OFFLINE
    assert health.detail == "Not receiving calls"


def test_many_troubled_accounts_are_counted_with_a_plural(qapp: Any) -> None:
    from app.core.errors import ConfigError
    from app.ui import i18n

    runtime = FakeRuntime(
        outbound=FakeOutbound(unavailable={f"a{n}": ConfigError(f"No key for a{n}.") for n in range(4)})
    )
    i18n.install("en", qapp)
    health = watch(runtime).assess()
    assert health.detail.splitlines() == [
        "a0: No key for a0.",
        "a1: No key for a1.",
        "…and 2 more accounts with problems",
    ]
