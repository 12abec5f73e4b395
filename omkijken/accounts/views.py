"""The access log (who read or wrote which household's special-category data, and whether the
audit trail's hash chains are intact); one's own account and password; the accounts an
organisation manages itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts import forms, services
from omkijken.accounts.access import actor, requires, requires_account_manager, requires_recent_auth
from omkijken.accounts.audit import verify_chain
from omkijken.accounts.models import AccessEvent, Organisation, User, WriteEvent
from omkijken.accounts.policy import may_manage_accounts
from omkijken.accounts.selectors import (
    access_log_events,
    account_changes_for,
    invitation_for_token,
    managed_invitations,
    managed_memberships,
    write_events_for,
)
from omkijken.web.pagination import paginate
from omkijken.web.ui import apply_errors

# The page checks the newest events of each chain (bounded work per request); `omkijken audit
# verify` checks the whole chain.
CHAIN_CHECK_WINDOW = 1000


@requires("audit_access")
def access_log(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    query = request.GET.get("q", "").strip()
    page = paginate(request, access_log_events(user, query=query), size=50)
    writes = list(write_events_for(user, query=query)[:50])
    chains = [verify_chain(model, last=CHAIN_CHECK_WINDOW) for model in (AccessEvent, WriteEvent)]
    return render(
        request,
        "accounts/access_log.html",
        {
            "page": page,
            "q": query,
            "writes": writes,
            "chains": chains,
            "chains_ok": all(report.ok for report in chains),
            "window": CHAIN_CHECK_WINDOW,
        },
    )


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    template: str,
    save: Callable[[Any], Any],
    done: Callable[[Any], HttpResponse],
    success: str,
    context: dict[str, Any],
) -> HttpResponse:
    """POST: valid and accepted by the service → flash and ``done``; else the form again with what
    is wrong, answered 400 (nothing was written). GET: the form."""
    if request.method == "POST":
        if form.is_valid():
            try:
                result = save(form)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, success)
                return done(result)
        return render(request, template, {**context, "form": form}, status=400)
    return render(request, template, {**context, "form": form})


# --- One's own account ---------------------------------------------------------------------


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    return render(
        request,
        "accounts/account_home.html",
        {"account": user, "membership": user.membership, "manages": may_manage_accounts(user)},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.ChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            services.record_password_change(user=form.user, reset=False)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.ResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("password_reset_done")

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            services.record_password_change(user=form.user, reset=True)
        return response

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        if not self.validlink:  # expired, used or made up: say so, answered 400
            kwargs.setdefault("status", 400)
        return super().render_to_response(context, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- The organisation's accounts -------------------------------------------------------------


def _organisation(user: User) -> Organisation:
    organisation = user.organisation
    if organisation is None:  # may_manage_accounts already requires a membership
        raise Http404
    return organisation


def _list_context(user: User) -> dict[str, Any]:
    return {
        "organisation": _organisation(user),
        "memberships": list(managed_memberships(user)),
        "invitations": [(i, services.invitation_state(i)) for i in managed_invitations(user)],
        "changes": list(account_changes_for(user)[:20]),
    }


@requires_account_manager
def account_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account_list.html", _list_context(actor(request)))


@requires_account_manager
@requires_recent_auth
def account_invite(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    organisation = _organisation(user)
    form = forms.InviteForm(
        request.POST or None, organisation=organisation, roles=services.grantable_roles(organisation)
    )
    return _form_page(
        request,
        form,
        template="accounts/account_invite.html",
        save=lambda f: services.invite_user(
            actor=user,
            email=f.cleaned_data["email"],
            role=f.cleaned_data["role"],
            job_title=f.cleaned_data["job_title"],
            manages_accounts=f.cleaned_data.get("manages_accounts", False),
        ),
        done=lambda _result: redirect("account_list"),
        success=_("The invitation has been sent."),
        context={"organisation": organisation},
    )


@requires_account_manager
@requires_recent_auth
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    invitation = get_object_or_404(managed_invitations(user), pk=pk)
    try:
        services.revoke_invitation(actor=user, invitation=invitation)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return render(request, "accounts/account_list.html", _list_context(user), status=400)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("account_list")


@requires_account_manager
@requires_recent_auth
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A colleague's account: role, job title, account management; deactivate or reactivate."""
    user = actor(request)
    organisation = _organisation(user)
    membership = get_object_or_404(managed_memberships(user), user_id=pk)
    colleague = membership.user
    action = request.POST.get("action", "membership") if request.method == "POST" else None
    form = forms.MembershipForm(
        request.POST if action == "membership" else None,
        organisation=organisation,
        roles=services.grantable_roles(organisation),
        initial={
            "role": membership.role,
            "job_title": membership.job_title,
            "manages_accounts": membership.manages_accounts,
        },
    )
    context = {
        "organisation": organisation,
        "membership": membership,
        "colleague": colleague,
        "changes": list(account_changes_for(user, user=colleague)[:20]),
    }
    if action in ("deactivate", "reactivate"):
        try:
            services.set_active(actor=user, user=colleague, active=action == "reactivate")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return render(request, "accounts/account_detail.html", {**context, "form": form}, status=400)
        messages.success(
            request,
            _("The account has been reactivated.")
            if action == "reactivate"
            else _("The account has been deactivated; its sessions have ended."),
        )
        return redirect("account_detail", pk=colleague.pk)
    if action not in (None, "membership"):
        messages.error(request, _("Unknown action."))
        return render(request, "accounts/account_detail.html", {**context, "form": form}, status=400)
    return _form_page(
        request,
        form,
        template="accounts/account_detail.html",
        save=lambda f: services.change_membership(
            actor=user,
            user=colleague,
            role=f.cleaned_data["role"],
            job_title=f.cleaned_data["job_title"],
            manages_accounts=f.cleaned_data.get("manages_accounts", False),
        ),
        done=lambda _changes: redirect("account_detail", pk=colleague.pk),
        success=_("The account has been saved."),
        context=context,
    )


# --- The invitee's page (no login: the link is the key) --------------------------------------


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Http404
    state = services.invitation_state(invitation)
    if state != "open":
        return render(
            request,
            "accounts/invitation_closed.html",
            {"message": services.closed_message(state)},
            status=410,
        )
    if request.user.is_authenticated:
        return render(
            request,
            "accounts/invitation_closed.html",
            {"message": _("You are logged in. Log out first: this invitation is for a new account.")},
            status=409,
        )
    form = forms.AcceptInvitationForm(request.POST or None, email=invitation.email)
    return _form_page(
        request,
        form,
        template="accounts/invitation_accept.html",
        save=lambda f: services.accept_invitation(
            token=token,
            first_name=f.cleaned_data["first_name"],
            last_name=f.cleaned_data["last_name"],
            password=f.cleaned_data["password1"],
        ),
        done=lambda _user: redirect("login"),
        success=_("Your account is ready. Log in with your e-mail address and the password you chose."),
        context={"invitation": invitation},
    )
