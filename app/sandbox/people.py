"""The simulated company: agents (with PBX logins, extensions, SIP accounts), groups, our numbers,
and a contact book of Polish and Russian clients.

Why seeded and fixed at start: every provider surface (Cloud PBX ``accounts``, TeleDiscount SIP
accounts, CCRM ``users``/``people``) must describe the *same* people, and a test that imports the contact
book must be able to predict who calls. The first five agents are the Cloud PBX document's own example
accounts (``test``, ``daria``, ``andy``, ``mike``, ``serg``) so its example requests answer as printed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field

from app.sandbox import numbers

# (first name, latin), (surname masculine, feminine, latin) — latin for logins and e-mails.
_RU_MALE = (
    ("Андрей", "andrey"),
    ("Дмитрий", "dmitry"),
    ("Игорь", "igor"),
    ("Алексей", "alexey"),
    ("Сергей", "sergey"),
    ("Михаил", "mikhail"),
    ("Олег", "oleg"),
    ("Павел", "pavel"),
)
_RU_FEMALE = (
    ("Ольга", "olga"),
    ("Мария", "maria"),
    ("Анна", "anna"),
    ("Елена", "elena"),
    ("Наталья", "natalia"),
    ("Дарья", "daria"),
    ("Ксения", "ksenia"),
    ("Татьяна", "tatiana"),
)
_RU_SURNAMES = (
    ("Иванов", "Иванова", "ivanov"),
    ("Смирнов", "Смирнова", "smirnov"),
    ("Кузнецов", "Кузнецова", "kuznetsov"),
    ("Попов", "Попова", "popov"),
    ("Волков", "Волкова", "volkov"),
    ("Соколов", "Соколова", "sokolov"),
    ("Лебедев", "Лебедева", "lebedev"),
    ("Морозов", "Морозова", "morozov"),
)
_RU_PATRONYMICS = (
    ("Андреевич", "Андреевна"),
    ("Игоревич", "Игоревна"),
    ("Сергеевич", "Сергеевна"),
    ("Петрович", "Петровна"),
    ("Владимирович", "Владимировна"),
)
_PL_MALE = (
    ("Piotr", "piotr"),
    ("Krzysztof", "krzysztof"),
    ("Tomasz", "tomasz"),
    ("Paweł", "pawel"),
    ("Łukasz", "lukasz"),
    ("Michał", "michal"),
    ("Jakub", "jakub"),
    ("Marcin", "marcin"),
)
_PL_FEMALE = (
    ("Anna", "anna"),
    ("Katarzyna", "katarzyna"),
    ("Małgorzata", "malgorzata"),
    ("Agnieszka", "agnieszka"),
    ("Magdalena", "magdalena"),
    ("Joanna", "joanna"),
    ("Zofia", "zofia"),
    ("Ewa", "ewa"),
)
_PL_SURNAMES = (
    ("Nowak", "Nowak", "nowak"),
    ("Kowalski", "Kowalska", "kowalski"),
    ("Wiśniewski", "Wiśniewska", "wisniewski"),
    ("Wójcik", "Wójcik", "wojcik"),
    ("Kamiński", "Kamińska", "kaminski"),
    ("Lewandowski", "Lewandowska", "lewandowski"),
    ("Zieliński", "Zielińska", "zielinski"),
    ("Dąbrowski", "Dąbrowska", "dabrowski"),
)
_PL_COMPANIES = (
    "Budimex Serwis Sp. z o.o.",
    "Kwiaciarnia Róża s.c.",
    "Auto-Części Nowak",
    "Hurtownia Mazur",
    "Biuro Rachunkowe Saldo",
    "Przychodnia Zdrowie",
    "Drukarnia Offset Sp. z o.o.",
    "",
)
_RU_COMPANIES = (
    "ООО «Вектор»",
    "ЗАО «СтройИнвест»",
    "ИП Смирнов",
    "ООО «Ромашка»",
    "АО «ТехноСнаб»",
    "ООО «Северный ветер»",
    "",
)
_NOTES = ("", "", "", "VIP", "prefers e-mail", "перезвонить после 15:00", "dzwonić po 10:00", "overdue invoice")
# The document's example accounts (Cloud PBX, 4.2.1), in its order.
_DOC_AGENTS = (
    ("test", "пользователь", "Тестовый"),
    ("daria", "Дария", "Иванова"),
    ("andy", "Андрей", "Петров"),
    ("mike", "Михаил", "Семенов"),
    ("serg", "Сергей", "Чижиков"),
)


@dataclass
class Agent:
    """One call-centre agent, as every provider knows them."""

    login: str
    first_name: str
    last_name: str
    lang: str
    ext: str
    sip: str
    extension_id: int
    uid: str
    email: str
    mobile: str
    online: bool = True
    groups: list[str] = field(default_factory=list)

    @property
    def real_name(self) -> str:
        """Cloud PBX ``realName``: "Surname Name" for Russian users (as the document), "Name Surname" else."""
        if self.lang == "ru":
            return f"{self.last_name} {self.first_name}".strip()
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Group:
    """A Cloud PBX ring group (``groups`` command)."""

    id: str
    real_name: str
    ext: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    """A client in the contact book (``/_sandbox/contacts``) and the CCRM (``/publicApi/people``)."""

    uid: str
    first_name: str
    middle_name: str
    last_name: str
    company: str
    phones: tuple[tuple[str, str], ...]  # (written form, label)
    digits: tuple[str, ...]  # wire form of each phone
    email: str
    responsible: str
    note: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p) or self.company


@dataclass
class Roster:
    """The company: agents, groups, our numbers per provider, contacts with a digits index."""

    agents: list[Agent]
    groups: list[Group]
    lines: dict[str, list[str]]
    contacts: list[Contact]
    by_digits: dict[str, Contact] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_login = {a.login: a for a in self.agents}
        for contact in self.contacts:
            for d in contact.digits:
                self.by_digits.setdefault(d, contact)

    def agent(self, login: str) -> Agent | None:
        """Find an agent by login, accepting the ``login@tenant`` form deployments use."""
        return self.by_login.get(login.split("@", 1)[0].strip())

    def agent_by_sip(self, sip: str) -> Agent | None:
        """Find an agent by SIP account, ignoring the ``SIP/`` prefix and zero padding (docs differ)."""
        wanted = sip.upper().removeprefix("SIP/").lstrip("0")
        return next((a for a in self.agents if a.sip.removeprefix("SIP/").lstrip("0") == wanted), None)

    def agent_by_ext(self, ext: str) -> Agent | None:
        """Find an agent by extension (TeleCube ``contact_a``)."""
        return next((a for a in self.agents if a.ext == ext.strip()), None)


def build_roster(seed: int, extra_agents: int = 5, contacts: int = 200) -> Roster:
    """Build the company for ``seed``: same seed, same people."""
    rng = random.Random(f"{seed}:roster")
    agents = [_doc_agent(i, login, first, last, rng) for i, (login, first, last) in enumerate(_DOC_AGENTS)]
    taken = {a.login for a in agents}
    for i in range(extra_agents):
        agents.append(_new_agent(len(agents), "pl" if i % 2 == 0 else "ru", rng, taken))
    for i, agent in enumerate(agents):
        agent.online = i == 0 or rng.random() < 0.85
    half = (len(agents) + 1) // 2
    groups = [
        Group("sales", "Отдел продаж / Sprzedaż", 701, tuple(a.login for a in agents[1 : half + 1])),
        Group("support", "Поддержка / Wsparcie", 702, tuple(a.login for a in agents[half:])),
    ]
    for group in groups:
        for login in group.members:
            next(a for a in agents if a.login == login).groups.append(group.id)
    lines = {
        "cloudpbx": ["74951500100", "78124000200"],
        "telediscount": ["79037778899", "74997001020"],
        "telecube": ["48777888999", "48221234567"],
    }
    book = [_doc_contact()] + [_new_contact(i, rng, agents) for i in range(1, contacts)]
    return Roster(agents, groups, lines, book[:contacts])


def _doc_agent(i: int, login: str, first: str, last: str, rng: random.Random) -> Agent:
    return Agent(
        login=login,
        first_name=first,
        last_name=last,
        lang="ru",
        ext=str(101 + i),
        sip=f"SIP/{670 + i:010d}",
        extension_id=99999 - i,
        uid=_uuid(rng),
        email=f"{login}@ringdesk.example",
        mobile=numbers.ru_mobile(rng),
    )


def _new_agent(i: int, lang: str, rng: random.Random, taken: set[str]) -> Agent:
    while True:
        first, last, login = _person(rng, lang)
        if login not in taken:
            taken.add(login)
            break
    mobile = numbers.pl_mobile(rng) if lang == "pl" else numbers.ru_mobile(rng)
    return Agent(
        login=login,
        first_name=first,
        last_name=last,
        lang=lang,
        ext=str(101 + i),
        sip=f"SIP/{670 + i:010d}",
        extension_id=99999 - i,
        uid=_uuid(rng),
        email=f"{login}@ringdesk.example",
        mobile=mobile,
    )


def _person(rng: random.Random, lang: str) -> tuple[str, str, str]:
    """A (first, last, login) triple with the surname in the right gender."""
    female = rng.random() < 0.55
    if lang == "pl":
        first, lat = rng.choice(_PL_FEMALE if female else _PL_MALE)
        male_s, female_s, lat_s = rng.choice(_PL_SURNAMES)
    else:
        first, lat = rng.choice(_RU_FEMALE if female else _RU_MALE)
        male_s, female_s, lat_s = rng.choice(_RU_SURNAMES)
    return first, female_s if female else male_s, f"{lat[0]}{lat_s}"


def _doc_contact() -> Contact:
    """The Cloud PBX document's example caller and its ``contact`` answer (4.1.3)."""
    return Contact(
        uid="00000000-0000-4000-8000-000000000001",
        first_name="",
        middle_name="",
        last_name="",
        company="Менеджер ЗАО Рога и копыта",
        phones=(("+7 910 123-45-67", "Рабочий"),),
        digits=("79101234567",),
        email="office@roga-kopyta.example",
        responsible="andy",
        note="",
    )


