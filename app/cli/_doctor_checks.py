"""The checks behind ``ringdesk doctor``: each returns :class:`Check` results in plain words, with a fix.

Why a fix on every failure: the reader is an agent or their IT person at the moment something does not
work; "AuthError 401" helps neither, "the PBX refused TOKEN — compare it with the PBX cabinet's API key and
set RINGDESK_SECRET_OFFICE_TOKEN" does. Checks never raise for the environment: a broken config, a missing
keyring or a provider that is down are results, not crashes.

The doctor is a command-line tool, so its fixes name the config file's entries, the variables and the
commands — never the desktop app's menus. The providers' problems carry hints for the settings dialog
("Settings › Accounts"); :func:`for_command_line` turns those into the config file's words.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.config import settings as settings_module
from app.config.paths import Paths
from app.config.region import describe, locale_country
from app.config.secrets import SECRET_NAMES, SECRETS, SecretSpec, SecretStore, env_name, missing_secrets, where_to_set
from app.config.settings import AccountSettings, Provider, ServerSettings, Settings
from app.core.errors import AuthError, ConfigError, Problem, RateLimited, SecretStoreError, Unavailable
from app.server.health import running_ringdesk

PROBE_TIMEOUT_S = 15.0


class Level(StrEnum):
    OK = "ok"
    WARN = "warn"  # works, but something is worth knowing (does not change the exit code)
    FAIL = "FAIL"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class Check:
    topic: str
    level: Level
    detail: str
    fix: str = ""


# The desktop app's menus, as the providers' and the OS integration's hints name them, and what a user of
# the command line does instead. ``{config}``: the config file; ``{entry}``: the account's entry in it.
_GUI_TO_CLI: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Turn on “Start at login” in Settings\."), "Run: ringdesk desktop install --start-at-login"),
    (re.compile(r"Turn on “[^”]*” in Settings, or run: "), "Run: "),
    (re.compile(r" ?\(Settings › Accounts › (\w+)\)"), " (the account's secret {secret})"),
    (re.compile(r"Settings › Accounts"), "{entry}"),
    (re.compile(r"Settings › General"), "[general] of {config}"),
    (re.compile(r"Settings › Receiver"), "[server] of {config}"),
    (re.compile(r"(?<!› )\bin Settings\b(?! ›)"), "in {config}"),
]


def for_command_line(text: str, config_file: Path | str, account: str | None = None) -> str:
    """``text`` (a fix written for the settings dialog) in the command line's words: the config file's
    entry for "Settings › Accounts", ``ringdesk desktop install`` for a checkbox. The OS's own settings
    ("Settings › Apps › Default apps" on Windows) are left alone."""
    entry = f'the [[accounts]] entry id = "{account}" of {config_file}' if account else f"{config_file}"
    for pattern, replacement in _GUI_TO_CLI:

        def fill(match: re.Match[str], replacement: str = replacement) -> str:
            secret = match.group(1).upper() if match.groups() else ""
            return replacement.format(config=config_file, entry=entry, secret=secret)

        text = pattern.sub(fill, text)
    return text


def check_config(paths: Paths) -> tuple[Check, Settings | None]:
    """Is ``config.toml`` valid? On error the message names the key and the line (from settings.parse)."""
    topic = "Configuration"
    if not paths.config_file.exists():
        return Check(
            topic,
            Level.WARN,
            f"No configuration yet ({paths.config_file}); defaults are used.",
            f"Write {paths.config_file} with an [[accounts]] entry for your provider (README › Configuration), "
            "or try 'ringdesk demo'.",
        ), settings_module.load(paths.config_file)  # the defaults, the region the system locale's country
    try:
        settings = settings_module.load(paths.config_file)
    except ConfigError as error:
        return Check(
            topic,
            Level.FAIL,
            error.user_text(),
            f"Correct that line in {paths.config_file} (or delete the file to start from defaults).",
        ), None
    count = len(settings.accounts)
    return Check(topic, Level.OK, f"{paths.config_file} is valid ({count} account{'s' * (count != 1)})."), settings


def check_region(settings: Settings) -> Check:
    """Which country numbers without a country code are read in, and where that comes from (config.toml or
    the system locale). A warning when neither names one: national numbers are then read as the fallback
    country's, which dials a wrong number or refuses a right one without the user having chosen it."""
    detail = describe(settings.general.region, settings.region_locale)
    if settings.region_locale is not None and not locale_country(settings.region_locale):
        return Check(
            "Region",
            Level.WARN,
            detail,
            'Set region to your country\'s two-letter code in Settings › General (e.g. region = "RU"), or run '
            "Ringdesk under a locale that names the country (e.g. LANG=ru_RU.UTF-8).",
        )
    return Check("Region", Level.OK, detail)


