"""Reads of jobs: a user sees the jobs they started (a job may carry an export); others answer 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from omkijken.accounts.models import User
from omkijken.jobs.models import Job

LIST_FIELDS = (
    "id",
    "kind",
    "title",
    "state",
    "progress_done",
    "progress_total",
    "progress_label",
    "result",
    "errors",
    "output_name",
    "created_at",
    "started_at",
    "finished_at",
    "attempts",
    "started_by_id",
)


def jobs_for(actor: User) -> QuerySet[Job]:
    if not actor.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(started_by=actor).only(*LIST_FIELDS)


def job_for(actor: User, pk: int) -> Job:
    job = jobs_for(actor).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def job_output(actor: User, pk: int) -> Job:
    job = Job.objects.filter(started_by=actor, pk=pk, state=Job.State.SUCCEEDED).first()
    if job is None or job.output is None:
        raise Http404
    return job
