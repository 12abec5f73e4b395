"""Every form of the network rejects bad input with a message and writes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from omkijken.community.models import Activity, FundApplication, HelpRequest, NeighbourProfile, Receipt

pytestmark = pytest.mark.django_db


def count_all() -> tuple[int, ...]:
    return (
        HelpRequest.objects.count(),
        Activity.objects.count(),
        FundApplication.objects.count(),
        Receipt.objects.count(),
        NeighbourProfile.objects.filter(buddy_capacity__gt=5).count(),
    )


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("community_help_new", {"kind": "", "title": ""}),
        ("community_help_new", {"kind": "nonsense", "title": "x"}),
        ("community_help_new", {"kind": "paperwork", "title": "x" * 121}),
        (
            "community_activity_new",
            {
                "title": "Borrel",
                "location": "Hal",
                "date": "2031-01-01",
                "start_time": "20:00",
                "end_time": "19:00",
            },
        ),
        (
            "community_activity_new",
            {
                "title": "Borrel",
                "location": "Hal",
                "date": "morgen",
                "start_time": "20:00",
                "end_time": "21:00",
            },
        ),
        (
            "community_activity_new",
            {
                "title": "Borrel",
                "location": "Hal",
                "date": "2031-01-01",
                "start_time": "20:00",
                "end_time": "21:00",
                "recurrence": "WEEKLY",
            },
        ),
        (
            "community_activity_new",
            {
                "title": "Borrel",
                "location": "Hal",
                "date": "2031-01-01",
                "start_time": "20:00",
                "end_time": "21:00",
                "capacity": "0",
            },
        ),
        (
            "community_fund_apply",
            {
                "title": "Feest",
                "plan": "Feest",
                "lines-TOTAL_FORMS": "1",
                "lines-INITIAL_FORMS": "0",
                "lines-0-description": "Taart",
                "lines-0-amount": "-5",
            },
        ),
        (
            "community_fund_apply",
            {"title": "Feest", "plan": "Feest", "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0"},
        ),
        (
            "community_fund_apply",
            {
                "title": "",
                "plan": "",
                "lines-TOTAL_FORMS": "1",
                "lines-INITIAL_FORMS": "0",
                "lines-0-description": "Taart",
                "lines-0-amount": "5",
            },
        ),
        ("community_profile", {"visibility": "complex", "buddy_capacity": "9"}),
        ("community_profile", {"visibility": "everyone", "buddy_capacity": "1"}),
    ],
)
def test_a_resident_form_rejects_bad_input_and_writes_nothing(network, login, url_name, data) -> None:  # type: ignore[no-untyped-def]
    # given a resident and the state before
    client = login("buur")
    before = count_all()
    profile_before = list(NeighbourProfile.objects.values())
    # when they post bad input
    response = client.post(reverse(url_name), data)
    # then the form is shown again with an error, and nothing was written
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert count_all() == before
    assert list(NeighbourProfile.objects.values()) == profile_before


def test_a_rejection_without_reason_is_refused_on_the_page(network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    application = FundApplication.objects.filter(status="submitted", complex__name="Vliethof").first()
    response = login("beheerder").post(
        reverse("community_fund_decide", args=[application.pk]), {"decision": "reject", "reason": ""}
    )
    assert response.status_code == 400 and 'class="errorlist"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_wrong_receipt_file_is_refused_on_the_page(network, login, person_of, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    application = FundApplication.objects.get(status="approved", applicant=person_of("buur"))
    upload = SimpleUploadedFile("bon.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = login("buur").post(
        reverse("community_receipt_upload", args=[application.pk]), {"file": upload, "amount": "5"}
    )
    assert response.status_code == 400 and 'class="errorlist"' in response.content.decode()
    assert not Receipt.objects.exists() and not any(tmp_path.rglob("*.*"))


def test_closing_a_help_request_without_a_note_is_refused_on_the_page(network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    claimed = HelpRequest.objects.get(status="claimed", helper=person_of("buur"))
    response = login("buur").post(reverse("community_help_close", args=[claimed.pk]), {"note": ""})
    assert response.status_code == 400
    claimed.refresh_from_db()
    assert claimed.status == "claimed"
