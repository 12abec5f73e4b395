"""The portfolio view: across all projects, what needs attention (overdue and blocked tasks), the
phases, upcoming milestones (key handovers) and the mix. Filter by project, group and owner."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.access import actor, requires
from omkijken.projects import work_selectors as sel
from omkijken.projects.charts import attach_mix_bars
from omkijken.projects.models import WorkingGroup
from omkijken.projects.selectors import projects_for
from omkijken.projects.work_forms import UserChoice
from omkijken.web.pagination import PAGE_SIZE


class PortfolioFilterForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=sel.Project.objects.none(), required=False, empty_label=_("All projects")
    )
    group = forms.ChoiceField(
        label=_("Working group"), required=False, choices=[("", _("All groups")), *WorkingGroup.Kind.choices]
    )
    owner = UserChoice(
        label=_("Owner"), queryset=sel.User.objects.none(), required=False, empty_label=_("Everyone")
    )


@requires("view_portfolio")
def portfolio(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = PortfolioFilterForm(request.GET or None)
    form.fields["project"].queryset = projects_for(user).order_by("name")  # type: ignore[attr-defined]
    form.fields["owner"].queryset = sel.task_owners(user)  # type: ignore[attr-defined]
    chosen = sel.PortfolioFilter()
    if form.is_valid():
        d = form.cleaned_data
        chosen = sel.PortfolioFilter(
            project=d["project"].pk if d["project"] else None,
            group=d["group"] or "",
            owner=d["owner"].pk if d["owner"] else None,
        )
    projects = Paginator(sel.portfolio_projects(user, chosen), PAGE_SIZE).get_page(request.GET.get("page"))
    attach_mix_bars(list(projects.object_list))
    tasks = Paginator(sel.attention_tasks(user, chosen), PAGE_SIZE).get_page(request.GET.get("taken"))
    return render(
        request,
        "projects/portfolio.html",
        {
            "form": form,
            "projects": projects,
            "tasks": tasks,
            "milestones": sel.upcoming_milestones(user, chosen),
        },
    )
