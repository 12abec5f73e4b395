"""The pages of the web interface, resolved against the demo world, for table-driven tests."""

from __future__ import annotations

from django.urls import reverse

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CARE_PARTNER, CORPORATION, OTHER_CORPORATION
from omkijken.exchange.models import ImportBatch
from omkijken.jobs.models import Job
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
# Columns added later (buurtteam, privacy) are appended below, after the rows that came before them.


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
        "reports": reverse("reports"),
        "quota_overview": reverse("quota_overview"),
        "quota_edit": reverse("quota_edit"),
        "quota_import": reverse("quota_import"),
        "quota_forecast": reverse("quota_forecast"),
        "access_log": reverse("access_log"),
        "django_admin": reverse("admin:index"),
        "api_token": reverse("api_token"),
        "api_docs": reverse("api_docs"),
        **_project_work_pages(project_with_partner, other_project),
        **_letting_round_pages(),
        **_letting_letter_pages(),
        **_letting_objection_pages(),
        **_letting_intake_pages(),
        **_signal_pages(),
        **_beheer_pages(own_managed, unmanaged, other_complex, buur, other_household),
        **_monitoring_pages(own_managed),
        "letting_exchange": reverse("letting_exchange"),
        "letting_exchange_export": reverse("letting_exchange_export", args=["eenheden"]),
        "letting_exchange_export_special": reverse("letting_exchange_export", args=["kandidaten"])
        + "?bijzonder=1",
        "letting_exchange_batch_other_org": reverse(
            "letting_exchange_batch", args=[_other_import_batch().pk]
        ),
        **_project_plan_lesson_pages(),
        "two_factor_verify": reverse("two_factor_verify"),
        "two_factor_enrol": reverse("two_factor_enrol"),
        "two_factor_codes": reverse("two_factor_codes"),
        "reauthenticate": reverse("reauthenticate"),
        "account_security": reverse("account_security"),
        "job_list": reverse("job_list"),
        "job_of_verhuur": reverse("job_detail", args=[_job_of("verhuur").pk]),
        **_account_pages(),
        **_privacy_pages(bewoner, other_household),
    }


def _account_pages() -> dict[str, str]:
    """One's own account, and the accounts an organisation manages itself (issue 16 part 8): a
    corporation's staff member, and the care partner's coordinator."""
    return {
        "account_home": reverse("account_home"),
        "password_change": reverse("password_change"),
        "password_change_done": reverse("password_change_done"),
        "account_list": reverse("account_list"),
        "account_invite": reverse("account_invite"),
        "account_of_verhuur": reverse("account_detail", args=[User.objects.get(username="verhuur").pk]),
        "account_of_zorgpartner": reverse(
            "account_detail", args=[User.objects.get(username="zorgpartner").pk]
        ),
    }


