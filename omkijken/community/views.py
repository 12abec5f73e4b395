"""Thin views of the neighbour network: parse, call one service or selector, render.

A page a role may not use answers 403; a record outside the actor's complex answers 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.models import Role
from omkijken.accounts.policy import can
from omkijken.community import calendar, forms, selectors, services
from omkijken.community.models import ActivitySignup, BuddyRequest, CalendarFeed, FundApplication, HelpRequest
from omkijken.residents.models import Person, TargetGroupStatus
from omkijken.residents.selectors import open_status_filter

View = Callable[..., HttpResponse]


def resident_only(view: View) -> View:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can(request.user, "use_neighbour_network"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def staff_only(view: View) -> View:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not any(can(user, c) for c in ("coordinate_buddies", "manage_community", "view_fund_report")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Home ---------------------------------------------------------------------------------------


@login_required
def network_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if can(user, "use_neighbour_network"):
        place = selectors.require_place(user)
        context = {
            "place": place,
            "profile": selectors.own_profile(user),
            "neighbours": selectors.visible_profiles(user),
            "open_help": selectors.help_requests_for(user).filter(status=HelpRequest.Status.OPEN)[:5],
            "activities": selectors.upcoming_activities(user)[:3],
            "buddies": selectors.my_buddies(user),
            "calls": selectors.check_ins_for(user).filter(caller=place.person),
        }
        return render(request, "community/home_resident.html", context)
    if not any(can(user, c) for c in ("coordinate_buddies", "manage_community", "view_fund_report")):
        raise PermissionDenied
    complexes = selectors.staff_complexes(user).order_by("name")
    return render(
        request,
        "community/home_staff.html",
        {
            "complexes": complexes,
            "unclaimed": selectors.unclaimed_help_requests(user)[:20],
            "missed": selectors.missed_check_ins(user)[:20],
            "year": timezone.localdate().year,
        },
    )


# --- Profile ------------------------------------------------------------------------------------


@resident_only
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    if request.method == "POST":
        form = forms.ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.profile_save(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("community_home")
    else:
        initial: dict[str, Any] = {"visibility": "complex", "buddy_capacity": 0}
        if profile is not None:
            initial = {
                name: getattr(profile, name)
                for name in (
                    "is_good_neighbour",
                    "skills",
                    "languages",
                    "interests",
                    "availability",
                    "buddy_capacity",
                    "visibility",
                    "share_phone",
                    "share_email",
                )
            }
        form = forms.ProfileForm(initial=initial)
    return render(request, "community/profile_form.html", {"form": form})


# --- Buddies ------------------------------------------------------------------------------------


@resident_only
def buddy_page(request: HttpRequest) -> HttpResponse:
    own = selectors.own_buddy_request(request.user)
    if request.method == "POST" and own is None:
        form = forms.BuddyRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.buddy_request_create(
                    actor=request.user,
                    languages=data["languages"],
                    needs_shared_language=data["needs_shared_language"],
                    interests=data["interests"],
                    availability=data["availability"],
                    shares=form.shares(),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Thank you. The building manager will look for a buddy with you.")
                )
                return redirect("community_buddy")
    else:
        form = forms.BuddyRequestForm()
    return render(
        request,
        "community/buddy.html",
        {"form": form, "own_request": own, "buddies": selectors.my_buddies(request.user)},
    )


@require_POST
@login_required
def buddy_end(request: HttpRequest, pk: int) -> HttpResponse:
    services.buddy_pair_end(actor=request.user, pair_id=pk)
    messages.success(request, _("The pairing has ended."))
    if can(request.user, "use_neighbour_network"):
        return redirect("community_buddy")
    return redirect("community_home")


@require_POST
@resident_only
def buddy_withdraw(request: HttpRequest) -> HttpResponse:
    services.buddy_request_withdraw(actor=request.user)
    messages.success(request, _("You no longer ask for a buddy."))
    return redirect("community_buddy")


# --- Coordination (staff) -----------------------------------------------------------------------


@staff_only
def coordination(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    complex_ = selectors.network_complex(user, pk)
    context: dict[str, Any] = {"complex": complex_, "year": timezone.localdate().year}
    if can(user, "coordinate_buddies"):
        context["round"] = selectors.buddy_round(user, complex_, view="community_coordination")
    if user.role == Role.CARE_COORDINATOR:
        today = timezone.localdate()
        clients = Person.objects.filter(
            household_id__in=TargetGroupStatus.objects.filter(
                open_status_filter(today), care_partner=user.organisation
            ).values("household_id"),
            pk__in=selectors.persons_in_complex(complex_.pk).values("pk"),
            is_main_tenant=True,
        ).exclude(pk__in=BuddyRequest.objects.exclude(status=BuddyRequest.Status.CLOSED).values("person_id"))
        context["clients_without_request"] = clients.order_by("first_name")
    if can(user, "manage_community"):
        context["unclaimed"] = selectors.unclaimed_help_requests(user).filter(complex=complex_)
        context["help"] = selectors.help_requests_for(user).filter(complex=complex_)[:30]
        agreements = list(selectors.check_ins_for(user).filter(complex=complex_))
        overdue_before = timezone.now() - selectors.CHECK_IN_GRACE
        # The missed calls are the complex's agreements past their grace time: no second query.
        context["agreements"] = agreements
        context["missed"] = [a for a in agreements if a.next_due_at <= overdue_before]
        context["activities"] = selectors.activities_for(user).filter(complex=complex_)
        context["checkin_form"] = forms.CheckInAgreementForm(
            persons=selectors.persons_in_complex(complex_.pk).order_by("first_name", "last_name")
        )
    return render(request, "community/coordination.html", context)


@require_POST
@staff_only
def buddy_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.buddy_pair_confirm(
            actor=request.user, request_id=pk, neighbour_id=int(request.POST["neighbour"])
        )
        messages.success(request, _("The pairing is confirmed."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("community_coordination", pk=int(request.POST["complex"]))


@require_POST
@staff_only
def buddy_decline(request: HttpRequest, pk: int) -> HttpResponse:
    services.buddy_proposal_decline(
        actor=request.user, request_id=pk, neighbour_id=int(request.POST["neighbour"])
    )
    messages.success(request, _("The proposal is declined; it will not be made again."))
    return redirect("community_coordination", pk=int(request.POST["complex"]))


@staff_only
def care_propose(request: HttpRequest, person_pk: int) -> HttpResponse:
    if request.user.role != Role.CARE_COORDINATOR:
        raise PermissionDenied
    person = Person.objects.filter(pk=person_pk).first()
    place = selectors.place_of_person(person_pk) if person else None
    if person is None or place is None:
        raise Http404
    if request.method == "POST":
        form = forms.CareProposalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.buddy_request_propose(
                    actor=request.user,
                    person=person,
                    consent_given=data["consent_given"],
                    languages=data["languages"],
                    needs_shared_language=data["needs_shared_language"],
                    interests=data["interests"],
                    availability=data["availability"],
                    shares=form.shares(),
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The buddy request is recorded."))
                return redirect("community_coordination", pk=place.complex.pk)
    else:
        form = forms.CareProposalForm()
    return render(request, "community/care_propose.html", {"form": form, "person": person, "place": place})


@require_POST
@staff_only
def checkin_create(request: HttpRequest, pk: int) -> HttpResponse:
    complex_ = selectors.network_complex(request.user, pk)
    form = forms.CheckInAgreementForm(request.POST, persons=selectors.persons_in_complex(complex_.pk))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.check_in_agreement_create(
                actor=request.user,
                resident=data["resident"],
                caller=data["caller"],
                every_days=data["every_days"],
                first_call_at=data["first_call"],
            )
            messages.success(request, _("The call is added to the rota."))
        except ValidationError as exc:
            _flash_errors(request, exc)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("community_coordination", pk=complex_.pk)


# --- Check-ins (residents) ----------------------------------------------------------------------


@require_POST
@login_required
def checkin_log(request: HttpRequest, pk: int) -> HttpResponse:
    services.check_in_log(actor=request.user, agreement_id=pk, reached=request.POST.get("reached") == "yes")
    messages.success(request, _("Thank you. The call is noted."))
    return redirect("community_home")


# --- Help ---------------------------------------------------------------------------------------


@resident_only
def help_list(request: HttpRequest) -> HttpResponse:
    place = selectors.require_place(request.user)
    requests = selectors.help_requests_for(request.user)
    return render(
        request,
        "community/help_list.html",
        {
            "place": place,
            "open_requests": requests.filter(status=HelpRequest.Status.OPEN),
            "mine": requests.filter(requester=place.person).exclude(status=HelpRequest.Status.CANCELLED),
            "helping": requests.filter(helper=place.person, status=HelpRequest.Status.CLAIMED),
            "offers": selectors.help_offers_for(request.user),
        },
    )


@resident_only
def help_new(request: HttpRequest) -> HttpResponse:
    form = forms.HelpRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.help_request_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your question is posted. A neighbour can now offer to help."))
            return redirect("community_help_detail", pk=created.pk)
    return render(request, "community/help_form.html", {"form": form})


@resident_only
def offer_new(request: HttpRequest) -> HttpResponse:
    form = forms.HelpOfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.help_offer_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you! Your offer is visible to your neighbours."))
            return redirect("community_help")
    return render(request, "community/offer_form.html", {"form": form})


@login_required
def help_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.help_request_detail(request.user, pk)
    place = selectors.resident_place(request.user)
    me = place.person.pk if place else None
    return render(
        request,
        "community/help_detail.html",
        {
            "item": item,
            "is_requester": me == item.requester_id,
            "is_helper": me is not None and me == item.helper_id,
            "can_claim": me is not None
            and me != item.requester_id
            and item.status == HelpRequest.Status.OPEN,
            "close_form": forms.CloseHelpForm(),
        },
    )


@require_POST
@resident_only
def help_claim(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.help_request_claim(actor=request.user, request_id=pk)
        messages.success(request, _("Thank you! You are helping with this request. Contact your neighbour."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("community_help_detail", pk=pk)


@require_POST
@resident_only
def help_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.help_request_detail(request.user, pk)
    form = forms.CloseHelpForm(request.POST)
    if form.is_valid():
        try:
            services.help_request_close(actor=request.user, request_id=pk, note=form.cleaned_data["note"])
            messages.success(request, _("The request is closed. Thank you!"))
            return redirect("community_help_detail", pk=pk)
        except ValidationError as exc:
            _apply_errors(form, exc)
    place = selectors.require_place(request.user)
    return render(
        request,
        "community/help_detail.html",
        {
            "item": item,
            "is_requester": place.person.pk == item.requester_id,
            "is_helper": place.person.pk == item.helper_id,
            "can_claim": False,
            "close_form": form,
        },
        status=400,
    )


@require_POST
@resident_only
def help_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.help_request_cancel(actor=request.user, request_id=pk)
        messages.success(request, _("Your request is withdrawn."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("community_help")


# --- Activities ---------------------------------------------------------------------------------


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    complexes = list(selectors.network_complexes(request.user))
    if not complexes:
        raise PermissionDenied
    feeds = {f.complex_id: f for f in CalendarFeed.objects.filter(complex__in=complexes)}
    feed_links = [
        (c, request.build_absolute_uri(reverse("community_calendar", args=[feeds[c.pk].token])))
        for c in complexes
        if c.pk in feeds
    ]
    return render(
        request,
        "community/activity_list.html",
        {
            "rows": selectors.upcoming_activities(request.user),
            "feed_links": feed_links,
            "can_create": can(request.user, "use_neighbour_network"),
        },
    )


@resident_only
def activity_new(request: HttpRequest) -> HttpResponse:
    form = forms.ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tz = timezone.get_current_timezone()
        try:
            created = services.activity_create(
                actor=request.user,
                title=data["title"],
                description=data["description"],
                location=data["location"],
                starts_at=dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz),
                ends_at=dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz),
                recurrence=data["recurrence"] or "",
                repeat_until=data["repeat_until"],
                capacity=data["capacity"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The activity is in the calendar."))
            return redirect("community_activity_detail", pk=created.pk)
    return render(request, "community/activity_form.html", {"form": form})


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_detail(request.user, pk)
    place = selectors.resident_place(request.user)
    when = selectors.next_occurrence(activity)
    mine = (
        ActivitySignup.objects.filter(activity=activity, person=place.person, occurrence=when.date()).first()
        if place and when
        else None
    )
    count = selectors.signup_count(activity, when.date()) if when else 0
    may_record = (place is not None and activity.organiser_id == place.person.pk) or (
        place is None and can(request.user, "manage_community")
    )
    signups = (
        ActivitySignup.objects.filter(activity=activity)
        .select_related("person")
        .order_by("-occurrence", "pk")
        if may_record
        else []
    )
    return render(
        request,
        "community/activity_detail.html",
        {
            "activity": activity,
            "when": when,
            "mine": mine,
            "count": count,
            "full": activity.capacity is not None and count >= activity.capacity,
            "is_resident": place is not None,
            "signups": signups,
            "may_record": may_record,
        },
    )


@require_POST
@resident_only
def activity_signup(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.activity_signup(actor=request.user, activity_id=pk)
        messages.success(request, _("You are signed up. See you there!"))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("community_activity_detail", pk=pk)


@require_POST
@resident_only
def activity_signup_cancel(request: HttpRequest, pk: int, signup_pk: int) -> HttpResponse:
    services.activity_signup_cancel(actor=request.user, signup_id=signup_pk)
    messages.success(request, _("You are no longer signed up."))
    return redirect("community_activity_detail", pk=pk)


@require_POST
@login_required
def attendance(request: HttpRequest, pk: int, signup_pk: int) -> HttpResponse:
    selectors.activity_detail(request.user, pk)
    services.attendance_record(
        actor=request.user, signup_id=signup_pk, attended=request.POST.get("attended") == "yes"
    )
    messages.success(request, _("Attendance is recorded."))
    return redirect("community_activity_detail", pk=pk)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("complex").filter(token=token).first()
    if feed is None:
        raise Http404
    response = HttpResponse(
        calendar.complex_calendar(feed.complex), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="omkijken.ics"'
    return response


# --- Fund ---------------------------------------------------------------------------------------


@login_required
def fund_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (can(user, "use_neighbour_network") or can(user, "view_fund_report") or can(user, "decide_fund")):
        raise PermissionDenied
    applications = selectors.fund_applications_for(user)
    return render(
        request,
        "community/fund_list.html",
        {
            "applications": applications,
            "is_resident": can(user, "use_neighbour_network"),
            "complexes": selectors.staff_complexes(user).order_by("name")
            if not can(user, "use_neighbour_network")
            else [],
            "year": timezone.localdate().year,
        },
    )


@resident_only
def fund_apply(request: HttpRequest) -> HttpResponse:
    form = forms.FundApplicationForm(request.POST or None)
    lines = forms.BudgetLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        chosen = [
            (line.cleaned_data["description"], line.cleaned_data["amount"])
            for line in lines
            if line.cleaned_data.get("amount") is not None
        ]
        if not chosen:
            form.add_error(None, _("Add at least one cost, with an amount."))
        else:
            try:
                created = services.fund_apply(actor=request.user, lines=chosen, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Your application is sent. You will hear from us."))
                return redirect("community_fund_detail", pk=created.pk)
    return render(request, "community/fund_form.html", {"form": form, "lines": lines})


@login_required
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.fund_application_detail(request.user, pk)
    return render(request, "community/fund_detail.html", _fund_context(request, application))


def _fund_context(request: HttpRequest, application: FundApplication, **forms_: Form) -> dict[str, Any]:
    user = request.user
    may_decide = can(user, "decide_fund")
    is_approved = application.status == FundApplication.Status.APPROVED
    return {
        "application": application,
        "total": sum(line.amount for line in application.lines.all()),
        "paid": sum(p.amount for p in application.payouts.all()),
        "decision_form": forms_.get("decision_form")
        or (
            forms.DecisionForm()
            if may_decide and application.status == FundApplication.Status.SUBMITTED
            else None
        ),
        "payout_form": forms_.get("payout_form")
        or (forms.PayoutForm() if may_decide and is_approved else None),
        "receipt_form": forms_.get("receipt_form") or (forms.ReceiptForm() if is_approved else None),
    }


@require_POST
@login_required
def fund_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.fund_application_detail(request.user, pk)
    if not can(request.user, "decide_fund"):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.fund_decide(
                actor=request.user,
                application_id=pk,
                approve=data["decision"] == "approve",
                amount=data["amount"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("community_fund_detail", pk=pk)
    return render(
        request,
        "community/fund_detail.html",
        _fund_context(request, application, decision_form=form),
        status=400,
    )


@require_POST
@login_required
def fund_payout(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.fund_application_detail(request.user, pk)
    form = forms.PayoutForm(request.POST)
    if form.is_valid():
        try:
            services.payout_record(actor=request.user, application_id=pk, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The payout is recorded."))
            return redirect("community_fund_detail", pk=pk)
    return render(
        request,
        "community/fund_detail.html",
        _fund_context(request, application, payout_form=form),
        status=400,
    )


@require_POST
@login_required
def receipt_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.fund_application_detail(request.user, pk)
    form = forms.ReceiptForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.receipt_upload(
                actor=request.user,
                application_id=pk,
                upload=form.cleaned_data["file"],
                amount=form.cleaned_data["amount"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The receipt is saved."))
            return redirect("community_fund_detail", pk=pk)
    return render(
        request,
        "community/fund_detail.html",
        _fund_context(request, application, receipt_form=form),
        status=400,
    )


@login_required
def receipt_download(request: HttpRequest, pk: int) -> FileResponse:
    receipt = selectors.receipt_for(request.user, pk)
    response = FileResponse(receipt.file.open("rb"), content_type=receipt.content_type)
    response["Content-Disposition"] = f'inline; filename="bon-{receipt.pk}"'
    return response


@login_required
def fund_report(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "view_fund_report"):
        raise PermissionDenied
    try:
        complex_id = int(request.GET.get("complex", ""))
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError as exc:
        raise Http404 from exc
    report = selectors.fund_report(request.user, complex_id=complex_id, year=year)
    return render(request, "community/fund_report.html", {"report": report})
