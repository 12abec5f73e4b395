"""The access log: who read which household's special-category data, and why."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from omkijken.accounts.access import actor, requires
from omkijken.accounts.selectors import access_log_events
from omkijken.web.pagination import paginate


@requires("audit_access")
def access_log(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, access_log_events(actor(request), query=query), size=50)
    return render(request, "accounts/access_log.html", {"page": page, "q": query})
