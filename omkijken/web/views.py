"""The home page: each role's own overview, built from the contexts' selectors. Which panels a
role sees is in the policy table; which records, in the selectors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from omkijken.accounts.access import actor
from omkijken.accounts.policy import can
from omkijken.accounts.selectors import access_events_for
from omkijken.portfolio.selectors import complex_list, occupancy_by_complex
from omkijken.projects.announcements.selectors import RESIDENT_NOTICE_DAYS, resident_announcements
from omkijken.projects.charts import attach_mix_bars
from omkijken.projects.locationplan.selectors import open_actions_of, plan_list
from omkijken.projects.selectors import project_list
from omkijken.quotas.selectors import municipal_report
from omkijken.residents.selectors import housed_household_count, own_household, prefetched_leases


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    role = user.role
    context: dict[str, Any] = {"role": role}
    if can(user, "view_projects"):
        context["projects"] = attach_mix_bars(list(project_list(user)))
    if can(user, "home_managed_complexes"):
        complexes = list(complex_list(user))
        occupancy = occupancy_by_complex([c.pk for c in complexes])
        context["complex_rows"] = [(c, occupancy[c.pk].total) for c in complexes]
    if can(user, "view_clients"):
        # the label says "live in a home": clients without a current lease are not counted
        context["client_count"] = housed_household_count(user)
    if can(user, "home_household_count"):
        context["household_count"] = housed_household_count(user)
    if can(user, "audit_access"):
        context["recent_reads"] = access_events_for(user)[:5]
    if can(user, "home_municipal_report"):
        context["report"] = municipal_report(user)
    if can(user, "home_location_plans"):
        context["plans"] = list(plan_list(user))
        context["plan_actions"] = list(open_actions_of(user)[:10])
    if can(user, "home_own_household"):
        household = own_household(user)
        if household is not None:
            current = [
                lease for lease in prefetched_leases(household) if lease.is_current(timezone.localdate())
            ]
            context["household"] = household
            context["lease"] = current[0] if current else None
            context["managers"] = list(current[0].unit.complex.managers.all()) if current else []
    if can(user, "read_announcements"):
        context["announcements"] = resident_announcements(user, days=RESIDENT_NOTICE_DAYS)[:3]
    return render(request, f"web/home_{role or 'none'}.html", context)
