"""Letting (woonruimteverdeling): from vacancy to key handover.

Django registers the app's models from here. Each sub-context keeps its own models: registrations,
adverts and responses in ``adverts``; the good-neighbour motivation intake in ``intake``;
care-partner nominations in ``nominations``; allocation rounds and allocations in ``rounds``;
offers and key handovers in ``offers``; letters in ``letters``; objections against a round's
outcome in ``objections``.  Import receipts (``ImportBatch``)
belong to ``omkijken.exchange``.

Privacy: nothing here stores care content. A nomination is special-category data and is read
only through ``omkijken.letting.nominations.selectors``, which logs every person-level read.
"""

from __future__ import annotations

from omkijken.letting.adverts.models import Advert, Registration, Response
from omkijken.letting.intake.models import (
    IntakeStep,
    MotivationApplication,
    MotivationScore,
    Question,
    Questionnaire,
)
from omkijken.letting.letters.models import Letter
from omkijken.letting.nominations.models import Nomination
from omkijken.letting.objections.models import Objection
from omkijken.letting.offers.models import KeyHandover, Offer, OfferEvent
from omkijken.letting.rounds.models import Allocation, Round

__all__ = [
    "Advert",
    "Allocation",
    "IntakeStep",
    "KeyHandover",
    "Letter",
    "MotivationApplication",
    "MotivationScore",
    "Nomination",
    "Objection",
    "Offer",
    "OfferEvent",
    "Question",
    "Questionnaire",
    "Registration",
    "Response",
    "Round",
]
