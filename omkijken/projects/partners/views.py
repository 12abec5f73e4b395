"""The partner pipeline of a project: its talks, and one talk with its notes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.projects import work_selectors as sel
from omkijken.projects.partners import services
from omkijken.projects.partners.models import PartnerTalk, Stage
from omkijken.projects.work_forms import TalkForm, TalkNoteForm, TalkStageForm
from omkijken.residents.models import TargetGroup
from omkijken.web.ui import post_action


@requires("view_partner_talks")
def project_partners(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    return render(
        request,
        "projects/project_partners.html",
        {
            "project": project,
            "talks": list(sel.talks_of(project)),
            "form": TalkForm(complexes=project.complexes.order_by("name")),
            "stages": Stage.choices,
        },
    )


@require_POST
@requires("change_project")
def talk_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    return post_action(
        request,
        TalkForm(request.POST, complexes=project.complexes.all()),
        save=lambda f: services.talk_create(project=project, actor=actor(request), **f.cleaned_data),
        success=_("The talks were recorded."),
        back=redirect("project_partners", pk=project.pk),
        done=lambda talk: redirect("project_talk", pk=talk.pk),
    )


@requires("view_partner_talks")
def project_talk(request: HttpRequest, pk: int) -> HttpResponse:
    talk = sel.talk_for(actor(request), pk)
    labels = dict(TargetGroup.choices)
    return render(
        request,
        "projects/project_talk.html",
        {
            "talk": talk,
            "project": talk.project,
            "target_groups": [labels.get(code, code) for code in talk.target_groups],
            "note_form": TalkNoteForm(),
            "stage_form": TalkStageForm(initial={"stage": _next_stage(talk)}),
        },
    )


def _next_stage(talk: PartnerTalk) -> str:
    order = Stage.values
    index = order.index(talk.stage)
    return order[min(index + 1, len(order) - 1)]


@require_POST
@requires("change_project")
def talk_note(request: HttpRequest, pk: int) -> HttpResponse:
    talk = sel.talk_for(actor(request), pk)
    return post_action(
        request,
        TalkNoteForm(request.POST),
        save=lambda f: services.talk_add_note(talk=talk, actor=actor(request), **f.cleaned_data),
        success=_("The note was saved."),
        back=redirect("project_talk", pk=talk.pk),
    )


@require_POST
@requires("change_project")
def talk_stage(request: HttpRequest, pk: int) -> HttpResponse:
    talk = sel.talk_for(actor(request), pk)

    def success(moved: PartnerTalk) -> str:
        if moved.stage == Stage.AGREEMENT and moved.agreement_id:
            return _("The talks reached an agreement: the care-partner agreement was made.")
        return _("The stage was changed to: %(stage)s.") % {"stage": moved.get_stage_display()}

    return post_action(
        request,
        TalkStageForm(request.POST),
        save=lambda f: services.talk_move(
            talk=talk,
            stage=f.cleaned_data["stage"],
            start_date=f.cleaned_data["start_date"],
            actor=actor(request),
        ),
        success=success,
        back=redirect("project_talk", pk=talk.pk),
    )
