"""The privacy room's part of the demo: the vulnerable resident asks for his data on his own page,
so the privacy officer (persona ``privacy``) has a request to answer. No retention run: it would
delete demo rows other layers show."""

from __future__ import annotations

from django.db.models import Q

from omkijken.accounts.models import Organisation, User
from omkijken.privacy.models import (
    LegalHold,
    PrivacyRequest,
    RetentionPolicy,
    RetentionReceipt,
    RetentionReceiptLine,
)
from omkijken.privacy.services import privacy_request_create
from omkijken.residents.models import Person


def build_privacy_demo(*, seed: int = 0) -> None:  # noqa: ARG001 - no random draws
    person = Person.objects.filter(user__username="bewoner").select_related("household").first()
    if person is None or PrivacyRequest.objects.filter(household=person.household).exists():
        return
    privacy_request_create(
        actor=User.objects.get(username="bewoner"),
        household=person.household,
        kind=PrivacyRequest.Kind.ACCESS,
        person=person,
        explanation="Ik wil graag weten wat jullie over mij hebben opgeslagen.",
    )


def delete_privacy_demo(corporations: list[Organisation]) -> tuple[int, dict[str, int]]:
    """The privacy rows of the demo corporations (they protect their households and users)."""
    total, per_model = 0, dict[str, int]()
    for queryset in (
        PrivacyRequest.objects.filter(
            Q(corporation__in=corporations) | Q(household__corporation__in=corporations)
        ),
        LegalHold.objects.filter(
            Q(corporation__in=corporations) | Q(household__corporation__in=corporations)
        ),
        RetentionPolicy.objects.filter(corporation__in=corporations),
        RetentionReceiptLine.objects.filter(corporation__in=corporations),
        RetentionReceipt.objects.filter(lines__isnull=True),
    ):
        count, by_model = queryset.delete()
        total += count
        for label, n in by_model.items():
            per_model[label] = per_model.get(label, 0) + n
    return total, per_model
