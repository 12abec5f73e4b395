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
    write_project_work(plan)


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


# --- project work (issue 12): checklists, tasks, milestones, partner talks, decisions ------------
# De Brug's checklists are the ones the corporation learned to work with; Het Kompas started from
# them and stands at its key handover with open tasks; Dreefhoven, in development, is in talks with
# two care partners. Written after the projects, without drawing from the random stream.
BRUG_CHECKLISTS: dict[str, dict[str, list[tuple[str, int]]]] = {
    Phase.INITIATIVE: {
        WorkingGroup.Kind.MANAGEMENT: [("Beheerervaring van vergelijkbare complexen ophalen", 30)],
        WorkingGroup.Kind.LETTING: [("Doelgroepen en aantallen verkennen met de gemeente", 45)],
        WorkingGroup.Kind.COMMUNICATION: [("Omwonenden informeren over het plan", 60)],
    },
    Phase.DEVELOPMENT: {
        WorkingGroup.Kind.MANAGEMENT: [
            ("Ontmoetingsruimte in het ontwerp opnemen", 30),
            ("Beheerafspraken met de zorgpartner op papier", 90),
        ],
        WorkingGroup.Kind.LETTING: [
            ("Mix en spreiding per portiek vastleggen", 45),
            ("Selectieprocedure goede buren vaststellen", 90),
        ],
        WorkingGroup.Kind.COMMUNICATION: [("Wervingscampagne goede buren voorbereiden", 120)],
    },
    Phase.RECRUITMENT: {
        WorkingGroup.Kind.LETTING: [
            ("Motivatiegesprekken met kandidaat-buren plannen", 30),
            ("Voordrachten van de zorgpartner ontvangen", 60),
        ],
        WorkingGroup.Kind.COMMUNICATION: [("Informatieavond voor nieuwe huurders", 45)],
    },
    Phase.OPENING: {
        WorkingGroup.Kind.MANAGEMENT: [
            ("Opleveringsgebreken afhandelen", 30),
            ("Huismeester stelt zich voor in elke portiek", 45),
        ],
        WorkingGroup.Kind.LETTING: [
            ("Sleuteluitreiking per portiek plannen", 14),
            ("Omklapdata van de begeleide huurders vastleggen", 60),
        ],
        WorkingGroup.Kind.COMMUNICATION: [
            ("Welkomstbijeenkomst organiseren", 30),
            ("Buurtkrant met de eerste verhalen", 90),
        ],
    },
    Phase.OPERATION: {
        WorkingGroup.Kind.MANAGEMENT: [("Jaarlijkse schouw met bewonerscommissie", 120)],
        WorkingGroup.Kind.LETTING: [("Mix per portiek controleren bij elke mutatie", 30)],
        WorkingGroup.Kind.COMMUNICATION: [("Jaarlijkse evaluatie met bewoners", 300)],
    },
}


