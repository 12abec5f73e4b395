"""Demo step of projects: the mixed-living projects of the demo world with their phase history,
working groups and care-partner agreements.

On purpose the picture is not perfect: Het Kompas, still letting its first homes, sits below its
target band (and one section of De Brug holds more vulnerable households than its cap).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import (
    CARE_CONTACTS,
    CARE_PARTNER,
    CORPORATION,
    OTHER_CARE_PARTNERS,
    OTHER_CORPORATION,
)
from omkijken.demo.plan import DemoPlan, add_months, bulk, restamp
from omkijken.portfolio.demo import DE_BRUG, DE_BRUG_OPENED, DREEFHOVEN, HET_KOMPAS, VLIETHOF
from omkijken.projects.models import (
    PHASE_ORDER,
    CarePartnerAgreement,
    Phase,
    PhaseChange,
    Project,
    WorkingGroup,
    WorkingGroupMember,
)

PROJECT_VLIETHOF = "Nieuwe Buren Vliethof"
PROJECT_DE_BRUG = "Gemengd wonen De Brug"
PROJECT_HET_KOMPAS = "Gemengd wonen Het Kompas"
PROJECT_DREEFHOVEN = "Goede Buren Dreefhoven"
PROJECT_OTHER = "Buurtgenoten Oosterkade"


def plan_projects(plan: DemoPlan) -> None:
    _Projects(plan).projects()


def write_projects(plan: DemoPlan) -> None:
    bulk(Project, plan.projects)
    ProjectComplex = Project.complexes.through
    bulk(
        ProjectComplex, [ProjectComplex(project_id=p.pk, complex_id=c.pk) for p, c in plan.project_complexes]
    )
    bulk(PhaseChange, plan.phase_changes)
    restamp(PhaseChange, plan.phase_changes, "at", plan.timestamps)
    bulk(WorkingGroup, plan.working_groups)
    bulk(WorkingGroupMember, plan.working_group_members)
    bulk(CarePartnerAgreement, plan.agreements)


class _Projects:
    def __init__(self, plan: DemoPlan) -> None:
        self.plan = plan
        self.today = plan.today

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
            self.plan.project_complexes.append((project, self.plan.complex_by_name[complex_name]))
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
            self.plan.stamp(change, day, 10)
            self.plan.phase_changes.append(change)
            previous = phase_value
        return project

    def working_groups(self, project: Project, groups: dict[str, list[tuple[str, bool]]]) -> None:
        for kind, members in groups.items():
            group = WorkingGroup(project=project, kind=kind)
            self.plan.working_groups.append(group)
            for username, chair in members:
                self.plan.working_group_members.append(
                    WorkingGroupMember(group=group, user=self.plan.user_by_username[username], is_chair=chair)
                )

    def agreement(
        self, project: Project, complex_name: str, partner: str, capacity: int, room: str, start: dt.date
    ) -> None:
        contact, phone = CARE_CONTACTS[partner]
        self.plan.agreements.append(
            CarePartnerAgreement(
                project=project,
                complex=self.plan.complex_by_name[complex_name],
                care_partner=self.plan.organisation_by_name[partner],
                capacity=capacity,
                room=room,
                contact_name=contact,
                contact_phone=phone,
                start_date=start,
                support_months=36,
            )
        )

    def projects(self) -> None:
        woonhaven, other = (
            self.plan.organisation_by_name[CORPORATION],
            self.plan.organisation_by_name[OTHER_CORPORATION],
        )
        leader = self.plan.user_by_username["projectleider"]
        M, L, C = WorkingGroup.Kind.MANAGEMENT, WorkingGroup.Kind.LETTING, WorkingGroup.Kind.COMMUNICATION
        units = {
            name: sum(1 for u in self.plan.units if u.complex is self.plan.complex_by_name[name])
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

        opened = self.plan.days_ago(150)
        kompas = self.project(
            woonhaven,
            PROJECT_HET_KOMPAS,
            [HET_KOMPAS],
            Phase.OPENING,
            "0.300",
            [add_months(opened, -50), add_months(opened, -36), add_months(opened, -8), opened],
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
            [self.plan.days_ago(420), self.plan.days_ago(120)],
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
            add_months(self.today, 6),
        )

        oost = self.plan.user_by_username["bsmit"]
        oosterkade = self.project(
            other,
            PROJECT_OTHER,
            ["Oosterkade"],
            Phase.RECRUITMENT,
            "0.250",
            [self.plan.days_ago(730), self.plan.days_ago(540), self.plan.days_ago(90)],
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
            self.plan.days_ago(60),
        )
