"""Every page × every role: who may open what, and another organisation's records answer 404."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.pages import EXPECTED, PERSONAS, demo_pages

pytestmark = pytest.mark.django_db


def test_the_expectation_table_covers_every_page_of_the_interface() -> None:
    # given the pages the test knows, and every named URL of the interface's apps
    from omkijken.accounts import urls as accounts_urls
    from omkijken.beheer import urls as beheer_urls
    from omkijken.portfolio import urls as portfolio_urls
    from omkijken.projects import urls as projects_urls
    from omkijken.quotas import urls as quotas_urls
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
        signals_urls,
        beheer_urls,
    ]
    named = {p.name for urls in modules for p in urls.urlpatterns if p.name}
    posted_only = {"project_phase", "project_mix", "household_status", "logout", "login"}
    posted_only |= {"signal_correction", "signal_triage", "signal_route", "signal_handle"}
    page_names = {
        "home": "home",
        "complex_list": "complex_list",
        "complex_detail": "complex_managed",
        "project_list": "project_list",
        "project_detail": "project_with_partner",
        "household_list": "household_list",
        "household_detail": "household_of_buur",
        "client_list": "client_list",
        "municipal_report": "report",
        "access_log": "access_log",
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
