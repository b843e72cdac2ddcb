"""The account record provider clients are given."""

from __future__ import annotations

from app.core.accounts import Account, Provider


def test_display_name_falls_back_to_the_id() -> None:
    assert Account("office", Provider.CLOUDPBX).display_name == "office"
    assert Account("office", Provider.CLOUDPBX, name="Office").display_name == "Office"


def test_provider_values_are_the_words_config_toml_uses() -> None:
    assert Provider("telecube") is Provider.TELECUBE
    assert [p.value for p in Provider] == ["cloudpbx", "telediscount", "telecube", "sandbox", "hub"]
