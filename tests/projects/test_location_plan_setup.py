"""Making a location plan in the product (not only in the demo): the project leader makes one for
a complex or a neighbourhood of her corporation and adds the partners with their contacts; bad
input gets a Dutch message and writes nothing; other organisations cannot."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CORPORATION, HANDHAVING, OTHER_CORPORATION
from omkijken.portfolio.models import Complex
from omkijken.projects.locationplan import services
from omkijken.projects.locationplan.models import LocationPlan, PartnerKind, PlanPartner

pytestmark = pytest.mark.django_db


def own_complex() -> Complex:
    found = Complex.objects.filter(corporation__name=CORPORATION).exclude(name="Vliethof").first()
    assert found is not None
    return found


def other_complex() -> Complex:
    found = Complex.objects.filter(corporation__name=OTHER_CORPORATION).first()
    assert found is not None
    return found


def vliethof_plan() -> LocationPlan:
    return LocationPlan.objects.get(complex__name="Vliethof")


def test_the_project_leader_makes_a_plan_for_a_complex_and_adds_handhaving(login) -> None:  # type: ignore[no-untyped-def]
    client = login("projectleider")
    complex_ = own_complex()
    # the list offers the new-plan page, and that page offers the corporation's own complexes only
    assert reverse("location_plan_new") in client.get(reverse("location_plan_list")).content.decode()
    form_page = client.get(reverse("location_plan_new")).content.decode()
    assert complex_.name in form_page and other_complex().name not in form_page
    # when she makes a plan for one of her complexes
    response = client.post(
        reverse("location_plan_new"),
        {
            "name": "Locatieplan Kompas",
            "complex": complex_.pk,
            "neighbourhood": "",
            "goal": "Rust in de galerij",
        },
    )
    plan = LocationPlan.objects.get(name="Locatieplan Kompas")
    assert response.status_code == 302 and response["Location"] == reverse(
        "location_plan_detail", args=[plan.pk]
    )
    assert plan.complex == complex_ and plan.corporation.name == CORPORATION
    assert plan.created_by is not None and plan.created_by.username == "projectleider"
    # and adds handhaving with its contact
    handhaving = Organisation.objects.get(name=HANDHAVING)
    page = client.post(
        reverse("location_plan_partner_add", args=[plan.pk]),
        {
            "organisation": handhaving.pk,
            "kind": PartnerKind.HANDHAVING,
            "contact_name": "R. de Wit",
            "contact_phone": "030 123 4567",
            "contact_email": "",
        },
        follow=True,
    ).content.decode()
    # then the plan page shows the partner and its contact
    partner = PlanPartner.objects.get(plan=plan, organisation=handhaving)
    assert partner.kind == PartnerKind.HANDHAVING and partner.contact_name == "R. de Wit"
    assert "R. de Wit" in page and "030 123 4567" in page


def test_a_plan_for_a_neighbourhood(login) -> None:  # type: ignore[no-untyped-def]
    neighbourhood = own_complex().neighbourhood
    response = login("projectleider").post(
        reverse("location_plan_new"),
        {"name": "Locatieplan buurt", "complex": "", "neighbourhood": neighbourhood.pk},
    )
    assert response.status_code == 302
    assert LocationPlan.objects.get(name="Locatieplan buurt").neighbourhood == neighbourhood


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"complex": "", "neighbourhood": ""}, "Een locatieplan is voor een complex of een buurt."),
        ({"complex": "other"}, "Kies een complex van je eigen corporatie."),
        ({"name": ""}, "Dit veld is vereist."),
    ],
)
def test_a_bad_plan_is_refused_in_dutch_and_writes_nothing(login, post, message) -> None:  # type: ignore[no-untyped-def]
    data = {"name": "Locatieplan fout", "complex": own_complex().pk, "neighbourhood": "", "goal": ""}
    data.update(post)
    if data["complex"] == "other":
        data["complex"] = other_complex().pk
    before = LocationPlan.objects.count()
    response = login("projectleider").post(reverse("location_plan_new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LocationPlan.objects.count() == before


def test_the_service_refuses_another_corporations_complex_and_a_plan_for_nothing(persona) -> None:  # type: ignore[no-untyped-def]
    leader = persona("projectleider")
    with pytest.raises(ValidationError) as refused:
        services.plan_create(actor=leader, name="Fout", complex=other_complex())
    assert "complex" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.plan_create(actor=leader, name="Leeg")
    assert not LocationPlan.objects.filter(name__in=["Fout", "Leeg"]).exists()


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"contact_name": ""}, "Noem de contactpersoon."),
        ({"contact_name": "   "}, "Noem de contactpersoon."),
        ({"organisation": "other"}, "Kies een netwerkpartner"),
        ({"kind": PartnerKind.CORPORATION}, "Alleen je eigen corporatie"),
    ],
)
def test_a_bad_partner_is_refused_in_dutch_and_writes_nothing(login, persona, post, message) -> None:  # type: ignore[no-untyped-def]
    plan = services.plan_create(
        actor=persona("projectleider"), name="Locatieplan Kompas", complex=own_complex()
    )
    data = {
        "organisation": Organisation.objects.get(name=HANDHAVING).pk,
        "kind": PartnerKind.HANDHAVING,
        "contact_name": "R. de Wit",
    }
    data.update(post)
    if data["organisation"] == "other":
        data["organisation"] = Organisation.objects.get(name=OTHER_CORPORATION).pk
    before = PlanPartner.objects.filter(plan=plan).count()
    page = (
        login("projectleider")
        .post(reverse("location_plan_partner_add", args=[plan.pk]), data, follow=True)
        .content.decode()
    )
    assert message in page
    assert PlanPartner.objects.filter(plan=plan).count() == before


def test_another_corporation_cannot_reach_the_plan_and_a_network_partner_cannot_make_one(
    login, persona
) -> None:  # type: ignore[no-untyped-def]
    plan = vliethof_plan()
    data = {
        "organisation": Organisation.objects.get(name=HANDHAVING).pk,
        "kind": "handhaving",
        "contact_name": "X",
    }
    before = PlanPartner.objects.count()
    # the other corporation's project leader: the plan is not there for her
    assert login("bsmit").post(reverse("location_plan_partner_add", args=[plan.pk]), data).status_code == 404
    # the buurtteam worker sees the plan but may not add partners or make plans
    buurtteam = login("buurtteam")
    assert buurtteam.post(reverse("location_plan_partner_add", args=[plan.pk]), data).status_code == 403
    assert buurtteam.get(reverse("location_plan_new")).status_code == 403
    assert (
        "Partner toevoegen"
        not in buurtteam.get(reverse("location_plan_detail", args=[plan.pk])).content.decode()
    )
    with pytest.raises(PermissionDenied):
        services.partner_add(
            actor=persona("buurtteam"),
            plan=plan,
            organisation=Organisation.objects.get(name=HANDHAVING),
            kind="handhaving",
            contact_name="X",
        )
    assert PlanPartner.objects.count() == before
