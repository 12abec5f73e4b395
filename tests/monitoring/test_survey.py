"""A resident answers the survey of their own building once, anonymously; bad answers are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omkijken.monitoring.models import SurveyParticipation, SurveyResponse, SurveyRound
from omkijken.portfolio.models import Complex

pytestmark = pytest.mark.django_db
GOOD = {
    "emptiness": "0",
    "miss_people": "1",
    "rejected": "0",
    "rely_on": "2",
    "trust": "2",
    "close_to": "1",
    "neighbours_by_name": "3",
    "could_ask_help": "2",
    "contact_frequency": "2",
}


@pytest.fixture
def vliethof_round() -> SurveyRound:
    today = timezone.localdate()
    return SurveyRound.objects.create(
        complex=Complex.objects.get(name="Vliethof"),
        title="Bewonersenquête proef",
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=5),
    )


def test_a_resident_answers_and_the_answer_holds_no_link_to_them(login, person_of, vliethof_round) -> None:  # type: ignore[no-untyped-def]
    # given buur, who lives in Vliethof
    client = login("buur")
    # when buur sends the survey
    response = client.post(f"/monitoring/enquete/{vliethof_round.pk}/", GOOD)
    # then one response is stored, and apart from it only that buur took part
    assert response.status_code == 302
    [answer] = SurveyResponse.objects.filter(round=vliethof_round)
    assert (answer.miss_people, answer.close_to, answer.neighbours_by_name) == (1, 1, 3)
    assert SurveyParticipation.objects.filter(round=vliethof_round, person=person_of("buur")).count() == 1
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert not fields & {"person", "household", "created_at", "user"}


def test_a_second_answer_to_the_same_round_is_refused(login, vliethof_round) -> None:  # type: ignore[no-untyped-def]
    client = login("buur")
    client.post(f"/monitoring/enquete/{vliethof_round.pk}/", GOOD)
    # when buur tries again
    again = client.post(f"/monitoring/enquete/{vliethof_round.pk}/", GOOD, follow=True)
    # then nothing more is stored and buur is told why
    assert SurveyResponse.objects.filter(round=vliethof_round).count() == 1
    assert "al ingevuld" in again.content.decode()


def test_an_answer_out_of_range_is_refused_in_dutch_and_nothing_is_written(login, vliethof_round) -> None:  # type: ignore[no-untyped-def]
    client = login("buur")
    # when one answer is 7 (the scale runs 0 to 2)
    response = client.post(f"/monitoring/enquete/{vliethof_round.pk}/", {**GOOD, "trust": "7"})
    # then the page says so in Dutch, with 400, and nothing is stored
    assert response.status_code == 400
    assert "Dit antwoord staat niet tussen de keuzes" in response.content.decode()
    assert not SurveyResponse.objects.filter(round=vliethof_round).exists()
    assert not SurveyParticipation.objects.filter(round=vliethof_round).exists()


def test_a_resident_of_another_building_cannot_open_the_round(login, vliethof_round) -> None:  # type: ignore[no-untyped-def]
    # bewoner lives in De Brug
    assert login("bewoner").get(f"/monitoring/enquete/{vliethof_round.pk}/").status_code == 404


def test_results_appear_for_staff_only_from_five_respondents(persona, vliethof_round) -> None:  # type: ignore[no-untyped-def]
    from omkijken.monitoring.selectors import liveability

    values = {k: int(v) for k, v in GOOD.items()}
    SurveyResponse.objects.bulk_create([SurveyResponse(round=vliethof_round, **values) for _ in range(4)])
    year = timezone.localdate().year

    def shown() -> bool:
        data = liveability(persona("projectleider"), year=year)
        assert data is not None
        [row] = [r for r in data.rounds if r.round.pk == vliethof_round.pk]
        return row.result.shown

    assert not shown()
    SurveyResponse.objects.create(round=vliethof_round, **values)
    assert shown()


def test_a_building_manager_opens_a_round_for_a_complex_he_manages_only(login) -> None:  # type: ignore[no-untyped-def]
    # given the building manager, who manages Vliethof
    client = login("beheerder")
    vliethof = Complex.objects.get(name="Vliethof")
    other = (
        Complex.objects.exclude(managers__username="beheerder")
        .filter(corporation=vliethof.corporation)
        .first()
    )
    assert other is not None
    form = {"title": "Enquête najaar", "opens_on": "2026-12-01", "closes_on": "2026-12-31"}
    # when he opens a round for Vliethof, and tries one for a complex he does not manage
    ok = client.post("/monitoring/enquetes/nieuw/", {**form, "complex": vliethof.pk})
    refused = client.post(
        "/monitoring/enquetes/nieuw/", {**form, "complex": other.pk, "title": "Niet van mij"}
    )
    # then the first is created, the second refused with 400 and nothing written
    assert ok.status_code == 302
    assert SurveyRound.objects.filter(complex=vliethof, title="Enquête najaar").exists()
    assert refused.status_code == 400
    assert not SurveyRound.objects.filter(title="Niet van mij").exists()


def test_a_round_closing_before_it_opens_is_refused_in_dutch(login) -> None:  # type: ignore[no-untyped-def]
    vliethof = Complex.objects.get(name="Vliethof")
    response = login("projectleider").post(
        "/monitoring/enquetes/nieuw/",
        {"complex": vliethof.pk, "title": "Verkeerd om", "opens_on": "2026-12-31", "closes_on": "2026-12-01"},
    )
    assert response.status_code == 400
    assert "De sluitingsdatum ligt vóór de openingsdatum" in response.content.decode()
    assert not SurveyRound.objects.filter(title="Verkeerd om").exists()


def test_the_database_refuses_an_answer_out_of_range_even_past_the_service(vliethof_round) -> None:  # type: ignore[no-untyped-def]
    from django.db import IntegrityError, transaction

    values = {k: int(v) for k, v in GOOD.items()} | {"rejected": 3}
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(round=vliethof_round, **values)
    assert not SurveyResponse.objects.filter(round=vliethof_round).exists()
