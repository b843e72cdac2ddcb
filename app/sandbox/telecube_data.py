"""What the CCRM public API lists, built from the shared roster, engine state and call archive.

Quirks of the provider documents kept on purpose (harmless, and a client must survive them): numbers
where strings are declared (``callerId``, ``presentation`` as JSON integers), ``sipAccounts`` with an
empty ``otherData`` (as the document's example), and two SMS senders of different types. Not
described anywhere and invented here: the items of ``users/groupsType`` and ``organisations``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from app.sandbox import numbers
from app.sandbox.calls import Call
from app.sandbox.engine import Engine

try:
    from zoneinfo import ZoneInfo

    WARSAW: tzinfo = ZoneInfo("Europe/Warsaw")
except Exception:  # no tz database on the machine: winter time is close enough for a simulator
    WARSAW = timezone(timedelta(hours=1))


def users(engine: Engine) -> list[dict[str, Any]]:
    """Agents with live presence (``dnd``, ``status``, ``callTalking``)."""
    lines = engine.roster.lines["telecube"]
    return [
        {
            "uuid": a.uid,
            "firstName": a.first_name,
            "lastName": a.last_name,
            "email": a.email,
            "extensionId": a.extension_id,
            "extension": int(a.ext),
            "dnd": int(engine.dnd.get(a.login, False)),
            "workNumber": numbers.written_forms(lines[i % len(lines)])[1],
            "status": "online" if a.online else "offline",
            "callTalking": int(engine.talking.get(a.login, 0) > 0),
            "callPresentation": [int(n) for n in lines],
            "smsPresentation": [int(lines[0]), "Pozdrawiamy"],
        }
        for i, a in enumerate(engine.roster.agents)
    ]


def sip_accounts(engine: Engine) -> list[dict[str, Any]]:
    """One VOICE account per agent, plus a fax and a trunk nobody is linked to."""
    national = int(engine.roster.lines["telecube"][0][2:])
    items: list[dict[str, Any]] = [
        {
            "extensionId": a.extension_id,
            "extensionType": "VOICE",
            "extension": int(a.ext),
            "serverId": "SIP8",
            "name": f"Konsultant{i + 1}",
            "callerId": national,
            "assigned": 1,
        }
        for i, a in enumerate(engine.roster.agents)
    ]
    items.append(
        {
            "extensionId": 90001,
            "extensionType": "FAX",
            "extension": 190,
            "serverId": "SIP8",
            "name": "Faks",
            "callerId": national,
            "assigned": 0,
        }
    )
    items.append(
        {
            "extensionId": 90002,
            "extensionType": "SIPT",
            "extension": 191,
            "serverId": "SIP3",
            "name": "Trunk",
            "callerId": str(national),
            "assigned": 0,
        }
    )
    return items


def groups_type(engine: Engine) -> list[dict[str, Any]]:
    by_login = engine.roster.by_login
    return [
        {
            "id": i + 1,
            "name": g.real_name,
            "type": "queue",
            "extension": g.ext,
            "users": [by_login[m].uid for m in g.members],
        }
        for i, g in enumerate(engine.roster.groups)
    ]


def call_presentations(engine: Engine) -> list[dict[str, Any]]:
    names = ("", "Biuro Warszawa")
    prefixes = ("", "WAW")
    return [
        {
            "presentation": int(n),
            "name": names[i % 2],
            "clipPrefix": prefixes[i % 2],
            "intlFormat": numbers.written_forms(n)[1],
        }
        for i, n in enumerate(engine.roster.lines["telecube"])
    ]


def sms_presentations(engine: Engine) -> list[dict[str, Any]]:
    return [
        {"presentation": int(engine.roster.lines["telecube"][0]), "id": 9999},
        {"presentation": "Pozdrawiamy", "id": 10000},
    ]


def people(engine: Engine) -> list[dict[str, Any]]:
    """The contact book as CCRM people (phones as people typed them)."""
    orgs = _organisation_ids(engine)
    items = []
    for c in engine.roster.contacts:
        item: dict[str, Any] = {
            "uuid": c.uid,
            "firstName": c.first_name,
            "middleName": c.middle_name,
            "lastName": c.last_name,
            "description": c.note,
        }
        for k in range(3):
            written, label = c.phones[k] if k < len(c.phones) else ("", "")
            item[f"phone{k + 1}"] = written
            item[f"phone{k + 1}Name"] = label
        for k in range(3):
            item[f"email{k + 1}"] = c.email if k == 0 else ""
        item["organisations"] = [{"uuid": orgs[c.company], "name": c.company}] if c.company else []
        items.append(item)
    return items


def organisations(engine: Engine) -> list[dict[str, Any]]:
    return [{"uuid": uid, "name": name} for name, uid in _organisation_ids(engine).items()]


def _organisation_ids(engine: Engine) -> dict[str, str]:
    companies = sorted({c.company for c in engine.roster.contacts if c.company})
    return {name: f"00000000-0000-4000-9000-{i + 1:012d}" for i, name in enumerate(companies)}


def call_record(engine: Engine, call: Call) -> dict[str, Any]:
    """One ``callHistory`` item."""
    spec = call.spec
    answered = spec.answered and bool(call.answered_by)
    agent = engine.roster.agent(call.answered_by or (call.ringing[0] if call.ringing else spec.agent or ""))
    receivers = [{"uuid": agent.uid, "firstName": agent.first_name, "lastName": agent.last_name}] if agent else []
    if spec.direction == "in":
        status = "ANSWERED" if answered else "NO ANSWER"
        src, dst, destination = spec.number, spec.line, spec.line
    else:
        status = {"answered": "ANSWERED", "busy": "BUSY"}.get(spec.outcome, "FAILED")
        src, dst, destination = agent.ext if agent else "", spec.number, spec.number
    talk = spec.talk if answered else 0
    return {
        "uuid": call.id,
        "callDirection": spec.direction,
        "callDate": local_text(call.started),
        "duration": talk,
        "destination": destination,
        "cost": round(talk / 60 * 0.12, 2) if spec.direction == "out" else 0,
        "service": "CALL",
        "from": src,
        "to": dst,
        "userTalk": {"status": status, "receivers": receivers},
        "externalNumber": {"numberNotFormatted": spec.number},
        "note": "",
    }


def local_text(ts: float) -> str:
    return datetime.fromtimestamp(ts, WARSAW).strftime("%Y-%m-%d %H:%M:%S")


def parse_local(text: str) -> float:
    """``YYYY-MM-DD HH:MM:SS`` in Polish time → UNIX time; ``ValueError`` otherwise."""
    return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=WARSAW).timestamp()
