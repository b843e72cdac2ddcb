"""A standard OpenAPI fuzzer (schemathesis) against the receiver's own ``/openapi.json``, over real HTTP.

Why besides our hypothesis properties: schemathesis reads only the published document, so it checks
that the document and the server agree (every status, content type and body the server answers is one
the document declares) and it generates inputs we did not think of, positive and negative. Half of the
cases are steered to the configured account and its real credentials, so the fuzzer reaches the parsers
and the store instead of stopping at 404/401.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.kit import RECEIVER_CONFIG
from tests.proof.proofkit import ThreadedReceiver

CRM_TOKEN = "fuzz-crm-token-6d5c4b3a"
TD_SECRET = "fuzz-td-secret-9e8d7c6b"
CONFIG = RECEIVER_CONFIG
CASES_PER_OPERATION = 150
# Two checks judge the server by what the schema cannot say. An OpenAPI schema cannot say "cmd=history needs
# a status, a duration and a phone that is a number", so a schema-valid body may rightly get the documented
# 400; and the receiver is tolerant on input by design (providers add fields: providers.md), so a request
# with undocumented extra fields is rightly accepted. Every other check (no 5xx, documented statuses, content
# types, response bodies and headers, Allow on 405) applies.
NOT_EXPRESSIBLE = [checks.positive_data_acceptance, checks.negative_data_rejection]
STATUSES: Counter[tuple[str, int]] = Counter()  # (operation, status) → cases, printed after the module
# One count per operation, so which cases are steered does not depend on the order the operations run in
# (pytest-randomly shuffles them; one shared count flipped every later operation's half after an odd one).
_turns: defaultdict[str, Iterator[int]] = defaultdict(itertools.count)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def report_the_cases_run(request: pytest.FixtureRequest) -> Iterator[None]:
    """After the module's last test, whatever the order: how many cases ran and what they got."""
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if not STATUSES or capture is None:
        return
    with capture.global_and_fixture_disabled():
        print(f"\nschemathesis: {sum(STATUSES.values())} cases")
        for (operation, status), count in sorted(STATUSES.items()):
            print(f"  {operation}: {status} x {count}")


@pytest.fixture
def receiver(ringdesk_home: Path) -> Iterator[ThreadedReceiver]:
    with ThreadedReceiver(
        ringdesk_home, CONFIG, {("office", "crm_token"): CRM_TOKEN, ("td", "webhook_secret"): TD_SECRET}
    ) as running:
        yield running


@pytest.fixture
def published(receiver: ThreadedReceiver) -> Any:
    """The schema as the server publishes it, with the server as the base URL."""
    return schemathesis.openapi.from_url(f"{receiver.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("published")


def steer(case: Any) -> None:
    """Every other case of each operation: the real account and credentials (the rest stay as generated)."""
    if next(_turns[case.operation.label]) % 2:
        return
    params = case.path_parameters or {}
    if "secret" in params:
        params.update(account="td", secret=TD_SECRET)
    elif "account" in params:
        params["account"] = "office"
        if isinstance(case.body, dict):
            case.body["crm_token"] = CRM_TOKEN


@schema.parametrize()
@settings(max_examples=CASES_PER_OPERATION, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_receiver_keeps_every_promise_of_its_openapi_document(case: Any, receiver: ThreadedReceiver) -> None:
    steer(case)
    before = receiver.counts()
    response = case.call(base_url=receiver.url)
    STATUSES[(case.operation.label, response.status_code)] += 1
    case.validate_response(response, excluded_checks=NOT_EXPRESSIBLE)
    assert response.status_code < 500, response.text[:300]
    if response.status_code != 200:
        assert receiver.counts() == before, "a refused request changed the store"
