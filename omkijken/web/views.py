"""Thin views: parse, call one selector or service, render. Access is decided in selectors
(which records) and the policy table (which pages); a page a role may not use answers 403, a
record outside the actor's scope 404."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.models import AccessEvent, Role
from omkijken.accounts.policy import can
from omkijken.accounts.selectors import access_events_for
from omkijken.portfolio.selectors import complex_detail, complex_list, complex_units, occupancy_by_complex
from omkijken.projects import services as project_services
from omkijken.projects.selectors import project_detail, project_list
from omkijken.quotas.selectors import municipal_report
from omkijken.residents import services as resident_services
from omkijken.residents.models import Person, TargetGroupStatus
from omkijken.residents.selectors import (
    client_page,
    household_detail,
    household_list,
    households_for,
    lease_type_label_for,
    open_status_filter,
    special_category_for,
)
from omkijken.web.charts import MixBar
from omkijken.web.forms import MixTargetForm, PhaseChangeForm, TargetGroupStatusForm

PAGE_SIZE = 25

View = Callable[..., HttpResponse]


def requires(capability: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def paginate(request: HttpRequest, items: QuerySet[Any] | list[Any], size: int = PAGE_SIZE) -> Page:
    return Paginator(items, size).get_page(request.GET.get("page"))


def _attach_mix_bars(projects: list[Any]) -> list[Any]:
    """Set ``project.mix_bars``: one bar per complex of each project, from one occupancy query."""
    complex_ids = sorted({c.pk for p in projects for c in p.complexes.all()})
    occupancy = occupancy_by_complex(complex_ids)
    for project in projects:
        project.mix_bars = [
            MixBar.for_project_complex(c, occupancy[c.pk].total, project) for c in project.complexes.all()
        ]
    return projects


# --- Home -----------------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = user.role
    context: dict[str, Any] = {"role": role}
    if role in (
        Role.PROJECT_LEADER,
        Role.LETTING_OFFICER,
        Role.ADMIN,
        Role.BUILDING_MANAGER,
        Role.CARE_COORDINATOR,
    ):
        context["projects"] = _attach_mix_bars(list(project_list(user)))
    if role == Role.BUILDING_MANAGER:
        complexes = list(complex_list(user))
        occupancy = occupancy_by_complex([c.pk for c in complexes])
        context["complex_rows"] = [(c, occupancy[c.pk].total) for c in complexes]
    if role == Role.CARE_COORDINATOR:
        context["client_count"] = households_for(user).count()
    if role in (Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN):
        context["household_count"] = households_for(user).count()
    if role == Role.ADMIN:
        context["recent_reads"] = access_events_for(user)[:5]
    if role == Role.MUNICIPAL_OFFICER:
        context["report"] = municipal_report(user)
    if role == Role.RESIDENT:
        person = Person.objects.filter(user=user).select_related("household").first()
        if person is not None:
            household = household_detail(user, person.household_id)
            current = [lease for lease in household.all_leases if lease.is_current(timezone.localdate())]
            context["household"] = household
            context["lease"] = current[0] if current else None
            context["managers"] = list(current[0].unit.complex.managers.all()) if current else []
    return render(request, f"web/home_{role or 'none'}.html", context)


# --- Complexes ------------------------------------------------------------------------------------


@requires("view_complexes")
def complexes(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, complex_list(request.user, query=query))
    occupancy = occupancy_by_complex([c.pk for c in page.object_list])
    rows = [(c, occupancy[c.pk].total) for c in page.object_list]
    return render(request, "web/complex_list.html", {"page": page, "rows": rows, "q": query})


@requires("view_complexes")
def complex_page(request: HttpRequest, pk: int) -> HttpResponse:
    complex_ = complex_detail(request.user, pk)
    occupancy = occupancy_by_complex([complex_.pk])[complex_.pk]
    projects = list(complex_.projects.all())
    project = projects[0] if projects else None
    query = request.GET.get("q", "").strip()
    units = paginate(request, complex_units(complex_, query=query), size=50)
    section_bars = [
        (
            section,
            occupancy.sections.get(section.pk),
            MixBar.for_section(section, occupancy.sections.get(section.pk), project),
        )
        for section in complex_.sections.all()
    ]
    context = {
        "complex": complex_,
        "occupancy": occupancy.total,
        "project": project,
        "complex_bar": MixBar.for_project_complex(complex_, occupancy.total, project),
        "section_bars": section_bars,
        "units": units,
        "q": query,
    }
    return render(request, "web/complex_detail.html", context)


# --- Projects -------------------------------------------------------------------------------------


@requires("view_projects")
def projects(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, project_list(request.user, query=query))
    _attach_mix_bars(list(page.object_list))
    return render(request, "web/project_list.html", {"page": page, "q": query})


def _project_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    project = project_detail(request.user, pk)
    complexes = list(project.complexes.all())
    occupancy = occupancy_by_complex([c.pk for c in complexes])
    managers = {m for c in complexes for m in c.managers.all()}
    return {
        "project": project,
        "bars": [MixBar.for_project_complex(c, occupancy[c.pk].total, project) for c in complexes],
        "managers": sorted(managers, key=lambda m: (m.last_name, m.first_name)),
        "can_change": can(request.user, "change_project"),
    }


@requires("view_projects")
def project_page(request: HttpRequest, pk: int) -> HttpResponse:
    context = _project_context(request, pk)
    project = context["project"]
    context["phase_form"] = PhaseChangeForm(initial={"to_phase": project.phase})
    context["mix_form"] = MixTargetForm(
        initial={
            "target_percent": project.target_vulnerable_share * 100,
            "tolerance_points": project.tolerance * 100,
        }
    )
    return render(request, "web/project_detail.html", context)


@require_POST
@requires("change_project")
def project_phase(request: HttpRequest, pk: int) -> HttpResponse:
    context = _project_context(request, pk)
    project = context["project"]
    form = PhaseChangeForm(request.POST)
    if form.is_valid():
        try:
            project_services.project_change_phase(
                project=project,
                to_phase=form.cleaned_data["to_phase"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The project's phase was changed."))
            return redirect("project_detail", pk=project.pk)
    context["phase_form"] = form
    context["mix_form"] = MixTargetForm(
        initial={
            "target_percent": project.target_vulnerable_share * 100,
            "tolerance_points": project.tolerance * 100,
        }
    )
    return render(request, "web/project_detail.html", context, status=400)


@require_POST
@requires("change_project")
def project_mix(request: HttpRequest, pk: int) -> HttpResponse:
    context = _project_context(request, pk)
    project = context["project"]
    form = MixTargetForm(request.POST)
    if form.is_valid():
        try:
            project_services.project_set_mix_target(
                project=project,
                target=form.cleaned_data["target_percent"] / Decimal(100),
                tolerance=form.cleaned_data["tolerance_points"] / Decimal(100),
                actor=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The mix target was changed."))
            return redirect("project_detail", pk=project.pk)
    context["phase_form"] = PhaseChangeForm(initial={"to_phase": project.phase})
    context["mix_form"] = form
    return render(request, "web/project_detail.html", context, status=400)


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- Households -----------------------------------------------------------------------------------


@requires("view_households")
def households(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, household_list(request.user, query=query))
    return render(request, "web/household_list.html", {"page": page, "q": query})


def _household_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    household = household_detail(request.user, pk)
    today = timezone.localdate()
    special = special_category_for(
        request.user, household, view="household_detail", purpose=_purpose_for(request.user.role)
    )
    leases = [
        (lease, lease_type_label_for(request.user, lease), lease.is_current(today))
        for lease in household.all_leases
    ]
    return {
        "household": household,
        "members": list(household.members.all()),
        "leases": leases,
        "special": special,
        "can_record": can(request.user, "record_target_group") and special is None,
    }


def _purpose_for(role: str | None) -> str:
    return {
        Role.LETTING_OFFICER: AccessEvent.Purpose.LETTING,
        Role.CARE_COORDINATOR: AccessEvent.Purpose.CARE_COORDINATION,
        Role.PROJECT_LEADER: AccessEvent.Purpose.PROJECT_MIX,
        Role.ADMIN: AccessEvent.Purpose.AUDIT,
    }.get(role or "", AccessEvent.Purpose.TENANCY_MANAGEMENT)


@login_required
def household_page(request: HttpRequest, pk: int) -> HttpResponse:
    if request.user.role not in (
        Role.PROJECT_LEADER,
        Role.LETTING_OFFICER,
        Role.BUILDING_MANAGER,
        Role.ADMIN,
        Role.CARE_COORDINATOR,
        Role.RESIDENT,
    ):
        raise PermissionDenied
    context = _household_context(request, pk)
    context["status_form"] = TargetGroupStatusForm(initial={"start_date": timezone.localdate()})
    return render(request, "web/household_detail.html", context)


@require_POST
@requires("record_target_group")
def household_status(request: HttpRequest, pk: int) -> HttpResponse:
    context = _household_context(request, pk)
    form = TargetGroupStatusForm(request.POST)
    if form.is_valid():
        try:
            resident_services.target_group_status_record(
                household=context["household"],
                target_group=form.cleaned_data["target_group"],
                care_partner=form.cleaned_data["care_partner"],
                start_date=form.cleaned_data["start_date"],
                consent_reference=form.cleaned_data["consent_reference"],
                actor=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The target-group status was recorded."))
            return redirect("household_detail", pk=pk)
    context["status_form"] = form
    return render(request, "web/household_detail.html", context, status=400)


# --- Care partner ---------------------------------------------------------------------------------


@requires("view_clients")
def clients(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    households_qs = households_for(request.user)
    if query:
        households_qs = households_qs.filter(name__icontains=query)
    page = paginate(request, households_qs.order_by("name", "id"))
    rows = client_page(request.user, page.object_list, view="client_list")
    capacity = _partner_capacity(request)
    return render(
        request, "web/client_list.html", {"page": page, "rows": rows, "q": query, "capacity": capacity}
    )


def _partner_capacity(request: HttpRequest) -> list[dict[str, Any]]:
    """Per agreement: the partner's capacity and its own clients living in that complex now."""
    from omkijken.projects.models import CarePartnerAgreement
    from omkijken.residents.models import Lease
    from omkijken.residents.selectors import current_lease_filter

    today = timezone.localdate()
    org = request.user.organisation
    agreements = list(
        CarePartnerAgreement.objects.filter(care_partner=org).select_related("complex", "project")
    )
    own_clients = TargetGroupStatus.objects.filter(open_status_filter(today), care_partner=org).values(
        "household_id"
    )
    counts = dict(
        Lease.objects.filter(current_lease_filter(today), household_id__in=own_clients)
        .values_list("unit__complex_id")
        .annotate(n=Count("id"))
    )
    return [{"agreement": a, "clients": counts.get(a.complex_id, 0)} for a in agreements]


# --- Municipality and audit -----------------------------------------------------------------------


@requires("view_municipal_report")
def report(request: HttpRequest) -> HttpResponse:
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else None
    return render(request, "web/municipal_report.html", {"report": municipal_report(request.user, year=year)})


@requires("audit_access")
def access_log(request: HttpRequest) -> HttpResponse:
    events = access_events_for(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        events = events.filter(household__name__icontains=query) | events.filter(
            actor__username__icontains=query
        )
    page = paginate(request, events, size=50)
    return render(request, "web/access_log.html", {"page": page, "q": query})
