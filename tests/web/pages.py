"""The pages of the web interface, resolved against the demo world, for table-driven tests."""

from __future__ import annotations

from django.urls import reverse

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CARE_PARTNER, CORPORATION, OTHER_CORPORATION
from omkijken.exchange.models import ImportBatch
from omkijken.portfolio.models import Complex
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.residents.models import Household, Person, TargetGroupStatus

PERSONAS = [
    "projectleider",
    "verhuur",
    "beheerder",
    "zorgpartner",
    "gemeente",
    "buur",
    "bewoner",
    "admin",
    "zoeker",
]


def demo_pages() -> dict[str, str]:
    """Name → URL of every page, with records chosen to probe each scope rule."""
    own_managed = Complex.objects.get(name="Vliethof")
    unmanaged = (
        Complex.objects.filter(corporation__name=CORPORATION).exclude(managers__username="beheerder").first()
    )
    other_complex = Complex.objects.filter(corporation__name=OTHER_CORPORATION).first()
    assert unmanaged is not None and other_complex is not None
    project_with_partner = Project.objects.filter(complexes__name="De Brug").order_by("pk").first()
    assert project_with_partner is not None
    other_project = Project.objects.filter(corporation__name=OTHER_CORPORATION).first()
    assert other_project is not None
    # The care partner must have no agreement in the other corporation's project for this probe.
    CarePartnerAgreement.objects.filter(project=other_project, care_partner__name=CARE_PARTNER).delete()
    buur = Person.objects.get(user__username="buur").household
    bewoner = Person.objects.get(user__username="bewoner").household
    partner_clients = TargetGroupStatus.objects.filter(care_partner__name=CARE_PARTNER).values("household_id")
    other_household = (
        Household.objects.filter(corporation__name=OTHER_CORPORATION).exclude(pk__in=partner_clients).first()
    )
    assert other_household is not None
    return {
        "home": reverse("home"),
        "complex_list": reverse("complex_list"),
        "complex_managed": reverse("complex_detail", args=[own_managed.pk]),
        "complex_unmanaged": reverse("complex_detail", args=[unmanaged.pk]),
        "complex_other_org": reverse("complex_detail", args=[other_complex.pk]),
        "project_list": reverse("project_list"),
        "project_with_partner": reverse("project_detail", args=[project_with_partner.pk]),
        "project_other_org": reverse("project_detail", args=[other_project.pk]),
        "household_list": reverse("household_list"),
        "household_of_buur": reverse("household_detail", args=[buur.pk]),
        "household_of_bewoner": reverse("household_detail", args=[bewoner.pk]),
        "household_other_org": reverse("household_detail", args=[other_household.pk]),
        "client_list": reverse("client_list"),
        "report": reverse("municipal_report"),
        "access_log": reverse("access_log"),
        "django_admin": reverse("admin:index"),
        "api_token": reverse("api_token"),
        "api_docs": reverse("api_docs"),
        **_letting_round_pages(),
        **_letting_letter_pages(),
        **_letting_intake_pages(),
        **_signal_pages(),
        **_beheer_pages(own_managed, unmanaged, other_complex, buur, other_household),
        "letting_exchange": reverse("letting_exchange"),
        "letting_exchange_export": reverse("letting_exchange_export", args=["eenheden"]),
        "letting_exchange_export_special": reverse("letting_exchange_export", args=["kandidaten"])
        + "?bijzonder=1",
        "letting_exchange_batch_other_org": reverse(
            "letting_exchange_batch", args=[_other_import_batch().pk]
        ),
    }


def _other_import_batch() -> ImportBatch:
    batch, _created = ImportBatch.objects.get_or_create(
        corporation=Organisation.objects.get(name=OTHER_CORPORATION),
        kind=ImportBatch.Kind.CSV_UNITS,
        filename="eenheden.csv",
        defaults={"sha256": "0" * 64},
    )
    return batch


