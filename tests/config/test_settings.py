"""config.toml: typed settings, and errors that name the bad key and its line."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from app.config import paths, settings
from app.config.settings import AccountSettings, Provider, Role, Settings
from app.core import accounts
from app.core.errors import ConfigError

GOOD = """
[general]
region = "RU"
role = "supervisor"

[server]
listen = "127.0.0.1:9000"
allow = ["10.0.0.0/8"]

[[accounts]]
id = "office"
provider = "cloudpbx"
base_url = "https://office.megapbx.ru"
user = "andy"

[[accounts]]
id = "td"
provider = "telediscount"
user = "SIP/00000000672"
"""


def test_good_config_loads_typed() -> None:
    loaded = settings.parse(GOOD)
    assert loaded.general.region == "RU" and loaded.general.role is Role.SUPERVISOR
    assert loaded.server.port == 9000 and loaded.server.host == "127.0.0.1"
    assert [a.provider for a in loaded.accounts] == [Provider.CLOUDPBX, Provider.TELEDISCOUNT]
    assert loaded.account("td").base_url == "https://my.telediscount.ru"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('listen = "127.0.0.1:9000"', 'listen = "127.0.0.1:99999"'), "line 7: 'listen' must be HOST:PORT"),
        (GOOD.replace('provider = "telediscount"', 'provider = "skype"'), "line 18: 'provider' must be one of"),
        (GOOD.replace('user = "andy"', "user = 42"), "line 14: 'user' must be str"),
        (GOOD.replace('user = "andy"', 'daily_request_limit = "many"'), "line 14: 'daily_request_limit' must be int"),
        (GOOD.replace('role = "supervisor"', 'rol = "supervisor"'), "line 4: unknown setting 'rol'"),
        (GOOD.replace('id = "td"', 'id = "office"'), "line 17: account id 'office' is used twice"),
        (GOOD.replace('id = "td"', 'id = "Main Office!"'), "line 17: account id 'Main Office!' must be a short slug"),
        (GOOD.replace('allow = ["10.0.0.0/8"]', 'allow = ["10.0.0.300/8"]'), "line 8: '10.0.0.300/8' is not"),
        (GOOD + '\n[[accounts]]\nprovider = "cloudpbx"\n', "line 21: [[accounts]] entry 3 has no 'id'"),
        ("[general\nregion='PL'", "not valid TOML"),
    ],
)
def test_bad_config_names_key_and_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        settings.parse(text)
    assert message in str(error.value)


def test_save_and_load_round_trip(ringdesk_home: Path) -> None:
    where = paths.resolve().ensure()
    original = Settings()
    original.general.language = "pl"
    original.server.allow = ["192.168.0.0/16"]
    original.accounts.append(
        AccountSettings(
            "cube", Provider.TELECUBE, base_url="https://acme.ccrm.pl", login="acme", caller_id="+48777888999"
        )
    )
    settings.save(original, where.config_file)
    assert settings.load(where.config_file) == original
    text = where.config_file.read_text()
    assert "token" not in text and "api_key" not in text


def test_settings_reexport_the_core_account_types() -> None:
    """The app imports ``Provider`` and ``AccountSettings`` from here; clients take the core types."""
    assert Provider is accounts.Provider
    assert isinstance(AccountSettings("office", Provider.CLOUDPBX), accounts.Account)


def test_core_account_fields_come_first() -> None:
    """So positional construction and the key order of a saved config.toml are what they were."""
    core = [f.name for f in fields(accounts.Account)]
    assert [f.name for f in fields(AccountSettings)] == [*core, "daily_request_limit", "period_request_limit"]


def test_missing_file_means_defaults(ringdesk_home: Path) -> None:
    assert settings.load(paths.resolve().config_file) == Settings()


def test_ringdesk_home_puts_everything_under_one_folder(ringdesk_home: Path) -> None:
    resolved = paths.resolve()
    for folder in (resolved.config_dir, resolved.data_dir, resolved.cache_dir, resolved.log_dir):
        assert ringdesk_home in folder.parents


@pytest.mark.parametrize(("first", "second"), [("office", "office_crm"), ("my-office", "my_office")])
def test_two_accounts_sharing_a_secrets_variable_is_a_config_error(first: str, second: str) -> None:
    """``office`` + ``crm_token`` and ``office_crm`` + ``token`` are both RINGDESK_SECRET_OFFICE_CRM_TOKEN:
    one account would silently use the other's secret."""
    text = (
        f'[[accounts]]\nid = "{first}"\nprovider = "cloudpbx"\nbase_url = "https://a.example"\n\n'
        f'[[accounts]]\nid = "{second}"\nprovider = "cloudpbx"\nbase_url = "https://b.example"\n'
    )
    with pytest.raises(ConfigError, match="would share the environment variable RINGDESK_SECRET_"):
        settings.parse(text)
