"""The deterministic demo world of Omkijken: Woonhaven in the fictional district Overvliet.

``build_demo(size=..., seed=..., today=...)`` builds, in one transaction, the same data for the
same arguments: organisations, the persona users, a portfolio of complexes, sections and units,
households with their members and leases, the special-category target-group statuses, the
mixed-living projects and the municipality's quota. Nothing depends on the wall clock except
``today`` (``timezone.localdate()`` when not given); creation timestamps are set from it too.

Work is split in two: :func:`plan_demo` draws everything into unsaved model instances without
touching the database (so tests can count what the full demo would hold), and ``build_demo``
writes the plan with ``bulk_create`` in dependency order.

The reference projects (domain brief §1 and §3.2) shape the three named complexes:

* Vliethof, a 188-home gallery flat running "Nieuwe Buren" (about 21% vulnerable households);
* De Brug (101 homes) and Het Kompas (121 homes), new-build 30/70 complexes where a care partner
  first rents the homes of its clients (omklap lease, 36 months of support).

``size="small"`` (about 400 Woonhaven homes in 6 complexes, for the tests) keeps the same shape:
Vliethof keeps its 188 homes, De Brug and Het Kompas shrink to 40 and 48.

On purpose the picture is not perfect: one section of De Brug holds more vulnerable households
than its cap, and Het Kompas, still letting its first homes, sits below its target band.

All names are fictional: first and last names are drawn from lists of common names and never
produce the name of a persona or of a staff member.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Membership, Organisation, Role, User
from omkijken.demo.personas import (
    CARE_PARTNER,
    CORPORATION,
    DEMO_PASSWORD,
    MUNICIPALITY,
    MUNICIPALITY_CODE,
    OTHER_CARE_PARTNERS,
    OTHER_CORPORATION,
    PERSONAS,
)
from omkijken.portfolio.models import Complex, Neighbourhood, Section, Unit
from omkijken.projects.models import (
    PHASE_ORDER,
    CarePartnerAgreement,
    Phase,
    PhaseChange,
    Project,
    WorkingGroup,
    WorkingGroupMember,
)
from omkijken.quotas.models import Quota
from omkijken.residents.models import Household, Lease, LeaseType, Person, TargetGroup, TargetGroupStatus

SIZES = ("full", "small")
DEFAULT_SEED = 2026

RESIDENTS_ASSOCIATION = "Bewonersvereniging Overvliet"
CITY = "Vechtstad"

# Named complexes and projects (tests and other modules look them up by these names).
VLIETHOF = "Vliethof"
DE_BRUG = "De Brug"
HET_KOMPAS = "Het Kompas"
DREEFHOVEN = "Dreefhoven"
PROJECT_VLIETHOF = "Nieuwe Buren Vliethof"
PROJECT_DE_BRUG = "Gemengd wonen De Brug"
PROJECT_HET_KOMPAS = "Gemengd wonen Het Kompas"
PROJECT_DREEFHOVEN = "Goede Buren Dreefhoven"
PROJECT_OTHER = "Buurtgenoten Oosterkade"

DE_BRUG_OPENED = dt.date(2020, 10, 26)


@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str
    job_title: str


# Staff besides the personas, so that working groups have members (fictional names).
EXTRA_STAFF: tuple[StaffMember, ...] = (
    StaffMember("tvandenberg", "Thijs", "van den Berg", Role.BUILDING_MANAGER, CORPORATION, "Buurtbeheerder"),
    StaffMember("nbenali", "Naima", "Benali", Role.LETTING_OFFICER, CORPORATION, "Woonconsulent"),
    StaffMember("rmeijer", "Roos", "Meijer", Role.PROJECT_LEADER, CORPORATION, "Communicatieadviseur"),
    StaffMember("bsmit", "Bram", "Smit", Role.PROJECT_LEADER, OTHER_CORPORATION, "Projectleider wonen"),
)

JOB_TITLES: dict[str, str] = {
    Role.PROJECT_LEADER: "Projectleider gemengd wonen",
    Role.LETTING_OFFICER: "Verhuurconsulent",
    Role.BUILDING_MANAGER: "Allround beheerder",
    Role.CARE_COORDINATOR: "Coördinator ambulante begeleiding",
    Role.MUNICIPAL_OFFICER: "Beleidsmedewerker wonen",
    Role.RESIDENT: "",
    Role.APPLICANT: "",
    Role.ADMIN: "Functioneel beheerder",
}

# Contact persons of the care partners in the buildings (fictional).
CARE_CONTACTS = {
    CARE_PARTNER: ("Ruud Verbeek", "06-41870236"),
    OTHER_CARE_PARTNERS[0]: ("Saskia Brouwer", "06-52093317"),
    OTHER_CARE_PARTNERS[1]: ("Hamza Bouali", "06-38124470"),
}

# Two fictional districts of the municipality 0344: Overvliet (post-war flats, 8 buurten) and
# Vechtzoom (new build, 2 buurten). (code, name, postcode digits)
DISTRICTS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        f"WK{MUNICIPALITY_CODE}01",
        "Overvliet",
        (
            (f"BU{MUNICIPALITY_CODE}0101", "Vlietpark", "3561"),
            (f"BU{MUNICIPALITY_CODE}0102", "Dreven-Noord", "3562"),
            (f"BU{MUNICIPALITY_CODE}0103", "Dreven-Zuid", "3563"),
            (f"BU{MUNICIPALITY_CODE}0104", "Molenweide", "3564"),
            (f"BU{MUNICIPALITY_CODE}0105", "Schouwbuurt", "3565"),
            (f"BU{MUNICIPALITY_CODE}0106", "Havenrand", "3566"),
            (f"BU{MUNICIPALITY_CODE}0107", "Kanaalkwartier", "3567"),
            (f"BU{MUNICIPALITY_CODE}0108", "Overvliet-Oost", "3568"),
        ),
    ),
    (
        f"WK{MUNICIPALITY_CODE}02",
        "Vechtzoom",
        (
            (f"BU{MUNICIPALITY_CODE}0201", "Brugkwartier", "3591"),
            (f"BU{MUNICIPALITY_CODE}0202", "Kompasveld", "3592"),
        ),
    ),
)
DEMO_NEIGHBOURHOOD_CODES = tuple(code for _, _, buurten in DISTRICTS for code, _, _ in buurten)
OVERVLIET_BUURTEN = DEMO_NEIGHBOURHOOD_CODES[:8]
BRUGKWARTIER, KOMPASVELD = DEMO_NEIGHBOURHOOD_CODES[8:]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Street names of the regular stock (fictional combinations; one street per complex).
STREET_STEMS = _words(
    "Kemphaan Reiger Ooievaar Zwaluw Lijster Merel Kievit Wulp Grutto Tureluur Plevier Scholekster "
    "Roerdomp Fuut Meerkoet Waterhoen Specht Boomklever Goudvink Putter Sijs Kneu Gors Pimpelmees "
    "Winterkoning Roodborst Nachtegaal Leeuwerik Spreeuw Zanglijster Koekoek Havik Sperwer Buizerd "
    "Torenvalk Kraanvogel Lepelaar Aalscholver Bergeend Krakeend Smient Slobeend Tafeleend "
    "Zilvermeeuw Stern Kluut"
)
GALLERY_SUFFIXES = ("dreef", "flat", "hof")
STAIRWELL_SUFFIXES = ("straat", "laan", "kade", "weg")
TERRACED_SUFFIXES = ("erf", "pad", "hof", "straat")
APARTMENT_SUFFIXES = ("plein", "staete", "hof")

# --- names -------------------------------------------------------------------------------------
# (male first names, female first names, surnames as (prefix, last name))
_DUTCH = (
    "Jan Pieter Kees Henk Wim Gerrit Johan Bas Daan Sem Lucas Thomas Ruben Jeroen Maarten Sander Niels "
    "Joris Stijn Tim Jesse Milan Luuk Hans Frank Erik Martijn Rob Teun Floris Wouter Koen Dirk Gijs Ton",
    "Anna Lieke Eva Fleur Emma Julia Sophie Anouk Femke Marieke Ingrid Annemarie Wilma Gerda Tineke "
    "Petra Linda Esther Marloes Noor Tess Lisa Maud Jolien Hanneke Yvonne Karin Els Ria Truus Joke Ineke",
    "de|Jong Jansen de|Vries van|Dijk Visser de|Boer Mulder de|Groot Bos Vos Peters Jacobs van_der|Linden "
    "Dekker de|Graaf van_der|Meer van|Leeuwen de|Bruijn van_der|Heijden Schouten van|Beek Willems "
    "Hoekstra Maas Verhoeven Koster Prins Blom Huisman Peeters de|Haan Kuipers van|Veen Post Kramer "
    "van_den|Brink Scholten van|Wijk Postma Martens Vink de|Ruiter Timmermans Groen Gerritsen Jonker "
    "van|Loon Wolters Hermans Bosman Molenaar Evers Claassen van_der|Wal Dijkstra",
)
_MOROCCAN = (
    "Mohamed Ahmed Youssef Mustafa Said Hamid Bilal Ayoub Adam Ilias Hicham Rachid Soufiane Anass Nordin",
    "Fatima Khadija Samira Nadia Salma Yasmina Malika Hanan Ikram Latifa Meryem Sara Zineb Houda Loubna",
    "El_Hamdaoui Bouzaid Azarkan El_Idrissi Bennani Haddouchi Tahiri El_Ouardi Amrani Lamrabet Ouhadi "
    "Chaara Benhaddou Akhiat Mourabit",
)
_TURKISH = (
    "Mehmet Ahmet Mustafa Hasan Hüseyin Murat Kerem Yusuf Ömer Serkan Volkan Tarık",
    "Ayşe Fatma Elif Zeynep Emine Hatice Merve Büşra Esra Derya Sevgi Gül",
    "Kaya Demir Şahin Çelik Yıldız Aydın Arslan Doğan Koç Kurt Özdemir Kılıç Polat Aksoy",
)
_SURINAMESE = (
    "Ricardo Dwayne Romano Kevin Steven Glenn Marciano Jermaine Sunil Rajesh",
    "Priya Sharda Denise Naomi Chantal Jennifer Shirley Anjali Sharon Kavita",
    "Ramdin Jagessar Soekhoe Lachman Sitaram Pinas Sewdien Bhagwandin Doelwijt Nelom Karijo Mahabier",
)
_POLISH = (
    "Piotr Tomasz Paweł Krzysztof Marek Michał Łukasz",
    "Katarzyna Agnieszka Magdalena Joanna Monika Małgorzata Ewa",
    "Nowak Wójcik Kowalczyk Mazur Krawczyk Zając Król Wieczorek Pawlak Michalak",
)
_GHANAIAN = (
    "Kwame Kofi Emmanuel Yaw Kwabena Samuel",
    "Akosua Abena Grace Ama Efua Adwoa",
    "Mensah Owusu Asante Appiah Amoah Darko Ofori",
)
_ERITREAN = (
    "Dawit Yonas Filmon Mehari Berhane Samuel Abel Habtom Tekle Amanuel Robel",
    "Selam Helen Senait Hiwet Rahel Lidia Freweini Mebrat Saba Yohana Winta",
    "Tesfaye Ghebremedhin Habte Tekle Kidane Weldemariam Mehari Berhe Asmerom Tesfamariam Ghirmay Yemane",
)
_SYRIAN = (
    "Omar Khaled Ali Mahmoud Rami Ammar Firas Tarek Yamen Wassim Samer",
    "Rania Lina Hala Rasha Nour Dima Reem Amal Yara Maya Ghada",
    "Al-Hassan Haddad Khalil Mansour Najjar Saleh Hamdan Othman Alali Kassem Hamoud Sabbagh",
)
_AFGHAN = (
    "Ahmad Farid Jawad Nasir Sohail Rahim Wahid",
    "Farida Mariam Nazia Parwana Shabnam Zahra Laila",
    "Ahmadi Rahimi Karimi Sultani Noori Amiri Sadiqi Hashimi",
)
_SOMALI = (
    "Abdi Abdullahi Mohamed Hassan Yusuf Liban Abdirahman",
    "Hodan Amina Faduma Sahra Ifrah Asha Nimo",
    "Warsame Jama Osman Hussein Nur Egal Dirie Mohamud",
)


def _pool(spec: tuple[str, str, str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Parse a (male, female, surnames) triple: surnames as ``prefix|Last`` with ``_`` for a space."""
    male, female, surnames = spec
    parsed = []
    for token in surnames.split():
        prefix, _, last = token.rpartition("|")
        parsed.append((prefix.replace("_", " "), last.replace("_", " ")))
    return tuple(male.split()), tuple(female.split()), tuple(parsed)


