"""Every page × every role: who may open what, and another organisation's records answer 404."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.pages import EXPECTED, PERSONAS, demo_pages

pytestmark = pytest.mark.django_db


def test_the_expectation_table_covers_every_page_of_the_interface() -> None:
    # given the pages the test knows, and every named URL of the interface's apps
    from omkijken.accounts import twofactor_urls
    from omkijken.accounts import urls as accounts_urls
    from omkijken.beheer import urls as beheer_urls
    from omkijken.monitoring import urls as monitoring_urls
    from omkijken.portfolio import urls as portfolio_urls
    from omkijken.privacy import urls as privacy_urls
    from omkijken.projects import urls as projects_urls
    from omkijken.projects.announcements import urls as announcements_urls
    from omkijken.projects.lessons import urls as lessons_urls
    from omkijken.projects.locationplan import urls as locationplan_urls
    from omkijken.projectwork import urls as projectwork_urls
    from omkijken.quotas import urls as quotas_urls
    from omkijken.reports import urls as reports_urls
    from omkijken.residents import urls as residents_urls
    from omkijken.signals import urls as signals_urls
    from omkijken.web import urls as web_urls

    modules = [
        web_urls,
        portfolio_urls,
        projects_urls,
        residents_urls,
        quotas_urls,
        accounts_urls,
        twofactor_urls,
    ]
    modules += [
        locationplan_urls,
        lessons_urls,
        announcements_urls,
        projectwork_urls,
        beheer_urls,
        signals_urls,
        monitoring_urls,
        reports_urls,
        privacy_urls,
    ]
    named = {p.name for urls in modules for p in urls.urlpatterns if getattr(p, "name", None)}
    posted_only = {
        "project_phase",
        "project_mix",
        "household_status",
        "logout",
        "login",
        "project_member_add",
        "project_member_remove",
        "project_agreement_add",
        "project_agreement_end",
        "project_section_cap",
        "project_milestone_add",
        "project_task_add",
        "project_task_status",
        "project_template_add",
        "project_template_delete",
        "project_talk_add",
        "project_talk_note",
        "project_talk_stage",
        "location_plan_action_add",
        "location_plan_meeting_add",
        "location_plan_partner_add",
        "announcement_cancel",
        "project_calendar_renew",
        "project_calendar_feed",  # behind a secret token, no login: tests/projects/test_project_calendar.py
    }
    posted_only |= {"signal_correction", "signal_triage", "signal_route", "signal_handle"}
    posted_only |= {
        "account_recovery_codes",
        "account_second_factor_off",
    }  # tests/accounts/test_second_factor.py
    posted_only |= {"signal_correction_answer"}  # tests/signals/test_correction_answer.py
    posted_only |= {"quota_acknowledge"}  # tests/quotas/test_quota_pages.py
    posted_only |= {"invitation_revoke"}  # tests/accounts/test_account_management.py
    # Pages without a login (the link or the address is the key): tests/accounts/
    posted_only |= {
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "invitation_accept",
    }
    # tests/privacy/test_requests.py
    posted_only |= {
        "privacy_request_complete",
        "privacy_request_refuse",
        "privacy_request_erase",
        "privacy_hold_lift",
    }
    page_names = {
        "home": "home",
        "complex_list": "complex_list",
        "complex_detail": "complex_managed",
        "project_list": "project_list",
        "project_detail": "project_with_partner",
        "project_portfolio": "project_portfolio",
        "project_new": "project_new",
        "project_setup": "project_setup",
        "project_tasks": "project_tasks",
        "project_templates": "project_templates",
        "project_partners": "project_partners",
        "project_talk": "project_talk",
        "project_decisions": "project_decisions",
        "project_documents": "project_documents",
        "project_document": "project_document",
        "household_list": "household_list",
        "household_detail": "household_of_buur",
        "client_list": "client_list",
        "municipal_report": "report",
        "reports": "reports",
        "quota_overview": "quota_overview",
        "quota_edit": "quota_edit",
        "quota_import": "quota_import",
        "quota_forecast": "quota_forecast",
        "access_log": "access_log",
        "location_plan_list": "location_plan_list",
        "location_plan_new": "location_plan_new",
        "location_plan_detail": "location_plan_vliethof",
        "location_plan_action": "location_plan_action",
        "project_evaluations": "project_evaluations",
        "evaluation_detail": "evaluation_detail",
        "evaluation_pdf": "evaluation_pdf",
        "lesson_search": "lesson_search",
        "project_announcements": "project_announcements",
        "announcement_detail": "announcement_detail",
        "announcement_letters": "announcement_letters",
        "my_announcements": "my_announcements",
        "project_calendar_page": "project_calendar_page",
        "signal_list": "signal_list",
        "signal_new": "signal_new",
        "signal_mine": "signal_mine",
        "signal_kinds": "signal_kinds",
        "signal_counts": "signal_counts",
        "signal_arrears_import": "signal_arrears_import",
        "signal_detail": "signal_managed",
        "residents_sharing": "residents_sharing",
        "beheer_today": "beheer_today",
        "beheer_residents": "beheer_residents_managed",
        "beheer_contact_moments": "beheer_contact_of_buur",
        "beheer_key_handover": "beheer_key_handover_managed",
        "monitoring_indicators": "monitoring_indicators",
        "monitoring_liveability": "monitoring_liveability",
        "monitoring_nieuwe_buren": "monitoring_nieuwe_buren",
        "monitoring_leefbaarometer": "monitoring_leefbaarometer",
        "monitoring_survey_round_new": "monitoring_survey_round_new",
        "monitoring_surveys": "monitoring_surveys",
        "monitoring_survey_answer": "monitoring_survey_vliethof",
        "account_home": "account_home",
        "password_change": "password_change",
        "password_change_done": "password_change_done",
        "account_list": "account_list",
        "account_invite": "account_invite",
        "account_detail": "account_of_verhuur",
        "privacy_requests": "privacy_requests",
        "privacy_request_detail": "privacy_request_detail",
        "privacy_request_json": "privacy_request_json",
        "privacy_request_pdf": "privacy_request_pdf",
        "privacy_holds": "privacy_holds",
        "privacy_retention": "privacy_retention",
        "privacy_receipt": "privacy_receipt",
        "privacy_mine": "privacy_mine",
        "two_factor_verify": "two_factor_verify",
        "two_factor_enrol": "two_factor_enrol",
        "two_factor_codes": "two_factor_codes",
        "reauthenticate": "reauthenticate",
        "account_security": "account_security",
    }
    # then every GET page has a row in the table
    assert named - posted_only == set(page_names)
    assert set(page_names.values()) <= set(EXPECTED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_answer_on_every_page(persona: str, login) -> None:  # type: ignore[no-untyped-def]
    # given the demo world and a persona
    pages = demo_pages()
    client: Client = login(persona)
    # when the persona opens every page
    answers = {name: client.get(url).status_code for name, url in pages.items()}
    # then each answer is the one in the table
    expected = {name: EXPECTED[name][persona] for name in pages}
    assert answers == expected


def test_an_anonymous_visitor_is_sent_to_the_login_page_from_every_page(client: Client) -> None:
    # given no login
    pages = demo_pages()
    # when an anonymous visitor opens each page
    for name, url in pages.items():
        response = client.get(url)
        # then they are redirected to log in
        assert response.status_code == 302, name
        assert "inloggen" in response["Location"] or "login" in response["Location"], name
