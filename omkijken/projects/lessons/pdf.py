"""An evaluation as a PDF to share with partners, in the active language."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omkijken.projects.lessons.models import Evaluation
from omkijken.projects.models import Phase, WorkingGroup
from omkijken.projects.pdf import Page, render
from omkijken.residents.models import TargetGroup


def tags_of(evaluation: Evaluation) -> str:
    tags = [str(Phase(evaluation.phase).label)]
    if evaluation.working_group:
        tags.append(str(WorkingGroup.Kind(evaluation.working_group).label))
    if evaluation.target_group:
        tags.append(str(TargetGroup(evaluation.target_group).label))
    if evaluation.topic:
        tags.append(evaluation.topic)
    return " · ".join(tags)


def evaluation_pdf(evaluation: Evaluation, *, language: str) -> bytes:
    project = evaluation.project
    kind = (
        _("Yearly evaluation %(year)s") % {"year": evaluation.year}
        if evaluation.kind == Evaluation.Kind.YEARLY
        else _("Evaluation after the phase “%(phase)s”") % {"phase": Phase(evaluation.phase).label}
    )
    recorded_by = evaluation.created_by.get_full_name() if evaluation.created_by else "–"
    page = Page(
        header=f"{project.corporation.name} · {project.name}",
        title=f"{kind}",
        sections=[
            ("", _("Held on %(date)s, recorded by %(name)s.") % {
                "date": date_format(evaluation.held_on, "DATE_FORMAT"), "name": recorded_by,
            }),
            (_("Tags"), tags_of(evaluation)),
            (_("What went well"), evaluation.went_well),
            (_("What to change"), evaluation.to_change),
        ],
        footer=_("Shared from Omkijken. This evaluation is about the project's work and holds no personal data."),
    )  # fmt: skip
    return render([page], title=f"{project.name}: {kind}", language=language)