NAME_POOLS = {
    "nl": _pool(_DUTCH),
    "ma": _pool(_MOROCCAN),
    "tr": _pool(_TURKISH),
    "sr": _pool(_SURINAMESE),
    "pl": _pool(_POLISH),
    "gh": _pool(_GHANAIAN),
    "er": _pool(_ERITREAN),
    "sy": _pool(_SYRIAN),
    "af": _pool(_AFGHAN),
    "so": _pool(_SOMALI),
}
ORIGINS_GENERAL = (
    ("nl", 56),
    ("ma", 11),
    ("tr", 9),
    ("sr", 7),
    ("pl", 3),
    ("gh", 2),
    ("er", 3),
    ("sy", 4),
    ("af", 2),
    ("so", 3),
)
ORIGINS_STATUS_HOLDER = (("er", 35), ("sy", 35), ("af", 18), ("so", 12))

# --- units -------------------------------------------------------------------------------------
AREA_BY_ROOMS = {1: (28, 38), 2: (42, 58), 3: (58, 78), 4: (72, 92), 5: (88, 115)}
RENT_BY_ROOMS = {1: 480, 2: 545, 3: 625, 4: 705, 5: 785}
HOUSEHOLD_SIZE_BY_ROOMS = {1: (1, 1), 2: (1, 2), 3: (1, 4), 4: (2, 6), 5: (3, 8)}
DAEB_RENT_FLOOR, DAEB_RENT_CEILING = Decimal("450.00"), Decimal("900.00")

# --- target groups -----------------------------------------------------------------------------
PARTNERED_GROUPS = {"DAK", "UIT", "GGZ", "VER", "PSY", "GED", "VBE"}


@dataclass(frozen=True)
class _VulnerableProfile:
    """Who the vulnerable households of a complex are and how they rent."""

    groups: tuple[tuple[str, int], ...]
    partners: tuple[tuple[str, int], ...]
    omklap_share: float  # of partnered leases; the rest are driehoek leases
    partnered_share: float = 0.85  # of non-status-holder households


PROFILE_NEW_BUILD = _VulnerableProfile(
    (("DAK", 70), ("UIT", 20), ("GGZ", 10)), ((CARE_PARTNER, 1),), 0.85, 1.0
)
PROFILE_KOMPAS = _VulnerableProfile(
    (("DAK", 65), ("UIT", 25), ("GGZ", 10)), ((CARE_PARTNER, 80), (OTHER_CARE_PARTNERS[0], 20)), 0.85, 1.0
)
PROFILE_VLIETHOF = _VulnerableProfile(
    (("GGZ", 35), ("DAK", 30), ("STH", 20), ("VER", 10), ("UIT", 5)),
    ((OTHER_CARE_PARTNERS[1], 65), (CARE_PARTNER, 35)),
    0.25,
    0.95,
)
PROFILE_GENERAL = _VulnerableProfile(
    (("STH", 35), ("GGZ", 18), ("DAK", 15), ("UIT", 12), ("VER", 8), ("PSY", 4), ("GED", 4), ("VBE", 4)),
    ((CARE_PARTNER, 40), (OTHER_CARE_PARTNERS[0], 30), (OTHER_CARE_PARTNERS[1], 30)),
    0.35,
)
PROFILE_OTHER_CORPORATION = _VulnerableProfile(
    (("STH", 30), ("GGZ", 25), ("DAK", 25), ("UIT", 20)),
    ((OTHER_CARE_PARTNERS[0], 70), (OTHER_CARE_PARTNERS[1], 30)),
    0.3,
)


# --- plan --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _SectionSpec:
    name: str
    kind: str
    slots: tuple[tuple[int, int, str], ...]  # (floor, house number, suffix)


