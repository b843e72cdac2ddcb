"""An invented world for pictures: two accounts, agents with names, contacts, a few days of calls, notes.

Why here and not in the screenshot script: seeding writes agents and calls straight into the stores (there
is no use case that invents agents), and only the layers below the UI may touch the stores. No Qt here.
The world lives in the home folder it is given (a throw-away one): the user's config, history and
keyring are never touched.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from app.config import paths as paths_module
from app.config.secrets import MemorySecretStore
from app.config.settings import AccountSettings, Provider, Role, Settings
from app.core.models import Agent, CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind, Note, utcnow
from app.services.context import Context

ME = "andy"
PEOPLE = [
    ("Zofia Wrona", "ACME Sp. z o.o.", "+48601234567"),
    ("Jan Kowalski", "", "+48602345678"),
    ("Ольга Смирнова", "ООО «Ромашка»", "+79101234567"),
    ("Piotr Nowak", "Nowak Transport", "+48603456789"),
    ("Marta Zielińska", "", "+48604567890"),
    ("Сергей Иванов", "", "+79161112233"),
    ("Katarzyna Wiśniewska", "Kwiaciarnia Róża", "+48605678901"),
]
AGENTS = (("andy", "Andrzej Nowicki"), ("olga", "Ольга Петрова"), ("tomek", "Tomasz Lis"))
LINES = ("+48221234500", "+48587654300")


def sample_context(home: Path) -> Context:
    """A context in ``home`` with two accounts, contacts, agents, a few days of calls and some notes."""
    settings = Settings()
    settings.general.role = Role.SUPERVISOR
    settings.accounts = [
        AccountSettings("office", Provider.CLOUDPBX, name="Office", base_url="https://office.megapbx.ru", user=ME),
        AccountSettings(
            "sales",
            Provider.TELEDISCOUNT,
            name="Sales line",
            base_url="https://my.telediscount.ru",
            user="SIP/00000000672",
        ),
    ]
    secrets = MemorySecretStore({("office", "token"): "x", ("sales", "webhook_secret"): "Qm9vazpz3cr3t"})
    context = Context(paths_module.resolve(home).ensure(), settings, secrets)
    for account in settings.accounts:
        context.db.ensure_account(account.id, account.provider.value, account.name)
    context.agents.replace_all("office", [Agent("office", login, name) for login, name in AGENTS])
    context.contacts.upsert_many(
        [
            Contact(name, [ContactPhone(phone)], company=company, responsible=AGENTS[i % len(AGENTS)][0])
            for i, (name, company, phone) in enumerate(PEOPLE)
        ]
    )
    now = utcnow().replace(second=0, microsecond=0)
    context.calls.ingest_many(_calls(now))
    for text, call_id, author, days in (
        ("Wants an offer for 20 seats; call back Monday morning.", "H0001", "olga", 1),
        ("Invoice 2026/11/042 paid twice — refund requested.", "H0030", ME, 3),
    ):
        context.notes.add(
            Note(
                text,
                phone=PEOPLE[0][2],
                account="office",
                call_id=call_id,
                author=author,
                created_at=now - timedelta(days=days),
            )
        )
    return context


def _calls(now: datetime) -> list[CallEvent]:
    """140 calls, one every ~23 minutes back from ``now``: mostly answered, some missed or busy."""
    rng = random.Random(6)
    events = []
    for i in range(140):
        status = rng.choice([CallStatus.ANSWERED] * 6 + [CallStatus.MISSED] * 2 + [CallStatus.BUSY])
        direction = rng.choice([Direction.IN, Direction.IN, Direction.OUT])
        if direction is Direction.OUT and status is CallStatus.MISSED:
            status = CallStatus.CANCELLED
        at = now - timedelta(minutes=23 * i + rng.randint(1, 15))
        phone = (
            PEOPLE[rng.randrange(len(PEOPLE))][2]
            if rng.random() < 0.6
            else f"+48{rng.randint(500, 799)}{rng.randint(100000, 999999)}"
        )
        talk = int(rng.lognormvariate(4.3, 0.7)) if status is CallStatus.ANSWERED else 0
        # Drawn in the order they always were (line, agent, wait), so the pictures keep their calls.
        line, agent, wait = rng.choice(LINES), rng.choice(AGENTS)[0], rng.randint(2, 35)
        events.append(
            CallEvent(
                "office",
                f"H{i:04d}",
                EventKind.SUMMARY,
                at,
                started_at=at,
                direction=direction,
                status=status,
                phone=phone,
                line=line,
                agent=agent,
                duration_s=talk + wait,  # the provider's figure is the whole call, the wait included
                wait_s=wait,
                recording_url=f"https://office.megapbx.ru/rec/H{i:04d}.mp3" if talk else None,
            )
        )
    return events
