"""A provider answering JSON nested a thousand levels deep gets a clear "cannot read" problem, not a crash
(``RecursionError`` is not a ``ValueError``)."""

from __future__ import annotations

import httpx
import pytest

from app.providers.cloudpbx.client import _call_id_of
from app.providers.http import loads_lenient

DEEP = "[" * 1000 + "]" * 1000
DEEP_WITH_TRAILING_COMMA = '{"a": ' + "[" * 1000 + "]" * 1000 + ",}"


@pytest.mark.parametrize("text", [DEEP, DEEP_WITH_TRAILING_COMMA])
def test_deep_json_is_an_unreadable_answer(text: str) -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        loads_lenient(text)


def test_a_make_call_answer_nested_too_deep_has_no_call_id() -> None:
    response = httpx.Response(200, text='{"uuid": ' + DEEP + "}", headers={"content-type": "application/json"})
    assert _call_id_of(response) is None
