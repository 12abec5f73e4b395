"""The partner pipeline: talks with care partners, their notes, and the agreement they lead to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CARE_PARTNER, OTHER_CARE_PARTNERS
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.projects.partners.models import PartnerTalk, PartnerTalkNote, Stage

pytestmark = pytest.mark.django_db

CARE_WORD = "schizofrenie-diagnose-Jansen"


def dreefhoven() -> Project:
    return Project.objects.get(name="Goede Buren Dreefhoven")


def test_dreefhoven_is_in_talks_with_two_care_partners_at_different_stages() -> None:
    talks = PartnerTalk.objects.filter(project=dreefhoven())
    assert {t.stage for t in talks} == {Stage.EXPLORATION, Stage.ARRANGEMENTS}
    assert all(t.notes.exists() for t in talks)


def test_the_leader_records_talks_and_a_note_and_the_page_shows_them(login) -> None:  # type: ignore[no-untyped-def]
    # given the project leader and a care partner not yet in talks about Dreefhoven
    client = login("projectleider")
    project = dreefhoven()
    partner = Organisation.objects.get(name=OTHER_CARE_PARTNERS[0])
    # when she records the talks and a note of the first one
    response = client.post(
        reverse("project_talk_add", args=[project.pk]),
        {
            "care_partner": partner.pk,
            "complex": project.complexes.get().pk,
            "target_groups": ["DAK", "GGZ"],
            "clients_proposed": 6,
            "support_offered": "Begeleiding op afspraak",
            "room": "Ruimte 0.02",
            "contact_name": "Saskia Brouwer",
            "contact_phone": "06-1",
        },
    )
    talk = PartnerTalk.objects.get(project=project, care_partner=partner)
    assert response.status_code == 302
    client.post(
        reverse("project_talk_note", args=[talk.pk]),
        {"held_on": timezone.localdate().isoformat(), "text": "Kennismaking over de ruimte in de flat."},
    )
    # then the talk's page shows its figures and the note
    page = client.get(reverse("project_talk", args=[talk.pk])).content.decode()
    assert "Kennismaking over de ruimte in de flat." in page
    assert "Ruimte 0.02" in page
    assert talk.stage == Stage.EXPLORATION


def test_the_note_form_says_it_is_never_about_clients(login) -> None:  # type: ignore[no-untyped-def]
    talk = PartnerTalk.objects.filter(project=dreefhoven()).first()
    assert talk is not None
    page = login("projectleider").get(reverse("project_talk", args=[talk.pk])).content.decode()
    assert "nooit over cliënten" in page


def test_a_planted_care_word_finds_no_client_field_to_land_in(login) -> None:  # type: ignore[no-untyped-def]
    # given a talk, and a note posted with the fields a client record would have
    talk = PartnerTalk.objects.filter(project=dreefhoven()).first()
    assert talk is not None
    client = login("projectleider")
    client.post(
        reverse("project_talk_note", args=[talk.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "text": "Afspraken over bereikbaarheid.",
            "client": CARE_WORD,
            "diagnosis": CARE_WORD,
            "household": CARE_WORD,
            "person": CARE_WORD,
        },
    )
    # then the note was saved, and the care word is stored nowhere in the pipeline's rows
    assert PartnerTalkNote.objects.filter(talk=talk, text="Afspraken over bereikbaarheid.").exists()
    for model in (PartnerTalk, PartnerTalkNote):
        for row in model.objects.values():
            assert CARE_WORD not in str(row)
        # and no field of the pipeline points at a household, a person or a target-group status
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        residents = set(apps.get_app_config("residents").get_models())
        assert not related & residents


def test_a_note_of_a_talk_not_yet_held_is_refused_in_dutch(login) -> None:  # type: ignore[no-untyped-def]
    talk = PartnerTalk.objects.filter(project=dreefhoven()).first()
    assert talk is not None
    before = talk.notes.count()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = login("projectleider").post(
        reverse("project_talk_note", args=[talk.pk]),
        {"held_on": tomorrow.isoformat(), "text": "x"},
        follow=True,
    )
    assert "nog niet gevoerd" in response.content.decode()
    assert talk.notes.count() == before


def test_reaching_overeenkomst_creates_the_care_partner_agreement(login) -> None:  # type: ignore[no-untyped-def]
    # given the talks with Tussenstap about Dreefhoven, at afspraken
    talk = PartnerTalk.objects.get(project=dreefhoven(), care_partner__name=CARE_PARTNER)
    assert talk.stage == Stage.ARRANGEMENTS and talk.agreement is None
    start = timezone.localdate() + dt.timedelta(days=30)
    # when the leader moves them to overeenkomst
    response = login("projectleider").post(
        reverse("project_talk_stage", args=[talk.pk]),
        {"stage": Stage.AGREEMENT, "start_date": start.isoformat()},
        follow=True,
    )
    # then the agreement the rest of the product uses exists, with the talk's figures
    talk.refresh_from_db()
    agreement = CarePartnerAgreement.objects.get(project=talk.project, care_partner=talk.care_partner)
    assert talk.agreement == agreement and talk.stage == Stage.AGREEMENT
    assert (agreement.capacity, agreement.room, agreement.start_date) == (8, talk.room, start)
    assert "overeenkomst" in response.content.decode().lower()


def test_talks_do_not_move_back_and_ending_them_ends_the_agreement(login) -> None:  # type: ignore[no-untyped-def]
    talk = PartnerTalk.objects.get(project=dreefhoven(), care_partner__name=CARE_PARTNER)
    client = login("projectleider")
    client.post(reverse("project_talk_stage", args=[talk.pk]), {"stage": Stage.AGREEMENT})
    # when the leader tries to move them back
    response = client.post(
        reverse("project_talk_stage", args=[talk.pk]), {"stage": Stage.EXPLORATION}, follow=True
    )
    talk.refresh_from_db()
    assert talk.stage == Stage.AGREEMENT
    assert "alleen vooruit" in response.content.decode()
    # when she ends them
    client.post(reverse("project_talk_stage", args=[talk.pk]), {"stage": Stage.ENDED})
    talk.refresh_from_db()
    assert talk.stage == Stage.ENDED
    assert talk.agreement is not None and talk.agreement.end_date == timezone.localdate()


def test_a_letting_officer_cannot_move_talks(login) -> None:  # type: ignore[no-untyped-def]
    talk = PartnerTalk.objects.filter(project=dreefhoven()).first()
    assert talk is not None
    response = login("verhuur").post(
        reverse("project_talk_stage", args=[talk.pk]), {"stage": Stage.AGREEMENT}
    )
    assert response.status_code == 403
    talk.refresh_from_db()
    assert talk.agreement is None
