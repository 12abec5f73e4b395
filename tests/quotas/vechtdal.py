"""A small hand-made municipality for the tests of the municipality's figures."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from omkijken.accounts.models import Organisation, Role
from omkijken.portfolio.models import Neighbourhood
from tests.factories import (
    make_complex,
    make_household,
    make_lease,
    make_login,
    make_target_group_status,
    make_unit,
)

CODE = "9998"
NAMES = ("Aabuurt", "Beebuurt", "Ceebuurt")


class Municipality:
    """Vechtdal (CBS 9998): three neighbourhoods, one corporation, a municipal officer."""

    def __init__(self) -> None:
        self.municipality = Organisation.objects.create(
            name="Gemeente Vechtdal", kind=Organisation.Kind.MUNICIPALITY, municipality_code=CODE
        )
        self.corporation = Organisation.objects.create(
            name="Vechtdal Wonen", kind=Organisation.Kind.CORPORATION
        )
        self.officer = make_login(
            username="ambtenaar-vechtdal", organisation=self.municipality, role=Role.MUNICIPAL_OFFICER
        )
        self.complexes = {}
        for i, name in enumerate(NAMES, start=1):
            hood = Neighbourhood.objects.create(
                municipality_code=CODE,
                municipality_name="Vechtdal",
                district_code=f"WK{CODE}01",
                district_name="Centrum",
                code=f"BU{CODE}01{i:02d}",
                name=name,
            )
            self.complexes[name] = make_complex(
                corporation=self.corporation, code=f"VD{i}", name=f"Complex {name}", neighbourhood=hood
            )
        self.count = 0

    def house(self, name: str, *, vulnerable: int, regular: int = 2, start: dt.date | None = None) -> None:
        start = start or timezone.localdate() - dt.timedelta(days=30)
        for is_vulnerable in [True] * vulnerable + [False] * regular:
            self.count += 1
            unit = make_unit(complex=self.complexes[name], code=f"VD-{self.count}", house_number=self.count)
            household = make_household(
                corporation=self.corporation, reference=f"VD{self.count:05d}", name=f"Huishouden {self.count}"
            )
            make_lease(unit=unit, household=household, start_date=start)
            if is_vulnerable:
                make_target_group_status(household=household, start_date=start, target_group="DAK")