def secrets_from_environment(settings: Settings) -> bool:
    """Whether every secret the enabled accounts need is given as an environment variable."""
    return all(
        env_name(a.id, name) in os.environ
        for a in settings.accounts
        if a.enabled
        for name in SECRET_NAMES[a.provider.value]
    )


def check_keyring(secrets: SecretStore, settings: Settings | None) -> Check:
    topic = "Keyring"
    status = secrets.status()
    if status.secure:
        return Check(topic, Level.OK, f"Secrets are kept in a secure keyring ({status.name}).")
    if settings is not None and not any(a.enabled and SECRET_NAMES[a.provider.value] for a in settings.accounts):
        return Check(
            topic, Level.WARN, f"No secure keyring ({status.name}); no account needs a secret yet.", status.advice
        )
    if settings is not None and secrets_from_environment(settings):
        return Check(
            topic,
            Level.WARN,
            f"No secure keyring ({status.name}); every secret comes from "
            "RINGDESK_SECRET_… environment variables, which is fine for a server.",
        )
    if settings is not None:  # what is missing is a failure of its own (check_secrets), named there
        return Check(
            topic,
            Level.WARN,
            f"No secure keyring ({status.name}): secrets cannot be stored in it; they must come from "
            "RINGDESK_SECRET_… environment variables (each missing one is named below).",
            status.advice,
        )
    return Check(
        topic, Level.FAIL, f"No secure keyring ({status.name}): tokens cannot be stored safely.", status.advice
    )


def check_secrets(settings: Settings, secrets: SecretStore) -> list[Check]:
    """Each secret an enabled account uses and nothing provides, named as the variable names it.

    A missing TeleDiscount ``webhook_secret`` is no problem while a secure keyring can keep the one
    Ringdesk makes at its next start. Checked offline too: a missing ``CRM_TOKEN`` needs no network to be
    found, and it is the reason every push of the PBX gets 401."""
    secure = secrets.status().secure
    found: list[Check] = []
    for account, spec in missing_secrets(secrets, settings.accounts):
        if spec.name == "webhook_secret" and secure:
            continue
        found.append(
            Check(
                f"Account {account}",
                Level.FAIL if spec.needed else Level.WARN,
                f"No {spec.label} secret: {spec.what}. Without it, {spec.without}.",
                f"{_capital(where_to_set(account, spec.name))}. Where it comes from: {spec.where}.",
            )
        )
    return found


def api_secret(provider: str) -> SecretSpec | None:
    """The secret the provider's API is called with (the first needed one that is not a push's key)."""
    return next((s for s in SECRETS.get(provider, ()) if s.needed and not s.incoming), None)


def lacks_api_secret(account: AccountSettings, secrets: SecretStore) -> bool:
    """Whether the account cannot call its provider for want of a secret (reported by :func:`check_secrets`)."""
    spec = api_secret(account.provider.value)
    return spec is not None and not secrets.get(account.id, spec.name)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


async def check_account(
    account: AccountSettings, settings: Settings, secrets: SecretStore, gate_for: Callable[[AccountSettings], Any]
) -> Check:
    """Reach the provider with the account's credentials, with one cheap request."""
    topic = f"Account {account.id}"
    if not account.enabled:
        return Check(topic, Level.SKIP, "Switched off in the configuration.")
    if lacks_api_secret(account, secrets):
        return Check(topic, Level.SKIP, "Not reached: a secret it needs is missing (see above).")
    from app.services.probe import ask_once

    gate = gate_for(account) if account.provider is Provider.TELECUBE else None
    try:
        what = await ask_once(account, secrets, region=settings.general.region, gate=gate, timeout_s=PROBE_TIMEOUT_S)
    except SecretStoreError as error:
        return Check(topic, Level.FAIL, error.message, error.hint)
    except AuthError as error:
        spec = api_secret(account.provider.value)
        fix = (
            f"Compare {spec.label} with {spec.where}, then {where_to_set(account.id, spec.name)}."
            if spec is not None
            else error.hint
        )
        return Check(topic, Level.FAIL, f"{account.base_url} refused the credentials: {error.message}", fix)
    except RateLimited as error:
        return Check(topic, Level.WARN, f"Reachable, but the request limit is spent: {error.message}", error.hint)
    except (Unavailable, TimeoutError) as error:
        message = (
            error.message
            if isinstance(error, Problem)
            else (f"Cannot reach {account.base_url}: no answer within {PROBE_TIMEOUT_S:.0f} s.")
        )
        return Check(
            topic,
            Level.FAIL,
            message,
            getattr(error, "hint", "") or "Check the account's base_url in config.toml and the network.",
        )
    except Problem as error:
        return Check(topic, Level.FAIL, f"{account.base_url}: {error.message}", error.hint)
    budget = _budget_text(gate)
    return Check(
        topic,
        Level.OK,
        f"{account.display_name} ({account.provider.value}) answered {what} with these credentials{budget}.",
    )


