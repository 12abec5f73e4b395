"""Pages of the housing portfolio: the complexes an actor may see, and one complex with its mix."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from omkijken.accounts.access import actor, requires
from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.portfolio.selectors import complex_detail, complex_list, complex_units, occupancy_by_complex
from omkijken.quotas.selectors import suppress
from omkijken.web.charts import MixBar
from omkijken.web.pagination import paginate


def exact_vulnerable_counts(user: User) -> bool:
    """Who sees how many vulnerable households live in a complex or section to the household.

    Those who already read each household's target group (``read_target_group``: project leader,
    letting officer, admin) see the exact counts: hiding a figure they can count themselves protects
    nobody, and they steer the mix with it. Everyone else who sees a complex (the building manager)
    gets the municipality's minimum cell size: a count under 5 is hidden, with a second cell hidden
    where one hidden cell could be worked out from the total, because a section of 8 homes with
    "1 vulnerable" points to one person (issue 16, part 5).
    """
    return can(user, "read_target_group")


@requires("view_complexes")
def complexes(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, complex_list(actor(request), query=query))
    occupancy = occupancy_by_complex([c.pk for c in page.object_list])
    exact = exact_vulnerable_counts(actor(request))
    rows = [
        (
            c,
            occupancy[c.pk].total,
            not exact and suppress({"c": occupancy[c.pk].total.vulnerable})["c"].suppressed,
        )
        for c in page.object_list
    ]
    return render(request, "portfolio/complex_list.html", {"page": page, "rows": rows, "q": query})


@requires("view_complexes")
def complex_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    complex_ = complex_detail(user, pk)
    occupancy = occupancy_by_complex([complex_.pk])[complex_.pk]
    projects = list(complex_.projects.all())
    project = projects[0] if projects else None
    query = request.GET.get("q", "").strip()
    units = paginate(request, complex_units(complex_, query=query), size=50)
    sections = list(complex_.sections.all())
    exact = exact_vulnerable_counts(user)
    hidden = suppress(
        {
            str(section.pk): (occ.vulnerable if (occ := occupancy.sections.get(section.pk)) else 0)
            for section in sections
        }
    )
    # a row: section, occupancy, mix bar, whether its vulnerable count is hidden from this user
    section_bars = [
        (
            section,
            occupancy.sections.get(section.pk),
            MixBar.for_section(section, occupancy.sections.get(section.pk), project),
            not exact and hidden[str(section.pk)].suppressed,
        )
        for section in sections
    ]
    context = {
        "complex": complex_,
        "occupancy": occupancy.total,
        "project": project,
        "complex_bar": MixBar.for_project_complex(complex_, occupancy.total, project),
        "section_bars": section_bars,
        "complex_hidden": not exact and suppress({"c": occupancy.total.vulnerable})["c"].suppressed,
        "units": units,
        "q": query,
    }
    return render(request, "portfolio/complex_detail.html", context)
