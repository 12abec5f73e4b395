"""Reads of evaluations: a project's own, the lessons for a phase from the corporation's other
projects, and a search across projects (PostgreSQL full text in Dutch where available, a plain
case-insensitive match on SQLite)."""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, Q, QuerySet, Subquery, Value, When
from django.http import Http404

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.projects.lessons.models import Evaluation, LessonSource
from omkijken.projects.models import Project
from omkijken.projects.selectors import projects_for


def evaluations_for(actor: User) -> QuerySet[Evaluation]:
    if not can(actor, "view_lessons"):
        return Evaluation.objects.none()
    return Evaluation.objects.filter(project__in=projects_for(actor))


def evaluation_detail(actor: User, pk: int) -> Evaluation:
    found = evaluations_for(actor).select_related("project", "created_by").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def project_evaluations(project: Project) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(project=project).select_related("created_by")


def lessons_for_phase(project: Project, phase: str, *, limit: int = 5) -> list[Evaluation]:
    """What the corporation's other projects learnt in ``phase``: shown when ``project`` enters it.
    A project that started like an earlier one sees that project's lessons first. Newest first."""
    source = LessonSource.objects.filter(project=project).values("source_id")
    return list(
        Evaluation.objects.filter(project__corporation_id=project.corporation_id, phase=phase)
        .exclude(project=project)
        .annotate(from_source=Case(When(project_id__in=Subquery(source), then=Value(0)), default=Value(1)))
        .select_related("project")
        .order_by("from_source", "-held_on", "-pk")[:limit]
    )


def search_lessons(
    actor: User, *, query: str = "", phase: str = "", working_group: str = "", target_group: str = ""
) -> QuerySet[Evaluation]:
    found = evaluations_for(actor).select_related("project")
    if phase:
        found = found.filter(phase=phase)
    if working_group:
        found = found.filter(working_group=working_group)
    if target_group:
        found = found.filter(target_group=target_group)
    query = query.strip()
    if not query:
        return found.order_by("-held_on", "-pk")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("topic", weight="A", config="dutch")
            + SearchVector("went_well", "to_change", weight="B", config="dutch")
            + SearchVector("project__name", weight="C", config="dutch")
        )
        search = SearchQuery(query, config="dutch", search_type="websearch")
        return (
            found.annotate(rank=SearchRank(vector, search))
            .filter(rank__gt=0)
            .order_by("-rank", "-held_on", "-pk")
        )
    words = query.split()
    for word in words:
        found = found.filter(
            Q(went_well__icontains=word)
            | Q(to_change__icontains=word)
            | Q(topic__icontains=word)
            | Q(project__name__icontains=word)
        )
    return found.order_by("-held_on", "-pk")
