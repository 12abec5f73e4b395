"""Rent arrears from the ERP become signals routed to the municipality's debt help on the legal
duty (all or nothing, a message per bad line); the municipality sees counts per kind per
neighbourhood, with counts under 5 suppressed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from omkijken.demo.personas import CORPORATION
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Lease
from omkijken.signals import arrears, selectors
from omkijken.signals.models import Route, Signal, SignalKind

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


def references(n: int) -> list[str]:
    leases = Lease.objects.filter(
        end_date__isnull=True, household__corporation__name=CORPORATION, start_date__lte=NOW.date()
    ).select_related("household")
    return [lease.household.reference for lease in leases.order_by("pk")[:n]]


def test_arrears_past_the_threshold_go_to_debt_help_on_the_legal_duty(persona) -> None:  # type: ignore[no-untyped-def]
    first, second = references(2)
    content = f"huishouden;achterstand;maanden\n{first};1.234,50;2\n{second};300;0,5\n".encode()
    receipt = arrears.arrears_import(actor=persona("verhuur"), content=content, now=NOW)
    # then one signal (the second household is below one month), routed on the legal basis
    assert (receipt.signalled, receipt.below_threshold) == (1, 1)
    signal = Signal.objects.get(kind="rent_arrears", household__reference=first)
    route = signal.routes.get()
    assert route.target == Route.Target.DEBT_HELP and route.basis == Route.Basis.LEGAL_DUTY
    assert "schuldhulpverlening" in route.basis_reference
    assert route.organisation.kind == "municipality"
    # and importing the same file again this month signals nobody twice
    again = arrears.arrears_import(actor=persona("verhuur"), content=content, now=NOW)
    assert (again.signalled, again.already_signalled) == (0, 1)


def test_one_bad_line_and_nothing_is_imported_with_a_message_per_line(persona) -> None:  # type: ignore[no-untyped-def]
    (good,) = references(1)
    content = f"huishouden;achterstand;maanden\n{good};500;3\nONBEKEND;200;2\n{good};-4;x\n".encode()
    before = Signal.objects.count()
    with pytest.raises(ValidationError) as caught:
        arrears.arrears_import(actor=persona("verhuur"), content=content, now=NOW)
    messages = caught.value.messages
    assert any("Line 3" in m or "Regel 3" in m for m in messages)
    assert sum(("4" in m) for m in messages) >= 2
    assert Signal.objects.count() == before


def test_a_file_without_the_columns_is_refused(persona) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        arrears.arrears_import(actor=persona("verhuur"), content=b"a;b\n1;2\n", now=NOW)


def test_the_import_page_shows_the_line_messages_in_dutch(login) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("achterstand.csv", b"huishouden;achterstand;maanden\nONBEKEND;200;2\n")
    page = login("verhuur").post("/meldingen/huurachterstand/", {"file": upload}).content.decode()
    assert "Regel 2: er is geen huishouden met referentie ONBEKEND." in page


def test_the_municipality_sees_counts_per_kind_per_neighbourhood_with_small_counts_suppressed(
    persona,
) -> None:  # type: ignore[no-untyped-def]
    # given 5 nuisance signals and 2 loneliness signals in Vliethof
    unit = Unit.objects.filter(complex__name="Vliethof").first()
    for code, n in (("nuisance", 5), ("loneliness", 2)):
        for _ in range(n):
            Signal.objects.create(
                complex=unit.complex,
                unit=unit,
                kind=SignalKind.objects.get(code=code),
                reported_as=Signal.ReportedAs.BUILDING_MANAGER,
                created_at=NOW,
                due_at=NOW + dt.timedelta(hours=1),
            )
    counts = selectors.municipal_counts(persona("gemeente"), since=NOW.date())
    row = next(r for r in counts.rows if r.neighbourhood.pk == unit.complex.neighbourhood_id)
    by_kind = dict(zip([code for code, _label in counts.kinds], row.cells, strict=True))
    # then five shows, two is suppressed
    assert by_kind["nuisance"].value == 5
    assert by_kind["loneliness"].suppressed
