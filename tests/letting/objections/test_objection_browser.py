"""In Debian's Chromium against the live server: the applicant lodges an objection from a sent
letter, the letting officer rejects it with a reason, and the decision mail is in the outbox.
Every page is checked with axe-core (WCAG 2.x A and AA); forms are sent with the keyboard."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser.test_letting_flow import alerts, assert_accessible, press, visit

pytestmark = [pytest.mark.browser]


def test_the_applicant_lodges_an_objection_and_the_officer_decides_it(
    desk, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.demo.personas import CORPORATION
    from omkijken.letting.models import Letter, Objection, Round
    from omkijken.residents.models import Person

    # given a sent letter to the applicant's household about the demo's accepted round
    person = Person.objects.select_related("household", "user").get(user__username="zoeker")
    rnd = Round.objects.filter(corporation__name=CORPORATION, status=Round.Status.ACCEPTED).first()
    assert rnd is not None
    letter = Letter.objects.create(
        household=person.household,
        round=rnd,
        kind=Letter.Kind.PASSED_OVER,
        subject="Uw reactie op onze woningen: de uitkomst",
        body_html="<p>Beste huishouden,</p>",
        body_text="Beste huishouden,",
        sent_to=person.user.email,
        sent_at=timezone.now(),
    )

    # 1. the applicant opens the letter and lodges an objection ------------------------------------
    seeker = desk(live_server, "zoeker")
    visit(seeker, f"/verhuur/brieven/{letter.pk}/")
    assert_accessible(seeker)
    seeker.get_by_role("button", name="Bezwaar maken").click()
    seeker.wait_for_load_state("networkidle")
    assert_accessible(seeker)
    seeker.get_by_label("Waarom maakt u bezwaar?").fill(
        "Mijn inschrijfdatum is volgens mij eerder dan u rekent."
    )
    press(seeker, "main form button[type=submit]")
    objection = Objection.objects.filter(household=person.household, round=rnd, status="open").first()
    assert objection is not None, alerts(seeker)
    assert objection.via == "online"
    assert "Wij bekijken uw bezwaar" in seeker.locator("main").inner_text()
    assert_accessible(seeker)

    # 2. the letting officer finds it and rejects it with a reason ----------------------------------
    officer = desk(live_server, "verhuur")
    visit(officer, "/verhuur/bezwaren/?status=open")
    assert_accessible(officer)
    officer.locator("main table").get_by_role("link", name=person.household.name).first.click()
    officer.wait_for_load_state("networkidle")
    assert_accessible(officer)
    officer.get_by_role("button", name="Besluit over dit bezwaar").click()
    officer.wait_for_load_state("networkidle")
    assert_accessible(officer)
    officer.get_by_label("Het bezwaar ongegrond verklaren").check()
    officer.get_by_label("Reden voor het besluit").fill("Uw inschrijfdatum klopt met het register.")
    mail.outbox.clear()
    press(officer, "main form button[type=submit]")
    objection.refresh_from_db()
    assert objection.status == "rejected", alerts(officer)
    assert "Afgewezen" in officer.locator("main").inner_text()
    assert_accessible(officer)

    # then the decision mail is in the outbox, to the household's address, with the reason
    decided = [m for m in mail.outbox if "Uw inschrijfdatum klopt met het register." in m.body]
    assert len(decided) == 1
    assert decided[0].to == [objection.decision_mailed_to] and decided[0].to[0]
    assert decided[0].subject == "Uw bezwaar: ons besluit"
