"""``[general] region``: unset, it follows the system locale; a region phone numbers do not know is a config
error; saving never pins a region the user did not choose."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import settings as settings_module
from app.config.region import describe
from app.core.errors import ConfigError

LOCALE_VARIABLES = ("LC_ALL", "LC_TELEPHONE", "LC_CTYPE", "LANG")


@pytest.fixture
def system_locale(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``system_locale(LANG="ru_RU.UTF-8", ...)``: the locale variables this test's process has."""

    def set_locale(**values: str) -> None:
        for name in LOCALE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_locale


@pytest.mark.parametrize(
    ("variables", "region"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "RU"),
        ({"LANG": "de_DE"}, "DE"),
        ({"LANG": "sr_RS@latin"}, "RS"),
        ({"LANG": "en_US.UTF-8", "LC_TELEPHONE": "pl_PL.UTF-8"}, "PL"),  # English texts, Polish formats
        ({"LANG": "ru_RU.UTF-8", "LC_CTYPE": "C.UTF-8"}, "RU"),  # LC_CTYPE=C.UTF-8 asks for UTF-8, not a country
        ({"LANG": "ru_RU.UTF-8", "LC_ALL": "uk_UA.UTF-8"}, "UA"),  # LC_ALL overrides everything
        ({"LANG": "C.UTF-8"}, "PL"),  # no country: the fallback
        ({"LANG": "POSIX"}, "PL"),
        ({"LANG": "ru"}, "PL"),  # a bare language names no country: no guess
        ({"LANG": "en_XX.UTF-8"}, "PL"),  # a country phone numbers do not know
    ],
)
def test_an_unset_region_follows_the_system_locale(system_locale, variables: dict[str, str], region: str) -> None:  # type: ignore[no-untyped-def]
    system_locale(**variables)
    assert settings_module.parse('[general]\nlanguage = ""\n').general.region == region
    assert settings_module.parse('[general]\nregion = ""\n').general.region == region  # "" = unset, like language


def test_a_home_without_config_follows_the_locale(system_locale, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    system_locale(LANG="ru_RU.UTF-8")
    assert settings_module.load(tmp_path / "config.toml").general.region == "RU"


def test_a_region_in_config_wins_over_the_locale(system_locale) -> None:  # type: ignore[no-untyped-def]
    system_locale(LANG="ru_RU.UTF-8")
    assert settings_module.parse('[general]\nregion = "PL"\n').general.region == "PL"
    assert settings_module.parse('[general]\nregion = "de"\n').general.region == "DE"  # any case


@pytest.mark.parametrize("value", ["XX", "UK", "001", "Poland", "P"])
def test_a_region_phone_numbers_do_not_know_is_a_config_error(system_locale, value: str) -> None:  # type: ignore[no-untyped-def]
    system_locale(LANG="C.UTF-8")
    with pytest.raises(ConfigError) as caught:
        settings_module.parse(f'[general]\nlanguage = "en"\nregion = "{value}"\n', source="config.toml")
    message = caught.value.user_text()
    assert message.startswith("config.toml, line 3: ")
    assert f"{value!r} is not a country phone numbers know" in message
    assert "two letters, e.g. PL, RU, DE" in message


def test_saving_does_not_pin_a_region_nobody_chose(system_locale, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The settings dialog and `ringdesk join` save the whole configuration: a region that came from the
    locale stays unset in the file (so it keeps following the locale); a chosen one is written."""
    config = tmp_path / "config.toml"
    system_locale(LANG="ru_RU.UTF-8")
    settings = settings_module.load(config)
    settings_module.save(settings, config)
    assert "region" not in config.read_text(encoding="utf-8")
    system_locale(LANG="de_DE.UTF-8")
    assert settings_module.load(config).general.region == "DE"

    settings = settings_module.load(config)
    settings.general.region = "UA"  # chosen in Settings › General
    settings_module.save(settings, config)
    system_locale(LANG="ru_RU.UTF-8")
    assert settings_module.load(config).general.region == "UA"


def test_a_written_region_stays_written_even_when_the_locale_agrees(system_locale, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config.toml"
    config.write_text('[general]\nregion = "RU"\n', encoding="utf-8")
    system_locale(LANG="ru_RU.UTF-8")
    settings_module.save(settings_module.load(config), config)
    system_locale(LANG="de_DE.UTF-8")
    assert settings_module.load(config).general.region == "RU"


def test_where_the_region_comes_from_is_said(system_locale) -> None:  # type: ignore[no-untyped-def]
    system_locale(LANG="C.UTF-8")
    settings = settings_module.parse("")
    text = describe(settings.general.region, settings.region_locale)
    assert text == (
        "Numbers without a country code are read as PL (+48), because config.toml sets no region and the "
        "system locale (C.UTF-8) names no country."
    )  # how to set it is the doctor's Fix line, said once
    system_locale(LANG="ru_RU.UTF-8")
    settings = settings_module.parse("")
    assert "read as RU (+7), the country of the system locale (ru_RU.UTF-8)" in describe(
        settings.general.region, settings.region_locale
    )
    settings = settings_module.parse('[general]\nregion = "DE"\n')
    assert describe(settings.general.region, settings.region_locale) == (
        "Numbers without a country code are read as DE (+49): region under [general] in config.toml."
    )