def _new_contact(i: int, rng: random.Random, agents: list[Agent]) -> Contact:
    lang = "pl" if rng.random() < 0.5 else "ru"
    female = rng.random() < 0.5
    if lang == "pl":
        first, _ = rng.choice(_PL_FEMALE if female else _PL_MALE)
        male_s, female_s, lat = rng.choice(_PL_SURNAMES)
        middle, company = "", rng.choice(_PL_COMPANIES)
        digits = [numbers.pl_mobile(rng) if rng.random() < 0.8 else numbers.pl_landline(rng)]
        labels = ("Komórka", "Praca", "Dom")
    else:
        first, _ = rng.choice(_RU_FEMALE if female else _RU_MALE)
        male_s, female_s, lat = rng.choice(_RU_SURNAMES)
        middle, company = rng.choice(_RU_PATRONYMICS)[1 if female else 0], rng.choice(_RU_COMPANIES)
        digits = [numbers.ru_mobile(rng) if rng.random() < 0.8 else numbers.ru_landline(rng)]
        labels = ("Мобильный", "Рабочий", "Домашний")
    if rng.random() < 0.25:
        digits.append(numbers.any_number(rng, 0.9 if lang == "pl" else 0.1))
    phones = tuple((numbers.written(d, rng), labels[k]) for k, d in enumerate(digits))
    responsible = rng.choice(agents[1:]).login if rng.random() < 0.7 else ""
    email = f"{lat}.{i}@example.{'pl' if lang == 'pl' else 'ru'}" if rng.random() < 0.6 else ""
    last = female_s if female else male_s
    return Contact(
        uid=_uuid(rng),
        first_name=first,
        middle_name=middle,
        last_name=last,
        company=company,
        phones=phones,
        digits=tuple(digits),
        email=email,
        responsible=responsible,
        note=rng.choice(_NOTES),
    )


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
