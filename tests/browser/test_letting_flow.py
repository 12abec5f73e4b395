"""Acceptance of issue #3 in Debian's Chromium against the live server: from a care partner's
nomination and a good neighbour's motivation to an allocation round, an offer, the lease and the
key handover.

Every main page of the flow is checked with axe-core (WCAG 2.x A and AA rules) for zero
violations, and no console error may mention the Content Security Policy. axe is evaluated through
the DevTools protocol (page.evaluate), which the page's strict CSP does not govern. Forms are
submitted with the keyboard (focus, then Enter), as a keyboard user would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from omkijken.demo.personas import CARE_PARTNER, DEMO_PASSWORD
from tests.browser.conftest import enter_code

pytestmark = [pytest.mark.browser]

AXE = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text(
    encoding="utf-8"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
BRUG = "De Brug"
SCORES = {"verhuur": (5, 4, 4, 5), "beheerder": (4, 4, 5, 4)}


@pytest.fixture
def desk(browser):  # type: ignore[no-untyped-def]
    """Open a logged-in desktop browser context per persona; console errors are collected."""
    contexts = []

    def open_as(live_server, username: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.problems = problems
        page.base = live_server.url
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_label("Wachtwoord").press("Enter")
        page.wait_for_load_state("networkidle")
        if "/inloggen/code/" in page.url:  # the second step: the code of the persona's app
            enter_code(page, username)
        page.wait_for_load_state("networkidle")
        assert "/inloggen/" not in page.url, f"{username} could not log in"
        return page

    yield open_as
    for context in contexts:
        context.close()


def visit(page, path: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(f"{page.base}{path}")
    assert response is not None and response.status == 200, (path, response and response.status)


def press(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Activate a button with the keyboard (focus, then Enter)."""
    page.locator(selector).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    """axe-core on the current page: no WCAG 2.x A/AA violation, and no CSP error in the console."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE + "\n;0")
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')); }",
        WCAG_TAGS,
    )
    assert result == [], (page.url, result)
    # axe 4.11 no longer reports duplicate ids; a label names the first element with its id
    duplicates = page.evaluate(
        "() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
        " return ids.filter((id, i) => ids.indexOf(id) !== i); }"
    )
    assert duplicates == [], (page.url, duplicates)
    assert not [p for p in page.problems if "Content Security Policy" in p], page.problems


def alerts(page) -> str:  # type: ignore[no-untyped-def]
    """The text of every error shown on the page (messages and form errors), for failure output."""
    return " | ".join(page.locator(".errorlist, [role=alert], .messages").all_inner_texts())


def a_client_to_nominate() -> tuple[int, int]:
    """A client household of the care partner, with an open target-group status and no open
    nomination, and a complex the partner may nominate for, the one with most direct-mediation
    adverts (pk, pk)."""
    from omkijken.accounts.models import User
    from omkijken.letting.models import Nomination
    from omkijken.letting.nominations.services import acceptable_complexes
    from omkijken.residents.models import TargetGroupStatus
    from omkijken.residents.selectors import households_for, open_status_filter

    coordinator = User.objects.get(username="zorgpartner")
    nominated = Nomination.objects.filter(status__in=Nomination.OPEN_STATUSES).values("household_id")
    client = (
        households_for(coordinator)
        .filter(
            pk__in=TargetGroupStatus.objects.filter(
                open_status_filter(timezone.localdate()), care_partner=coordinator.organisation
            ).values("household_id")
        )
        .exclude(pk__in=nominated)
        .order_by("name", "pk")
        .first()
    )
    assert client is not None, "the demo has no client of the care partner left to nominate"
    complexes = list(acceptable_complexes(coordinator.organisation, client.corporation_id).order_by("name"))
    assert complexes, "the care partner has no agreement for any complex"
    return client.pk, max(complexes, key=lambda c: len(direct_adverts(c.pk))).pk


def direct_adverts(complex_pk: int) -> list[int]:
    """The published adverts of a complex open to direct mediation (where nominees compete)."""
    from omkijken.letting.models import Advert

    adverts = Advert.objects.filter(unit__complex_id=complex_pk, status=Advert.Status.PUBLISHED).order_by(
        "pk"
    )
    return [a.pk for a in adverts if "DIRECT" in a.channels]


def test_from_nomination_and_motivation_through_a_round_and_an_offer_to_the_lease_and_key_handover(
    desk,
    live_server,
    demo_world_committed,  # type: ignore[no-untyped-def]
) -> None:
    from omkijken.letting.models import (
        Advert,
        Allocation,
        KeyHandover,
        MotivationApplication,
        Nomination,
        Offer,
        Response,
        Round,
    )
    from omkijken.portfolio.models import Complex
    from omkijken.residents.models import Lease

    today = timezone.localdate()

    # 1. The care partner's coordinator nominates a client through the form ----------------------
    client_pk, complex_pk = a_client_to_nominate()
    partner = desk(live_server, "zorgpartner")
    visit(partner, "/verhuur/voordrachten/")
    assert_accessible(partner)
    visit(partner, "/verhuur/voordrachten/nieuw/")
    assert_accessible(partner)
    partner.locator("#id_household").select_option(str(client_pk))
    partner.locator("#id_household_size").fill("1")
    partner.locator("#id_target_group").select_option(index=1)  # the form opens on "— Kies —"
    partner.locator("#id_income_class").select_option(index=0)
    partner.locator("#id_complex_1").select_option(str(complex_pk))
    partner.locator("#id_nominated_on").fill(today.isoformat())
    partner.locator("#id_support_until").fill((today + dt.timedelta(days=2 * 365)).isoformat())
    partner.locator("#id_consent_reference").fill("TS-E2E-0001")
    press(partner, "main form button[type=submit]")
    nomination = Nomination.objects.filter(household_id=client_pk, consent_reference="TS-E2E-0001").first()
    assert nomination is not None, alerts(partner)
    assert nomination.nominator.name == CARE_PARTNER
    assert nomination.complexes == [complex_pk]
    assert f"/verhuur/voordrachten/{nomination.pk}/" in partner.url
    assert_accessible(partner)
    # and sees it in its own list
    visit(partner, "/verhuur/voordrachten/")
    own_list = partner.locator("main table tbody")
    assert own_list.get_by_role("link", name=nomination.household.name).count() >= 1
    assert_accessible(partner)

    # 2. The applicant applies as a good neighbour for De Brug ----------------------------------------
    brug = Complex.objects.get(name=BRUG)
    seeker = desk(live_server, "zoeker")
    visit(seeker, "/verhuur/aanbod/")
    assert_accessible(seeker)
    visit(seeker, f"/verhuur/intake/aanmelden/{brug.pk}/")
    assert_accessible(seeker)
    answers = seeker.locator("main form textarea")
    for n in range(answers.count()):
        answers.nth(n).fill(f"Antwoord {n + 1}: ik help mijn buren graag en organiseer een koffieochtend.")
    press(seeker, "main form button[type=submit]")
    application = MotivationApplication.objects.filter(
        household__reference="ZOEKER-0001", complex=brug
    ).first()
    assert application is not None, alerts(seeker)
    assert application.status == MotivationApplication.Status.SUBMITTED
    assert_accessible(seeker)

    # two assessors score it independently: the building manager of De Brug and the letting officer
    manager = desk(live_server, "beheerder")
    officer = desk(live_server, "verhuur")
    detail = f"/verhuur/intake/{application.pk}/"

    def scores_section(page):  # type: ignore[no-untyped-def]
        return page.locator("section", has=page.locator("#scores-heading"))

    def score(page, values: tuple[int, ...], comment: str) -> None:  # type: ignore[no-untyped-def]
        for key, value in zip(("contact", "initiative", "commitment", "fit"), values, strict=True):
            page.locator(f"#id_score_{key}").fill(str(value))
        page.locator("#id_comment").fill(comment)
        press(page, f"form[action='{detail}score/'] button[type=submit]")

    for page in (manager, officer):
        visit(page, detail)
        assert scores_section(page).locator("table").count() == 0
        assert_accessible(page)
    score(manager, (4, 4, 5, 4), "Beoordeling beheerder: sterk in contact.")
    assert application.scores.filter(assessor__username="beheerder").exists(), alerts(manager)
    assert scores_section(manager).locator("table tbody tr").count() == 1  # only the own score
    assert_accessible(manager)
    # the officer, not having scored yet, sees that one assessor has scored, but not the score
    officer.reload()
    before = scores_section(officer)
    assert before.locator("table").count() == 0
    assert "Beoordeling beheerder" not in before.inner_text()
    assert "17" not in before.inner_text()  # the manager's total
    assert officer.locator("#id_score_contact").is_visible()
    score(officer, (5, 4, 4, 5), "Beoordeling verhuur: veel initiatief.")
    assert application.scores.filter(assessor__username="verhuur").exists(), alerts(officer)
    # having scored, each assessor sees both scores
    after = scores_section(officer).inner_text()
    assert "Beoordeling beheerder" in after and "Beoordeling verhuur" in after
    assert_accessible(officer)
    manager.reload()
    assert scores_section(manager).locator("table tbody tr").count() == 2

    # the letting officer decides: approved, with a reason
    officer.locator("#id_decision_0").check()
    officer.locator("#id_reason").fill("Beide beoordelaars scoren ruim boven de drempel.")
    press(officer, f"form[action='{detail}besluit/'] button[type=submit]")
    application.refresh_from_db()
    assert application.status == MotivationApplication.Status.APPROVED, alerts(officer)
    assert application.decision_reason == "Beide beoordelaars scoren ruim boven de drempel."
    assert_accessible(officer)
    # the applicant reads the decision with its reason, and never the scores
    visit(seeker, detail)
    assert "Beide beoordelaars scoren ruim boven de drempel." in seeker.locator("main").inner_text()
    assert seeker.locator("#scores-heading").count() == 0
    assert_accessible(seeker)

    # and the approved good neighbour responds to the good-neighbour home in De Brug
    brug_advert = next(
        (
            a
            for a in Advert.objects.filter(unit__complex=brug, status=Advert.Status.PUBLISHED).order_by("pk")
            if "GOOD_NEIGHBOUR" in a.channels
        ),
        None,
    )
    assert brug_advert is not None and brug_advert.starts_on <= today <= brug_advert.ends_on
    visit(seeker, f"/verhuur/aanbod/{brug_advert.pk}/")
    assert_accessible(seeker)
    press(seeker, "main form button[type=submit]")
    assert Response.objects.filter(advert=brug_advert, household=application.household).exists(), alerts(
        seeker
    )
    assert_accessible(seeker)

    # the nominee competes for the direct-mediation homes of the complex it was nominated for
    nominee = nomination.household
    direct = direct_adverts(complex_pk)
    assert direct, "no direct-mediation advert in the nominated complex"
    visit(officer, f"/verhuur/publicaties/{direct[0]}/rangorde/")
    assert officer.locator("main table tbody").get_by_text(nominee.reference, exact=False).count() == 1
    assert_accessible(officer)

    # 3. The letting officer runs a round over all the demo's vacancies ---------------------------------
    visit(officer, "/verhuur/rondes/nieuw/")
    assert_accessible(officer)
    officer.locator("#id_name").fill("Ronde e2e")
    officer.locator("#id_select_all").focus()
    officer.keyboard.press("Space")
    assert officer.locator("#id_select_all").is_checked()
    press(officer, "main form[method=post] button[type=submit]")
    rnd = Round.objects.filter(name="Ronde e2e").first()
    assert rnd is not None, alerts(officer)
    assert rnd.status == Round.Status.PROPOSED
    assert f"/verhuur/rondes/{rnd.pk}/" in officer.url
    # the proposal, with its explanations and the effect on the mix and on the quota
    from omkijken.letting.rounds.ids import pk_of
    from omkijken.portfolio.models import Unit
    from omkijken.residents.models import Household

    proposal = {pk_of(a["unit"]): pk_of(a["candidate"]) for a in rnd.result["assignments"]}
    assert proposal, "the engine proposed no allocation"
    main = officer.locator("main")
    homes = main.locator("section", has=officer.locator("#units-heading")).locator("article")
    assert homes.count() == rnd.adverts.count() == Advert.objects.filter(rounds=rnd).count()
    for unit_pk, household_pk in proposal.items():
        unit = Unit.objects.select_related("complex").get(pk=unit_pk)
        heading = officer.get_by_role("heading", name=f"{unit.complex.name} – {unit.address}", exact=True)
        home = homes.filter(has=heading)
        assert Household.objects.get(pk=household_pk).name in home.inner_text(), home.inner_text()
    assert main.locator("section details summary").count() >= 1  # passed-over households, with reasons
    mix = main.locator("section", has=officer.locator("#mix-heading"))
    assert mix.locator("article").count() >= 1 and "na deze ronde" in mix.inner_text()
    quota = main.locator("section", has=officer.locator("#quota-heading"))
    assert quota.locator("tbody tr").count() >= 1
    assert_accessible(officer)
    press(officer, f"form[action='/verhuur/rondes/{rnd.pk}/accepteren/'] button[type=submit]")
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.ACCEPTED, alerts(officer)
    allocations = list(Allocation.objects.filter(round=rnd).select_related("household", "unit"))
    assert {a.unit_id: a.household_id for a in allocations} == proposal
    assert_accessible(officer)

    # 4. An offer for one allocation: to the good neighbour if the round chose them, otherwise to a
    # nominee if the round housed one (a client moving on: the old lease ends the day before)
    allocation = next(
        (a for a in allocations if a.household_id == application.household_id),
        next((a for a in allocations if a.channel == "DIRECT"), allocations[0]),
    )
    press(officer, f"form[action='/verhuur/toewijzingen/{allocation.pk}/aanbieden/'] button[type=submit]")
    offer = Offer.objects.filter(unit=allocation.unit, household=allocation.household).first()
    assert offer is not None, alerts(officer)
    assert f"/verhuur/aanbiedingen/{offer.pk}/" in officer.url
    assert_accessible(officer)
    # a viewing is planned
    viewing = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(15, 30))
    officer.locator("#id_at").fill(viewing.strftime("%Y-%m-%dT%H:%M"))
    press(officer, f"form[action='/verhuur/aanbiedingen/{offer.pk}/viewing/'] button[type=submit]")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.VIEWING, alerts(officer)
    # and the household accepts: lease start and key handover
    start = today + dt.timedelta(days=14)
    handover_at = dt.datetime.combine(start, dt.time(10, 0))
    officer.locator("#id_start_date").fill(start.isoformat())
    officer.locator("#id_key_handover_at").fill(handover_at.strftime("%Y-%m-%dT%H:%M"))
    press(officer, f"form[action='/verhuur/aanbiedingen/{offer.pk}/accept/'] button[type=submit]")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED, alerts(officer)

    lease = Lease.objects.get(household=allocation.household, unit=allocation.unit)
    assert lease.start_date == start
    handover = KeyHandover.objects.get(offer=offer)
    assert timezone.localtime(handover.at).date() == start
    assert timezone.localtime(handover.at).time() == dt.time(10, 0)
    # the page shows the lease and the key handover
    shown = officer.locator("main dl").inner_text()
    assert "Sleuteloverdracht" in shown or "Key handover" in shown, shown
    assert f"{start.day}" in shown and "10:00" in shown, shown
    assert_accessible(officer)
    visit(officer, "/verhuur/sleuteloverdrachten/")
    assert officer.locator("main").get_by_text(allocation.unit.address, exact=False).count() >= 1
    assert_accessible(officer)
