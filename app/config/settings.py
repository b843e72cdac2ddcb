"""Typed settings loaded from ``config.toml``.

Why strict: a typo in a hand-edited config (``listen = "127.0.0.1:87655"``, ``provder = …``) must be
reported with the key and the line, not silently ignored. Secrets never live here (see
:mod:`app.config.secrets`); :func:`save` writes the file back atomically.

Example::

    [general]
    region = "PL"          # numbers written without a country code; unset: the system locale's country
    language = "pl"        # "", "en", "pl", "ru" ("" = the system's)
    role = "agent"         # agent | supervisor

    [server]
    listen = "127.0.0.1:8765"

    [[accounts]]
    id = "office"
    provider = "cloudpbx"  # cloudpbx | telediscount | telecube | sandbox
    base_url = "https://office.megapbx.ru"
    user = "andy"          # who I am at this account (PBX user / SIP account / extension)
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.config.region import FALLBACK_REGION, region_for_locale, system_locale
from app.core.accounts import Account, Provider, Role
from app.core.errors import ConfigError

# ``Provider`` is defined in core (provider clients need it and may not import config); importing it
# here keeps ``from app.config.settings import Provider`` working for the rest of the app.

ACCOUNT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


DEFAULT_BASE_URLS = {
    Provider.TELEDISCOUNT: "https://my.telediscount.ru",
    Provider.SANDBOX: "http://127.0.0.1:8900",
}


@dataclass(slots=True)
class AccountSettings(Account):
    """One ``[[accounts]]`` entry. Secrets (tokens, keys) are in the keyring under ``<id>/<name>``.

    The fields a provider client reads are inherited from :class:`~app.core.accounts.Account`; they come
    first, so positional arguments and the order of keys :func:`save` writes are as before. The fields
    added here are used only by the app around the client. A subclass rather than a wrapper so that an
    ``AccountSettings`` goes to :func:`app.providers.base.client_for` as it is, and what the settings
    dialog edits is what the client reads.
    """

    daily_request_limit: int = 1000  # TeleCube: requests a day (the request budget, kept by services)
    period_request_limit: int = 20000  # TeleCube: requests a billing period


@dataclass(slots=True)
class GeneralSettings:
    region: str = FALLBACK_REGION  # config.toml without one: the system locale's country (load/parse)
    language: str = ""
    role: Role = Role.AGENT
    start_at_login: bool = False
    create_leads: bool = False  # create a contact for each unknown caller (Cloud PBX doc, section 4.3)
    dial_hotkey: str = ""  # global dial shortcut, e.g. "Ctrl+Alt+D"; "" = off


@dataclass(slots=True)
class ServerSettings:
    listen: str = "127.0.0.1:8765"
    tls_cert: str = ""
    tls_key: str = ""
    allow: list[str] = field(default_factory=list)  # CIDRs allowed to call the receiver; empty = anyone
    # The team hub: the address desktops and providers use when it differs from ``listen`` (a reverse
    # proxy's https://hub.example.com), and the proxies in front of it (CIDRs): only their
    # X-Forwarded-For / X-Forwarded-Proto are believed, and with one set the desktop API may be served in
    # plain HTTP beyond loopback (the proxy terminates TLS).
    public_url: str = ""
    trusted_proxies: list[str] = field(default_factory=list)

    @property
    def host(self) -> str:
        return self.listen.rsplit(":", 1)[0].strip("[]")

    @property
    def port(self) -> int:
        return int(self.listen.rsplit(":", 1)[1])


@dataclass(slots=True)
class CardSettings:
    mode: str = "cards"  # cards | click_to_call_only
    close_after_s: int = 8
    crm_url_template: str = ""  # e.g. https://crm.example/search?q={phone}
    ring_sound: bool = False
    ring_device: str = ""  # audio output id (hex) for the ring; "" = the system default
    position: str = ""  # "x,y" once dragged; "" = corner by the tray
    focus_hotkey: str = "Ctrl+Alt+C"  # the keyboard to the newest card (its buttons, Esc closes); "" = off


@dataclass(slots=True)
class RecordingSettings:
    cache_max_mb: int = 2048


@dataclass(slots=True)
class Settings:
    general: GeneralSettings = field(default_factory=GeneralSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    card: CardSettings = field(default_factory=CardSettings)
    recordings: RecordingSettings = field(default_factory=RecordingSettings)
    accounts: list[AccountSettings] = field(default_factory=list)
    # None: the region was set (config.toml, code); else config.toml sets none and it came from this locale
    # (app.config.region). Not a TOML key: save() leaves such a region out, so it keeps following the locale.
    region_locale: str | None = field(default=None, compare=False)

    def account(self, account_id: str) -> AccountSettings:
        for account in self.accounts:
            if account.id == account_id:
                return account
        raise ConfigError(f"No account '{account_id}' in the configuration.")


_SECTIONS: dict[str, type] = {
    "general": GeneralSettings,
    "server": ServerSettings,
    "card": CardSettings,
    "recordings": RecordingSettings,
}


def load(path: Path) -> Settings:
    """Read and validate ``path``; a missing file means defaults (no accounts yet)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        settings = Settings()
        _region_from_locale(settings)
        return settings
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}") from exc
    return parse(text, source=str(path))


