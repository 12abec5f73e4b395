"""Pages of the housing portfolio: the complexes an actor may see, and one complex with its mix."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from omkijken.accounts.access import actor, requires
from omkijken.portfolio.selectors import complex_detail, complex_list, complex_units, occupancy_by_complex
from omkijken.web.charts import MixBar
from omkijken.web.pagination import paginate


@requires("view_complexes")
def complexes(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, complex_list(actor(request), query=query))
    occupancy = occupancy_by_complex([c.pk for c in page.object_list])
    rows = [(c, occupancy[c.pk].total) for c in page.object_list]
    return render(request, "portfolio/complex_list.html", {"page": page, "rows": rows, "q": query})


@requires("view_complexes")
def complex_page(request: HttpRequest, pk: int) -> HttpResponse:
    complex_ = complex_detail(actor(request), pk)
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
    return render(request, "portfolio/complex_detail.html", context)
