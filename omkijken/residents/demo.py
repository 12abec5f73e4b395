"""Demo step of residents: the households, their members and leases, and the special-category
target-group statuses of the vulnerable ones.

Each complex is let as the portfolio step builds it (``plan.pending_complexes``), with exact
counts of empty homes and vulnerable households, so the shape is the same for every seed and day.
The resident personas get a home of their own: "buur" in Vliethof, "bewoner" in De Brug.

All names are fictional: first and last names are drawn from lists of common names and never
produce the name of a persona or of a staff member.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CARE_CONTACTS, CARE_PARTNER, CORPORATION, EXTRA_STAFF, PERSONAS
from omkijken.demo.plan import DemoPlan, add_months, ascii_slug, bulk, restamp, weighted
from omkijken.portfolio.demo import DE_BRUG, VLIETHOF, BuiltComplex
from omkijken.portfolio.demo_data import ComplexSpec
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Household, Lease, LeaseType, Person, TargetGroup, TargetGroupStatus

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

# --- target groups -------------------------------------------------------------------------------
PARTNERED_GROUPS = {"DAK", "UIT", "GGZ", "VER", "PSY", "GED", "VBE"}

# Who of the cast lives in which named complex.
RESIDENT_PERSONAS = {VLIETHOF: "buur", DE_BRUG: "bewoner"}


def plan_residents(plan: DemoPlan) -> None:
    """Let every complex the portfolio step has queued, in its order."""
    residents = _Residents(plan)
    for built in plan.pending_complexes:
        residents.populate(built, RESIDENT_PERSONAS.get(built.spec.name, ""))


def write_residents(plan: DemoPlan) -> None:
    bulk(Household, plan.households)
    restamp(Household, plan.households, "created_at", plan.timestamps)
    bulk(Person, plan.persons)
    bulk(Lease, plan.leases)
    bulk(TargetGroupStatus, plan.statuses)
    restamp(TargetGroupStatus, plan.statuses, "recorded_at", plan.timestamps)


class _Residents:
    def __init__(self, plan: DemoPlan) -> None:
        self.plan = plan
        self.rng = plan.rng
        self.today = plan.today
        self.household_seq: dict[str, int] = {}
        self.consent_seq: dict[int, int] = {}
        self.reserved_names = {f"{p.first_name} {p.last_name}" for p in PERSONAS.values()}
        self.reserved_names |= {f"{s.first_name} {s.last_name}" for s in EXTRA_STAFF}
        self.reserved_names |= {name for name, _ in CARE_CONTACTS.values()}

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

    # -- households -------------------------------------------------------------------------------
    def lease_start(self, spec: ComplexSpec) -> dt.date:
        rng = self.rng
        if spec.opened is not None:
            span = max(1, (self.today - spec.opened).days)
            if spec.opened.year < self.today.year - 1 and rng.random() < 0.65:
                return spec.opened + dt.timedelta(days=rng.randrange(0, 45))  # first letting
            return spec.opened + dt.timedelta(days=rng.randrange(0, span))
        earliest = max(dt.date(spec.year_built, 6, 1), add_months(self.today, -25 * 12))
        span = (self.today - earliest).days
        days = int(rng.expovariate(1 / (8 * 365.25)))
        if days > span:
            days = rng.randrange(0, span)
        return self.today - dt.timedelta(days=days)

    def vulnerable_units(self, spec: ComplexSpec, occupied: list[tuple[Unit, str | None]]) -> set[int]:
        """Indexes into ``occupied`` of the homes of vulnerable households."""
        rng = self.rng
        if spec.vulnerable_count is None:
            return set(rng.sample(range(len(occupied)), round(len(occupied) * spec.vulnerable_share)))
        by_section: dict[str, list[int]] = {}
        for i, (_, section_name) in enumerate(occupied):
            by_section.setdefault(section_name or "", []).append(i)
        sections = self.plan.sections_by_complex[spec.name]
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
        spec: ComplexSpec,
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
        self.plan.stamp(household, start - dt.timedelta(days=rng.randrange(14, 120)), 9)
        self.plan.households.append(household)
        for position, (first, name_prefix, last, age, _) in enumerate(members):
            adult = age >= 18
            email = ""
            if adult and (position == 0 or rng.random() < 0.5):
                email = (
                    f"{ascii_slug(first)}.{ascii_slug(name_prefix + last)}{rng.randrange(1, 100)}@example.org"
                )
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
        partner_org = self.plan.organisation_by_name[partner] if partner else None
        lease = Lease(
            unit=unit,
            household=household,
            lease_type=lease_type,
            care_partner=partner_org if lease_type in (LeaseType.OMKLAP, LeaseType.DRIEHOEK) else None,
            start_date=start,
            end_date=add_months(start, 60) - dt.timedelta(days=1)
            if lease_type == LeaseType.TEMPORARY
            else None,
            flip_date=add_months(start, 36) if lease_type == LeaseType.OMKLAP else None,
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
                recorded_by=self.plan.user_by_username["verhuur"]
                if corporation.name == CORPORATION
                else self.plan.user_by_username["bsmit"],
            )
            self.plan.stamp(status, max(status_start, start - dt.timedelta(days=7)), 11)
            self.plan.statuses.append(status)
        return household

    def draw_members(
        self, unit: Unit, vulnerable: bool, target_group: str | None, lease_type: str, years_since: float
    ) -> list[tuple[str, str, str, float, bool]]:
        rng = self.rng
        status_holder = target_group == TargetGroup.STH
        origin = weighted(rng, ORIGINS_STATUS_HOLDER if status_holder else ORIGINS_GENERAL)
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
            size = weighted(rng, weights)
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
            partner_origin = origin if rng.random() < 0.8 else weighted(rng, ORIGINS_GENERAL)
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

    def populate(self, complex_: BuiltComplex, persona: str = "") -> None:
        """Let the homes of one complex; ``persona`` ("buur" or "bewoner") gets one of them."""
        rng = self.rng
        spec, corporation, built = complex_.spec, complex_.corporation, complex_.homes
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
                target_group = weighted(rng, spec.profile.groups)
                partner = None
                partnered = spec.profile.partnered_share if target_group in PARTNERED_GROUPS else 0.15
                if rng.random() < partnered:
                    partner = weighted(rng, spec.profile.partners)
                self.add_household(corporation, unit, spec, target_group=target_group, partner=partner)
            else:
                self.add_household(corporation, unit, spec)

    def persona_household(
        self, username: str, corporation: Organisation, unit: Unit, spec: ComplexSpec
    ) -> None:
        persona = PERSONAS[username]
        user = self.plan.user_by_username[username]
        if username == "bewoner":
            # A formerly homeless client of the care partner, 14 months into a 36-month omklap lease.
            start = add_months(self.today.replace(day=1), -14)
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
        self.plan.persons[
            -1
        ].email = f"{ascii_slug(persona.first_name)}.{ascii_slug(persona.last_name)}@example.org"
        self.plan.persons[-1].phone = self.phone()
