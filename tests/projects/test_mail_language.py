"""Mail in the recipient's language (issue 12, part 9): the one sender renders each message under
the recipient's language, and the callers pass it: offers and intake decisions to households,
nomination notices to letting officers, announcements to residents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from omkijken.accounts.mail import Recipient, send_templated
from omkijken.accounts.models import Organisation, Role, User
from omkijken.demo.personas import CORPORATION
from omkijken.letting.models import Offer
from omkijken.letting.nominations.services import letting_addresses
from omkijken.letting.offers import services as offers
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Household
from omkijken.residents.selectors import household_recipient
from tests.factories import make_login

pytestmark = pytest.mark.django_db


def english_speaking(household: Household, address: str) -> None:
    """Give the household's main person an address and a login that prefers English."""
    person = household.members.order_by("-is_main_tenant", "pk").first()
    assert person is not None
    if person.user is None:
        person.user = User.objects.create_user(username=f"en-{household.pk}", preferred_language="en")
    else:
        person.user.preferred_language = "en"
        person.user.save()
    person.email = address
    person.save()


def open_offer(officer: User) -> Offer:
    """A live offer of the demo's corporation (one is made on a free home when the demo has none)."""
    found = Offer.objects.filter(corporation__name=CORPORATION, status=Offer.Status.OFFERED).first()
    if found is not None:
        return found
    corporation = Organisation.objects.get(name=CORPORATION)
    unit = (
        Unit.objects.filter(complex__corporation=corporation)
        .exclude(offers__status__in=Offer.LIVE_STATUSES)
        .order_by("pk")
        .first()
    )
    household = Household.objects.filter(corporation=corporation).order_by("pk").first()
    assert unit is not None and household is not None
    return Offer.objects.create(
        corporation=corporation,
        unit=unit,
        household=household,
        respond_by=timezone.localdate() + dt.timedelta(days=7),
        created_by=officer,
    )


def test_one_message_is_rendered_per_recipient_language() -> None:
    context = {"nominator": "Stichting Tussenstap", "number": 7, "path": "/verhuur/voordrachten/7/"}
    sent = send_templated(
        to=[Recipient("en@example.org", "en"), Recipient("nl@example.org", "nl"), Recipient("", "en")],
        template_base="letting/email/nomination_received",
        context=context,
    )
    assert sent == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["en@example.org"] == "New nomination #7 in Omkijken"
    assert subjects["nl@example.org"] != subjects["en@example.org"]
    assert "7" in subjects["nl@example.org"]


def test_an_english_preferring_household_gets_its_offer_mail_in_english(  # type: ignore[no-untyped-def]
    persona, django_capture_on_commit_callbacks
) -> None:
    # given a live offer of the demo to a household whose main person prefers English
    offer = open_offer(persona("verhuur"))
    english_speaking(offer.household, "english@example.org")
    assert household_recipient(offer.household) == Recipient("english@example.org", "en")
    # when the letting officer (working in Dutch) plans the viewing
    with django_capture_on_commit_callbacks(execute=True):
        offers.offer_plan_viewing(
            actor=persona("verhuur"), offer=offer, at=timezone.now() + dt.timedelta(days=3)
        )
    # then the household reads English
    message = next(m for m in mail.outbox if "english@example.org" in m.to)
    assert message.subject == f"Viewing of {offer.unit.address}"


def test_a_dutch_household_still_gets_dutch(persona, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    offer = open_offer(persona("verhuur"))
    person = offer.household.members.order_by("-is_main_tenant", "pk").first()
    assert person is not None
    person.email = "nederlands@example.org"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        offers.offer_plan_viewing(
            actor=persona("verhuur"), offer=offer, at=timezone.now() + dt.timedelta(days=3)
        )
    message = next(m for m in mail.outbox if "nederlands@example.org" in m.to)
    assert message.subject == f"Bezichtiging van {offer.unit.address}"


def test_nomination_notices_go_to_each_officer_in_their_language() -> None:
    # given a corporation without a shared address, and two officers
    corporation = Organisation.objects.get(name=CORPORATION)
    corporation.email = ""
    corporation.save()
    make_login(
        username="officer-en", organisation=corporation, role=Role.LETTING_OFFICER,
        email="officer-en@example.org", preferred_language="en",
    )  # fmt: skip
    recipients = {r.address: r.language for r in letting_addresses(corporation)}
    assert recipients["officer-en@example.org"] == "en"
    assert all(
        language == "nl" for address, language in recipients.items() if address != "officer-en@example.org"
    )
