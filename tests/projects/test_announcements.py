"""Announcements to a complex's residents: e-mail in each household's language after commit, a
printable letter for households without e-mail, a notice on the home page, scheduled sends, and
the choice to receive only essential news."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from omkijken.demo.personas import CORPORATION
from omkijken.portfolio.models import Complex
from omkijken.projects.announcements import services
from omkijken.projects.announcements.models import Announcement, Delivery, NewsPreference
from omkijken.projects.announcements.selectors import current_households
from omkijken.projects.models import Project

pytestmark = pytest.mark.django_db


def vliethof() -> tuple[Project, Complex]:
    complex_ = Complex.objects.get(name="Vliethof")
    return Project.objects.get(corporation__name=CORPORATION, complexes=complex_), complex_


def announce(persona, **extra):  # type: ignore[no-untyped-def]
    project, complex_ = vliethof()
    fields = {"title": "Liften", "body": "De liften krijgen onderhoud.", "title_en": "Lifts",
              "body_en": "The lifts get maintenance."}  # fmt: skip
    fields.update(extra)
    return services.announcement_create(actor=persona("rmeijer"), project=project, complex=complex_, **fields)


def test_sending_mails_each_household_in_its_language_after_commit(  # type: ignore[no-untyped-def]
    persona, person_of, django_capture_on_commit_callbacks
) -> None:
    # given buur prefers English
    buur = persona("buur")
    buur.preferred_language = "en"
    buur.save()
    address = person_of("buur").email or buur.email
    # when an announcement is sent now
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        announcement = announce(persona, essential=True)
    # then nothing is mailed before commit
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    # and every household got a delivery, e-mails went to those with an address
    households = current_households(announcement.complex_id, timezone.localdate())
    deliveries = Delivery.objects.filter(announcement=announcement)
    assert deliveries.count() == households.count()
    emailed = deliveries.filter(channel="email")
    assert len(mail.outbox) == emailed.count() > 0
    # buur reads English, a Dutch household reads Dutch
    to_buur = next(m for m in mail.outbox if address in m.to)
    assert to_buur.subject == "Lifts" and "The lifts get maintenance." in to_buur.body
    assert "Dear" in to_buur.body
    dutch = next(m for m in mail.outbox if address not in m.to)
    assert dutch.subject == "Liften" and "Beste" in dutch.body


def test_households_without_e_mail_get_a_printable_letter(persona, login) -> None:  # type: ignore[no-untyped-def]
    # given a Vliethof household without any e-mail address
    project, complex_ = vliethof()
    household = (
        current_households(complex_.pk, timezone.localdate()).exclude(members__user__isnull=False).first()
    )
    assert household is not None
    household.members.update(email="")
    household.name = "Familie Yılmaz-Wiśniewska"
    household.save()
    # when an announcement goes out
    announcement = announce(persona)
    delivery = Delivery.objects.get(announcement=announcement, household=household)
    assert delivery.channel == "post" and delivery.address == ""
    # then the letters PDF holds a page for it, with its name intact
    response = login("projectleider").get(reverse("announcement_letters", args=[announcement.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Familie Yılmaz-Wiśniewska" in text and "De liften krijgen onderhoud." in text


def test_a_household_that_opted_out_gets_only_essential_news(persona, person_of, login) -> None:  # type: ignore[no-untyped-def]
    # given buur opts out of non-essential news on her page
    client = login("buur")
    client.post(reverse("my_announcements"), {})
    household = person_of("buur").household
    assert NewsPreference.objects.get(household=household).non_essential is False
    # when a non-essential and an essential announcement go out
    party = announce(persona, title="Feest", body="Buurtfeest!", title_en="", body_en="", essential=False)
    works = announce(
        persona, title="Water", body="Water afgesloten.", title_en="", body_en="", essential=True
    )
    # then she gets the essential one only, and her home page shows only that one
    assert not Delivery.objects.filter(announcement=party, household=household).exists()
    assert Delivery.objects.filter(announcement=works, household=household).exists()
    home = client.get(reverse("home")).content.decode()
    assert "Water afgesloten." in home and "Buurtfeest!" not in home


def test_the_resident_sees_an_announcement_on_her_home_page_in_her_language(persona, login) -> None:  # type: ignore[no-untyped-def]
    announce(persona, title="Onderhoud galerij", body="Dinsdag wordt de galerij geschilderd.",
             title_en="Gallery maintenance", body_en="On Tuesday the gallery is painted.")  # fmt: skip
    client = login("buur")
    assert "Dinsdag wordt de galerij geschilderd." in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "On Tuesday the gallery is painted." in client.get(reverse("home")).content.decode()
    # and a resident of another complex does not see it
    assert "geschilderd" not in login("bewoner").get(reverse("home")).content.decode()


def test_a_scheduled_announcement_is_sent_when_due_and_not_before(persona, person_of) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    announcement = announce(persona, send_at=now + dt.timedelta(hours=2))
    assert announcement.sent_at is None and not announcement.deliveries.exists()
    # not yet due
    assert services.send_due_announcements(now + dt.timedelta(hours=1)) == []
    # due: sent once
    sent = services.send_due_announcements(now + dt.timedelta(hours=3))
    assert [a.pk for a in sent] == [announcement.pk]
    announcement.refresh_from_db()
    assert announcement.sent_at is not None and announcement.deliveries.exists()
    assert services.send_due_announcements(now + dt.timedelta(hours=4)) == []


def test_the_management_command_sends_due_announcements(persona) -> None:  # type: ignore[no-untyped-def]
    announcement = announce(persona, send_at=timezone.now() + dt.timedelta(minutes=5))
    Announcement.objects.filter(pk=announcement.pk).update(send_at=timezone.now() - dt.timedelta(minutes=1))
    out = io.StringIO()
    call_command("send_announcements", stdout=out)
    announcement.refresh_from_db()
    assert announcement.sent_at is not None and "sent: 1" in out.getvalue()


def test_bad_announcements_are_refused_in_dutch_and_nothing_is_written(persona, login) -> None:  # type: ignore[no-untyped-def]
    before = Announcement.objects.count()
    with pytest.raises(ValidationError):
        announce(persona, send_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationError):
        announce(persona, title_en="Only a title", body_en="")
    project, _complex = vliethof()
    other = Complex.objects.exclude(projects=project).first()
    assert other is not None
    response = login("projectleider").post(
        reverse("project_announcements", args=[project.pk]),
        {"complex": other.pk, "title": "X", "body": "Y", "send_at": "2020-01-01T10:00"},
    )
    assert "Kies een complex van dit project." in response.content.decode()
    assert Announcement.objects.count() == before


def test_a_scheduled_announcement_can_be_withdrawn_but_a_sent_one_cannot(persona, login) -> None:  # type: ignore[no-untyped-def]
    scheduled = announce(persona, send_at=timezone.now() + dt.timedelta(days=1))
    sent = announce(persona)
    client = login("projectleider")
    client.post(reverse("announcement_cancel", args=[scheduled.pk]))
    assert not Announcement.objects.filter(pk=scheduled.pk).exists()
    response = client.post(reverse("announcement_cancel", args=[sent.pk]), follow=True)
    assert "Deze mededeling is al verstuurd." in response.content.decode()
    assert Announcement.objects.filter(pk=sent.pk).exists()
