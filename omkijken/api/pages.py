"""Web pages of the API: the personal-token page and the API documentation (from the OpenAPI
schema, rendered on the server: no script, nothing from a CDN)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from rest_framework.authtoken.models import Token

from omkijken.accounts.access import actor
from omkijken.api import docs, services


@never_cache
@login_required
def token_page(request: HttpRequest) -> HttpResponse:
    """GET shows whether the user has a token; POST ``issue`` makes a new one and shows it once,
    POST ``revoke`` removes it."""
    user = actor(request)
    if user.role is None:
        raise PermissionDenied
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "issue":
            new_key = services.token_issue(user=user).key
        elif action == "revoke":
            services.token_revoke(user=user)
            messages.success(request, _("Your API token has been revoked."))
            return redirect("api_token")
        else:
            messages.error(request, _("Choose to make a new token or to revoke it."))
            return redirect("api_token")
    token = Token.objects.filter(user=user).only("created").first()
    context: dict[str, Any] = {"token": token, "new_key": new_key}
    return render(request, "api/token.html", context)


@login_required
def docs_page(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"api": docs.describe(request)})
