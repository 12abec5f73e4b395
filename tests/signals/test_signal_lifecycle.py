"""A signal from report to handled: who may report about which home, triage, routing only on a
recorded basis, what the reporter sees, and the access events of reading a care-partner route."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omkijken.accounts.models import AccessEvent
from omkijken.portfolio.models import Unit
from omkijken.signals import selectors, services
from omkijken.signals.models import Route, Signal, SignalKind

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


def report_not_seen(persona, unit: Unit) -> Signal:  # type: ignore[no-untyped-def]
    return services.signal_report(
        actor=persona("buur"),
        kind=SignalKind.objects.get(code="not_seen"),
        unit=unit,
        description="Mevrouw is al dagen niet buiten geweest.",
        now=NOW,
    )


def test_a_good_neighbour_reports_a_home_in_her_building_and_sees_only_received(persona, client_home) -> None:  # type: ignore[no-untyped-def]
    # when buur reports that the neighbour has not been seen for days
    signal = report_not_seen(persona, client_home.unit)
    # then it is about that household, due within the kind's response time
    assert signal.household == client_home.household
    assert signal.due_at == NOW + dt.timedelta(hours=24)
    assert signal.status == Signal.Status.RECEIVED
    # and buur's own list has it, with the status
    assert list(selectors.own_reports(persona("buur"))) == [signal]


def test_a_signal_about_a_home_outside_the_reporters_building_is_refused_and_nothing_is_written(
    persona,
) -> None:  # type: ignore[no-untyped-def]
    # given a home in De Brug, where buur does not live
    elsewhere = Unit.objects.filter(complex__name="De Brug").first()
    before = Signal.objects.count()
    # when buur reports about it
    with pytest.raises(ValidationError) as caught:
        report_not_seen(persona, elsewhere)
    # then a clear message, and no signal
    assert "unit" in caught.value.error_dict
    assert Signal.objects.count() == before


def test_routing_to_the_care_partner_without_consent_is_refused(persona, client_home) -> None:  # type: ignore[no-untyped-def]
    signal = report_not_seen(persona, client_home.unit)
    events = AccessEvent.objects.count()
    # when the building manager sends it on without recording consent
    with pytest.raises(ValidationError) as caught:
        services.signal_route(actor=persona("beheerder"), signal=signal, target=Route.Target.CARE_PARTNER)
    # then nothing is routed and nothing is read
    assert "consent_reference" in caught.value.error_dict
    assert not Route.objects.filter(signal=signal).exists()
    assert AccessEvent.objects.count() == events


def test_routing_to_the_buurtteam_without_consent_is_refused(persona, client_home) -> None:  # type: ignore[no-untyped-def]
    signal = report_not_seen(persona, client_home.unit)
    with pytest.raises(ValidationError):
        services.signal_route(actor=persona("beheerder"), signal=signal, target=Route.Target.BUURTTEAM)
    assert not Route.objects.filter(signal=signal).exists()


def test_with_consent_recorded_the_care_partner_gets_it_and_each_read_is_an_access_event(
    persona, client_home
) -> None:  # type: ignore[no-untyped-def]
    signal = report_not_seen(persona, client_home.unit)
    manager, partner = persona("beheerder"), persona("zorgpartner")
    assert not selectors.signals_for(partner).filter(pk=signal.pk).exists()
    events = AccessEvent.objects.filter(household=client_home.household, record="signal_care_route")
    # when the manager routes it with the consent recorded
    route = services.signal_route(
        actor=manager,
        signal=signal,
        target=Route.Target.CARE_PARTNER,
        consent_reference="Mondeling akkoord bij huisbezoek 3 december",
    )
    # then the basis is on the routing, and routing wrote one access event
    assert (route.basis, route.organisation.name) == (Route.Basis.CONSENT, "Stichting Tussenstap")
    assert events.count() == 1
    # and every read of the routing is one more access event, by whoever read it
    selectors.routes_of(manager, signal, view="test")
    routed = selectors.signals_for(partner).get(pk=signal.pk)
    selectors.routes_of(partner, routed, view="test")
    selectors.routed_signals_page(partner, [routed], view="test")
    assert events.count() == 4
    assert events.filter(actor=partner).count() == 2


def test_the_care_partner_marks_it_handled_and_the_reporter_sees_handled_and_nothing_else(
    persona, client_home, login
) -> None:  # type: ignore[no-untyped-def]
    signal = report_not_seen(persona, client_home.unit)
    services.signal_route(
        actor=persona("beheerder"), signal=signal, target="care_partner", consent_reference="akkoord 3-12"
    )
    services.signal_handle(actor=persona("zorgpartner"), signal=signal)
    signal.refresh_from_db()
    assert signal.status == Signal.Status.HANDLED
    # when buur opens her signals
    page = login("buur").get("/meldingen/mijn/").content.decode()
    # then she sees "afgehandeld", not the care partner, the routing or the description
    assert "Afgehandeld" in page
    assert "Tussenstap" not in page and "Doorgestuurd" not in page and "dagen niet buiten" not in page


def test_a_care_partner_cannot_handle_a_signal_not_routed_to_it(persona, client_home) -> None:  # type: ignore[no-untyped-def]
    signal = report_not_seen(persona, client_home.unit)
    with pytest.raises(PermissionDenied):
        services.signal_handle(actor=persona("zorgpartner"), signal=signal)


def test_a_covenant_with_the_care_partner_for_the_building_is_a_basis_too(persona) -> None:  # type: ignore[no-untyped-def]
    from omkijken.projects.models import CarePartnerAgreement
    from tests.signals.conftest import client_home_in

    # given a client in a building with a covenant (care-partner agreement) with the partner
    agreement = CarePartnerAgreement.objects.filter(care_partner__name="Stichting Tussenstap").first()
    home = client_home_in(agreement.complex.name)
    manager = persona("beheerder")
    signal = Signal.objects.create(
        complex=agreement.complex,
        unit=home.unit,
        household=home.household,
        kind=SignalKind.objects.get(code="loneliness"),
        reported_as=Signal.ReportedAs.BUILDING_MANAGER,
        created_at=NOW,
        due_at=NOW + dt.timedelta(hours=1),
    )
    if not selectors.signals_for(manager).filter(pk=signal.pk).exists():
        manager = persona("projectleider")
    route = services.signal_route(actor=manager, signal=signal, target="care_partner", use_covenant=True)
    assert route.basis == Route.Basis.COVENANT and route.agreement == agreement


def test_a_resident_sees_signals_about_themselves_without_the_reporter_and_can_ask_for_correction(
    persona, person_of, login
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.signals.scope import resident_home

    # given a signal the building manager reported about bewoner's home
    bewoner = persona("bewoner")
    home = resident_home(bewoner)
    signal = Signal.objects.create(
        complex=home.complex,
        unit=home.unit,
        household=home.person.household,
        kind=SignalKind.objects.get(code="home_neglect"),
        reporter=persona("beheerder"),
        reported_as=Signal.ReportedAs.BUILDING_MANAGER,
        description="Tuin vol afval",
        created_at=NOW,
        due_at=NOW + dt.timedelta(hours=5),
    )
    # when bewoner opens their signals
    page = login("bewoner").get("/meldingen/mijn/").content.decode()
    # then the kind shows, not who reported it nor what they wrote
    assert "Verwaarlozing van de woning" in page
    assert "Ouali" not in page and "Tuin vol afval" not in page
    # and a correction request is recorded; an empty one is refused
    with pytest.raises(ValidationError):
        services.correction_request(actor=bewoner, signal=signal, text="  ")
    services.correction_request(actor=bewoner, signal=signal, text="De tuin is opgeruimd.")
    assert signal.corrections.count() == 1
    # and someone else cannot ask for a correction of it
    with pytest.raises(PermissionDenied):
        services.correction_request(actor=persona("buur"), signal=signal, text="Niet waar")


def test_the_reporter_form_tells_to_call_112_first(login) -> None:  # type: ignore[no-untyped-def]
    page = login("buur").get("/meldingen/nieuw/").content.decode()
    assert "112" in page