def _budget_text(gate: Any) -> str:
    status = getattr(gate, "status", None)
    if status is None:
        return ""
    now = status()
    return f"; request budget: {now.used_today} of {now.daily_limit} used today"


async def check_accounts(
    settings: Settings, secrets: SecretStore, gate_for: Callable[[AccountSettings], Any]
) -> list[Check]:
    if not settings.accounts:
        return [
            Check(
                "Accounts",
                Level.WARN,
                "No provider account is configured.",
                "Add an [[accounts]] entry to config.toml (README › Configuration), or run 'ringdesk demo' to "
                "try the sandbox.",
            )
        ]
    return list(await asyncio.gather(*(check_account(a, settings, secrets, gate_for) for a in settings.accounts)))


def check_port(server: ServerSettings) -> Check:
    """Is the receiver's port free, or held by a running Ringdesk? Anything else is a conflict."""
    topic = "Receiver port"
    family = socket.AF_INET6 if ":" in server.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((server.host, server.port))
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                return Check(
                    topic,
                    Level.FAIL,
                    f"Cannot listen on {server.listen}: {error.strerror}.",
                    "Set [server] listen to an address of this machine, e.g. 127.0.0.1:8765.",
                )
        else:
            return Check(topic, Level.OK, f"{server.listen} is free for the webhook receiver.")
    version = running_ringdesk(server)
    if version:
        return Check(topic, Level.OK, f"{server.listen} is held by the running Ringdesk {version}.")
    return Check(
        topic,
        Level.FAIL,
        f"{server.listen} is taken by another program.",
        "Stop that program, or set another port in [server] listen (and in the provider's cabinet).",
    )


def check_desktop(settings: Settings | None) -> list[Check]:
    """Link handler and start-at-login registration (warnings: both are the user's choice)."""
    from app.desktop import autostart, url_handlers

    checks = []
    links = url_handlers.for_this_platform().status()
    checks.append(Check("Phone links", Level.OK if links.installed else Level.WARN, links.detail, links.fix))
    wanted = settings.general.start_at_login if settings else False
    login = autostart.for_this_platform().status()
    if wanted and not login.installed:
        checks.append(
            Check(
                "Start at login",
                Level.WARN,
                f"start_at_login is on in config.toml, but: {login.detail}",
                "Run: ringdesk desktop install --start-at-login (or set start_at_login = false in [general]).",
            )
        )
    else:
        checks.append(Check("Start at login", Level.OK, login.detail if login.installed else "Off."))
    return checks


def check_database() -> Check:
    """Open the store as every start does: a damaged one is set aside and salvaged here too (and said so),
    a store another program keeps locked, or a damaged one still in use, is a failure with its fix."""
    from app.services.context import Context

    try:
        context = Context.open()
        context.verify_store = True  # the doctor checks even a store sealed at its last clean close
        version = context.db.version
    except Problem as problem:
        return Check("Database", Level.FAIL, problem.message, problem.hint)
    notices = context.notices()
    context.db.close()
    if notices:
        return Check("Database", Level.WARN, notices[0].message, notices[0].hint)
    return Check("Database", Level.OK, f"{context.paths.database}: checked, schema {version}.")


AUDIO_PROBE_FLAG = "--audio-probe"
AUDIO_PROBE_TIMEOUT_S = 30.0


