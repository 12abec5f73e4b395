"""A resident's correction request is answered: corrected, withdrawn as incorrect, or refused,
always with a reason the resident reads on their page and in an e-mail in their own language;
the reporter's text never reaches the resident; bad answers write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from omkijken.signals import selectors, services
from omkijken.signals.models import CorrectionRequest, Signal, SignalKind
from omkijken.signals.scope import resident_home

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
REPORTER_TEXT = "Tuin vol afval, volgens de buren al weken"


def signal_about_bewoner(persona) -> Signal:  # type: ignore[no-untyped-def]
    home = resident_home(persona("bewoner"))
    assert home is not None
    return Signal.objects.create(
        complex=home.complex,
        unit=home.unit,
        household=home.person.household,
        kind=SignalKind.objects.get(code="home_neglect"),
        reporter=persona("beheerder"),
        reported_as=Signal.ReportedAs.BUILDING_MANAGER,
        description=REPORTER_TEXT,
        created_at=NOW,
        due_at=NOW + dt.timedelta(hours=5),
    )


@pytest.fixture
def asked(persona) -> CorrectionRequest:  # type: ignore[no-untyped-def]
    signal = signal_about_bewoner(persona)
    return services.correction_request(
        actor=persona("bewoner"), signal=signal, text="De tuin is al lang opgeruimd.", now=NOW
    )


def post_answer(client, correction: CorrectionRequest, **data: str):  # type: ignore[no-untyped-def]
    prefix = f"answer-{correction.pk}-"
    return client.post(
        f"/meldingen/{correction.signal_id}/correctie/{correction.pk}/",
        {prefix + key: value for key, value in data.items()},
        follow=True,
    )


def test_staff_correct_the_kind_and_the_resident_reads_the_answer_and_gets_an_email(
    asked, persona, login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    staff = login("beheerder")
    # the building manager sees the request with a form to answer it
    page = staff.get(f"/meldingen/{asked.signal_id}/").content.decode()
    assert "De tuin is al lang opgeruimd." in page and "Beantwoord het verzoek" in page
    # when he corrects the kind, with a reason
    with django_capture_on_commit_callbacks(execute=True):
        response = post_answer(
            staff,
            asked,
            outcome="corrected",
            reason="Het ging om geluidsoverlast, niet om de tuin.",
            kind="nuisance",
            description=REPORTER_TEXT,
        )
    assert response.status_code == 200
    asked.refresh_from_db()
    signal = Signal.objects.get(pk=asked.signal_id)
    # then the signal has the new kind, the request records who answered, when and what changed
    assert signal.kind_id == "nuisance" and signal.description == REPORTER_TEXT
    assert asked.outcome == CorrectionRequest.Outcome.CORRECTED
    assert asked.answered_by == persona("beheerder") and asked.answered_at is not None
    assert asked.previous_kind_id == "home_neglect" and not asked.description_corrected
    # and bewoner reads the answer and the reason on their page, never the reporter's text
    mine = login("bewoner").get("/meldingen/mijn/").content.decode()
    assert "We hebben het signaal gecorrigeerd." in mine
    assert "Het ging om geluidsoverlast, niet om de tuin." in mine
    assert REPORTER_TEXT not in mine
    # and gets one e-mail with the answer, in Dutch, without the reporter's text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Ons antwoord op uw verzoek om correctie"
    assert (
        "Het ging om geluidsoverlast" in message.body
        and "We hebben het signaal gecorrigeerd." in message.body
    )
    assert REPORTER_TEXT not in message.body


def test_the_email_is_in_the_residents_own_language(
    asked, persona, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    bewoner = persona("bewoner")
    bewoner.preferred_language = "en"
    bewoner.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_answer(
            actor=persona("beheerder"), correction=asked, outcome="refused", reason="Het klopt wel."
        )
    assert [m.subject for m in mail.outbox] == ["Our answer to your correction request"]
    assert "We have not changed the signal." in mail.outbox[0].body


def test_a_rewritten_description_stays_hidden_from_the_resident(asked, persona, login) -> None:  # type: ignore[no-untyped-def]
    services.correction_answer(
        actor=persona("beheerder"),
        correction=asked,
        outcome="corrected",
        reason="De beschrijving klopte niet meer.",
        description="Tuin was rommelig; inmiddels opgeruimd",
    )
    asked.refresh_from_db()
    assert asked.description_corrected and asked.previous_kind is None
    assert Signal.objects.get(pk=asked.signal_id).description == "Tuin was rommelig; inmiddels opgeruimd"
    mine = login("bewoner").get("/meldingen/mijn/").content.decode()
    assert "inmiddels opgeruimd" not in mine and "De beschrijving klopte niet meer." in mine


def test_a_withdrawn_signal_is_closed_and_no_longer_counted(asked, persona, login) -> None:  # type: ignore[no-untyped-def]
    beheerder = persona("beheerder")
    for _n in range(5):  # enough signals of the kind that the count is not suppressed after
        signal_about_bewoner(persona)
    # the corporation's own counts are exact (the municipality's are rounded to 5)
    before = selectors.municipal_counts(persona("projectleider"))
    services.correction_answer(
        actor=beheerder, correction=asked, outcome="withdrawn", reason="Het was een andere woning."
    )
    signal = Signal.objects.get(pk=asked.signal_id)
    # the signal is handled and marked as withdrawn, and leaves the worklist
    assert signal.status == Signal.Status.HANDLED and signal.withdrawn_at is not None
    assert signal.handled_by == beheerder
    assert signal not in selectors.open_signals_for(beheerder)
    # and the counts no longer include it
    after = selectors.municipal_counts(persona("projectleider"))
    column = [code for code, _ in after.kinds].index("home_neglect")

    def total(counts) -> int:  # type: ignore[no-untyped-def]
        return sum(row.cells[column].value or 0 for row in counts.rows)

    assert total(before) >= 6 and total(after) == total(before) - 1
    # and the staff page says so
    detail = login("beheerder").get(f"/meldingen/{signal.pk}/").content.decode()
    assert "ingetrokken als onjuist" in detail
    # and the resident reads that it was withdrawn
    mine = login("bewoner").get("/meldingen/mijn/").content.decode()
    assert "We hebben het ingetrokken" in mine


def test_a_refusal_changes_nothing_but_records_the_answer(asked, persona) -> None:  # type: ignore[no-untyped-def]
    services.correction_answer(
        actor=persona("beheerder"),
        correction=asked,
        outcome="refused",
        reason="Bij het bezoek van 2 december lag er nog afval.",
        kind=SignalKind.objects.get(code="nuisance"),
        description="iets anders",
    )
    signal = Signal.objects.get(pk=asked.signal_id)
    assert signal.kind_id == "home_neglect" and signal.description == REPORTER_TEXT
    assert signal.withdrawn_at is None
    asked.refresh_from_db()
    assert asked.outcome == "refused" and asked.answer_reason.startswith("Bij het bezoek")


def test_an_answer_without_a_reason_is_refused_in_dutch_and_writes_nothing(
    asked, login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_answer(
            login("beheerder"), asked, outcome="withdrawn", reason="   ", kind="home_neglect", description=""
        )
    assert "Schrijf de reden van je antwoord op; de bewoner leest die." in response.content.decode()
    asked.refresh_from_db()
    assert asked.is_open and asked.answered_at is None
    assert Signal.objects.get(pk=asked.signal_id).withdrawn_at is None
    assert mail.outbox == []


def test_a_correction_that_changes_nothing_is_refused_and_writes_nothing(asked, persona, login) -> None:  # type: ignore[no-untyped-def]
    response = post_answer(
        login("beheerder"),
        asked,
        outcome="corrected",
        reason="Verbeterd.",
        kind="home_neglect",
        description=REPORTER_TEXT,
    )
    assert "Verander de soort of de beschrijving, of kies een ander antwoord." in response.content.decode()
    asked.refresh_from_db()
    assert asked.is_open


def test_a_request_is_answered_once(asked, persona, login) -> None:  # type: ignore[no-untyped-def]
    beheerder = persona("beheerder")
    services.correction_answer(actor=beheerder, correction=asked, outcome="refused", reason="Klopt wel.")
    # a second answer, by service or by the page, is refused and changes nothing
    with pytest.raises(ValidationError):
        services.correction_answer(
            actor=beheerder, correction=asked, outcome="withdrawn", reason="Toch niet."
        )
    response = post_answer(login("beheerder"), asked, outcome="withdrawn", reason="Toch niet.")
    assert "Dit verzoek om correctie is al beantwoord." in response.content.decode()
    asked.refresh_from_db()
    assert asked.outcome == "refused" and asked.answer_reason == "Klopt wel."
    assert Signal.objects.get(pk=asked.signal_id).withdrawn_at is None


def test_after_an_answer_the_resident_may_ask_again_but_not_twice_while_open(asked, persona, login) -> None:  # type: ignore[no-untyped-def]
    bewoner = persona("bewoner")
    signal = asked.signal
    with pytest.raises(ValidationError):
        services.correction_request(actor=bewoner, signal=signal, text="Nog een keer")
    assert (
        f'action="/meldingen/mijn/{signal.pk}/correctie/"'
        not in login("bewoner").get("/meldingen/mijn/").content.decode()
    )
    services.correction_answer(
        actor=persona("beheerder"), correction=asked, outcome="refused", reason="Klopt."
    )
    services.correction_request(actor=bewoner, signal=signal, text="Ik heb nu een foto van de tuin.")
    assert signal.corrections.count() == 2


def test_who_may_answer(asked, persona, login) -> None:  # type: ignore[no-untyped-def]
    from omkijken.demo.personas import OTHER_CORPORATION
    from omkijken.portfolio.models import Unit

    # the resident and the care partner may not answer (403)
    assert post_answer(login("bewoner"), asked, outcome="refused", reason="x").status_code == 403
    assert post_answer(login("zorgpartner"), asked, outcome="refused", reason="x").status_code == 403
    with pytest.raises(PermissionDenied):
        services.correction_answer(actor=persona("bewoner"), correction=asked, outcome="refused", reason="x")
    # staff of the corporation who handle signals may (the project leader too)
    services.correction_answer(
        actor=persona("projectleider"), correction=asked, outcome="refused", reason="x"
    )
    # another corporation's signal answers 404 and writes nothing
    unit = Unit.objects.filter(complex__corporation__name=OTHER_CORPORATION).first()
    assert unit is not None
    other = Signal.objects.create(
        complex=unit.complex,
        unit=unit,
        kind=SignalKind.objects.get(code="damage"),
        reported_as=Signal.ReportedAs.BUILDING_MANAGER,
        created_at=NOW,
        due_at=NOW + dt.timedelta(hours=1),
    )
    foreign = CorrectionRequest.objects.create(
        signal=other, person=asked.person, text="Niet waar", created_at=NOW
    )
    response = login("beheerder").post(
        f"/meldingen/{other.pk}/correctie/{foreign.pk}/",
        {f"answer-{foreign.pk}-outcome": "withdrawn", f"answer-{foreign.pk}-reason": "x"},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.correction_answer(
            actor=persona("beheerder"), correction=foreign, outcome="withdrawn", reason="x"
        )
    # and a request of one signal cannot be answered under another signal's address
    assert (
        login("beheerder").post(f"/meldingen/{asked.signal_id}/correctie/{foreign.pk}/", {}).status_code
        == 404
    )
    foreign.refresh_from_db()
    other.refresh_from_db()
    assert foreign.is_open and other.withdrawn_at is None