# Expected status per page and persona. 403: the role may not use the page at all; 404: the record
# lies outside the actor's scope (another organisation, a complex they do not manage, someone
# else's household), so its existence is not revealed; 302: Django admin sends non-staff to login.
_ = None
EXPECTED: dict[str, dict[str, int]] = {
    #                         projectleider verhuur beheerder zorgpartner gemeente buur bewoner admin zoeker
    "home": dict(zip(PERSONAS, [200, 200, 200, 200, 200, 200, 200, 200, 200], strict=True)),
    "complex_list": dict(zip(PERSONAS, [200, 200, 200, 403, 403, 403, 403, 200, 403], strict=True)),
    "complex_managed": dict(zip(PERSONAS, [200, 200, 200, 403, 403, 403, 403, 200, 403], strict=True)),
    "complex_unmanaged": dict(zip(PERSONAS, [200, 200, 404, 403, 403, 403, 403, 200, 403], strict=True)),
    "complex_other_org": dict(zip(PERSONAS, [404, 404, 404, 403, 403, 403, 403, 404, 403], strict=True)),
    "project_list": dict(zip(PERSONAS, [200, 200, 200, 200, 403, 403, 403, 200, 403], strict=True)),
    "project_with_partner": dict(zip(PERSONAS, [200, 200, 200, 200, 403, 403, 403, 200, 403], strict=True)),
    "project_other_org": dict(zip(PERSONAS, [404, 404, 404, 404, 403, 403, 403, 404, 403], strict=True)),
    "household_list": dict(zip(PERSONAS, [200, 200, 200, 403, 403, 403, 403, 200, 403], strict=True)),
    "household_of_buur": dict(zip(PERSONAS, [200, 200, 200, 404, 403, 200, 404, 200, 403], strict=True)),
    "household_of_bewoner": dict(zip(PERSONAS, [200, 200, 200, 200, 403, 404, 200, 200, 403], strict=True)),
    "household_other_org": dict(zip(PERSONAS, [404, 404, 404, 404, 403, 404, 404, 404, 403], strict=True)),
    "client_list": dict(zip(PERSONAS, [403, 403, 403, 200, 403, 403, 403, 403, 403], strict=True)),
    "report": dict(zip(PERSONAS, [200, 403, 403, 403, 200, 403, 403, 200, 403], strict=True)),
    "access_log": dict(zip(PERSONAS, [403, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "django_admin": dict(zip(PERSONAS, [302, 302, 302, 302, 302, 302, 302, 200, 302], strict=True)),
    "letting_exchange": dict(zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_exchange_export": dict(
        zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)
    ),
    "letting_exchange_export_special": dict(
        zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)
    ),
    "letting_exchange_batch_other_org": dict(
        zip(PERSONAS, [403, 404, 403, 403, 403, 403, 403, 404, 403], strict=True)
    ),
    "api_token": dict(zip(PERSONAS, [200, 200, 200, 200, 200, 200, 200, 200, 200], strict=True)),
    "api_docs": dict(zip(PERSONAS, [200, 200, 200, 200, 200, 200, 200, 200, 200], strict=True)),
    # Letting rounds and offers (H2)
    "letting_round_list": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_round_new": dict(zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 403, 403], strict=True)),
    "letting_rank_vacancy": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_offer_list": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_key_handovers": dict(zip(PERSONAS, [403, 200, 200, 403, 403, 403, 403, 403, 403], strict=True)),
    # Explanation letters (H5): a sent letter to buur's household, a round of the other corporation
    "letting_round_letters": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_round_letters_other_org": dict(
        zip(PERSONAS, [404, 404, 403, 403, 403, 403, 403, 404, 403], strict=True)
    ),
    "letting_letter_of_buur": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 200, 404, 200, 404], strict=True)),
    "letting_letter_pdf_of_buur": dict(
        zip(PERSONAS, [200, 200, 403, 403, 403, 200, 404, 200, 404], strict=True)
    ),
    "letting_my_letters": dict(zip(PERSONAS, [403, 403, 403, 403, 403, 200, 200, 403, 200], strict=True)),
    # Letting intake: adverts, applicant pages, motivation intake, nominations (H1)
    "letting_home": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_advert": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_advert_other_org": dict(
        zip(PERSONAS, [404, 404, 403, 403, 403, 403, 403, 404, 403], strict=True)
    ),
    "letting_advert_new": dict(zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 403, 403], strict=True)),
    "letting_homes": dict(zip(PERSONAS, [403, 403, 403, 403, 403, 200, 200, 403, 200], strict=True)),
    "letting_homes_detail": dict(zip(PERSONAS, [403, 403, 403, 403, 403, 200, 200, 403, 200], strict=True)),
    "letting_intake": dict(zip(PERSONAS, [200, 200, 200, 403, 403, 403, 403, 403, 403], strict=True)),
    "letting_questionnaires": dict(zip(PERSONAS, [200, 200, 200, 403, 403, 403, 403, 403, 403], strict=True)),
    "letting_questionnaire_new": dict(
        zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "letting_application": dict(zip(PERSONAS, [200, 200, 200, 403, 403, 404, 404, 403, 404], strict=True)),
    "letting_application_new": dict(
        zip(PERSONAS, [403, 403, 403, 403, 403, 200, 200, 403, 200], strict=True)
    ),
    "letting_nominations": dict(zip(PERSONAS, [200, 200, 403, 200, 403, 403, 403, 403, 403], strict=True)),
    "letting_nomination": dict(zip(PERSONAS, [200, 200, 403, 200, 403, 403, 403, 403, 403], strict=True)),
    "letting_nomination_other_partner": dict(
        zip(PERSONAS, [200, 200, 403, 404, 403, 403, 403, 403, 403], strict=True)
    ),
    "letting_nomination_new": dict(zip(PERSONAS, [403, 403, 403, 200, 403, 403, 403, 403, 403], strict=True)),
    # Signals (issue 13): a signal in Vliethof (managed), one in an unmanaged complex, one routed to
    # the care partner, one of the other corporation
    "signal_list": dict(zip(PERSONAS, [200, 403, 200, 200, 403, 403, 403, 200, 403], strict=True)),
    "signal_new": dict(zip(PERSONAS, [403, 403, 200, 200, 403, 200, 200, 403, 403], strict=True)),
    "signal_mine": dict(zip(PERSONAS, [403, 403, 200, 200, 403, 200, 200, 403, 403], strict=True)),
    "signal_kinds": dict(zip(PERSONAS, [200, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "signal_counts": dict(zip(PERSONAS, [200, 403, 403, 403, 200, 403, 403, 200, 403], strict=True)),
    "signal_arrears_import": dict(zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "signal_managed": dict(zip(PERSONAS, [200, 403, 200, 404, 403, 403, 403, 200, 403], strict=True)),
    "signal_unmanaged": dict(zip(PERSONAS, [200, 403, 404, 404, 403, 403, 403, 200, 403], strict=True)),
    "signal_routed_to_partner": dict(
        zip(PERSONAS, [200, 403, 200, 200, 403, 403, 403, 200, 403], strict=True)
    ),
    "signal_other_org": dict(zip(PERSONAS, [404, 403, 404, 404, 403, 403, 403, 404, 403], strict=True)),
    # The building manager's day (issue 13): his complexes only, another complex's records 404
    "beheer_today": dict(zip(PERSONAS, [403, 403, 200, 403, 403, 403, 403, 403, 403], strict=True)),
    "beheer_residents_managed": dict(
        zip(PERSONAS, [403, 403, 200, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "beheer_residents_unmanaged": dict(
        zip(PERSONAS, [403, 403, 404, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "beheer_residents_other_org": dict(
        zip(PERSONAS, [403, 403, 404, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "beheer_contact_of_buur": dict(zip(PERSONAS, [403, 403, 200, 403, 403, 403, 403, 403, 403], strict=True)),
    "beheer_contact_unmanaged": dict(
        zip(PERSONAS, [403, 403, 404, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "beheer_contact_other_org": dict(
        zip(PERSONAS, [403, 403, 404, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "beheer_key_handover_managed": dict(
        zip(PERSONAS, [403, 403, 200, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "beheer_key_handover_unmanaged": dict(
        zip(PERSONAS, [403, 403, 404, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "residents_sharing": dict(zip(PERSONAS, [403, 403, 403, 403, 403, 200, 200, 403, 403], strict=True)),
}


def _signal_pages() -> dict[str, str]:
    """The signals pages: signals made here (the test world has no signals demo)."""
    import datetime as dt

    from django.utils import timezone

    from omkijken.residents.models import Lease
    from omkijken.signals.models import Route, Signal

    now = timezone.now()
    unmanaged = (
        Complex.objects.filter(corporation__name=CORPORATION).exclude(managers__username="beheerder").first()
    )
    other = Complex.objects.filter(corporation__name=OTHER_CORPORATION).first()
    vliethof = Complex.objects.get(name="Vliethof")
    assert unmanaged is not None and other is not None

    def made(complex_: Complex, kind: str = "nuisance") -> Signal:
        unit = complex_.units.order_by("pk").first()
        assert unit is not None
        return Signal.objects.create(
            complex=complex_,
            unit=unit,
            kind_id=kind,
            reported_as=Signal.ReportedAs.BUILDING_MANAGER,
            created_at=now,
            due_at=now + dt.timedelta(hours=24),
        )

    partner = Organisation.objects.get(name=CARE_PARTNER)
    client = TargetGroupStatus.objects.filter(care_partner=partner, end_date__isnull=True).values(
        "household_id"
    )
    lease = Lease.objects.filter(
        unit__complex=vliethof, household_id__in=client, end_date__isnull=True
    ).first()
    assert lease is not None
    routed = Signal.objects.create(
        complex=vliethof,
        unit=lease.unit,
        household_id=lease.household_id,
        kind_id="not_seen",
        reported_as=Signal.ReportedAs.BUILDING_MANAGER,
        created_at=now,
        due_at=now + dt.timedelta(hours=24),
    )
    Route.objects.create(
        signal=routed,
        target=Route.Target.CARE_PARTNER,
        organisation=partner,
        basis=Route.Basis.CONSENT,
        basis_reference="akkoord",
        routed_at=now,
    )
    return {
        "signal_list": reverse("signal_list"),
        "signal_new": reverse("signal_new"),
        "signal_mine": reverse("signal_mine"),
        "signal_kinds": reverse("signal_kinds"),
        "signal_counts": reverse("signal_counts"),
        "signal_arrears_import": reverse("signal_arrears_import"),
        "signal_managed": reverse("signal_detail", args=[made(vliethof).pk]),
        "signal_unmanaged": reverse("signal_detail", args=[made(unmanaged).pk]),
        "signal_routed_to_partner": reverse("signal_detail", args=[routed.pk]),
        "signal_other_org": reverse("signal_detail", args=[made(other).pk]),
    }


def _beheer_pages(
    own_managed: Complex,
    unmanaged: Complex,
    other_complex: Complex,
    buur: Household,
    other_household: Household,
) -> dict[str, str]:
    """The building manager's pages (beheer), with a household and a key handover in and out of
    the complexes ``beheerder`` manages."""
    from omkijken.letting.models import KeyHandover
    from omkijken.residents.models import Lease

    unmanaged_lease = (
        Lease.objects.filter(unit__complex=unmanaged, end_date__isnull=True).order_by("pk").first()
    )
    other_lease = (
        Lease.objects.filter(unit__complex=other_complex, end_date__isnull=True).order_by("pk").first()
    )
    assert unmanaged_lease is not None and other_lease is not None
    from django.utils import timezone

    from omkijken.letting.models import Offer

    managed = (
        KeyHandover.objects.filter(offer__unit__complex__managers__username="beheerder")
        .order_by("pk")
        .first()
    )
    # The demo's key handovers are all in his complexes: one of the other corporation to probe with.
    offer, _created = Offer.objects.get_or_create(
        corporation=other_complex.corporation,
        unit=other_lease.unit,
        household=other_household,
        status=Offer.Status.NO_RESPONSE,
        defaults={"respond_by": timezone.localdate()},
    )
    not_managed, _created = KeyHandover.objects.get_or_create(offer=offer, defaults={"at": timezone.now()})
    assert managed is not None
    return {
        "beheer_today": reverse("beheer_today"),
        "beheer_residents_managed": reverse("beheer_residents", args=[own_managed.pk]),
        "beheer_residents_unmanaged": reverse("beheer_residents", args=[unmanaged.pk]),
        "beheer_residents_other_org": reverse("beheer_residents", args=[other_complex.pk]),
        "beheer_contact_of_buur": reverse("beheer_contact_moments", args=[buur.pk]),
        "beheer_contact_unmanaged": reverse("beheer_contact_moments", args=[unmanaged_lease.household_id]),
        "beheer_contact_other_org": reverse("beheer_contact_moments", args=[other_lease.household_id]),
        "beheer_key_handover_managed": reverse("beheer_key_handover", args=[managed.pk]),
        "beheer_key_handover_unmanaged": reverse("beheer_key_handover", args=[not_managed.pk]),
        "residents_sharing": reverse("residents_sharing"),
    }


def _letting_round_pages() -> dict[str, str]:
    """The round and offer pages (letting, H2): an advert of the demo's letting data for the ranking."""
    from omkijken.letting.models import Advert

    advert = (
        Advert.objects.filter(corporation__name=CORPORATION, status__in=["published", "closed"])
        .order_by("pk")
        .first()
    )
    assert advert is not None
    return {
        "letting_round_list": reverse("letting_round_list"),
        "letting_round_new": reverse("letting_round_new"),
        "letting_rank_vacancy": reverse("letting_rank_vacancy", args=[advert.pk]),
        "letting_offer_list": reverse("letting_offer_list"),
        "letting_key_handovers": reverse("letting_key_handovers"),
    }


def _letting_letter_pages() -> dict[str, str]:
    """The letter pages (letting, H5): a round per corporation and a sent letter to buur's household."""
    import datetime as dt

    from django.utils import timezone

    from omkijken.accounts.models import Organisation
    from omkijken.letting.models import Letter, Round

    rounds = {}
    for name in (CORPORATION, OTHER_CORPORATION):
        rounds[name], _created = Round.objects.get_or_create(
            corporation=Organisation.objects.get(name=name),
            name="Ronde voor de brievenpagina's",
            defaults={"round_date": dt.date(2025, 6, 1), "status": Round.Status.ACCEPTED},
        )
    buur = Person.objects.get(user__username="buur").household
    letter, _created = Letter.objects.get_or_create(
        household=buur,
        round=rounds[CORPORATION],
        defaults={
            "kind": Letter.Kind.PASSED_OVER,
            "subject": "Uw reactie op onze woningen: de uitkomst",
            "body_html": "<p>Beste huishouden,</p>",
            "body_text": "Beste huishouden,",
            "sent_at": timezone.now(),
        },
    )
    return {
        "letting_round_letters": reverse("letting_round_letters", args=[rounds[CORPORATION].pk]),
        "letting_round_letters_other_org": reverse(
            "letting_round_letters", args=[rounds[OTHER_CORPORATION].pk]
        ),
        "letting_letter_of_buur": reverse("letting_letter_detail", args=[letter.pk]),
        "letting_letter_pdf_of_buur": reverse("letting_letter_pdf", args=[letter.pk]),
        "letting_my_letters": reverse("letting_my_letters"),
    }


def _letting_intake_pages() -> dict[str, str]:
    """Adverts, applicant pages, the motivation intake and nominations (H1)."""
    import datetime as dt

    from django.utils import timezone

    from omkijken.letting.models import Advert, MotivationApplication, Nomination
    from omkijken.portfolio.models import Unit

    today = timezone.localdate()
    own = Advert.objects.filter(corporation__name=CORPORATION).order_by("pk").first()
    open_to_all = (
        Advert.objects.filter(
            corporation__name=CORPORATION, status="published", starts_on__lte=today, ends_on__gte=today
        )
        .filter(channels__icontains='"REGULAR"')
        .order_by("pk")
        .first()
    )
    other_unit = Unit.objects.filter(complex__corporation__name=OTHER_CORPORATION).order_by("pk").first()
    assert own is not None and open_to_all is not None and other_unit is not None
    other_advert, _created = Advert.objects.get_or_create(
        unit=other_unit,
        status="withdrawn",
        defaults={
            "corporation": other_unit.complex.corporation,
            "channels": ["REGULAR"],
            "criteria": "Test",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=7),
        },
    )
    brug = Complex.objects.get(name="De Brug")
    application = (
        MotivationApplication.objects.filter(complex=brug)
        .exclude(household__members__user__isnull=False)
        .first()
    )
    own_nomination = Nomination.objects.filter(nominator__name=CARE_PARTNER).order_by("pk").first()
    other_nomination = (
        Nomination.objects.filter(corporation__name=CORPORATION)
        .exclude(nominator__name=CARE_PARTNER)
        .order_by("pk")
        .first()
    )
    assert application is not None and own_nomination is not None and other_nomination is not None
    return {
        "letting_home": reverse("letting_home"),
        "letting_advert": reverse("letting_advert_detail", args=[own.pk]),
        "letting_advert_other_org": reverse("letting_advert_detail", args=[other_advert.pk]),
        "letting_advert_new": reverse("letting_advert_new") + f"?unit={own.unit_id}",
        "letting_homes": reverse("letting_homes"),
        "letting_homes_detail": reverse("letting_homes_detail", args=[open_to_all.pk]),
        "letting_intake": reverse("letting_intake"),
        "letting_questionnaires": reverse("letting_questionnaires"),
        "letting_questionnaire_new": reverse("letting_questionnaire_new"),
        "letting_application": reverse("letting_application_detail", args=[application.pk]),
        "letting_application_new": reverse("letting_application_new", args=[brug.pk]),
        "letting_nominations": reverse("letting_nomination_list"),
        "letting_nomination": reverse("letting_nomination_detail", args=[own_nomination.pk]),
        "letting_nomination_other_partner": reverse("letting_nomination_detail", args=[other_nomination.pk]),
        "letting_nomination_new": reverse("letting_nomination_new"),
    }