def check_audio(settings: Settings | None, probe: Callable[[], dict[str, Any]] | None = None) -> Check:
    """Can Ringdesk play sound (ring sound, recordings)? Asks Qt Multimedia in a child process.

    Why a child process: Qt Multimedia needs a ``QCoreApplication``, and a Qt application object is
    bound for good to the thread that creates it — Qt's "main thread" is whichever thread touches Qt
    first. The doctor is run from any thread (``asyncio.to_thread(main, ["doctor"])`` in tests, an
    embedding app's worker) and in processes that later build widgets; an application object made there
    leaves a ``QCoreApplication`` where a ``QApplication`` is needed and the next widget aborts the
    interpreter ("Cannot create a QWidget without QApplication"). Probing on the main thread "when no
    application exists yet" would still leave that application behind for the rest of the process, and
    cannot tell whether this thread is Qt's main thread. A short ``ringdesk doctor --audio-probe`` child
    (``sys.executable``, frozen or not) owns its own application and is gone afterwards; it also keeps
    the multimedia backend's loading chatter out of the report and contains a backend that hangs or
    crashes (time-out, exit code) instead of taking the doctor down with it.
    """
    topic = "Audio output"
    report = (probe or probe_audio)()
    if "qt_error" in report:  # Qt libraries missing on a bare server: say so, do not crash
        return Check(
            topic,
            Level.WARN,
            f"Qt cannot be loaded ({report['qt_error']}).",
            "Install the system packages listed in README › System packages.",
        )
    if "multimedia_error" in report:
        return Check(
            topic,
            Level.WARN,
            f"Qt Multimedia cannot be loaded ({report['multimedia_error']}).",
            "Install the system packages listed in README › System packages.",
        )
    if "probe_error" in report:
        return Check(
            topic,
            Level.WARN,
            f"The audio check did not complete ({report['probe_error']}).",
            "Run `ringdesk doctor --audio-probe` to see what Qt Multimedia reports.",
        )
    ring = settings.card.ring_sound if settings else False
    if not report.get("backend"):
        return Check(
            topic,
            Level.FAIL if ring else Level.WARN,
            "No Qt Multimedia backend: recordings and the ring sound cannot play.",
            "Install libxrandr2 and libpulse0 (README › System packages).",
        )
    devices = list(report.get("devices") or [])
    if not devices:
        return Check(
            topic,
            Level.WARN,
            "No audio output device: sound plays silently.",
            "Connect a headset or speakers (or check the sound settings).",
        )
    return Check(topic, Level.OK, f"{len(devices)} output device(s); default: {report.get('default', '')}.")


def audio_probe_command() -> list[str]:
    """``ringdesk doctor --audio-probe`` with this interpreter (or this frozen binary)."""
    if getattr(sys, "frozen", False):  # the PyInstaller build: the executable is ``ringdesk`` itself
        return [sys.executable, "doctor", AUDIO_PROBE_FLAG]
    return [sys.executable, "-m", "app", "doctor", AUDIO_PROBE_FLAG]


def probe_audio(timeout: float = AUDIO_PROBE_TIMEOUT_S) -> dict[str, Any]:
    """Run :func:`audio_probe_here` in a child process; its one JSON line, or ``probe_error``."""
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):  # the child imports this very copy of ``app``
        import app

        root = str(Path(app.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    try:
        done = subprocess.run(
            audio_probe_command(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"probe_error": f"Qt Multimedia did not answer within {timeout:.0f} s"}
    except OSError as error:
        return {"probe_error": f"cannot start {sys.executable}: {error.strerror or error}"}
    for line in reversed(done.stdout.splitlines()):
        try:
            report = json.loads(line)
        except ValueError:
            continue
        if isinstance(report, dict):
            return report  # even if the child then crashed on its way out
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return {"probe_error": f"the probe exited with code {done.returncode}" + (f": {last}" if last else "")}


def audio_probe_here() -> dict[str, Any]:
    """The child's side of :func:`probe_audio`: ask Qt Multimedia, in this process's main thread."""
    try:
        from PySide6.QtCore import qInstallMessageHandler
    except ImportError as error:
        return {"qt_error": str(error)}
    # Qt Multimedia's loading chatter (no VA-API, no PipeWire, no PulseAudio) is not the report.
    qInstallMessageHandler(lambda *_args: None)
    try:
        from app.ui.notify import audio_report

        report = audio_report()  # imports Qt Multimedia itself: without libpulse0 this raises
    except ImportError as error:
        return {"multimedia_error": str(error)}
    return {"backend": report.backend, "devices": report.devices, "default": report.default}
