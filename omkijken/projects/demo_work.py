"""Demo layer of the projects' work: Vliethof's location plan with the buurtteam and a GGZ partner,
yearly evaluations of Vliethof and phase evaluations of De Brug (shown to Het Kompas), and
announcements to the residents of Vliethof and De Brug.

Built on the written world (a layer of ``omkijken.demo.world``), with dates relative to today and
no random draws, so the rest of the demo stays as it was. No mail is sent: the deliveries are
written as if the announcements went out on their day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import (
    BUURTTEAM,
    CORPORATION,
    GGZ_PARTNER,
    HANDHAVING,
    OTHER_CARE_PARTNERS,
    WIJKBUREAU,
)
from omkijken.portfolio.demo import DE_BRUG, VLIETHOF
from omkijken.portfolio.models import Complex
from omkijken.projects.announcements.models import Announcement, Delivery
from omkijken.projects.announcements.services import deliveries_for
from omkijken.projects.lessons.models import Evaluation
from omkijken.projects.locationplan.models import (
    ActionNote,
    ActionStatus,
    LocationPlan,
    PartnerKind,
    PlanAction,
    PlanPartner,
    ReviewMeeting,
)
from omkijken.projects.models import Phase, Project

PLAN_VLIETHOF = "Locatieplan Vliethof"


def build_project_work_demo(*, seed: int = 0, today: dt.date | None = None) -> None:
    del seed  # nothing random here
    today = today or timezone.localdate()
    with transaction.atomic():
        woonhaven = Organisation.objects.get(name=CORPORATION)
        users = {u.username: u for u in User.objects.filter(username__in=["projectleider", "beheerder", "rmeijer", "buurtteam", "ybulut"])}  # fmt: skip
        vliethof = Complex.objects.get(corporation=woonhaven, name=VLIETHOF)
        _location_plan(woonhaven, vliethof, users, today)
        _evaluations(woonhaven, users["projectleider"], today)
        _announcements(woonhaven, users["rmeijer"], today)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _location_plan(
    woonhaven: Organisation, vliethof: Complex, users: dict[str, User], today: dt.date
) -> None:
    leader, manager = users["projectleider"], users["beheerder"]
    project = Project.objects.filter(corporation=woonhaven, complexes=vliethof).first()
    plan = LocationPlan.objects.create(
        corporation=woonhaven,
        name=PLAN_VLIETHOF,
        complex=vliethof,
        neighbourhood=vliethof.neighbourhood,
        project=project,
        goal=(
            "Een veilige, schone flat waar bewoners naar elkaar omkijken: minder overlast in de "
            "galerijen en bergingen, snel hulp als het misgaat, en vaste aanspreekpunten."
        ),
        created_by=leader,
    )
    orgs = {o.name: o for o in Organisation.objects.filter(name__in=[BUURTTEAM, GGZ_PARTNER, WIJKBUREAU, HANDHAVING, OTHER_CARE_PARTNERS[1]])}  # fmt: skip
    partners = {
        "woonhaven": PlanPartner(plan=plan, organisation=woonhaven, kind=PartnerKind.CORPORATION,
                                 contact_name="Karim Ouali", contact_phone="06-20417788"),
        "buurtteam": PlanPartner(plan=plan, organisation=orgs[BUURTTEAM], kind=PartnerKind.BUURTTEAM,
                                 contact_name="Esther Vos", contact_phone="06-31558204",
                                 contact_email="buurtteam@example.org"),
        "ggz": PlanPartner(plan=plan, organisation=orgs[GGZ_PARTNER], kind=PartnerKind.GGZ,
                           contact_name="Yusuf Bulut", contact_phone="06-44710392"),
        "wijkbureau": PlanPartner(plan=plan, organisation=orgs[WIJKBUREAU], kind=PartnerKind.WIJKBUREAU,
                                  contact_name="Marloes Dekker", contact_phone="030-2860120"),
        "handhaving": PlanPartner(plan=plan, organisation=orgs[HANDHAVING], kind=PartnerKind.HANDHAVING,
                                  contact_name="Sander Koster", contact_phone="030-2860155"),
        "anker": PlanPartner(plan=plan, organisation=orgs[OTHER_CARE_PARTNERS[1]], kind=PartnerKind.CARE_PARTNER,
                             contact_name="Hamza Bouali", contact_phone="06-38124470"),
    }  # fmt: skip
    PlanPartner.objects.bulk_create(partners.values())
    actions: list[tuple[str, str, int, str, list[tuple[str, str, int]]]] = [
        ("Spreekuur buurtteam in de buurtkamer, elke dinsdag", "buurtteam", 30, ActionStatus.IN_PROGRESS,
         [("buurtteam", "Eerste drie spreekuren gehouden; gemiddeld vier bezoekers.", 12)]),
        ("Huisbezoeken bij nieuwe bewoners binnen zes weken", "buurtteam", 14, ActionStatus.OPEN, []),
        ("Vast aanspreekpunt GGZ bij zorgen over een bewoner", "ggz", 21, ActionStatus.IN_PROGRESS,
         [("ybulut", "Telefoonnummer en werkwijze gedeeld met beheer en buurtteam.", 20)]),
        ("Extra avondrondes in de bergingen", "handhaving", 45, ActionStatus.IN_PROGRESS, []),
        ("Verlichting galerij 5 en 6 vervangen", "woonhaven", -7, ActionStatus.BLOCKED,
         [("beheerder", "Wacht op levering armaturen; aannemer gebeld.", 10)]),
        ("Schoonmaakactie met bewoners en wijkbureau", "wijkbureau", -30, ActionStatus.DONE,
         [("beheerder", "Gehouden met 23 bewoners; twee containers vol.", 31)]),
    ]  # fmt: skip
    for title, owner, due_in, status, notes in actions:
        action = PlanAction.objects.create(
            plan=plan,
            title=title,
            owner=partners[owner],
            due_date=today + dt.timedelta(days=due_in),
            status=status,
            created_by=leader,
        )
        for username, text, days_ago in notes:
            note = ActionNote.objects.create(
                action=action, text=text, status=status, by=users.get(username, manager)
            )
            ActionNote.objects.filter(pk=note.pk).update(at=_at(today - dt.timedelta(days=days_ago), 16))
    ReviewMeeting.objects.bulk_create(
        [
            ReviewMeeting(plan=plan, held_on=today - dt.timedelta(days=70), by=leader, minutes=(
                "Start van het locatieplan. Afgesproken: spreekuur buurtteam, vast GGZ-aanspreekpunt, "
                "extra rondes handhaving. Volgend overleg over zes weken.")),
            ReviewMeeting(plan=plan, held_on=today - dt.timedelta(days=28), by=leader, minutes=(
                "Minder meldingen over de bergingen. Verlichting galerij 5 en 6 loopt vertraging op. "
                "Buurtteam ziet meer bewoners op het spreekuur.")),
        ]
    )  # fmt: skip


def _evaluations(woonhaven: Organisation, leader: User, today: dt.date) -> None:
    projects = {p.name: p for p in Project.objects.filter(corporation=woonhaven)}
    vliethof = next(p for p in projects.values() if p.complexes.filter(name=VLIETHOF).exists())
    de_brug = next(p for p in projects.values() if p.complexes.filter(name=DE_BRUG).exists())
    rows: list[Evaluation] = []
    yearly: list[tuple[str, str, str]] = [
        ("Nieuwe buren die bewust kiezen voor de flat blijven langer en doen mee.",
         "Het welkomstgesprek moet binnen een maand, niet pas na een half jaar.", "welkom"),
        ("De buurtkamer is een vaste plek geworden; de zorgpartner en het buurtteam zitten er samen.",
         "Overlast in de bergingen kwam te laat bij beheer: één meldpunt met het wijkbureau.", "overlast"),
        ("Het locatieplan met buurtteam en GGZ-partner geeft korte lijnen.",
         "Acties van partners vaker samen nalopen; elk overleg begint met de open acties.", "samenwerking"),
    ]  # fmt: skip
    for offset, (well, change, topic) in enumerate(yearly):
        year = today.year - len(yearly) + offset
        rows.append(Evaluation(project=vliethof, kind=Evaluation.Kind.YEARLY, phase=Phase.OPERATION, year=year,
                               held_on=dt.date(year, 11, 20), went_well=well, to_change=change,
                               working_group="beheer", topic=topic, created_by=leader))  # fmt: skip
    phase_rows: list[tuple[str, str, str, str, str]] = [
        (Phase.RECRUITMENT, "verhuur", "Motivatiegesprekken met twee beoordelaars gaven een goede selectie goede buren.",
         "Start de werving van goede buren drie maanden eerder: de eerste ronde was krap.", "werving"),
        (Phase.OPENING, "communicatie", "Een gezamenlijke sleuteldag met zorgpartner en beheer gaf een warm begin.",
         "Plan sleuteloverdrachten van zorgklanten niet op één dag; spreid ze over twee weken.", "sleuteloverdracht"),
        (Phase.OPENING, "beheer", "De buurtkamer was vanaf dag één open.",
         "Zorg dat de huismeester bekend is voor de sleuteloverdracht, niet erna.", "beheer"),
    ]  # fmt: skip
    for phase, group, well, change, topic in phase_rows:
        rows.append(Evaluation(project=de_brug, kind=Evaluation.Kind.PHASE, phase=phase,
                               held_on=dt.date(2021, 6, 15) if phase == Phase.OPENING else dt.date(2020, 12, 1),
                               went_well=well, to_change=change, working_group=group, topic=topic,
                               created_by=leader))  # fmt: skip
    Evaluation.objects.bulk_create(rows)


def _announcements(woonhaven: Organisation, writer: User, today: dt.date) -> None:
    complexes = {
        c.name: c for c in Complex.objects.filter(corporation=woonhaven, name__in=[VLIETHOF, DE_BRUG])
    }
    specs: list[dict[str, Any]] = [
        {"complex": VLIETHOF, "days": 5, "essential": True,
         "title": "Onderhoud liften 12 en 13", "title_en": "Maintenance of lifts 12 and 13",
         "body": "Volgende week krijgen de liften groot onderhoud. Per dag is één lift buiten gebruik.",
         "body_en": "Next week the lifts get major maintenance. One lift a day is out of use."},
        {"complex": VLIETHOF, "days": 12, "essential": False,
         "title": "Buurtbarbecue op het grasveld", "title_en": "",
         "body": "Zaterdag is er een barbecue voor alle bewoners. Neem je buren mee!", "body_en": ""},
        {"complex": DE_BRUG, "days": 3, "essential": False,
         "title": "Koffieochtend in de ontmoetingsruimte", "title_en": "Coffee morning in the meeting room",
         "body": "Elke woensdag vanaf 10 uur: koffie, thee en een praatje.",
         "body_en": "Every Wednesday from 10 o'clock: coffee, tea and a chat."},
    ]  # fmt: skip
    for spec in specs:
        project = Project.objects.filter(complexes=complexes[spec["complex"]]).first()
        assert project is not None
        sent_at = _at(today - dt.timedelta(days=spec["days"]), 10)
        announcement = Announcement.objects.create(
            project=project, complex=complexes[spec["complex"]], title=spec["title"], body=spec["body"],
            title_en=spec["title_en"], body_en=spec["body_en"], essential=spec["essential"],
            sent_at=sent_at, created_by=writer,
        )  # fmt: skip
        Delivery.objects.bulk_create(deliveries_for(announcement, sent_at))
        Announcement.objects.filter(pk=announcement.pk).update(created_at=sent_at)
    vliethof_project = Project.objects.filter(complexes=complexes[VLIETHOF]).first()
    assert vliethof_project is not None
    Announcement.objects.create(
        project=vliethof_project, complex=complexes[VLIETHOF], essential=False, created_by=writer,
        title="Nieuwe buren welkom op 15 december", body="Maak kennis met de nieuwe bewoners in de buurtkamer.",
        send_at=_at(today + dt.timedelta(days=7), 9),
    )  # fmt: skip


def delete_project_work_demo(corporations: list[Organisation]) -> tuple[int, dict[str, int]]:
    """The layer's rows, before the world's complexes and organisations go."""
    total = 0
    counts: dict[str, int] = {}
    plans = LocationPlan.objects.filter(
        Q(corporation__in=corporations) | Q(complex__corporation__in=corporations)
    )
    for queryset in (
        Announcement.objects.filter(project__corporation__in=corporations),
        # An action's owner is protected (a partner with actions stays): the actions go first.
        PlanAction.objects.filter(plan__in=plans),
        plans,
        Evaluation.objects.filter(project__corporation__in=corporations),
    ):
        n, per_model = queryset.delete()
        total += n
        for label, count in per_model.items():
            counts[label] = counts.get(label, 0) + count
    return total, counts