def write_project_work(plan: DemoPlan) -> None:
    from omkijken.projects.decisions.models import Decision
    from omkijken.projects.partners.models import PartnerTalk, PartnerTalkNote, Stage
    from omkijken.projects.setup.services import schedule_reminders
    from omkijken.projects.tasks.models import Milestone, Task, TaskTemplate

    projects = {p.name: p for p in plan.projects}
    brug, kompas, dreefhoven = (
        projects[PROJECT_DE_BRUG],
        projects[PROJECT_HET_KOMPAS],
        projects[PROJECT_DREEFHOVEN],
    )
    TaskTemplate.objects.bulk_create(
        [
            TaskTemplate(project=p, phase=phase, group_kind=kind, title=title, due_after_days=days)
            for p in (brug, kompas)
            for phase, groups in BRUG_CHECKLISTS.items()
            for kind, items in groups.items()
            for title, days in items
        ]
    )
    groups = {(g.project.name, g.kind): g for g in plan.working_groups}
    chairs = {id(m.group): m.user for m in plan.working_group_members if m.is_chair}
    started = {(c.project.name, c.to_phase): plan.timestamps[id(c)].date() for c in plan.phase_changes}
    tasks: list[Task] = []
    for project in (brug, kompas):
        for phase in PHASE_ORDER[: PHASE_ORDER.index(project.phase) + 1]:
            start = started[(project.name, phase)]
            for index, (kind, title, days) in enumerate(
                (kind, title, days)
                for kind, items in BRUG_CHECKLISTS.get(phase, {}).items()
                for title, days in items
            ):
                group = groups[(project.name, kind)]
                owner = chairs.get(id(group))
                due = start + dt.timedelta(days=days)
                current = phase == project.phase
                # Of the current phase of Het Kompas a few tasks are still open, one is blocked.
                still_open = current and project is kompas and index % 2 == 1
                blocked = still_open and kind == WorkingGroup.Kind.MANAGEMENT
                done_on = min(due, plan.today) - dt.timedelta(days=2)
                task = Task(
                    project=project,
                    group=group,
                    phase=phase,
                    title=title,
                    owner=owner,
                    due_date=due,
                    source=Task.Source.TEMPLATE,
                    status=Task.Status.BLOCKED
                    if blocked
                    else Task.Status.OPEN
                    if still_open
                    else Task.Status.DONE,
                    done_by=None if still_open else owner,
                    done_at=None if still_open else plan.at(done_on, 15),
                )
                tasks.append(task)
    # Het Kompas also has an open task for the verhuur group due soon, so a member can close it.
    tasks.append(
        Task(
            project=kompas,
            group=groups[(PROJECT_HET_KOMPAS, WorkingGroup.Kind.LETTING)],
            phase=Phase.OPENING,
            title="Sleutels van de laatste portiek klaarleggen",
            owner=plan.user_by_username["verhuur"],
            due_date=plan.today + dt.timedelta(days=7),
            source=Task.Source.MANUAL,
        )
    )
    Task.objects.bulk_create(tasks)
    Milestone.objects.bulk_create(
        [
            Milestone(
                project=kompas,
                kind=Milestone.Kind.KEY_HANDOVER,
                title="Sleuteluitreiking laatste portiek Het Kompas",
                on=plan.today + dt.timedelta(days=14),
            ),
            Milestone(
                project=dreefhoven,
                kind=Milestone.Kind.OTHER,
                title="Besluit over de zorgpartners van Dreefhoven",
                on=plan.today + dt.timedelta(days=60),
            ),
            Milestone(
                project=dreefhoven,
                kind=Milestone.Kind.KEY_HANDOVER,
                title="Eerste sleutels Dreefhoven",
                on=add_months(plan.today, 8),
            ),
        ]
    )
    leader = plan.user_by_username["projectleider"]
    tussenstap = plan.organisation_by_name[CARE_PARTNER]
    anker = plan.organisation_by_name[OTHER_CARE_PARTNERS[1]]
    complex_ = plan.complex_by_name[DREEFHOVEN]
    arrangements = PartnerTalk.objects.create(
        project=dreefhoven,
        care_partner=tussenstap,
        complex=complex_,
        stage=Stage.ARRANGEMENTS,
        target_groups=["DAK", "UIT"],
        clients_proposed=8,
        support_offered="Ambulante begeleiding op afspraak, twee dagdelen per week aanwezig in de flat.",
        room="Ruimte 0.01 (begane grond), gedeeld met Lindeborg",
        contact_name=CARE_CONTACTS[CARE_PARTNER][0],
        contact_phone=CARE_CONTACTS[CARE_PARTNER][1],
        created_by=leader,
    )
    exploring = PartnerTalk.objects.create(
        project=dreefhoven,
        care_partner=anker,
        complex=complex_,
        stage=Stage.EXPLORATION,
        target_groups=["GGZ"],
        clients_proposed=4,
        support_offered="Wijkgerichte GGZ-begeleiding; wil graag een vast spreekuur in de buurt.",
        contact_name=CARE_CONTACTS[OTHER_CARE_PARTNERS[1]][0],
        contact_phone=CARE_CONTACTS[OTHER_CARE_PARTNERS[1]][1],
        created_by=leader,
    )
    PartnerTalkNote.objects.bulk_create(
        [
            PartnerTalkNote(
                talk=arrangements,
                held_on=plan.days_ago(90),
                stage=Stage.EXPLORATION,
                text="Kennismaking: Tussenstap ziet ruimte voor acht plekken naast die van Lindeborg.",
                by=leader,
            ),
            PartnerTalkNote(
                talk=arrangements,
                held_on=plan.days_ago(21),
                stage=Stage.ARRANGEMENTS,
                text="Afspraken over aanwezigheid in de flat en bereikbaarheid buiten kantooruren besproken.",
                by=leader,
            ),
            PartnerTalkNote(
                talk=exploring,
                held_on=plan.days_ago(10),
                stage=Stage.EXPLORATION,
                text="Eerste gesprek: Het Anker onderzoekt of een spreekuur in de buurtkamer past.",
                by=leader,
            ),
        ]
    )
    Decision.objects.bulk_create(
        [
            Decision(
                project=kompas,
                what="Sleuteluitreiking per portiek in plaats van alles op één dag",
                why="Bij De Brug gaf één grote dag te weinig tijd per huishouden.",
                decided_by="Werkgroep verhuur",
                decided_on=plan.days_ago(170),
                group=groups[(PROJECT_HET_KOMPAS, WorkingGroup.Kind.LETTING)],
                recorded_by=leader,
            ),
            Decision(
                project=dreefhoven,
                what="Doel kwetsbare huishoudens op 20%",
                why="De flat heeft al veel kwetsbare huishoudens; de mix moet eerst herstellen.",
                decided_by="Stuurgroep Dreefhoven",
                decided_on=plan.days_ago(110),
                group=None,
                recorded_by=leader,
            ),
        ]
    )
    for project in plan.projects:
        schedule_reminders(project=project, on=plan.today)
