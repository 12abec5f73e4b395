"""A signal about a vulnerable resident tells the reporter, other residents and the municipality
nothing about the target group or the care partner: a marker planted in every care-partner routing
and in the signal's own text never shows on a page they can reach."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from omkijken.signals import services
from omkijken.signals.models import Route, Signal, SignalKind
from tests.web.test_special_category_privacy import crawl

pytestmark = pytest.mark.django_db

MARKER = "MARKER-51GN-CARE-ROUTE"


@pytest.mark.parametrize("persona", ["buur", "bewoner", "gemeente", "zoeker"])
def test_no_page_shows_a_care_partner_routing_to_residents_or_the_municipality(
    persona: str, login, client_home
) -> None:  # type: ignore[no-untyped-def]
    # given buur's report about a client, routed to the care partner with a marked consent reference
    from tests.factories import persona_user

    signal = services.signal_report(
        actor=persona_user("buur"), kind=SignalKind.objects.get(code="not_seen"), unit=client_home.unit
    )
    services.signal_route(
        actor=persona_user("beheerder"), signal=signal, target="care_partner", consent_reference=MARKER
    )
    Signal.objects.filter(pk=signal.pk).update(description=MARKER)
    Route.objects.filter(target="care_partner").update(basis_reference=MARKER)
    assert timezone.now() - signal.created_at < dt.timedelta(minutes=5)
    # when the persona follows every link, and guesses the signal's own page
    client = login(persona)
    pages = crawl(client, [reverse("home"), reverse("signal_detail", args=[signal.pk])])
    # then the marker never shows, nor the care partner's name on a signals page (the resident's
    # own sharing page lists every care partner to choose from)
    leaks = [
        url
        for url, body in pages.items()
        if MARKER in body or (url.startswith("/meldingen/") and "Tussenstap" in body)
    ]
    assert leaks == []
