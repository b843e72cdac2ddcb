"""Plurals read right in every language: English gets its two forms without a .ts file (no "call(s)"), and
Polish and Russian keep their own three."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from app.ui import i18n


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "0 missed calls"), (1, "1 missed call"), (2, "2 missed calls"), (21, "21 missed calls")]
)
def test_english_plurals_drop_the_brackets(qapp: Any, n: int, expected: str) -> None:
    i18n.install("en", qapp)
    assert QCoreApplication.translate("Tray", "%n missed call(s)", "", n) == expected


def test_english_plurals_leave_other_messages_alone(qapp: Any) -> None:
    i18n.install("en", qapp)
    assert QCoreApplication.translate("Anything", "Receiving calls") == "Receiving calls"
    assert QCoreApplication.translate("Anything", "Choose file(s)") == "Choose file(s)"  # no count: as written
    assert QCoreApplication.translate("AccountEditor", "Connected: the provider lists %n user(s).", "", 1) == (
        "Connected: the provider lists 1 user."
    )


def test_polish_keeps_its_own_forms_and_falls_back_to_english_ones(qapp: Any) -> None:
    assert i18n.install("pl", qapp) == "pl"
    translated = QCoreApplication.translate("AccountEditor", "Connected: %n call(s) in the last hour.", "", 5)
    assert translated == "Połączono: w ostatniej godzinie było 5 połączeń."
    untranslated = QCoreApplication.translate("Nowhere", "%n new thing(s)", "", 2)
    assert untranslated == "2 new things"
