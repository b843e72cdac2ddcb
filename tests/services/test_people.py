"""One person, one name: the history, its agent filter and the card show a person by full name once,
however many identities (Cloud PBX login, TeleCube extension, TeleDiscount SIP account) they have."""

from __future__ import annotations

from datetime import timedelta

from app.config.settings import AccountSettings, Provider, Role
from app.core.callstate import Call
from app.core.models import Agent, CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind, utcnow
from app.core.views import CallQuery
from app.runtime import Runtime
from app.services.caller_facts import caller_facts
from app.services.context import Context
from app.services.directory import merge_persons, name_key

CLIENT = "+48221234567"


def summary(account: str, call_id: str, agent: str | None, minutes_ago: int) -> CallEvent:
    at = utcnow() - timedelta(minutes=minutes_ago)
    return CallEvent(
        account,
        call_id,
        EventKind.SUMMARY,
        at,
        started_at=at,
        phone=CLIENT,
        status=CallStatus.ANSWERED,
        direction=Direction.IN,
        agent=agent,
    )


def office_with_three_providers(role: Role = Role.SUPERVISOR) -> Context:
    """Olga is ``olga`` at the Cloud PBX, extension 103 at TeleCube (named in another order, no e-mail there),
    and SIP/0000000672 at TeleDiscount (which names nobody); Ewa Kamińska is ``ekaminski`` at the Cloud PBX and
    extension 104 at TeleCube (the same e-mail, her name written without diacritics at one of them)."""
    context = Context.open()
    context.settings.general.role = role
    context.settings.accounts += [
        AccountSettings("office", Provider.CLOUDPBX, user="olga"),
        AccountSettings("cube", Provider.TELECUBE, user="103"),
        AccountSettings("td", Provider.TELEDISCOUNT, user="SIP/0000000672"),
    ]
    for account, provider in (("office", "cloudpbx"), ("cube", "telecube"), ("td", "telediscount")):
        context.db.ensure_account(account, provider)
    context.agents.replace_all(
        "office",
        [
            Agent("office", "olga", "Ольга Смирнова", extension="101", email="olga@firma.example"),
            Agent("office", "ekaminski", "Ewa Kamińska", extension="102", email="E.Kaminska@firma.example"),
            Agent("office", "boris", "Борис Иванов", extension="105"),
        ],
    )
    context.agents.replace_all(
        "cube",
        [
            Agent("cube", "103", "Ольга Смирнова", extension="103"),
            Agent("cube", "104", "EWA KAMINSKA", extension="104", email="e.kaminska@firma.example"),
        ],
    )
    context.calls.ingest_many(
        [
            summary("office", "P1", "olga", 1),
            summary("cube", "C1", "103", 2),
            summary("td", "T1", "SIP/0000000672", 3),
            summary("office", "P2", "ekaminski", 4),
            summary("cube", "C2", "104", 5),
            summary("office", "P3", "boris", 6),
            summary("td", "T2", "SIP/0000000999", 7),
        ]
    )
    return context


def test_each_person_is_one_choice_labelled_by_full_name() -> None:
    context = office_with_three_providers()
    history = Runtime(context).history
    choices = history.agent_choices()
    labels = [label for label, _ in choices]
    assert labels == ["Ewa Kamińska", "SIP/0000000999", "Борис Иванов", "Ольга Смирнова"]
    olga = dict(choices)["Ольга Смирнова"]
    # choosing her shows the calls of all three identities (her own desktop names the SIP account as hers)
    assert [r.call_id for r in history.page(CallQuery(agent=olga))] == ["P1", "C1", "T1"]
    assert history.count_up_to(CallQuery(agent=olga), 100) == 3
    ewa = dict(choices)["Ewa Kamińska"]
    assert [r.call_id for r in history.page(CallQuery(agent=ewa))] == ["P2", "C2"]


def test_rows_and_cards_say_the_name_never_the_login() -> None:
    context = office_with_three_providers()
    history = Runtime(context).history
    assert history.agent_name("office", "ekaminski") == "Ewa Kamińska"
    assert history.agent_name("cube", "104") == "Ewa Kamińska"  # the same person, one spelling
    assert history.agent_name("td", "SIP/0000000672") == "Ольга Смирнова"
    assert history.agent_name("td", "SIP/0000000999") == "SIP/0000000999"  # nobody names it: the login
    names = history.agent_names()
    assert names[("cube", "103")] == names[("office", "olga")] == names[("td", "SIP/0000000672")]
    contact = Contact("Roga i Kopyta", [ContactPhone(CLIENT)], responsible="ekaminski")
    context.contacts.upsert(contact)
    runtime = Runtime(context)
    call = Call("office", "NEW", utcnow(), direction=Direction.IN, phone=CLIENT)
    facts = caller_facts(call, runtime.contacts, runtime.history, runtime.notes)
    assert facts.responsible_name == "Ewa Kamińska"


def test_an_agent_choosing_a_person_still_sees_only_their_own_calls() -> None:
    context = office_with_three_providers(Role.AGENT)
    history = Runtime(context).history
    ewa = next(value for label, value in history.agent_choices() if label == "Ewa Kamińska")
    assert history.page(CallQuery(agent=ewa)) == []  # a colleague's calls stay hidden
    olga = next(value for label, value in history.agent_choices() if label == "Ольга Смирнова")
    assert {r.call_id for r in history.page(CallQuery(agent=olga))} == {"P1", "C1", "T1"}


def test_the_rule_never_joins_two_users_of_one_account() -> None:
    persons = merge_persons(
        [
            Agent("office", "anna1", "Anna Nowak"),
            Agent("office", "anna2", "Anna Nowak"),
            Agent("cube", "201", "Nowak Anna"),
            Agent("office", "x", "X", email="info@firma.example"),
            Agent("office", "y", "Y", email="info@firma.example"),
        ]
    )
    assert sorted(len(p.identities) for p in persons) == [1, 1, 1, 1, 1]
    assert name_key("Łukasz  Nowák") == name_key("nowak, LUKASZ")
