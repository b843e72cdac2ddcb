"""``ringdesk urls``: the webhook URLs to paste into each provider's cabinet, in full, secrets included.

Why a command of its own: ``ringdesk serve`` prints these URLs at every start, and under systemd its stdout
is the journal, which many people may read — so there the secret part of a TeleDiscount URL is masked as
the logs mask it. An administrator who needs the URL asks for it here (or with ``serve --show-urls``).
The URLs follow ``[server] public_url``, else the listening address; a wildcard listener is named by this
machine's network addresses.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.config.secrets import SecretStore
    from app.config.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "urls",
        help="print the webhook URLs to paste into each provider's cabinet, in full",
        description="Print the webhook URLs to paste into each provider's cabinet, secret part included "
        "(ringdesk serve masks it). Makes a missing TeleDiscount webhook secret when the keyring can keep it.",
    )
    parser.add_argument(
        "--listen",
        metavar="HOST:PORT",
        help="the address 'ringdesk serve --listen' uses, if not [server] listen",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.runtime import check_listen
    from app.services.context import Context
    from app.services.webhook_urls import ensure_webhook_secrets

    context = Context.open()  # the settings and secrets only: the URLs need no store (nor a sound one)
    if args.listen:
        check_listen(args.listen)
        context.settings.server.listen = args.listen
    settings, secrets = context.settings, context.secrets
    for account in ensure_webhook_secrets(settings, secrets):
        print(f"Made a new webhook secret for {account} (kept in the keyring).")
    print_urls(settings, secrets, settings.server.port, show=True, command="urls")
    return 0


def print_urls(settings: Settings, secrets: SecretStore, port: int, *, show: bool, command: str) -> None:
    """The URL(s) of each account, then what the reader must know to use them: what is masked, what to
    enter beside a Cloud PBX URL, and whether a provider can reach the address shown."""
    from app.config.logs import redact
    from app.config.secrets import env_name
    from app.config.settings import Provider
    from app.services.webhook_urls import PLACEHOLDER_HOST, reachable_bases, webhook_urls

    server = settings.server
    bases = reachable_bases(server, port)
    urls = webhook_urls(settings, secrets, bases[0])
    if not settings.accounts:
        print("No accounts in config.toml yet: nothing will call this receiver.", flush=True)
    masked = False
    for account in settings.accounts:
        found = urls.get(account.id, [])
        if not account.enabled:
            print(f"  {account.id}: (switched off in config.toml)", flush=True)
        elif not found and account.provider is Provider.TELEDISCOUNT:
            print(
                f"  {account.id}: (no webhook secret: set {env_name(account.id, 'webhook_secret')} "
                "to a long random string)",
                flush=True,
            )
        elif not found:
            print(f"  {account.id}: (no webhooks for this account)", flush=True)
        for url in found if account.enabled else []:
            shown = url if show else redact(url)
            masked = masked or shown != url
            print(f"  {account.id}: {shown}", flush=True)
    if masked:
        print(
            f"  *** is the secret part of a URL: 'ringdesk {command} --show-urls' or 'ringdesk urls' prints it.",
            flush=True,
        )
    if any(a.enabled and a.provider is Provider.CLOUDPBX for a in settings.accounts):
        print("  Cloud PBX: enter the account's CRM_TOKEN as the CRM key beside its URL.", flush=True)
    for line in _reach_notes(server.host, bool(server.public_url), bases, PLACEHOLDER_HOST):
        print(f"  {line}", flush=True)


def _reach_notes(host: str, public: bool, bases: list[str], placeholder: str) -> list[str]:
    """Whether a provider can reach the address in the URLs, and what to do when it cannot."""
    from app.services.webhook_urls import WILDCARDS, is_loopback

    if public:
        return []
    if is_loopback(host):
        return [
            f"note: {host} reaches only this machine: a provider on the internet needs a proxy or a tunnel to "
            "it; set [server] public_url to that address and these URLs will name it."
        ]
    if host not in WILDCARDS:
        return []
    if placeholder in bases[0]:
        return [
            f"note: no network address of this machine was found: replace {placeholder} with the address the "
            "provider reaches it at, or set [server] public_url."
        ]
    notes = [f"also at: {', '.join(bases[1:])} (the same paths)"] if len(bases) > 1 else []
    return [
        *notes,
        "note: if the provider reaches this machine by another address (NAT, a proxy, a tunnel), set "
        "[server] public_url to it.",
    ]
