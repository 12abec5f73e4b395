"""Demo step of accounts: the organisations of the demo world and the logins of the cast.

The cast itself (personas, staff, care contacts) is in :mod:`omkijken.demo.personas`, shared with
the tests and the other apps' demos; this step turns it into users with one membership each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.demo.personas import (
    CARE_PARTNER,
    CORPORATION,
    DEMO_PASSWORD,
    EXTRA_STAFF,
    MUNICIPALITY,
    MUNICIPALITY_CODE,
    NETWORK_PARTNERS,
    OTHER_CARE_PARTNERS,
    OTHER_CORPORATION,
    PERSONAS,
    demo_totp_key,
)
from omkijken.demo.plan import DemoPlan, ascii_slug, bulk, restamp

# Roles that may do without a second factor; the demo leaves it off for them (they can turn it on).
OPTIONAL_SECOND_FACTOR = {Role.RESIDENT, Role.APPLICANT}

RESIDENTS_ASSOCIATION = "Bewonersvereniging Overvliet"
# The coordinators who manage their own organisation's accounts (a corporation's are its admins).
ACCOUNT_COORDINATORS = frozenset({"zorgpartner", "gemeente"})

JOB_TITLES: dict[str, str] = {
    Role.PROJECT_LEADER: "Projectleider gemengd wonen",
    Role.LETTING_OFFICER: "Verhuurconsulent",
    Role.BUILDING_MANAGER: "Allround beheerder",
    Role.CARE_COORDINATOR: "Coördinator ambulante begeleiding",
    Role.MUNICIPAL_OFFICER: "Beleidsmedewerker wonen",
    Role.RESIDENT: "",
    Role.APPLICANT: "",
    Role.ADMIN: "Functioneel beheerder",
    Role.NETWORK_PARTNER: "Buurtteammedewerker",
    Role.PRIVACY_OFFICER: "Functionaris gegevensbescherming",
}


def demo_organisation_names() -> list[str]:
    return [
        CORPORATION,
        OTHER_CORPORATION,
        CARE_PARTNER,
        *OTHER_CARE_PARTNERS,
        MUNICIPALITY,
        RESIDENTS_ASSOCIATION,
        *NETWORK_PARTNERS,
    ]


def plan_accounts(plan: DemoPlan) -> None:
    _organisations(plan)
    _users_and_memberships(plan)


def _organisations(plan: DemoPlan) -> None:
    def add(name: str, kind: str, **extra: Any) -> Organisation:
        slug = ascii_slug(name.replace("Stichting", "").replace("Gemeente", ""))
        org = Organisation(
            name=name,
            kind=kind,
            email=f"info@{slug}.example.org",
            phone=f"030-{plan.rng.randrange(1_000_000, 9_999_999)}",
            **extra,
        )
        plan.organisation_by_name[name] = org
        plan.organisations.append(org)
        return org

    K = Organisation.Kind
    woonhaven = add(CORPORATION, K.CORPORATION)
    add(OTHER_CORPORATION, K.CORPORATION)
    for partner in (CARE_PARTNER, *OTHER_CARE_PARTNERS):
        add(partner, K.CARE_PARTNER)
    add(MUNICIPALITY, K.MUNICIPALITY, municipality_code=MUNICIPALITY_CODE)
    add(RESIDENTS_ASSOCIATION, K.RESIDENTS_ASSOCIATION, corporation=woonhaven)
    # After every draw from the random stream, with fixed numbers: the rest of the demo stays the same.
    for name, phone in NETWORK_PARTNERS.items():
        org = Organisation(
            name=name, kind=K.NETWORK_PARTNER, email=f"info@{ascii_slug(name)}.example.org", phone=phone
        )
        plan.organisation_by_name[name] = org
        plan.organisations.append(org)


def _users_and_memberships(plan: DemoPlan) -> None:
    people = [
        (p.username, p.first_name, p.last_name, p.role, p.organisation, JOB_TITLES[p.role])
        for p in PERSONAS.values()
    ] + [(s.username, s.first_name, s.last_name, s.role, s.organisation, s.job_title) for s in EXTRA_STAFF]
    for username, first, last, role, organisation, job_title in people:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            is_staff=role == Role.ADMIN,
            is_superuser=False,
            is_active=True,
            preferred_language="nl",
            date_joined=plan.at(plan.today - dt.timedelta(days=400), 9),
        )
        plan.user_by_username[username] = user
        plan.users.append(user)
        membership = Membership(
            user=user,
            organisation=plan.organisation_by_name[organisation],
            role=role,
            job_title="" if role == Role.RESIDENT else job_title,
            manages_accounts=username in ACCOUNT_COORDINATORS,
        )
        plan.stamp(membership, plan.today - dt.timedelta(days=400), 9)
        plan.memberships.append(membership)


def write_accounts(plan: DemoPlan) -> None:
    # Organisations: the residents' association points at its corporation, so it comes second.
    first = [o for o in plan.organisations if o.corporation is None]
    bulk(Organisation, first)
    bulk(Organisation, [o for o in plan.organisations if o.corporation is not None])

    # One hash for every demo login (the password is the same; hashing is slow by design).
    plan.users[0].set_password(DEMO_PASSWORD)
    for user in plan.users[1:]:
        user.password = plan.users[0].password
    bulk(User, plan.users)
    bulk(Membership, plan.memberships)
    _second_factors(plan)
    restamp(Membership, plan.memberships, "created_at", plan.timestamps)


def _second_factors(plan: DemoPlan) -> None:
    """Every staff login is enrolled with the documented demo key (DEMO_TOTP_SEED), so the demo
    logs in through the real second step with a code from ``manage.py demo_totp``."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    staff = [m.user.username for m in plan.memberships if m.role not in OPTIONAL_SECOND_FACTOR]
    ids = dict(User.objects.filter(username__in=staff).values_list("username", "pk"))
    devices = [
        TOTPDevice(user_id=ids[name], name="authenticator", confirmed=True, key=demo_totp_key(name))
        for name in staff
    ]
    bulk(TOTPDevice, devices)
