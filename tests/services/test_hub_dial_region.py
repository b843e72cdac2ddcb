"""A desktop joined to a team hub reads a national number in the country of the line it goes out through,
as a standalone desktop does (issue 15, point 13): the caller ID chosen is the line hint through the hub too.

Against the stub hub over real HTTP on 127.0.0.1 (tests/hubstub.py): what the hub is asked to dial is
what the agent meant, and a number no region reads is refused before any request, naming the region.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.config.secrets import MemorySecretStore
from app.config.settings import AccountSettings, Provider
from app.core.errors import InvalidNumber
from app.services.calls import CallTracker
from app.services.context import Context
from app.services.hub import CallHub
from app.services.outbound import OutboundServices
from tests.hubstub import TOKEN, StubHub


@pytest.fixture
async def outbound(stub: StubHub, ringdesk_home: object) -> AsyncIterator[OutboundServices]:
    context = Context.open()
    context.secrets = MemorySecretStore({("team", "token"): TOKEN})
    context.settings.general.region = "PL"
    hub = AccountSettings("team", Provider.HUB, base_url=stub.url, user="anna")
    context.settings.accounts = [hub]
    services = OutboundServices.for_hub(context, CallTracker(context.calls, CallHub()), hub)
    try:
        yield services
    finally:
        await services.stop()
        context.close()


async def test_a_national_number_is_read_in_the_country_of_the_caller_id(
    stub: StubHub, outbound: OutboundServices
) -> None:
    # Region PL, going out through a Moscow line: "8 (910) …" is the Russian trunk prefix, not a Polish number.
    await outbound.dialer.call("8 (910) 123-45-67", caller_id="+74951234567")
    assert stub.dialled == [{"number": "+79101234567", "caller_id": "+74951234567"}]


async def test_without_a_line_the_region_reads_it_and_a_refusal_names_the_region(
    stub: StubHub, outbound: OutboundServices
) -> None:
    await outbound.dialer.call("22 765 43 21")
    assert stub.dialled == [{"number": "+48227654321"}]
    with pytest.raises(InvalidNumber) as refused:
        await outbound.dialer.call("8 (910) 123-45-67")
    assert "read as numbers of PL (+48)" in refused.value.user_text()
    assert len(stub.dialled) == 1  # refused before asking the hub


def test_a_missing_token_is_logged_in_words_a_server_admin_can_act_on(
    ringdesk_home: object, caplog: pytest.LogCaptureFixture
) -> None:
    """``ringdesk serve`` has no Settings dialog: the log names the variable and the keyring entry to set (the
    desktop's dialog still shows its own hint, from :attr:`OutboundServices.unavailable`)."""
    context = Context.open()
    context.secrets = MemorySecretStore({})
    context.settings.accounts = [AccountSettings("office", Provider.CLOUDPBX, base_url="https://x.megapbx.ru")]
    try:
        with caplog.at_level("WARNING", logger="app.services.outbound"):
            services = OutboundServices(context, CallTracker(context.calls, CallHub()))
        [line] = [r.getMessage() for r in caplog.records if r.name == "app.services.outbound"]
        assert "office" in services.unavailable
        assert "Settings ›" not in line
        assert "RINGDESK_SECRET_OFFICE_TOKEN" in line and "keyring set" in line
        assert "Settings › Accounts" in services.unavailable["office"].user_text()  # the dialog's own words
    finally:
        context.close()