@dataclass
class _ComplexSpec:
    name: str
    building_type: str
    storeys: int
    year_built: int
    buurt: str
    sections: list[_SectionSpec]
    no_section_slots: list[tuple[int, int, str]] = field(default_factory=list)
    street: str = ""
    vulnerable_share: float = 0.08  # share of the occupied homes (regular stock), placed at random
    vacancy: float = 0.055  # share of the homes that are empty
    profile: _VulnerableProfile = PROFILE_GENERAL
    # Project complexes: exact number of vulnerable households, placed within section caps.
    project_target: float | None = None
    vulnerable_count: int | None = None
    overflow_section: str | None = None
    opened: dt.date | None = None  # new build: first lettings from this date
    new_build: bool = False
    rooms: tuple[tuple[int, int], ...] = ((2, 35), (3, 45), (4, 15), (1, 5))
    ndaeb_every: int = 0  # every n-th unit is let outside DAEB (0: none)


@dataclass
class DemoPlan:
    """Unsaved model instances in dependency order, plus the many-to-many pairs."""

    today: dt.date
    size: str
    seed: int
    organisations: list[Organisation] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)
    complexes: list[Complex] = field(default_factory=list)
    complex_managers: list[tuple[Complex, User]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    leases: list[Lease] = field(default_factory=list)
    statuses: list[TargetGroupStatus] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    project_complexes: list[tuple[Project, Complex]] = field(default_factory=list)
    phase_changes: list[PhaseChange] = field(default_factory=list)
    working_groups: list[WorkingGroup] = field(default_factory=list)
    working_group_members: list[WorkingGroupMember] = field(default_factory=list)
    agreements: list[CarePartnerAgreement] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    # Timestamps of auto_now_add fields, set after insert (id(instance) -> datetime).
    timestamps: dict[int, dt.datetime] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Rows per model label (``app_label.ModelName``), through tables included."""
        return {
            "accounts.Organisation": len(self.organisations),
            "accounts.User": len(self.users),
            "accounts.Membership": len(self.memberships),
            "portfolio.Neighbourhood": len(self.neighbourhoods),
            "portfolio.Complex": len(self.complexes),
            "portfolio.Complex_managers": len(self.complex_managers),
            "portfolio.Section": len(self.sections),
            "portfolio.Unit": len(self.units),
            "residents.Household": len(self.households),
            "residents.Person": len(self.persons),
            "residents.Lease": len(self.leases),
            "residents.TargetGroupStatus": len(self.statuses),
            "projects.Project": len(self.projects),
            "projects.Project_complexes": len(self.project_complexes),
            "projects.PhaseChange": len(self.phase_changes),
            "projects.WorkingGroup": len(self.working_groups),
            "projects.WorkingGroupMember": len(self.working_group_members),
            "projects.CarePartnerAgreement": len(self.agreements),
            "quotas.Quota": len(self.quotas),
        }


@dataclass(frozen=True)
class DemoSummary:
    size: str
    seed: int
    today: dt.date
    counts: dict[str, int]
    elapsed: float  # seconds, planning and writing

    @property
    def occupancy(self) -> float:
        units = self.counts.get("portfolio.Unit", 0)
        return self.counts.get("residents.Lease", 0) / units if units else 0.0


def _add_months(day: dt.date, months: int) -> dt.date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ı", "i"))
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


def _weighted(rng: random.Random, options: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


class _Planner:
    def __init__(self, size: str, seed: int, today: dt.date) -> None:
        if size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}, not {size!r}")
        self.size = size
        self.rng = random.Random(seed)
        self.today = today
        self.tz = timezone.get_default_timezone()
        self.plan = DemoPlan(today=today, size=size, seed=seed)
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.buurten: dict[str, Neighbourhood] = {}
        self.postcode_area: dict[str, str] = {}
        self.postcode_next: dict[str, int] = {}
        self.complexes: dict[str, Complex] = {}
        self.sections_by_complex: dict[str, dict[str, Section]] = {}
        self.household_seq: dict[str, int] = {}
        self.consent_seq: dict[int, int] = {}
        self.used_streets: set[str] = set()
        self.reserved_names = {f"{p.first_name} {p.last_name}" for p in PERSONAS.values()}
        self.reserved_names |= {f"{s.first_name} {s.last_name}" for s in EXTRA_STAFF}
        self.reserved_names |= {name for name, _ in CARE_CONTACTS.values()}
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        self.postcode_letters = [a + b for a in letters for b in letters if a + b not in {"SA", "SD", "SS"}]

    # -- helpers ----------------------------------------------------------------------------------
    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=self.tz)

    def stamp(self, obj: Model, day: dt.date, hour: int = 10) -> None:
        self.plan.timestamps[id(obj)] = self.at(day, hour)

    def days_ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def next_postcode(self, buurt: str) -> str:
        index = self.postcode_next.get(buurt, 0)
        self.postcode_next[buurt] = index + 1
        return f"{self.postcode_area[buurt]}{self.postcode_letters[index]}"

    def street_name(self, suffixes: Sequence[str]) -> str:
        while True:
            name = f"{self.rng.choice(STREET_STEMS)}{self.rng.choice(suffixes)}"
            if name not in self.used_streets:
                self.used_streets.add(name)
                return name

    def person_name(self, origin: str, female: bool) -> tuple[str, str, str]:
        male_names, female_names, surnames = NAME_POOLS[origin]
        while True:
            first = self.rng.choice(female_names if female else male_names)
            prefix, last = self.rng.choice(surnames)
            full = " ".join(part for part in (first, prefix, last) if part)
            if full not in self.reserved_names:
                return first, prefix, last

    def phone(self) -> str:
        return f"06-{self.rng.randrange(10_000_000, 100_000_000)}"

    def birth_date(self, age_years: float) -> dt.date:
        return self.today - dt.timedelta(days=int(age_years * 365.25) + self.rng.randrange(0, 365))

    # -- organisations and users ------------------------------------------------------------------
    def organisations(self) -> None:
        def add(name: str, kind: str, **extra: Any) -> Organisation:
            slug = _ascii(name.replace("Stichting", "").replace("Gemeente", ""))
            org = Organisation(
                name=name,
                kind=kind,
                email=f"info@{slug}.example.org",
                phone=f"030-{self.rng.randrange(1_000_000, 9_999_999)}",
                **extra,
            )
            self.orgs[name] = org
            self.plan.organisations.append(org)
            return org

        K = Organisation.Kind
        woonhaven = add(CORPORATION, K.CORPORATION)
        add(OTHER_CORPORATION, K.CORPORATION)
        for partner in (CARE_PARTNER, *OTHER_CARE_PARTNERS):
            add(partner, K.CARE_PARTNER)
        add(MUNICIPALITY, K.MUNICIPALITY, municipality_code=MUNICIPALITY_CODE)
        add(RESIDENTS_ASSOCIATION, K.RESIDENTS_ASSOCIATION, corporation=woonhaven)

    def users_and_memberships(self) -> None:
        people = [
            (p.username, p.first_name, p.last_name, p.role, p.organisation, JOB_TITLES[p.role])
            for p in PERSONAS.values()
        ] + [
            (s.username, s.first_name, s.last_name, s.role, s.organisation, s.job_title) for s in EXTRA_STAFF
        ]
        for username, first, last, role, organisation, job_title in people:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                is_staff=role == Role.ADMIN,
                is_superuser=False,
                is_active=True,
                preferred_language="nl",
                date_joined=self.at(self.today - dt.timedelta(days=400), 9),
            )
            self.users[username] = user
            self.plan.users.append(user)
            membership = Membership(
                user=user,
                organisation=self.orgs[organisation],
                role=role,
                job_title="" if role == Role.RESIDENT else job_title,
            )
            self.stamp(membership, self.today - dt.timedelta(days=400), 9)
            self.plan.memberships.append(membership)

    # -- portfolio --------------------------------------------------------------------------------
    def neighbourhoods(self) -> None:
        for district_code, district_name, buurten in DISTRICTS:
            for code, name, postcode_area in buurten:
                hood = Neighbourhood(
                    municipality_code=MUNICIPALITY_CODE,
                    municipality_name=CITY,
                    district_code=district_code,
                    district_name=district_name,
                    code=code,
                    name=name,
                )
                self.buurten[code] = hood
                self.postcode_area[code] = postcode_area
                self.plan.neighbourhoods.append(hood)

    @staticmethod
    def gallery_sections(per_floor: Sequence[int], ground: int = 0) -> list[_SectionSpec]:
        """One galerij per floor from the first floor up; optional homes on the ground floor."""
        sections, number = [], 1
        if ground:
            sections.append(
                _SectionSpec(
                    "Begane grond",
                    Section.Kind.FLOOR_GROUP,
                    tuple((0, number + i, "") for i in range(ground)),
                )
            )
            number += ground
        for floor, count in enumerate(per_floor, start=1):
            slots = tuple((floor, number + i, "") for i in range(count))
            sections.append(_SectionSpec(f"Galerij {floor}", Section.Kind.GALLERY, slots))
            number += count
        return sections

    @staticmethod
    def apartment_sections(per_floor: Sequence[int]) -> list[_SectionSpec]:
        """Floor groups; the first entry is the ground floor."""
        sections, number = [], 1
        for floor, count in enumerate(per_floor):
            name = "Begane grond" if floor == 0 else f"Verdieping {floor}"
            sections.append(
                _SectionSpec(
                    name, Section.Kind.FLOOR_GROUP, tuple((floor, number + i, "") for i in range(count))
                )
            )
            number += count
        return sections

    @staticmethod
    def stairwell_sections(count: int, storeys: int) -> list[_SectionSpec]:
        """Portieken of two homes per floor; entrance numbers odd, floors as suffix A, B, C, ..."""
        sections = []
        for index in range(count):
            left, right = 4 * index + 1, 4 * index + 3
            slots = tuple(
                (floor, number, "" if floor == 0 else "ABCDEFG"[floor - 1])
                for number in (left, right)
                for floor in range(storeys)
            )
            sections.append(_SectionSpec(f"Portiek {left}-{right}", Section.Kind.STAIRWELL, slots))
        return sections

    def woonhaven_specs(self) -> list[_ComplexSpec]:
        rng, full = self.rng, self.size == "full"
        kompas_opened = self.days_ago(150)
        specs = [
            _ComplexSpec(
                VLIETHOF,
                Complex.BuildingType.GALLERY_FLAT,
                13,
                1968,
                OVERVLIET_BUURTEN[0],
                self.gallery_sections([16] * 8 + [14] * 4, ground=4),
                street=VLIETHOF,
                project_target=0.21,
                vulnerable_count=40,
                vacancy=0.04,
                profile=PROFILE_VLIETHOF,
            ),
            _ComplexSpec(
                DE_BRUG,
                Complex.BuildingType.APARTMENT,
                7 if full else 4,
                DE_BRUG_OPENED.year,
                BRUGKWARTIER,
                self.apartment_sections([11] + [15] * 6 if full else [4, 12, 12, 12]),
                street="Brugplein",
                project_target=0.30,
                vulnerable_count=30 if full else 12,
                vacancy=0.03,
                overflow_section="Verdieping 3" if full else "Verdieping 2",
                profile=PROFILE_NEW_BUILD,
                opened=DE_BRUG_OPENED,
                new_build=True,
                rooms=((2, 55), (3, 45)),
            ),
            _ComplexSpec(
                HET_KOMPAS,
                Complex.BuildingType.APARTMENT,
                8 if full else 4,
                kompas_opened.year,
                KOMPASVELD,
                self.apartment_sections([9] + [16] * 7 if full else [6, 14, 14, 14]),
                street="Kompasstraat",
                project_target=0.30,
                vulnerable_count=26 if full else 10,
                vacancy=0.11,
                profile=PROFILE_KOMPAS,
                opened=kompas_opened,
                new_build=True,
                rooms=((2, 50), (3, 40), (4, 10)),
            ),
            _ComplexSpec(
                DREEFHOVEN,
                Complex.BuildingType.GALLERY_FLAT,
                10 if full else 6,
                1970,
                OVERVLIET_BUURTEN[1],
                self.gallery_sections([14] * 9 if full else [10] * 5),
                street="Dreefhoven",
                project_target=0.20,
                vulnerable_share=0.17,
            ),
        ]
        if full:
            # Seven more 10-storey gallery flats; two of them with many vulnerable households.
            for index in range(7):
                per_galerij = rng.randint(12, 16)
                specs.append(
                    _ComplexSpec(
                        "",
                        Complex.BuildingType.GALLERY_FLAT,
                        10,
                        rng.randint(1966, 1974),
                        OVERVLIET_BUURTEN[1 + index % 3],
                        self.gallery_sections([per_galerij] * 9, ground=rng.choice((0, 0, 4))),
                        vulnerable_share=(0.15, 0.14)[index] if index < 2 else rng.uniform(0.07, 0.11),
                    )
                )
            for index in range(2):  # senior apartment buildings with a lift
                storeys = rng.randint(5, 6)
                specs.append(
                    _ComplexSpec(
                        "",
                        Complex.BuildingType.APARTMENT,
                        storeys,
                        rng.randint(1996, 2012),
                        OVERVLIET_BUURTEN[4 + index],
                        self.apartment_sections([rng.randint(8, 12)] * storeys),
                        vulnerable_share=0.05,
                        rooms=((2, 60), (3, 40)),
                        ndaeb_every=15,
                    )
                )
            for index in range(7):  # terraced rows
                specs.append(
                    _ComplexSpec(
                        "",
                        Complex.BuildingType.TERRACED,
                        rng.choice((2, 3)),
                        rng.randint(1974, 1992),
                        OVERVLIET_BUURTEN[5 + index % 3],
                        [],
                        no_section_slots=[(0, n, "") for n in range(1, rng.randint(30, 70) + 1)],
                        vulnerable_share=0.05,
                        vacancy=0.03,
                        rooms=((3, 15), (4, 55), (5, 30)),
                        ndaeb_every=12,
                    )
                )
            # Stairwell blocks fill the portfolio up to about 5,500 homes.
            stairwell_count = 23
            remaining = 5_500 - sum(
                len(s.no_section_slots) + sum(len(x.slots) for x in s.sections) for s in specs
            )
            for index in range(stairwell_count):
                storeys = rng.choice((3, 4, 4))
                per_portiek = 2 * storeys
                left = stairwell_count - index
                portieken = max(4, round(remaining / left / per_portiek + rng.uniform(-4, 4)))
                if left == 1:
                    portieken = max(4, round(remaining / per_portiek))
                remaining -= portieken * per_portiek
                specs.append(
                    _ComplexSpec(
                        "",
                        Complex.BuildingType.STAIRWELL,
                        storeys,
                        rng.randint(1954, 1968),
                        OVERVLIET_BUURTEN[index % 8],
                        self.stairwell_sections(portieken, storeys),
                        vulnerable_share=rng.uniform(0.05, 0.10),
                        rooms=((2, 20), (3, 50), (4, 30)),
                    )
                )
        else:
            specs.append(
                _ComplexSpec(
                    "",
                    Complex.BuildingType.STAIRWELL,
                    4,
                    1961,
                    OVERVLIET_BUURTEN[3],
                    self.stairwell_sections(6, 4),
                    vulnerable_share=0.08,
                    rooms=((2, 20), (3, 50), (4, 30)),
                )
            )
            specs.append(
                _ComplexSpec(
                    "",
                    Complex.BuildingType.TERRACED,
                    2,
                    1983,
                    OVERVLIET_BUURTEN[5],
                    [],
                    no_section_slots=[(0, n, "") for n in range(1, 25)],
                    vulnerable_share=0.05,
                    vacancy=0.03,
                    rooms=((3, 15), (4, 55), (5, 30)),
                    ndaeb_every=12,
                )
            )
        return specs

    def other_corporation_specs(self) -> list[_ComplexSpec]:
        full = self.size == "full"
        specs = [
            _ComplexSpec(
                "Oosterkade",
                Complex.BuildingType.APARTMENT,
                5,
                2004,
                KOMPASVELD,
                self.apartment_sections([8] * 5 if full else [4] * 4),
                street="Oosterkade",
                project_target=0.25,
                vulnerable_count=9 if full else 4,
                profile=PROFILE_OTHER_CORPORATION,
                rooms=((2, 60), (3, 40)),
            ),
            _ComplexSpec(
                "",
                Complex.BuildingType.STAIRWELL,
                4,
                1959,
                OVERVLIET_BUURTEN[7],
                self.stairwell_sections(6 if full else 2, 4),
                vulnerable_share=0.10,
                profile=PROFILE_OTHER_CORPORATION,
                rooms=((2, 20), (3, 50), (4, 30)),
            ),
        ]
        if full:
            specs.append(
                _ComplexSpec(
                    "",
                    Complex.BuildingType.TERRACED,
                    2,
                    1979,
                    OVERVLIET_BUURTEN[7],
                    [],
                    no_section_slots=[(0, n, "") for n in range(1, 25)],
                    vulnerable_share=0.05,
                    profile=PROFILE_OTHER_CORPORATION,
                    rooms=((4, 60), (5, 40)),
                )
            )
        return specs

    def unit_for(
        self,
        spec: _ComplexSpec,
        complex_: Complex,
        section: Section | None,
        slot: tuple[int, int, str],
        index: int,
        postcode: str,
    ) -> Unit:
        rng = self.rng
        floor, number, suffix = slot
        rooms = _weighted(rng, spec.rooms)
        area = rng.randint(*AREA_BY_ROOMS[rooms])
        lift = spec.storeys >= 4 and spec.building_type != Complex.BuildingType.TERRACED
        if spec.building_type == Complex.BuildingType.TERRACED:
            wheelchair = index == len(spec.no_section_slots) - 1  # the adapted end house
        else:
            wheelchair = floor == 0 and lift and index % 2 == 0
        min_size, max_size = HOUSEHOLD_SIZE_BY_ROOMS[rooms]
        if spec.ndaeb_every and index % spec.ndaeb_every == spec.ndaeb_every // 2:
            rent = Decimal(f"{rng.uniform(940, 1180):.2f}")
            label = Unit.DaebLabel.NON_DAEB
        else:
            base = RENT_BY_ROOMS[rooms] + rng.uniform(-65, 70) + (60 if spec.new_build else 0)
            rent = min(max(Decimal(f"{base:.2f}"), DAEB_RENT_FLOOR), DAEB_RENT_CEILING)
            label = Unit.DaebLabel.DAEB
        return Unit(
            complex=complex_,
            section=section,
            code=f"{complex_.code}-{index + 1:04d}",
            street=complex_.street,
            house_number=number,
            house_number_suffix=suffix,
            postcode=postcode,
            city=CITY,
            floor=floor,
            rooms=rooms,
            floor_area=area,
            net_rent=rent,
            daeb_label=label,
            has_lift=lift,
            wheelchair_accessible=wheelchair,
            min_household_size=min_size,
            max_household_size=max_size,
        )

    def build_complex(
        self, spec: _ComplexSpec, corporation: Organisation, code: str
    ) -> list[tuple[Unit, str | None]]:
        type_ = Complex.BuildingType
        if not spec.street:
            street_suffixes: dict[str, tuple[str, ...]] = {
                type_.GALLERY_FLAT: GALLERY_SUFFIXES,
                type_.STAIRWELL: STAIRWELL_SUFFIXES,
                type_.TERRACED: TERRACED_SUFFIXES,
                type_.APARTMENT: APARTMENT_SUFFIXES,
            }
            spec.street = self.street_name(street_suffixes[spec.building_type])
        self.used_streets.add(spec.street)
        if not spec.name:
            spec.name = spec.street if spec.building_type != type_.STAIRWELL else f"{spec.street} e.o."
        complex_ = Complex(
            corporation=corporation,
            neighbourhood=self.buurten[spec.buurt],
            code=code,
            name=spec.name,
            street=spec.street,
            building_type=spec.building_type,
            storeys=spec.storeys,
            year_built=spec.year_built,
        )
        self.complexes[spec.name] = complex_
        self.plan.complexes.append(complex_)
        sections: dict[str, Section] = {}
        for section_spec in spec.sections:
            cap = None
            if spec.project_target is not None:
                cap = max(1, round(len(section_spec.slots) * (spec.project_target + 0.03)))
            section = Section(
                complex=complex_, name=section_spec.name, kind=section_spec.kind, max_vulnerable=cap
            )
            sections[section_spec.name] = section
            self.plan.sections.append(section)
        self.sections_by_complex[spec.name] = sections

        slots: list[tuple[str | None, tuple[int, int, str]]] = [
            (s.name, slot) for s in spec.sections for slot in s.slots
        ]
        slots += [(None, slot) for slot in spec.no_section_slots]
        built: list[tuple[Unit, str | None]] = []
        postcode, in_postcode, previous_number = "", 0, None
        for index, (section_name, slot) in enumerate(slots):
            number = slot[1]
            if not postcode or (in_postcode >= 20 and number != previous_number):
                postcode, in_postcode = self.next_postcode(spec.buurt), 0
            in_postcode += 1
            previous_number = number
            unit_section = sections[section_name] if section_name else None
            unit = self.unit_for(spec, complex_, unit_section, slot, index, postcode)
            self.plan.units.append(unit)
            built.append((unit, section_name))
        return built

    # -- households -------------------------------------------------------------------------------
    def lease_start(self, spec: _ComplexSpec) -> dt.date:
        rng = self.rng
        if spec.opened is not None:
            span = max(1, (self.today - spec.opened).days)
            if spec.opened.year < self.today.year - 1 and rng.random() < 0.65:
                return spec.opened + dt.timedelta(days=rng.randrange(0, 45))  # first letting
            return spec.opened + dt.timedelta(days=rng.randrange(0, span))
        earliest = max(dt.date(spec.year_built, 6, 1), _add_months(self.today, -25 * 12))
        span = (self.today - earliest).days
        days = int(rng.expovariate(1 / (8 * 365.25)))
        if days > span:
            days = rng.randrange(0, span)
        return self.today - dt.timedelta(days=days)

    def vulnerable_units(self, spec: _ComplexSpec, occupied: list[tuple[Unit, str | None]]) -> set[int]:
        """Indexes into ``occupied`` of the homes of vulnerable households."""
        rng = self.rng
        if spec.vulnerable_count is None:
            return set(rng.sample(range(len(occupied)), round(len(occupied) * spec.vulnerable_share)))
        by_section: dict[str, list[int]] = {}
        for i, (_, section_name) in enumerate(occupied):
            by_section.setdefault(section_name or "", []).append(i)
        sections = self.sections_by_complex[spec.name]
        limit = {
            name: min(len(idx), sections[name].max_vulnerable or len(idx)) for name, idx in by_section.items()
        }
        quota = dict.fromkeys(by_section, 0)
        if spec.overflow_section:
            cap = sections[spec.overflow_section].max_vulnerable or 0
            quota[spec.overflow_section] = limit[spec.overflow_section] = min(
                cap + 2, len(by_section[spec.overflow_section])
            )
        remaining = spec.vulnerable_count - sum(quota.values())
        while remaining > 0:
            open_sections = [name for name in by_section if quota[name] < limit[name]]
            if not open_sections:
                break
            name = rng.choices(open_sections, weights=[limit[n] - quota[n] for n in open_sections])[0]
            quota[name] += 1
            remaining -= 1
        chosen: set[int] = set()
        for name, indexes in by_section.items():
            chosen.update(rng.sample(indexes, quota[name]))
        return chosen

    def add_household(
        self,
        corporation: Organisation,
        unit: Unit,
        spec: _ComplexSpec,
        *,
        target_group: str | None = None,
        partner: str | None = None,
        lease_type: str | None = None,
        start: dt.date | None = None,
        members: list[tuple[str, str, str, float, bool]] | None = None,  # first, prefix, last, age, female
        user: User | None = None,
    ) -> Household:
        rng, today = self.rng, self.today
        prefix = "WH" if corporation.name == CORPORATION else "SO"
        seq = self.household_seq.get(prefix, 0) + 1
        self.household_seq[prefix] = seq
        vulnerable = target_group is not None
        start = start or self.lease_start(spec)
        years_since = (today - start).days / 365.25

        # Lease type
        if lease_type is None:
            if vulnerable and partner:
                lease_type = (
                    LeaseType.OMKLAP if rng.random() < spec.profile.omklap_share else LeaseType.DRIEHOEK
                )
            elif not vulnerable and years_since < 4.9 and rng.random() < 0.18:
                lease_type = LeaseType.TEMPORARY  # jongerencontract, five years
            else:
                lease_type = LeaseType.REGULAR

        # Members
        if members is None:
            members = self.draw_members(unit, vulnerable, target_group, lease_type, years_since)
        household = Household(
            corporation=corporation, reference=f"{prefix}{seq:06d}", name=self.household_name(members)
        )
        self.stamp(household, start - dt.timedelta(days=rng.randrange(14, 120)), 9)
        self.plan.households.append(household)
        for position, (first, name_prefix, last, age, _) in enumerate(members):
            adult = age >= 18
            email = ""
            if adult and (position == 0 or rng.random() < 0.5):
                email = f"{_ascii(first)}.{_ascii(name_prefix + last)}{rng.randrange(1, 100)}@example.org"
            phone = (
                self.phone() if adult and (position == 0 and rng.random() < 0.9 or rng.random() < 0.5) else ""
            )
            person = Person(
                household=household,
                first_name=first,
                name_prefix=name_prefix,
                last_name=last,
                birth_date=self.birth_date(age),
                email=email,
                phone=phone,
                is_main_tenant=position == 0,
                user=user if position == 0 else None,
            )
            self.plan.persons.append(person)

        # Lease
        years_old = max(0, int(years_since))
        rent_at_start = (unit.net_rent / Decimal("1.025") ** years_old).quantize(Decimal("0.01"))
        partner_org = self.orgs[partner] if partner else None
        lease = Lease(
            unit=unit,
            household=household,
            lease_type=lease_type,
            care_partner=partner_org if lease_type in (LeaseType.OMKLAP, LeaseType.DRIEHOEK) else None,
            start_date=start,
            end_date=_add_months(start, 60) - dt.timedelta(days=1)
            if lease_type == LeaseType.TEMPORARY
            else None,
            flip_date=_add_months(start, 36) if lease_type == LeaseType.OMKLAP else None,
            net_rent=rent_at_start,
        )
        self.plan.leases.append(lease)

        # Special-category status
        if target_group is not None:
            status_start = start - dt.timedelta(days=rng.randrange(0, 45))
            reference = ""
            if partner_org is not None:
                year = status_start.year
                self.consent_seq[year] = self.consent_seq.get(year, 0) + 1
                reference = f"TOE-{year}-{self.consent_seq[year]:04d}"
            status = TargetGroupStatus(
                household=household,
                target_group=target_group,
                care_partner=partner_org,
                start_date=status_start,
                consent_reference=reference,
                recorded_by=self.users["verhuur"] if corporation.name == CORPORATION else self.users["bsmit"],
            )
            self.stamp(status, max(status_start, start - dt.timedelta(days=7)), 11)
            self.plan.statuses.append(status)
        return household

    def draw_members(
        self, unit: Unit, vulnerable: bool, target_group: str | None, lease_type: str, years_since: float
    ) -> list[tuple[str, str, str, float, bool]]:
        rng = self.rng
        status_holder = target_group == TargetGroup.STH
        origin = _weighted(rng, ORIGINS_STATUS_HOLDER if status_holder else ORIGINS_GENERAL)
        if lease_type == LeaseType.TEMPORARY:
            age_at_start = rng.uniform(18, 27)
        elif vulnerable and not status_holder:
            age_at_start = rng.triangular(19, 62, 27)
        elif status_holder:
            age_at_start = rng.triangular(19, 55, 29)
        else:
            age_at_start = rng.triangular(19, 78, 31)
        age = age_at_start + years_since
        if age > 95:
            age = 95 - rng.uniform(0, 12)

        if vulnerable and not status_holder:
            size = 1 if rng.random() < 0.85 else 2
            couple = False
        else:
            weights = (
                ((1, 45), (2, 15), (3, 15), (4, 15), (5, 10))
                if status_holder
                else ((1, 40), (2, 30), (3, 12), (4, 11), (5, 5), (6, 2))
            )
            size = _weighted(rng, weights)
            if lease_type == LeaseType.TEMPORARY:
                size = 1 if rng.random() < 0.8 else 2
            couple = size >= 2 and rng.random() < 0.72
        size = min(size, unit.max_household_size)
        if size < unit.min_household_size and not (years_since > 15 and age >= 55):
            size = unit.min_household_size  # elderly "empty nesters" may stay in a large home
            couple = couple or rng.random() < 0.7

        female = rng.random() < 0.5
        first, prefix, last = self.person_name(origin, female)
        members = [(first, prefix, last, age, female)]
        if couple and size >= 2:
            partner_origin = origin if rng.random() < 0.8 else _weighted(rng, ORIGINS_GENERAL)
            partner_female = not female if rng.random() < 0.92 else female
            p_first, p_prefix, p_last = self.person_name(partner_origin, partner_female)
            if partner_origin == origin and rng.random() < 0.5:
                p_prefix, p_last = prefix, last
            partner_age = max(18.0, age + rng.uniform(-6, 6))
            members.append((p_first, p_prefix, p_last, partner_age, partner_female))
        # Children, oldest first, one to four years apart.
        children = size - len(members)
        lowest = max(0.0, age - 45) + 2.0 * max(0, children - 1)
        child_age = rng.uniform(lowest, max(lowest, min(age - 19, 34.0 if age >= 50 else 22.0)))
        while len(members) < size:
            child_female = rng.random() < 0.5
            c_first, _, _ = self.person_name(origin, child_female)
            if " ".join(p for p in (c_first, prefix, last) if p) in self.reserved_names:
                continue
            members.append((c_first, prefix, last, max(0.2, child_age), child_female))
            child_age -= rng.uniform(1.2, 4.0)
        return members

    @staticmethod
    def household_name(members: list[tuple[str, str, str, float, bool]]) -> str:
        first, prefix, last, _, female = members[0]
        if len(members) > 1:
            surname = f"{prefix[:1].upper()}{prefix[1:]} {last}" if prefix else last
            return f"Familie {surname}"
        title = "Mevr." if female else "Dhr."
        surname = f"{prefix} {last}" if prefix else last
        return f"{title} {first[0]}. {surname}"

    def populate(
        self,
        spec: _ComplexSpec,
        corporation: Organisation,
        built: list[tuple[Unit, str | None]],
        persona: str = "",
    ) -> None:
        """Let the homes of one complex; ``persona`` ("buur" or "bewoner") gets one of them."""
        rng = self.rng
        # Exact counts (not a coin per home) keep the shape the same for every seed and day.
        vacant = set(rng.sample(range(len(built)), round(len(built) * spec.vacancy)))
        occupied = [home for i, home in enumerate(built) if i not in vacant]
        chosen = self.vulnerable_units(spec, occupied)
        persona_index = -1
        if persona == "buur":  # a regular household on the seventh galerij
            persona_index = next(i for i, (u, _) in enumerate(occupied) if u.floor == 7 and i not in chosen)
        elif persona == "bewoner":  # a client of the care partner, outside the overflowing section
            persona_index = next(i for i in sorted(chosen) if occupied[i][1] != spec.overflow_section)
        for i, (unit, _) in enumerate(occupied):
            if i == persona_index:
                self.persona_household(persona, corporation, unit, spec)
            elif i in chosen:
                target_group = _weighted(rng, spec.profile.groups)
                partner = None
                partnered = spec.profile.partnered_share if target_group in PARTNERED_GROUPS else 0.15
                if rng.random() < partnered:
                    partner = _weighted(rng, spec.profile.partners)
                self.add_household(corporation, unit, spec, target_group=target_group, partner=partner)
            else:
                self.add_household(corporation, unit, spec)

    def persona_household(
        self, username: str, corporation: Organisation, unit: Unit, spec: _ComplexSpec
    ) -> None:
        persona = PERSONAS[username]
        user = self.users[username]
        if username == "bewoner":
            # A formerly homeless client of the care partner, 14 months into a 36-month omklap lease.
            start = _add_months(self.today.replace(day=1), -14)
            self.add_household(
                corporation,
                unit,
                spec,
                target_group=TargetGroup.DAK,
                partner=CARE_PARTNER,
                lease_type=LeaseType.OMKLAP,
                start=start,
                members=[(persona.first_name, "", persona.last_name, 27.4, False)],
                user=user,
            )
        else:
            # A Nieuwe Buur who moved in when the project started recruiting good neighbours.
            self.add_household(
                corporation,
                unit,
                spec,
                lease_type=LeaseType.REGULAR,
                start=dt.date(2021, 3, 1),
                members=[(persona.first_name, "", persona.last_name, 31.2, True)],
                user=user,
            )
        self.plan.persons[-1].email = f"{_ascii(persona.first_name)}.{_ascii(persona.last_name)}@example.org"
        self.plan.persons[-1].phone = self.phone()

    def portfolio(self) -> None:
        woonhaven, other = self.orgs[CORPORATION], self.orgs[OTHER_CORPORATION]
        personas = {VLIETHOF: "buur", DE_BRUG: "bewoner"}
        for number, spec in enumerate(self.woonhaven_specs(), start=1):
            built = self.build_complex(spec, woonhaven, f"{1000 + number}")
            self.populate(spec, woonhaven, built, personas.get(spec.name, ""))
        for number, spec in enumerate(self.other_corporation_specs(), start=1):
            built = self.build_complex(spec, other, f"SO-{number:02d}")
            self.populate(spec, other, built)

    # -- projects ---------------------------------------------------------------------------------
    def project(
        self,
        corporation: Organisation,
        name: str,
        complex_names: Iterable[str],
        phase: str,
        target: str,
        history: Sequence[dt.date],
        description: str,
        leader: User | None,
    ) -> Project:
        project = Project(
            corporation=corporation,
            name=name,
            description=description,
            phase=phase,
            target_vulnerable_share=Decimal(target),
            tolerance=Decimal("0.050"),
            start_date=history[0],
            leader=leader,
        )
        self.plan.projects.append(project)
        for complex_name in complex_names:
            self.plan.project_complexes.append((project, self.complexes[complex_name]))
        phases = PHASE_ORDER[: PHASE_ORDER.index(phase) + 1]
        assert len(phases) == len(history), (name, phases, history)
        notes: dict[str, str] = {
            Phase.INITIATIVE: "Idee besproken met gemeente en zorgpartners.",
            Phase.DEVELOPMENT: "Mix, begeleiding en selectie uitgewerkt met de werkgroepen.",
            Phase.RECRUITMENT: "Werving van goede buren en voordracht door de zorgpartners gestart.",
            Phase.OPENING: "Eerste sleutels uitgereikt.",
            Phase.OPERATION: "Project in de beheerfase.",
        }
        previous = ""
        for phase_value, day in zip(phases, history, strict=True):
            change = PhaseChange(
                project=project, from_phase=previous, to_phase=phase_value, by=leader, note=notes[phase_value]
            )
            self.stamp(change, day, 10)
            self.plan.phase_changes.append(change)
            previous = phase_value
        return project

    def working_groups(self, project: Project, groups: dict[str, list[tuple[str, bool]]]) -> None:
        for kind, members in groups.items():
            group = WorkingGroup(project=project, kind=kind)
            self.plan.working_groups.append(group)
            for username, chair in members:
                self.plan.working_group_members.append(
                    WorkingGroupMember(group=group, user=self.users[username], is_chair=chair)
                )

    def agreement(
        self, project: Project, complex_name: str, partner: str, capacity: int, room: str, start: dt.date
    ) -> None:
        contact, phone = CARE_CONTACTS[partner]
        self.plan.agreements.append(
            CarePartnerAgreement(
                project=project,
                complex=self.complexes[complex_name],
                care_partner=self.orgs[partner],
                capacity=capacity,
                room=room,
                contact_name=contact,
                contact_phone=phone,
                start_date=start,
                support_months=36,
            )
        )

    def projects(self) -> None:
        woonhaven, other = self.orgs[CORPORATION], self.orgs[OTHER_CORPORATION]
        leader = self.users["projectleider"]
        M, L, C = WorkingGroup.Kind.MANAGEMENT, WorkingGroup.Kind.LETTING, WorkingGroup.Kind.COMMUNICATION
        units = {
            name: sum(1 for u in self.plan.units if u.complex is self.complexes[name])
            for name in (DE_BRUG, HET_KOMPAS)
        }

        vliethof = self.project(
            woonhaven,
            PROJECT_VLIETHOF,
            [VLIETHOF],
            Phase.OPERATION,
            "0.210",
            [
                dt.date(2018, 4, 9),
                dt.date(2018, 10, 1),
                dt.date(2019, 3, 4),
                dt.date(2019, 9, 2),
                dt.date(2020, 3, 2),
            ],
            "Bij elke vertrekkende huurder komt een nieuwe buur die wil bijdragen aan de flat. "
            "Samen met wijkbureau, handhaving, buurtteam en zorgpartners.",
            leader,
        )
        self.working_groups(
            vliethof,
            {
                M: [("beheerder", True), ("tvandenberg", False), ("zorgpartner", False)],
                L: [("verhuur", True), ("projectleider", False), ("nbenali", False)],
                C: [("rmeijer", True), ("projectleider", False), ("buur", False)],
            },
        )
        self.agreement(
            vliethof,
            VLIETHOF,
            OTHER_CARE_PARTNERS[1],
            26,
            "Buurtkamer 0.01 (begane grond)",
            dt.date(2019, 9, 2),
        )
        self.agreement(
            vliethof, VLIETHOF, CARE_PARTNER, 14, "Buurtkamer 0.01 (begane grond)", dt.date(2019, 9, 2)
        )

        de_brug = self.project(
            woonhaven,
            PROJECT_DE_BRUG,
            [DE_BRUG],
            Phase.OPERATION,
            "0.300",
            [
                dt.date(2016, 5, 2),
                dt.date(2017, 2, 6),
                dt.date(2020, 3, 2),
                DE_BRUG_OPENED,
                dt.date(2021, 4, 1),
            ],
            "Nieuwbouw met 30% woningen voor mensen uit de maatschappelijke opvang en 70% goede buren. "
            "De zorgpartner huurt eerst en begeleidt drie jaar; daarna klapt het contract om.",
            leader,
        )
        self.working_groups(
            de_brug,
            {
                M: [("beheerder", True), ("zorgpartner", False)],
                L: [("verhuur", True), ("projectleider", False), ("zorgpartner", False)],
                C: [("rmeijer", True), ("projectleider", False)],
            },
        )
        self.agreement(
            de_brug,
            DE_BRUG,
            CARE_PARTNER,
            round(units[DE_BRUG] * 0.3),
            "Ruimte 0.04 (begane grond)",
            DE_BRUG_OPENED,
        )

        opened = self.days_ago(150)
        kompas = self.project(
            woonhaven,
            PROJECT_HET_KOMPAS,
            [HET_KOMPAS],
            Phase.OPENING,
            "0.300",
            [_add_months(opened, -50), _add_months(opened, -36), _add_months(opened, -8), opened],
            "Nieuwbouw naar het voorbeeld van De Brug: 30% begeleid wonen, 70% reguliere huurders die "
            "zich inzetten voor hun buren. De eerste sleutels zijn uitgereikt.",
            leader,
        )
        self.working_groups(
            kompas,
            {
                M: [("tvandenberg", True), ("beheerder", False)],
                L: [("nbenali", True), ("verhuur", False), ("zorgpartner", False)],
                C: [("rmeijer", True), ("projectleider", False)],
            },
        )
        kompas_capacity = round(units[HET_KOMPAS] * 0.3)
        self.agreement(
            kompas,
            HET_KOMPAS,
            CARE_PARTNER,
            kompas_capacity - kompas_capacity // 5,
            "Ruimte 0.02 (begane grond)",
            opened,
        )
        self.agreement(
            kompas,
            HET_KOMPAS,
            OTHER_CARE_PARTNERS[0],
            kompas_capacity // 5,
            "Ruimte 0.02 (begane grond)",
            opened,
        )

        dreefhoven = self.project(
            woonhaven,
            PROJECT_DREEFHOVEN,
            [DREEFHOVEN],
            Phase.DEVELOPMENT,
            "0.200",
            [self.days_ago(420), self.days_ago(120)],
            "Verkenning van goede-burenwerving in een flat met veel kwetsbare huishoudens.",
            leader,
        )
        self.working_groups(
            dreefhoven,
            {
                M: [("beheerder", True), ("tvandenberg", False)],
                L: [("verhuur", True), ("nbenali", False)],
                C: [("projectleider", True), ("rmeijer", False)],
            },
        )
        self.agreement(
            dreefhoven,
            DREEFHOVEN,
            OTHER_CARE_PARTNERS[0],
            12,
            "Ruimte 0.01 (begane grond)",
            _add_months(self.today, 6),
        )

        oost = self.users["bsmit"]
        oosterkade = self.project(
            other,
            PROJECT_OTHER,
            ["Oosterkade"],
            Phase.RECRUITMENT,
            "0.250",
            [self.days_ago(730), self.days_ago(540), self.days_ago(90)],
            "Buurtgenoten gezocht voor een appartementengebouw met begeleid wonen.",
            oost,
        )
        self.working_groups(oosterkade, {M: [("bsmit", True)], L: [("bsmit", True)], C: [("bsmit", True)]})
        self.agreement(
            oosterkade,
            "Oosterkade",
            OTHER_CARE_PARTNERS[0],
            6,
            "Kantoor 0.03 (begane grond)",
            self.days_ago(60),
        )

    def managers(self) -> None:
        woonhaven = self.orgs[CORPORATION]
        own = [c for c in self.plan.complexes if c.corporation is woonhaven]
        named = [self.complexes[n] for n in (VLIETHOF, DE_BRUG, HET_KOMPAS, DREEFHOVEN)]
        others = [c for c in own if c not in named]
        beheerder = named + others[: 2 if self.size == "full" else 1]  # about six; some stay unmanaged
        for complex_ in beheerder:
            self.plan.complex_managers.append((complex_, self.users["beheerder"]))
        for complex_ in own:
            if complex_ not in beheerder or complex_.name == HET_KOMPAS:
                self.plan.complex_managers.append((complex_, self.users["tvandenberg"]))
        for complex_ in self.plan.complexes:
            if complex_.corporation is not woonhaven:
                self.plan.complex_managers.append((complex_, self.users["bsmit"]))

    def quotas(self) -> None:
        municipality, woonhaven = self.orgs[MUNICIPALITY], self.orgs[CORPORATION]
        figures = {
            self.today.year: {"*": 300, "STH": 120, "DAK": 80, "UIT": 60},
            self.today.year - 1: {"*": 280, "STH": 135, "DAK": 70, "UIT": 50},
        }
        for year, by_group in figures.items():
            for group, required in by_group.items():
                self.plan.quotas.append(
                    Quota(
                        municipality=municipality,
                        corporation=woonhaven,
                        year=year,
                        target_group=group,
                        required=required,
                    )
                )

    def run(self) -> DemoPlan:
        self.organisations()
        self.users_and_memberships()
        self.neighbourhoods()
        self.portfolio()
        self.managers()
        self.projects()
        self.quotas()
        return self.plan


def plan_demo(*, size: str = "full", seed: int = DEFAULT_SEED, today: dt.date | None = None) -> DemoPlan:
    """Draw the demo world into unsaved model instances (no database access)."""
    return _Planner(size, seed, today or timezone.localdate()).run()


# --- writing -----------------------------------------------------------------------------------
def _bulk(model: type[Model], objs: list[Any]) -> None:
    if objs:
        model.objects.bulk_create(objs, batch_size=2_000)  # type: ignore[attr-defined]


def _restamp(
    model: type[Model], objs: list[Any], field_name: str, timestamps: dict[int, dt.datetime]
) -> None:
    """Set auto_now_add fields (which insert overrides with now) from the plan's timestamps."""
    changed = []
    for obj in objs:
        when = timestamps.get(id(obj))
        if when is not None:
            setattr(obj, field_name, when)
            changed.append(obj)
    if changed:
        model.objects.bulk_update(changed, [field_name], batch_size=1_000)  # type: ignore[attr-defined]


def demo_exists() -> bool:
    return Organisation.objects.filter(name=CORPORATION).exists()


def build_demo(*, size: str = "full", seed: int = DEFAULT_SEED, today: dt.date | None = None) -> DemoSummary:
    """Build the demo world in one transaction and return what was created.

    Fails (IntegrityError, nothing written) if the demo organisations already exist: call
    :func:`delete_demo` first.
    """
    started = time.perf_counter()
    plan = plan_demo(size=size, seed=seed, today=today)
    with transaction.atomic():
        _write(plan)
    return DemoSummary(
        size=size, seed=seed, today=plan.today, counts=plan.counts(), elapsed=time.perf_counter() - started
    )


def _write(plan: DemoPlan) -> None:
    # Organisations: the residents' association points at its corporation, so it comes second.
    first = [o for o in plan.organisations if o.corporation is None]
    _bulk(Organisation, first)
    _bulk(Organisation, [o for o in plan.organisations if o.corporation is not None])

    # One hash for every demo login (the password is the same; hashing is slow by design).
    plan.users[0].set_password(DEMO_PASSWORD)
    for user in plan.users[1:]:
        user.password = plan.users[0].password
    _bulk(User, plan.users)
    _bulk(Membership, plan.memberships)
    _restamp(Membership, plan.memberships, "created_at", plan.timestamps)

    _bulk(Neighbourhood, plan.neighbourhoods)
    _bulk(Complex, plan.complexes)
    Through = Complex.managers.through
    _bulk(Through, [Through(complex_id=c.pk, user_id=u.pk) for c, u in plan.complex_managers])
    _bulk(Section, plan.sections)
    _bulk(Unit, plan.units)

    _bulk(Household, plan.households)
    _restamp(Household, plan.households, "created_at", plan.timestamps)
    _bulk(Person, plan.persons)
    _bulk(Lease, plan.leases)
    _bulk(TargetGroupStatus, plan.statuses)
    _restamp(TargetGroupStatus, plan.statuses, "recorded_at", plan.timestamps)

    _bulk(Project, plan.projects)
    ProjectComplex = Project.complexes.through
    _bulk(
        ProjectComplex, [ProjectComplex(project_id=p.pk, complex_id=c.pk) for p, c in plan.project_complexes]
    )
    _bulk(PhaseChange, plan.phase_changes)
    _restamp(PhaseChange, plan.phase_changes, "at", plan.timestamps)
    _bulk(WorkingGroup, plan.working_groups)
    _bulk(WorkingGroupMember, plan.working_group_members)
    _bulk(CarePartnerAgreement, plan.agreements)
    _bulk(Quota, plan.quotas)


def demo_organisation_names() -> list[str]:
    return [
        CORPORATION,
        OTHER_CORPORATION,
        CARE_PARTNER,
        *OTHER_CARE_PARTNERS,
        MUNICIPALITY,
        RESIDENTS_ASSOCIATION,
    ]


def delete_demo() -> dict[str, int]:
    """Delete the demo world in dependency order: everything of the demo organisations and the demo
    users. Returns rows deleted per model label. Raises ProtectedError if rows outside the demo
    (in tables this module does not know) still point at demo data; then flush the database."""
    deleted: dict[str, int] = {}

    def tally(result: tuple[int, dict[str, int]]) -> None:
        for label, count in result[1].items():
            deleted[label] = deleted.get(label, 0) + count

    with transaction.atomic():
        # Letting rows (adverts, intake, nominations, rounds, offers) point at demo units and
        # households with protected keys: they go first.
        from omkijken.letting.demo import delete_letting_demo

        delete_letting_demo()
        orgs = list(Organisation.objects.filter(name__in=demo_organisation_names()))
        corporations = [o for o in orgs if o.kind == Organisation.Kind.CORPORATION]
        usernames = [*PERSONAS, *(s.username for s in EXTRA_STAFF)]
        users = User.objects.filter(
            Q(username__in=usernames)
            | Q(pk__in=Membership.objects.filter(organisation__in=orgs).values("user_id"))
        )
        tally(
            AccessEvent.objects.filter(
                Q(corporation__in=corporations)
                | Q(household__corporation__in=corporations)
                | Q(actor__in=users)
            ).delete()
        )
        tally(Quota.objects.filter(Q(municipality__in=orgs) | Q(corporation__in=orgs)).delete())
        tally(
            CarePartnerAgreement.objects.filter(
                Q(care_partner__in=orgs) | Q(complex__corporation__in=corporations)
            ).delete()
        )
        tally(Project.objects.filter(corporation__in=corporations).delete())
        tally(
            Lease.objects.filter(
                Q(household__corporation__in=corporations)
                | Q(unit__complex__corporation__in=corporations)
                | Q(care_partner__in=orgs)
            ).delete()
        )
        tally(
            TargetGroupStatus.objects.filter(
                Q(household__corporation__in=corporations) | Q(care_partner__in=orgs)
            ).delete()
        )
        tally(Household.objects.filter(corporation__in=corporations).delete())
        tally(Unit.objects.filter(complex__corporation__in=corporations).delete())
        tally(Complex.objects.filter(corporation__in=corporations).delete())
        tally(
            Neighbourhood.objects.filter(code__in=DEMO_NEIGHBOURHOOD_CODES, complexes__isnull=True).delete()
        )
        tally(users.delete())
        tally(
            Organisation.objects.filter(pk__in=[o.pk for o in orgs if o.corporation_id is not None]).delete()
        )
        tally(Organisation.objects.filter(pk__in=[o.pk for o in orgs]).delete())
    return deleted