def _job_of(username: str) -> Job:
    """A finished job the persona started (a job is seen only by whoever started it)."""
    user = User.objects.get(username=username)
    job, _created = Job.objects.get_or_create(
        started_by=user,
        kind="letting.round_run",
        defaults={"title": "Ronde", "state": Job.State.SUCCEEDED, "organisation": user.organisation},
    )
    return job


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
    "reports": dict(zip(PERSONAS, [200, 403, 403, 403, 200, 403, 403, 200, 403], strict=True)),
    # The taakstelling (issue 14): the municipality sets it, the corporation sees and acknowledges it.
    "quota_overview": dict(zip(PERSONAS, [200, 200, 403, 403, 200, 403, 403, 200, 403], strict=True)),
    "quota_edit": dict(zip(PERSONAS, [403, 403, 403, 403, 200, 403, 403, 403, 403], strict=True)),
    "quota_import": dict(zip(PERSONAS, [403, 403, 403, 403, 200, 403, 403, 403, 403], strict=True)),
    "quota_forecast": dict(zip(PERSONAS, [200, 200, 403, 403, 200, 403, 403, 200, 403], strict=True)),
    "access_log": dict(zip(PERSONAS, [403, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "django_admin": dict(zip(PERSONAS, [302, 302, 302, 302, 302, 302, 302, 200, 302], strict=True)),
    "letting_exchange": dict(zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "letting_exchange_export": dict(
        zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)
    ),
    # The login steps: a verified session is sent on (302); residents and applicants may turn the
    # second factor on (the enrolment page, 200); the recovery codes are shown only right after
    # they were made (302 otherwise).
    "two_factor_verify": dict(zip(PERSONAS, [302, 302, 302, 302, 302, 302, 302, 302, 302], strict=True)),
    "two_factor_enrol": dict(zip(PERSONAS, [302, 302, 302, 302, 302, 200, 200, 302, 200], strict=True)),
    "two_factor_codes": dict(zip(PERSONAS, [302, 302, 302, 302, 302, 302, 302, 302, 302], strict=True)),
    "reauthenticate": dict(zip(PERSONAS, [200, 200, 200, 200, 200, 200, 200, 200, 200], strict=True)),
    "account_security": dict(zip(PERSONAS, [200, 200, 200, 200, 200, 200, 200, 200, 200], strict=True)),
    # 302: the roles that may export special-category data confirm it is them first (re-authentication).
    "letting_exchange_export_special": dict(
        zip(PERSONAS, [403, 302, 403, 403, 403, 403, 403, 302, 403], strict=True)
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
    # Objections (bezwaar) against a round's outcome: buur's household objected to the letters' round
    "letting_objection_list": dict(zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 403, 403], strict=True)),
    "letting_objection_of_buur": dict(
        zip(PERSONAS, [403, 200, 403, 403, 403, 200, 404, 403, 404], strict=True)
    ),
    "letting_objection_other_org": dict(
        zip(PERSONAS, [403, 404, 403, 403, 403, 404, 404, 403, 404], strict=True)
    ),
    "letting_objection_decide": dict(
        zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "letting_objection_register": dict(
        zip(PERSONAS, [403, 200, 403, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "letting_objection_register_other_org": dict(
        zip(PERSONAS, [403, 404, 403, 403, 403, 403, 403, 403, 403], strict=True)
    ),
    "letting_objection_lodge_on_buurs_letter": dict(
        zip(PERSONAS, [403, 403, 403, 403, 403, 200, 404, 403, 404], strict=True)
    ),
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
    # Project work (issue 12): set-up, checklists, partner talks, decisions, documents, portfolio
    "project_portfolio": dict(zip(PERSONAS, [200, 200, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "project_new": dict(zip(PERSONAS, [200, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "project_setup": dict(zip(PERSONAS, [200, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "project_setup_other_org": dict(
        zip(PERSONAS, [404, 403, 403, 403, 403, 403, 403, 404, 403], strict=True)
    ),
    "project_tasks": dict(zip(PERSONAS, [200, 200, 200, 200, 403, 403, 403, 200, 403], strict=True)),
    "project_tasks_other_org": dict(
        zip(PERSONAS, [404, 404, 404, 404, 403, 403, 403, 404, 403], strict=True)
    ),
    "project_templates": dict(zip(PERSONAS, [200, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "project_templates_other_org": dict(
        zip(PERSONAS, [404, 403, 403, 403, 403, 403, 403, 404, 403], strict=True)
    ),
    "project_partners": dict(zip(PERSONAS, [200, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "project_partners_other_org": dict(
        zip(PERSONAS, [404, 403, 403, 403, 403, 403, 403, 404, 403], strict=True)
    ),
    "project_talk": dict(zip(PERSONAS, [200, 403, 403, 403, 403, 403, 403, 200, 403], strict=True)),
    "project_talk_other_org": dict(zip(PERSONAS, [404, 403, 403, 403, 403, 403, 403, 404, 403], strict=True)),
    "project_decisions": dict(zip(PERSONAS, [200, 200, 200, 200, 403, 403, 403, 200, 403], strict=True)),
    "project_decisions_other_org": dict(
        zip(PERSONAS, [404, 404, 404, 404, 403, 403, 403, 404, 403], strict=True)
    ),
    "project_documents": dict(zip(PERSONAS, [200, 200, 200, 200, 403, 403, 403, 200, 403], strict=True)),
    "project_documents_other_org": dict(
        zip(PERSONAS, [404, 404, 404, 404, 403, 403, 403, 404, 403], strict=True)
    ),
    "project_document": dict(zip(PERSONAS, [200, 200, 200, 200, 403, 403, 403, 200, 403], strict=True)),
    "project_document_other_org": dict(
        zip(PERSONAS, [404, 404, 404, 404, 403, 403, 403, 404, 403], strict=True)
    ),
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
    "job_list": dict(zip(PERSONAS, [200, 200, 200, 200, 200, 200, 200, 200, 200], strict=True)),
    "job_of_verhuur": dict(zip(PERSONAS, [404, 200, 404, 404, 404, 404, 404, 404, 404], strict=True)),
}
# The network partner (buurtteam) came later: on the pages above it may open only what every login
# may, and everything else is not for its role.
_NETWORK_PARTNER_ON_EARLIER_PAGES = {
    "home": 200,
    "api_token": 200,
    "api_docs": 200,
    "django_admin": 302,
    # Every login has its own job list; another's job is not found.
    "job_list": 200,
    "job_of_verhuur": 404,
    # The login steps and the security page are every login's (a network partner must use a code).
    "two_factor_verify": 302,
    "two_factor_enrol": 302,
    "two_factor_codes": 302,
    "reauthenticate": 200,
    "account_security": 200,
}
for _page, _answers in EXPECTED.items():
    _answers.setdefault("buurtteam", _NETWORK_PARTNER_ON_EARLIER_PAGES.get(_page, 403))
PERSONAS = [*PERSONAS, "buurtteam"]


def _row(*answers: int) -> dict[str, int]:
    return dict(zip(PERSONAS, answers, strict=True))


EXPECTED.update(
    {
        # Projects' work (issue 12, parts 5-8). Columns as above, then buurtteam.
        #                        pl   verh beh  zorg gem  buur bew  adm  zoek buurtteam
        "location_plan_list": _row(200, 403, 200, 200, 403, 403, 403, 200, 403, 200),
        "location_plan_vliethof": _row(200, 403, 200, 404, 403, 403, 403, 200, 403, 200),
        "location_plan_other_org": _row(404, 403, 404, 404, 403, 403, 403, 404, 403, 404),
        "location_plan_new": _row(200, 403, 200, 403, 403, 403, 403, 200, 403, 403),
        "location_plan_action": _row(200, 403, 200, 404, 403, 403, 403, 200, 403, 200),
        "location_plan_action_other_org": _row(404, 403, 404, 404, 403, 403, 403, 404, 403, 404),
        "project_evaluations": _row(200, 200, 200, 403, 403, 403, 403, 200, 403, 403),
        "project_evaluations_other_org": _row(404, 404, 404, 403, 403, 403, 403, 404, 403, 403),
        "evaluation_detail": _row(200, 200, 200, 403, 403, 403, 403, 200, 403, 403),
        "evaluation_pdf": _row(200, 200, 200, 403, 403, 403, 403, 200, 403, 403),
        "evaluation_other_org": _row(404, 404, 404, 403, 403, 403, 403, 404, 403, 403),
        "lesson_search": _row(200, 200, 200, 403, 403, 403, 403, 200, 403, 403),
        "project_announcements": _row(200, 403, 403, 403, 403, 403, 403, 200, 403, 403),
        "project_announcements_other_org": _row(404, 403, 403, 403, 403, 403, 403, 404, 403, 403),
        "announcement_detail": _row(200, 403, 403, 403, 403, 403, 403, 200, 403, 403),
        "announcement_letters": _row(200, 403, 403, 403, 403, 403, 403, 200, 403, 403),
        "announcement_other_org": _row(404, 403, 403, 403, 403, 403, 403, 404, 403, 403),
        "my_announcements": _row(403, 403, 403, 403, 403, 200, 200, 403, 403, 403),
        "project_calendar_page": _row(200, 200, 200, 403, 403, 403, 403, 200, 403, 403),
        "project_calendar_other_org": _row(404, 404, 404, 403, 403, 403, 403, 404, 403, 403),
        # Accounts (issue 16 part 8): every login has its own account page and changes its
        # password; a corporation's admin and the coordinators of the care partner and the
        # municipality (demo: manages_accounts) manage their own organisation's accounts only.
        "account_home": _row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "password_change": _row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "password_change_done": _row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "account_list": _row(403, 403, 403, 200, 200, 403, 403, 200, 403, 403),
        # Inviting and changing an account first ask for the password and a current code again
        # (requires_recent_auth): 302 to the confirmation for a fresh session of a manager; which
        # accounts each manager may open is tested in tests/accounts/test_account_management.py.
        "account_invite": _row(403, 403, 403, 302, 302, 403, 403, 302, 403, 403),
        "account_of_verhuur": _row(403, 403, 403, 302, 302, 403, 403, 302, 403, 403),
        "account_of_zorgpartner": _row(403, 403, 403, 302, 302, 403, 403, 302, 403, 403),
    }
)


EXPECTED.update(
    {
        # Monitoring (issue 14 parts 4, 5, 7, 10). Columns as above, then buurtteam.
        #                        pl   verh beh  zorg gem  buur bew  adm  zoek buurtteam
        "monitoring_indicators": _row(200, 200, 200, 403, 200, 403, 403, 200, 403, 403),
        "monitoring_liveability": _row(200, 200, 200, 403, 200, 403, 403, 200, 403, 403),
        "monitoring_nieuwe_buren": _row(200, 200, 200, 403, 200, 403, 403, 200, 403, 403),
        "monitoring_leefbaarometer": _row(200, 403, 403, 403, 403, 403, 403, 200, 403, 403),
        "monitoring_survey_round_new": _row(200, 403, 200, 403, 403, 403, 403, 200, 403, 403),
        "monitoring_surveys": _row(403, 403, 403, 403, 403, 200, 200, 403, 403, 403),
        # An open round of Vliethof, buur's building; bewoner lives in De Brug.
        "monitoring_survey_vliethof": _row(403, 403, 403, 403, 403, 200, 404, 403, 403, 403),
    }
)


def _monitoring_pages(vliethof: Complex) -> dict[str, str]:
    import datetime as dt

    from django.utils import timezone

    from omkijken.monitoring.models import SurveyRound

    today = timezone.localdate()
    round_ = SurveyRound.objects.create(
        complex=vliethof,
        title="Proefenquête",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=10),
    )
    return {
        "monitoring_indicators": reverse("monitoring_indicators"),
        "monitoring_liveability": reverse("monitoring_liveability"),
        "monitoring_nieuwe_buren": reverse("monitoring_nieuwe_buren"),
        "monitoring_leefbaarometer": reverse("monitoring_leefbaarometer"),
        "monitoring_survey_round_new": reverse("monitoring_survey_round_new"),
        "monitoring_surveys": reverse("monitoring_surveys"),
        "monitoring_survey_vliethof": reverse("monitoring_survey_answer", args=[round_.pk]),
    }


def _project_work_pages(own: Project, other: Project) -> dict[str, str]:
    """The project work pages (issue 12): De Brug's, a talk of Dreefhoven, and the other
    corporation's project with a talk and a document of its own."""
    from django.core.files.base import ContentFile

    from omkijken.projects.decisions.models import Document
    from omkijken.projects.partners.models import PartnerTalk

    talk = PartnerTalk.objects.filter(project__corporation__name=CORPORATION).order_by("pk").first()
    assert talk is not None
    other_partner = Organisation.objects.filter(kind="care_partner").order_by("pk").first()
    other_talk, _created = PartnerTalk.objects.get_or_create(
        project=other,
        care_partner=other_partner,
        complex=other.complexes.first(),
        defaults={"clients_proposed": 3},
    )
    documents = {}
    for project in (own, other):
        document = Document.objects.filter(project=project, title="Projectplan").first()
        if document is None:
            document = Document(
                project=project, title="Projectplan", version=1, kind="pdf", original_name="plan.pdf", size=9
            )
            document.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        documents[project.pk] = document
    return {
        "project_portfolio": reverse("project_portfolio"),
        "project_new": reverse("project_new"),
        "project_setup": reverse("project_setup", args=[own.pk]),
        "project_setup_other_org": reverse("project_setup", args=[other.pk]),
        "project_tasks": reverse("project_tasks", args=[own.pk]),
        "project_tasks_other_org": reverse("project_tasks", args=[other.pk]),
        "project_templates": reverse("project_templates", args=[own.pk]),
        "project_templates_other_org": reverse("project_templates", args=[other.pk]),
        "project_partners": reverse("project_partners", args=[talk.project_id]),
        "project_partners_other_org": reverse("project_partners", args=[other.pk]),
        "project_talk": reverse("project_talk", args=[talk.pk]),
        "project_talk_other_org": reverse("project_talk", args=[other_talk.pk]),
        "project_decisions": reverse("project_decisions", args=[own.pk]),
        "project_decisions_other_org": reverse("project_decisions", args=[other.pk]),
        "project_documents": reverse("project_documents", args=[own.pk]),
        "project_documents_other_org": reverse("project_documents", args=[other.pk]),
        "project_document": reverse("project_document", args=[documents[own.pk].pk]),
        "project_document_other_org": reverse("project_document", args=[documents[other.pk].pk]),
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


def _letting_objection_pages() -> dict[str, str]:
    """Objection pages: an open objection of buur's household against the letters' round (on its
    sent letter), and one of another corporation's household against that corporation's round."""
    import datetime as dt

    from django.utils import timezone

    from omkijken.letting.models import Letter, Objection, Round

    _letting_letter_pages()  # the rounds and buur's letter
    own_round = Round.objects.get(corporation__name=CORPORATION, name="Ronde voor de brievenpagina's")
    other_round = Round.objects.get(corporation__name=OTHER_CORPORATION, name="Ronde voor de brievenpagina's")
    buur = Person.objects.get(user__username="buur").household
    letter = Letter.objects.get(household=buur, round=own_round)
    other_household = Household.objects.filter(corporation__name=OTHER_CORPORATION).order_by("pk").first()
    assert other_household is not None
    today = timezone.localdate()
    objections = {}
    for key, rnd, household, via_letter in (
        ("own", own_round, buur, letter),
        ("other", other_round, other_household, None),
    ):
        objections[key], _created = Objection.objects.get_or_create(
            round=rnd,
            household=household,
            status=Objection.Status.OPEN,
            defaults={
                "corporation": rnd.corporation,
                "letter": via_letter,
                "via": Objection.Via.ONLINE,
                "grounds": "Ik denk dat mijn inschrijfdatum niet klopt.",
                "received_on": today,
                "deadline": today + dt.timedelta(days=42),
            },
        )
    return {
        "letting_objection_list": reverse("letting_objection_list"),
        "letting_objection_of_buur": reverse("letting_objection_detail", args=[objections["own"].pk]),
        "letting_objection_other_org": reverse("letting_objection_detail", args=[objections["other"].pk]),
        "letting_objection_decide": reverse("letting_objection_decide", args=[objections["own"].pk]),
        "letting_objection_register": reverse("letting_objection_register", args=[own_round.pk]),
        "letting_objection_register_other_org": reverse("letting_objection_register", args=[other_round.pk]),
        "letting_objection_lodge_on_buurs_letter": reverse("letting_objection_lodge", args=[letter.pk]),
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


def _project_plan_lesson_pages() -> dict[str, str]:
    """Location plans, evaluations, announcements and the project calendar (issue 12): Vliethof's
    records from the demo, and one of each for the other corporation."""
    import datetime as dt

    from django.utils import timezone

    from omkijken.projects.announcements.models import Announcement
    from omkijken.projects.demo import PROJECT_VLIETHOF
    from omkijken.projects.lessons.models import Evaluation
    from omkijken.projects.locationplan.models import LocationPlan, PartnerKind, PlanAction, PlanPartner

    vliethof = Project.objects.get(corporation__name=CORPORATION, name=PROJECT_VLIETHOF)
    plan = LocationPlan.objects.get(corporation__name=CORPORATION, complex__name="Vliethof")
    action = PlanAction.objects.filter(plan=plan, owner__organisation__name="Buurtteam Overvliet").first()
    evaluation = Evaluation.objects.filter(project=vliethof).first()
    announcement = Announcement.objects.filter(project=vliethof, sent_at__isnull=False).first()
    assert action is not None and evaluation is not None and announcement is not None
    other_org = Organisation.objects.get(name=OTHER_CORPORATION)
    other_project = Project.objects.filter(corporation=other_org).first()
    assert other_project is not None
    other_complex = other_project.complexes.first()
    assert other_complex is not None
    other_plan, _created = LocationPlan.objects.get_or_create(
        corporation=other_org, name="Locatieplan Oosterkade", defaults={"complex": other_complex}
    )
    other_partner, _created = PlanPartner.objects.get_or_create(
        plan=other_plan,
        organisation=other_org,
        defaults={"kind": PartnerKind.CORPORATION, "contact_name": "B. Smit"},
    )
    other_action, _created = PlanAction.objects.get_or_create(
        plan=other_plan, title="Rondgang", defaults={"owner": other_partner, "due_date": timezone.localdate()}
    )
    other_evaluation, _created = Evaluation.objects.get_or_create(
        project=other_project,
        kind="phase",
        phase=other_project.phase,
        defaults={"held_on": dt.date(2024, 5, 1), "went_well": "Goed", "to_change": "Beter"},
    )
    other_announcement, _created = Announcement.objects.get_or_create(
        project=other_project, complex=other_complex, title="Bericht", defaults={"body": "Tekst"}
    )
    return {
        "location_plan_list": reverse("location_plan_list"),
        "location_plan_new": reverse("location_plan_new"),
        "location_plan_vliethof": reverse("location_plan_detail", args=[plan.pk]),
        "location_plan_other_org": reverse("location_plan_detail", args=[other_plan.pk]),
        "location_plan_action": reverse("location_plan_action", args=[plan.pk, action.pk]),
        "location_plan_action_other_org": reverse(
            "location_plan_action", args=[other_plan.pk, other_action.pk]
        ),
        "project_evaluations": reverse("project_evaluations", args=[vliethof.pk]),
        "project_evaluations_other_org": reverse("project_evaluations", args=[other_project.pk]),
        "evaluation_detail": reverse("evaluation_detail", args=[evaluation.pk]),
        "evaluation_pdf": reverse("evaluation_pdf", args=[evaluation.pk]),
        "evaluation_other_org": reverse("evaluation_detail", args=[other_evaluation.pk]),
        "lesson_search": reverse("lesson_search") + "?q=buurtkamer",
        "project_announcements": reverse("project_announcements", args=[vliethof.pk]),
        "project_announcements_other_org": reverse("project_announcements", args=[other_project.pk]),
        "announcement_detail": reverse("announcement_detail", args=[announcement.pk]),
        "announcement_letters": reverse("announcement_letters", args=[announcement.pk]),
        "announcement_other_org": reverse("announcement_detail", args=[other_announcement.pk]),
        "my_announcements": reverse("my_announcements"),
        "project_calendar_page": reverse("project_calendar_page", args=[vliethof.pk]),
        "project_calendar_other_org": reverse("project_calendar_page", args=[other_project.pk]),
    }


# The privacy officer (issue 16) came later still: on the pages above it opens what every login
# may, and the access log (it audits reads); everything else is not for its role.
_PRIVACY_OFFICER_ON_EARLIER_PAGES = {
    **_NETWORK_PARTNER_ON_EARLIER_PAGES,
    "access_log": 200,
    # every login's own account and password (issue 16 part 8)
    "account_home": 200,
    "password_change": 200,
    "password_change_done": 200,
}
for _page, _answers in EXPECTED.items():
    _answers.setdefault("privacy", _PRIVACY_OFFICER_ON_EARLIER_PAGES.get(_page, 403))
PERSONAS = [*PERSONAS, "privacy"]

EXPECTED.update(
    {
        # Privacy (issue 16, parts 2-3). Columns as above, then buurtteam, then privacy.
        "privacy_requests": _row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200),
        "privacy_request_detail": _row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200),
        "privacy_request_other_org": _row(403, 403, 403, 403, 403, 403, 403, 404, 403, 403, 404),
        "privacy_request_json": _row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200),
        "privacy_request_pdf": _row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200),
        "privacy_holds": _row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200),
        "privacy_retention": _row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200),
        "privacy_receipt": _row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200),
        "privacy_receipt_other_org": _row(403, 403, 403, 403, 403, 403, 403, 404, 403, 403, 404),
        "privacy_mine": _row(403, 403, 403, 403, 403, 200, 200, 403, 200, 403, 403),
    }
)


def _privacy_pages(bewoner: Household, other_household: Household) -> dict[str, str]:
    """An access request of the resident's household and one at the other corporation; a
    retention receipt with a line for each corporation."""
    from omkijken.privacy.models import PrivacyRequest, RetentionReceipt, RetentionReceiptLine
    from omkijken.privacy.services import privacy_request_create

    requests = {}
    for household in (bewoner, other_household):
        found = PrivacyRequest.objects.filter(household=household, kind="access").first()
        if found is None:
            found = privacy_request_create(
                actor=User.objects.get(username="privacy"), household=bewoner, kind="access"
            )
            if household != bewoner:  # another corporation's officer would have registered it
                PrivacyRequest.objects.filter(pk=found.pk).update(
                    household=household, corporation=household.corporation
                )
        requests[household.pk] = found
    receipts = {}
    for name in (CORPORATION, OTHER_CORPORATION):
        corporation = Organisation.objects.get(name=name)
        line = RetentionReceiptLine.objects.filter(corporation=corporation).first()
        if line is None:
            receipt = RetentionReceipt.objects.create(as_of=bewoner.created_at.date())
            line = RetentionReceiptLine.objects.create(
                receipt=receipt, corporation=corporation, category="contact_notes", months=24
            )
        receipts[name] = line.receipt_id
    own = requests[bewoner.pk].pk
    return {
        "privacy_requests": reverse("privacy_requests"),
        "privacy_request_detail": reverse("privacy_request_detail", args=[own]),
        "privacy_request_other_org": reverse(
            "privacy_request_detail", args=[requests[other_household.pk].pk]
        ),
        "privacy_request_json": reverse("privacy_request_json", args=[own]),
        "privacy_request_pdf": reverse("privacy_request_pdf", args=[own]),
        "privacy_holds": reverse("privacy_holds"),
        "privacy_retention": reverse("privacy_retention"),
        "privacy_receipt": reverse("privacy_receipt", args=[receipts[CORPORATION]]),
        "privacy_receipt_other_org": reverse("privacy_receipt", args=[receipts[OTHER_CORPORATION]]),
        "privacy_mine": reverse("privacy_mine"),
    }
