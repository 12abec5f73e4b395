"""The access log: who read or wrote which household's special-category data, and why; and whether
the audit trail's hash chains are intact."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from omkijken.accounts.access import actor, requires
from omkijken.accounts.audit import verify_chain
from omkijken.accounts.models import AccessEvent, WriteEvent
from omkijken.accounts.selectors import access_log_events, write_events_for
from omkijken.web.pagination import paginate

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
