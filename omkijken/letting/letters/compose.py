"""Explanation letters: why a household did or did not get a home in an allocation round.

Two steps, kept apart so each can be tested on its own:

1. :func:`round_outcomes` reads a round's snapshot (the JSON sent to the engine) and the engine's
   result, and works out per household and per home it responded to a *letter code* with the
   parameters the letter may show. It starts from the engine's explanations (``explanations[]``:
   every responder that ranked above the winner) and completes them with the engine's own rule
   functions for the households the engine does not explain (those that ranked below the winner,
   and responders to homes that stayed empty), so that there is one definition of each rule.
2. :func:`compose_letter` turns one household's outcome into a letter (subject, HTML, plain text)
   in the household's language.

Privacy (Wet goed verhuurderschap asks for a motivated decision; the AVG forbids telling anyone
about another person's vulnerability): the parameters hold only the recipient's own data (its
income, household size, registration date, its own place in the order) and the published facts
of the home (address, rent, size range, features). Another household is only ever "a household
with more priority". The letter never names the channel a home went to (that a home went to
direct mediation says its new tenant is vulnerable), and the rule-4 reasons (mix, section, care
partner capacity) are phrased as "the agreed composition of the complex", without mentioning
support or a care partner, so that even a staff member reading a nominee's letter learns nothing
of a special category.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omkijken.engine.allocation import HouseholdOutcome, UnitOutcome, household_outcomes
from omkijken.engine.allocation.outcomes import DIRECT, GOOD_NEIGHBOUR, NOT_APPROVED, RANKED_LOWER
from omkijken.web import figures


def round_outcomes(snapshot: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, HouseholdOutcome]:
    """Per candidate id that responded to at least one home: what happened and why (the engine's
    :func:`~omkijken.engine.allocation.household_outcomes`)."""
    return household_outcomes(snapshot, result)


# --- Composition ---------------------------------------------------------------------------------


def money(value: float) -> str:
    """Money in the active language: 1.234,50 in Dutch, 1,234.50 in English (the pages' format)."""
    return figures.amount(value)


def _date(value: dt.date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else "–"


def feature_label(code: str) -> str:
    labels = {
        "LIFT": _("a lift"),
        "GROUND_FLOOR": _("a ground-floor entrance"),
        "WHEELCHAIR": _("wheelchair access"),
    }
    return labels.get(code, code.replace("_", " ").lower())


def _join(items: list[str]) -> str:
    """ "a, b and c" in the active language."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def reason_paragraphs(o: UnitOutcome) -> list[str]:
    """The explanation for one home, in the active language, from the recipient's own data only."""
    p = o.params
    code = o.code
    if code == "PREFERRED_OTHER":
        return [_("You were allocated another home that you had put higher on your list.")]
    if code == "SIZE":
        return [
            ngettext(
                "This home is meant for a household of %(min)s to %(max)s persons. Your household has "
                "%(size)s person.",
                "This home is meant for a household of %(min)s to %(max)s persons. Your household has "
                "%(size)s persons.",
                p["size"],
            )
            % {"min": p["min"], "max": p["max"], "size": p["size"]}
        ]
    if code == "NEEDS":
        missing = [feature_label(m) for m in p["missing"]]
        return [
            ngettext(
                "This home does not have everything you need: %(missing)s is missing.",
                "This home does not have everything you need: %(missing)s are missing.",
                len(missing),
            )
            % {"missing": _join(missing)}
        ]
    if code == "PASSEND":
        return [
            ngettext(
                "Your household income as known to us is € %(income)s a year for a household of %(size)s "
                "person. That is at or below the passend-toewijzen income limit of € %(passend_limit)s. "
                "Under the rules for passend toewijzen we may then offer you a home with a net rent "
                "(kale huur) of at most € %(limit)s a month. The rent of this home is € %(rent)s a month.",
                "Your household income as known to us is € %(income)s a year for a household of %(size)s "
                "persons. That is at or below the passend-toewijzen income limit of € %(passend_limit)s. "
                "Under the rules for passend toewijzen we may then offer you a home with a net rent "
                "(kale huur) of at most € %(limit)s a month. The rent of this home is € %(rent)s a month.",
                p["size"],
            )
            % {
                "income": money(p["income"]),
                "size": p["size"],
                "passend_limit": money(p["passend_limit"]),
                "limit": money(p["limit"]),
                "rent": money(p["rent"]),
            },
            _("The small room for exceptions to this rule had already been used in this round."),
        ]
    if code == "DAEB":
        return [
            ngettext(
                "Your household income as known to us is € %(income)s a year for a household of %(size)s "
                "person. That is above the income limit of € %(limit)s for a social rented home, and "
                "the room for exceptions had already been used in this round.",
                "Your household income as known to us is € %(income)s a year for a household of %(size)s "
                "persons. That is above the income limit of € %(limit)s for a social rented home, and "
                "the room for exceptions had already been used in this round.",
                p["size"],
            )
            % {"income": money(p["income"]), "size": p["size"], "limit": money(p["limit"])}
        ]
    if code == NOT_APPROVED:
        return [
            _(
                "This home was let to good neighbours: home seekers whose motivation to live in this "
                "complex as a good neighbour has been approved. Your motivation for this complex has "
                "not (yet) been approved."
            )
        ]
    if code == "CHANNEL":
        return [
            _(
                "This home was let through another letting channel than the one in which you compete. "
                "The advert states the channels in which a home may be let."
            )
        ]
    if code in ("MIX", "PARTNER"):
        return [
            _(
                "The agreements about the composition of the residents of this complex do not allow us "
                "to let this home to you now."
            )
        ]
    if code == "SECTION":
        return [
            _(
                "The agreements about the composition of the residents of this part of the building do "
                "not allow us to let this home to you now."
            )
        ]
    if code == RANKED_LOWER:
        out = [_("This home was allocated to a household with more priority in the published order.")]
        if p["channel"] == DIRECT:
            return out
        if p["channel"] == GOOD_NEIGHBOUR:
            out.append(
                _(
                    "Among approved good neighbours the earliest registration date goes first. Your "
                    "registration date is %(date)s."
                )
                % {"date": _date(p["registration_date"])}
            )
        else:
            out.append(
                _(
                    "Households with a valid urgency go first, then the earliest registration date. Your "
                    "registration date is %(date)s."
                )
                % {"date": _date(p["registration_date"])}
            )
            if p["urgent"]:
                out.append(
                    _(
                        "You had a valid urgency; a household with an urgency and an earlier registration date went first."
                    )
                )
        out.append(
            _("In this order you were number %(position)s of the %(total)s households that responded.")
            % {"position": p["position"], "total": p["total"]}
        )
        return out
    if code == "ASSIGNED_EARLIER":
        return [
            _(
                "You had already been allocated another home that was handled earlier, although you had "
                "put this home higher on your list. Please contact us if you want us to look at this again."
            )
        ]
    # UNJUSTIFIED, NOT_FILLED and anything new: the decision needs a person's look.
    return [
        _(
            "We cannot explain the outcome for this home from the rules alone. Please contact us: we "
            "will look at your response again."
        )
    ]


@dataclass(frozen=True)
class UnitFacts:
    """The published facts of a home that a letter may show."""

    address: str
    city: str
    rent: float | None = None


@dataclass(frozen=True)
class Composed:
    kind: str
    subject: str
    body_html: str
    body_text: str


def compose_letter(
    *,
    outcome: HouseholdOutcome,
    household_name: str,
    household_reference: str,
    corporation_name: str,
    corporation_contact: str,
    round_date: dt.date,
    units: Mapping[str, UnitFacts],
    language: str,
) -> Composed:
    """One household's letter, in ``language``. Everything it shows is passed in explicitly, so that
    nothing about another household can reach it."""

    def heading(unit_id: str) -> str:
        facts = units.get(unit_id)
        return f"{facts.address}, {facts.city}" if facts else _("A home you responded to")

    with translation.override(language):
        sections = [
            {
                "heading": heading(o.unit),
                "rule": "-" * len(heading(o.unit)),
                "paragraphs": reason_paragraphs(o),
            }
            for o in outcome.not_allocated
        ]
        salutation = _("Dear %(name)s,") % {"name": household_name}
        if outcome.allocated is not None:
            subject = _("Your response: a home has been allocated to you")
            intro = [
                _(
                    "You responded to homes that we let in our allocation round of %(date)s. We are glad "
                    "to tell you that the home at %(address)s has been allocated to you."
                )
                % {"date": _date(round_date), "address": heading(outcome.allocated)},
                _(
                    "You will receive an offer from us. It tells you when you can view the home and how "
                    "to accept it."
                ),
            ]
            if sections:
                intro.append(
                    _("Below you can read why you did not get the homes you had put higher on your list.")
                )
        else:
            subject = _("Your response to our homes: the outcome")
            n = len(outcome.not_allocated)
            intro = [
                ngettext(
                    "You responded to %(count)s home that we let in our allocation round of %(date)s. We "
                    "are sorry: it has not been allocated to you.",
                    "You responded to %(count)s homes that we let in our allocation round of %(date)s. We "
                    "are sorry: none of them has been allocated to you.",
                    n,
                )
                % {"count": n, "date": _date(round_date)},
                _(
                    "Below you can read for each home why. We only use your own details and the published rules."
                ),
            ]
        how = _(
            "We let homes by the selection criteria published in the advert: first the rules for who "
            "may rent a home (household size, needs, income and rent), then the order of priority of "
            "the letting channel."
        )
        todo = [
            ngettext(
                "Do you disagree with this decision, or do you think a detail we used is wrong? Then "
                "you can object (bezwaar) within %(days)s day of the date of this letter: on your own "
                "page (open this letter under 'My letters' and choose 'Lodge an objection'), or by post "
                "stating your reference %(reference)s. We will then look at the decision again and tell "
                "you the outcome in writing.",
                "Do you disagree with this decision, or do you think a detail we used is wrong? Then "
                "you can object (bezwaar) within %(days)s days of the date of this letter: on your own "
                "page (open this letter under 'My letters' and choose 'Lodge an objection'), or by post "
                "stating your reference %(reference)s. We will then look at the decision again and tell "
                "you the outcome in writing.",
                settings.OBJECTION_DAYS,
            )
            % {"reference": household_reference, "days": settings.OBJECTION_DAYS},
            _(
                "Are you still not satisfied after that? Then you can submit a complaint through our "
                "complaints procedure."
            ),
        ]
        if corporation_contact:
            todo.append(_("You can reach us at %(contact)s.") % {"contact": corporation_contact})
        context = {
            "subject": subject,
            "salutation": salutation,
            "intro": intro,
            "sections": sections,
            "how": how,
            "todo_heading": _("What you can do"),
            "todo_rule": "-" * len(_("What you can do")),
            "todo": todo,
            "closing": _("Kind regards,"),
            "signature": corporation_name,
        }
        body_html = render_to_string("letting/letters/body.html", context)
        body_text = render_to_string("letting/letters/body.txt", context)
    return Composed(outcome.kind, subject, body_html, _tidy(body_text))


def _tidy(text: str) -> str:
    """Plain text with single blank lines between paragraphs."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out) + "\n"
