"""Writes of activities and sign-ups: keyword-only, atomic, checked against the actor.

The services take the records the views found in the actor's scope and check that scope again.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.community.activities import selectors
from omkijken.community.activities.models import Activity, ActivitySignup
from omkijken.community.scope import acting_resident, require_staff_complex, resident_place
from omkijken.portfolio.models import Complex


@transaction.atomic
def activity_create(
    *,
    actor: User,
    complex_: Complex | None = None,
    title: str,
    description: str = "",
    location: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    recurrence: str = "",
    repeat_until: dt.date | None = None,
    capacity: int | None = None,
) -> Activity:
    """A resident creates an activity in their own complex; staff in a complex they coordinate."""
    place = resident_place(actor)
    organiser = None
    if place is not None:
        complex_ = place.complex
        organiser = place.person
    elif complex_ is None:
        raise PermissionDenied
    else:
        require_staff_complex(actor, complex_, "manage_community")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if recurrence not in Activity.Recurrence.values:
        raise ValidationError({"recurrence": _("Choose how often the activity repeats.")})
    if recurrence and (repeat_until is None or repeat_until < starts_at.date()):
        raise ValidationError({"repeat_until": _("Give the last date, after the first one.")})
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("The maximum must be at least 1, or leave it empty.")})
    return Activity.objects.create(
        complex=complex_,
        title=title.strip(),
        description=description.strip(),
        location=location.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        recurrence=recurrence,
        repeat_until=repeat_until if recurrence else None,
        capacity=capacity,
        organiser=organiser,
        created_by=actor,
    )


@transaction.atomic
def activity_signup(
    *, actor: User, activity: Activity, occurrence: dt.date | None = None, now: dt.datetime | None = None
) -> ActivitySignup:
    """A resident of the activity's complex signs up for the next (or a given) occurrence; the limit
    is checked with the activity row locked."""
    place = acting_resident(actor)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.complex_id != place.complex.pk:
        raise PermissionDenied
    if activity.cancelled:
        raise ValidationError(_("There is no upcoming activity on that date."))
    now = now or timezone.now()
    dates = [t.date() for t in selectors.occurrences(activity, after=now)]
    if occurrence is None:
        if not dates:
            raise ValidationError(_("This activity has already taken place."))
        occurrence = dates[0]
    elif occurrence not in dates:
        raise ValidationError(_("There is no upcoming activity on that date."))
    if ActivitySignup.objects.filter(activity=activity, person=place.person, occurrence=occurrence).exists():
        raise ValidationError(_("You have already signed up."))
    if activity.capacity is not None and selectors.signup_count(activity, occurrence) >= activity.capacity:
        raise ValidationError(_("Sorry, this activity is full."))
    return ActivitySignup.objects.create(activity=activity, person=place.person, occurrence=occurrence)


@transaction.atomic
def activity_signup_cancel(*, actor: User, signup: ActivitySignup) -> None:
    """A resident takes back their own sign-up."""
    place = acting_resident(actor)
    if signup.person_id != place.person.pk:
        raise PermissionDenied
    ActivitySignup.objects.filter(pk=signup.pk).delete()


@transaction.atomic
def attendance_record(*, actor: User, signup: ActivitySignup, attended: bool) -> ActivitySignup:
    """The organiser or staff of the complex records who came."""
    activity = signup.activity
    place = resident_place(actor)
    if place is not None:
        if activity.organiser_id != place.person.pk:
            raise PermissionDenied
    else:
        require_staff_complex(actor, activity.complex, "manage_community")
    signup.attended = attended
    signup.save(update_fields=["attended"])
    return signup
