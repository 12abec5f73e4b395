"""Pages of residents: the households an actor may see, one household with its (audited)
target-group status, and a care partner's clients."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires, requires_recent_auth
from omkijken.accounts.policy import can, read_purpose
from omkijken.projects.selectors import partner_capacity
from omkijken.residents import services
from omkijken.residents.forms import BuddySharingForm, CareContactForm, TargetGroupStatusForm
from omkijken.residents.selectors import (
    client_households,
    client_page,
    household_detail,
    household_list,
    lease_type_label_for,
    own_buddy_sharing,
    own_care_partner_contact,
    prefetched_leases,
    special_category_for,
)
from omkijken.web.pagination import paginate
from omkijken.web.ui import apply_errors

TEMPLATE = "residents/household_detail.html"


@requires("view_households")
def households(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, household_list(actor(request), query=query))
    return render(request, "residents/household_list.html", {"page": page, "q": query})


def _household_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = actor(request)
    household = household_detail(user, pk)
    today = timezone.localdate()
    special = special_category_for(user, household, view="household_detail", purpose=read_purpose(user))
    leases = [
        (lease, lease_type_label_for(user, lease), lease.is_current(today))
        for lease in prefetched_leases(household)
    ]
    return {
        "household": household,
        "members": list(household.members.all()),
        "leases": leases,
        "special": special,
        "can_record": can(user, "record_target_group") and special is None,
    }


@requires("view_household_detail")
def household_page(request: HttpRequest, pk: int) -> HttpResponse:
    context = _household_context(request, pk)
    context["status_form"] = TargetGroupStatusForm(initial={"start_date": timezone.localdate()})
    return render(request, TEMPLATE, context)


@require_POST
@requires("record_target_group")
@requires_recent_auth
def household_status(request: HttpRequest, pk: int) -> HttpResponse:
    # A rejected form is shown again on the household page with status 400, so form_page (200,
    # one form named "form") does not fit.
    context = _household_context(request, pk)
    form = TargetGroupStatusForm(request.POST)
    if form.is_valid():
        try:
            services.target_group_status_record(
                household=context["household"],
                target_group=form.cleaned_data["target_group"],
                care_partner=form.cleaned_data["care_partner"],
                start_date=form.cleaned_data["start_date"],
                consent_reference=form.cleaned_data["consent_reference"],
                actor=actor(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The target-group status was recorded."))
            return redirect("household_detail", pk=pk)
    context["status_form"] = form
    return render(request, TEMPLATE, context, status=400)


@requires("view_clients")
def clients(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    query = request.GET.get("q", "").strip()
    page = paginate(request, client_households(user, query=query))
    rows = client_page(user, page.object_list, view="client_list")
    context = {"page": page, "rows": rows, "q": query, "capacity": partner_capacity(user)}
    return render(request, "residents/client_list.html", context)


@requires("manage_own_care_contact")
def sharing(request: HttpRequest) -> HttpResponse:
    """The resident's own page: their care-partner contact, and what the building manager sees."""
    user = actor(request)
    contact = own_care_partner_contact(user)
    buddy = own_buddy_sharing(user)
    status = 200
    if contact is not None:
        initial = {
            "care_partner": contact.care_partner,
            "organisation_name": contact.organisation_name,
            "contact_name": contact.contact_name,
            "phone": contact.phone,
            "email": contact.email,
            "consent": contact.consent_active,
        }
    else:
        initial = {}
    form = CareContactForm(initial=initial)
    buddy_form = BuddySharingForm(initial={"share": bool(buddy and buddy.shared_at)})
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "withdraw":
                services.care_contact_withdraw_consent(actor=user)
                messages.success(
                    request, _("Your building manager no longer sees your care-partner contact.")
                )
                return redirect("residents_sharing")
            if action == "delete":
                services.care_contact_delete(actor=user)
                messages.success(request, _("Your care-partner contact was removed."))
                return redirect("residents_sharing")
            if action == "buddy":
                buddy_form = BuddySharingForm(request.POST)
                if buddy_form.is_valid():
                    services.buddy_sharing_set(actor=user, share=buddy_form.cleaned_data["share"])
                    messages.success(request, _("Your choice was saved."))
                    return redirect("residents_sharing")
            else:
                form = CareContactForm(request.POST)
                if form.is_valid():
                    data = form.cleaned_data
                    services.care_contact_save(
                        actor=user,
                        care_partner=data["care_partner"],
                        organisation_name=data["organisation_name"],
                        contact_name=data["contact_name"],
                        phone=data["phone"],
                        email=data["email"],
                        consent=data["consent"],
                    )
                    messages.success(request, _("Your care-partner contact was saved."))
                    return redirect("residents_sharing")
        except ValidationError as exc:
            apply_errors(form, exc)
        status = 400
    context = {"contact": contact, "form": form, "buddy_form": buddy_form, "buddy": buddy}
    return render(request, "residents/sharing.html", context, status=status)