def parse(text: str, source: str = "config.toml") -> Settings:
    """Parse and validate TOML text into :class:`Settings`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    where = _Locator(text, source)
    settings = Settings()
    for key, value in data.items():
        if key == "accounts":
            if not isinstance(value, list):
                raise ConfigError(f"{where.at('', 'accounts')}: 'accounts' must be [[accounts]] tables")
            settings.accounts = [_account(item, i, where) for i, item in enumerate(value)]
        elif key in _SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"{where.at('', key)}: [{key}] must be a table")
            setattr(settings, key, _build(_SECTIONS[key], value, key, where))
        else:
            raise ConfigError(f"{where.at('', key)}: unknown setting '{key}'")
    _region(settings, data.get("general"), where)
    _validate(settings, where)
    return settings


def save(settings: Settings, path: Path) -> None:
    """Write ``settings`` to ``path`` atomically (a crash never leaves half a config)."""
    import tomli_w

    data: dict[str, Any] = {name: _plain(asdict(getattr(settings, name))) for name in _SECTIONS}
    if settings.region_locale is not None and settings.general.region == region_for_locale(settings.region_locale):
        del data["general"]["region"]  # nobody chose it: it keeps following the system locale
    data["accounts"] = [_plain(asdict(account)) for account in settings.accounts]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def _region(settings: Settings, general: object, where: _Locator) -> None:
    """An unset (or empty) region is the system locale's country; a set one must be a country phone
    numbers know (``XX`` would read every national number as invalid, silently)."""
    from app.core.phone import is_region

    if not isinstance(general, dict) or not str(general.get("region") or "").strip():
        _region_from_locale(settings)
        return
    region = settings.general.region.strip().upper()
    if not is_region(region):
        raise ConfigError(
            f"{where.at('general', 'region')}: {settings.general.region!r} is not a country phone numbers know; "
            "'region' is its code of two letters, e.g. PL, RU, DE (or leave it out to follow the system locale)"
        )
    settings.general.region = region


def _region_from_locale(settings: Settings) -> None:
    settings.region_locale = system_locale()
    settings.general.region = region_for_locale(settings.region_locale)


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in data.items()}


def _account(item: object, index: int, where: _Locator) -> AccountSettings:
    table = f"accounts#{index}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where.at(table, '')}: each [[accounts]] entry must be a table")
    for required in ("id", "provider"):
        if required not in item:
            raise ConfigError(f"{where.at(table, '')}: [[accounts]] entry {index + 1} has no '{required}'")
    return _build(AccountSettings, item, table, where)


def _build(cls: type, values: dict[str, Any], table: str, where: _Locator) -> Any:
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where.at(table, key)}: unknown setting '{key}'")
        kwargs[key] = _coerce(known[key].type, value, key, where.at(table, key))
    return cls(**kwargs)


def _coerce(annotation: Any, value: Any, key: str, location: str) -> Any:
    kind = str(annotation)
    enums = {"Provider": Provider, "Role": Role}
    if kind in enums:
        try:
            return enums[kind](value)
        except ValueError:
            allowed = ", ".join(e.value for e in enums[kind])
            raise ConfigError(f"{location}: '{key}' must be one of {allowed}, not {value!r}") from None
    expected: dict[str, type | tuple[type, ...]] = {"str": str, "bool": bool, "int": int, "list[str]": list}
    want = expected.get(kind)
    if want is not None and (not isinstance(value, want) or (want is int and isinstance(value, bool))):
        raise ConfigError(f"{location}: '{key}' must be {kind}, not {type(value).__name__} {value!r}")
    if kind == "list[str]" and not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{location}: '{key}' must be a list of strings")
    return value


def _validate(settings: Settings, where: _Locator) -> None:
    listen = settings.server.listen
    match = re.match(r"^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$", listen)
    if not match or not 0 < int(match.group(2)) < 65536:
        raise ConfigError(f"{where.at('server', 'listen')}: 'listen' must be HOST:PORT, not {listen!r}")
    for cidr in settings.server.allow:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise ConfigError(f"{where.at('server', 'allow')}: {cidr!r} is not an IP network") from None
    for cidr in settings.server.trusted_proxies:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise ConfigError(f"{where.at('server', 'trusted_proxies')}: {cidr!r} is not an IP network") from None
    public_url = settings.server.public_url
    if public_url and not re.match(r"^https?://[^\s/]+/?$", public_url):
        raise ConfigError(
            f"{where.at('server', 'public_url')}: 'public_url' must be http(s)://HOST[:PORT], not {public_url!r}"
        )
    if bool(settings.server.tls_cert) != bool(settings.server.tls_key):
        raise ConfigError(f"{where.at('server', 'tls_cert')}: TLS needs both 'tls_cert' and 'tls_key'")
    if settings.card.mode not in ("cards", "click_to_call_only"):
        raise ConfigError(f"{where.at('card', 'mode')}: 'mode' must be cards or click_to_call_only")
    seen: set[str] = set()
    variables: dict[str, str] = {}  # secret's environment variable → the account it belongs to
    for index, account in enumerate(settings.accounts):
        table = f"accounts#{index}"
        if not ACCOUNT_ID.match(account.id):
            raise ConfigError(
                f"{where.at(table, 'id')}: account id {account.id!r} must be a short slug "
                "(lower-case letters, digits, - and _)"
            )
        if account.id in seen:
            raise ConfigError(f"{where.at(table, 'id')}: account id {account.id!r} is used twice")
        seen.add(account.id)
        _one_variable_each(account.id, variables, where.at(table, "id"))
        if not account.base_url:
            account.base_url = DEFAULT_BASE_URLS.get(account.provider, "")
        if not account.base_url:
            raise ConfigError(f"{where.at(table, 'base_url')}: account {account.id!r} needs 'base_url'")
        if not re.match(r"^https?://[^\s/]+", account.base_url):
            raise ConfigError(f"{where.at(table, 'base_url')}: 'base_url' must be an http(s) URL")


def _one_variable_each(account_id: str, variables: dict[str, str], at: str) -> None:
    """Two accounts must never share a secret's environment variable: ``office`` + ``crm_token`` and
    ``office_crm`` + ``token`` both make ``RINGDESK_SECRET_OFFICE_CRM_TOKEN`` (so do ``my-office`` and
    ``my_office``), and one account would silently use the other's secret."""
    from app.config.secrets import SECRET_NAMES, env_name

    for name in sorted({name for names in SECRET_NAMES.values() for name in names}):
        variable = env_name(account_id, name)
        other = variables.setdefault(variable, account_id)
        if other != account_id:
            raise ConfigError(
                f"{at}: accounts {other!r} and {account_id!r} would share the environment variable {variable}; "
                "rename one of them"
            )


class _Locator:
    """Finds the line of ``key`` inside a table, so errors can say "config.toml, line 12"."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = text.splitlines()

    def at(self, table: str, key: str) -> str:
        line = self._find(table, key)
        return f"{self.source}, line {line}" if line else self.source

    def _find(self, table: str, key: str) -> int | None:
        name, _, index_text = table.partition("#")
        want_index = int(index_text) if index_text else 0
        current, array_index, header_line = "", -1, None
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if line.startswith("[["):
                current = line.strip("[] ")
                array_index = array_index + 1 if current == "accounts" else array_index
                header_line = number if current == name and array_index == want_index else header_line
                continue
            if line.startswith("["):
                current = line.strip("[] ")
                header_line = number if current == name and not index_text else header_line
                continue
            in_table = current == name and (not index_text or array_index == want_index)
            if in_table and key and re.match(rf"^\"?{re.escape(key)}\"?\s*=", line):
                return number
            if not name and not current and key and re.match(rf"^{re.escape(key)}\s*[=.]", line):
                return number
        return header_line
