"""The fictional cast shared by the demo and the tests (Zulip style): one persona per role, the
staff around them and the care partners' contact persons.

No real person's name. Every persona and staff member logs in with DEMO_PASSWORD in the demo.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from omkijken.accounts.models import Role

DEMO_PASSWORD = "omkijken-demo"  # noqa: S105 - demo only, printed in the README
# The demo's second factor: every staff login of the demo has a TOTP device whose key is
# HMAC-SHA1(DEMO_TOTP_SEED, username), 20 bytes, so its codes can be computed by anyone who reads
# this (README, docs/security.md): `python manage.py demo_totp <username>` prints the current code.
DEMO_TOTP_SEED = "omkijken-demo-totp"  # noqa: S105 - demo only, documented


def demo_totp_key(username: str) -> str:
    """The hex TOTP key (django-otp's TOTPDevice.key) of a demo login."""
    return hmac.new(DEMO_TOTP_SEED.encode(), username.encode(), hashlib.sha1).hexdigest()


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str  # key into ORGANISATIONS below
    description: str


CORPORATION = "Woonhaven"
CARE_PARTNER = "Stichting Tussenstap"
OTHER_CARE_PARTNERS = ("Lindeborg Begeleiding", "Het Anker Ambulant")
MUNICIPALITY = "Gemeente Vechtstad"
MUNICIPALITY_CODE = "0344"
OTHER_CORPORATION = "Stadswonen Oost"
# Network partners of the location plans (kind network_partner; fixed phone numbers, so that
# adding them does not move the demo's random stream).
BUURTTEAM = "Buurtteam Overvliet"
GGZ_PARTNER = "GGZ Vechtstad"
WIJKBUREAU = "Wijkbureau Overvliet"
HANDHAVING = "Handhaving Vechtstad"
NETWORK_PARTNERS = {
    BUURTTEAM: "030-2754410",
    GGZ_PARTNER: "030-2319980",
    WIJKBUREAU: "030-2860120",
    HANDHAVING: "030-2860155",
}

PERSONAS: dict[str, Persona] = {
    p.username: p
    for p in [
        Persona(
            "projectleider",
            "Fenna",
            "de Wit",
            Role.PROJECT_LEADER,
            CORPORATION,
            "leads the mixed-living projects",
        ),
        Persona("verhuur", "Sanne", "Bakker", Role.LETTING_OFFICER, CORPORATION, "letting officer"),
        Persona(
            "beheerder", "Karim", "Ouali", Role.BUILDING_MANAGER, CORPORATION, "all-round building manager"
        ),
        Persona(
            "zorgpartner", "Mirjam", "Kok", Role.CARE_COORDINATOR, CARE_PARTNER, "care-partner coordinator"
        ),
        Persona("gemeente", "Joost", "Vermeulen", Role.MUNICIPAL_OFFICER, MUNICIPALITY, "municipal officer"),
        Persona("buur", "Lotte", "Hendriks", Role.RESIDENT, CORPORATION, "good neighbour (Nieuwe Buur)"),
        Persona(
            "bewoner",
            "Dawit",
            "Tesfaye",
            Role.RESIDENT,
            CORPORATION,
            "vulnerable resident, client of the care partner",
        ),
        Persona("admin", "Admin", "Beheer", Role.ADMIN, CORPORATION, "corporation administrator"),
        Persona(
            "privacy",
            "Hanneke",
            "Dijkstra",
            Role.PRIVACY_OFFICER,
            CORPORATION,
            "privacy officer: requests of the people in it, legal holds, retention receipts",
        ),
        Persona(
            "buurtteam",
            "Esther",
            "Vos",
            Role.NETWORK_PARTNER,
            BUURTTEAM,
            "buurtteam worker: the location plans her team is part of, never residents' data",
        ),
        # Its household, registration and applications come from omkijken.letting.demo_intake.
        Persona(
            "zoeker",
            "Ilse",
            "Zonneveld",
            Role.APPLICANT,
            CORPORATION,
            "home seeker, applies as a good neighbour",
        ),
    ]
}


@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str
    job_title: str


# Staff besides the personas, so that working groups have members (fictional names).
EXTRA_STAFF: tuple[StaffMember, ...] = (
    StaffMember("tvandenberg", "Thijs", "van den Berg", Role.BUILDING_MANAGER, CORPORATION, "Buurtbeheerder"),
    StaffMember("nbenali", "Naima", "Benali", Role.LETTING_OFFICER, CORPORATION, "Woonconsulent"),
    StaffMember("rmeijer", "Roos", "Meijer", Role.PROJECT_LEADER, CORPORATION, "Communicatieadviseur"),
    StaffMember("ybulut", "Yusuf", "Bulut", Role.NETWORK_PARTNER, GGZ_PARTNER, "Ambulant GGZ-hulpverlener"),
    StaffMember("bsmit", "Bram", "Smit", Role.PROJECT_LEADER, OTHER_CORPORATION, "Projectleider wonen"),
)

# Contact persons of the care partners in the buildings (fictional).
CARE_CONTACTS = {
    CARE_PARTNER: ("Ruud Verbeek", "06-41870236"),
    OTHER_CARE_PARTNERS[0]: ("Saskia Brouwer", "06-52093317"),
    OTHER_CARE_PARTNERS[1]: ("Hamza Bouali", "06-38124470"),
}
