"""Pages of announcements: a project's announcements with the form, one announcement (with its
printable letters), and a resident's own announcements with their choice about news."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.projects.announcements import selectors, services
from omkijken.projects.announcements.forms import AnnouncementForm, NewsPreferenceForm
from omkijken.projects.announcements.models import Announcement
from omkijken.projects.announcements.pdf import letters_pdf
from omkijken.projects.models import Project
from omkijken.projects.selectors import projects_for
from omkijken.web.ui import button_action, form_page, post_action


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(projects_for(actor(request)).select_related("corporation"), pk=pk)


@requires("send_announcements")
def project_announcements(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    project = _project(request, pk)
    form = AnnouncementForm(request.POST if request.method == "POST" else None, project=project)

    def save(f: AnnouncementForm) -> Announcement:
        return services.announcement_create(actor=user, project=project, **f.cleaned_data)

    return form_page(
        request,
        form,
        template="projects/announcements/project_announcements.html",
        save=save,
        done=lambda a: redirect("announcement_detail", pk=a.pk),
        success=_("The announcement was saved."),
        context={"project": project, "announcements": selectors.project_announcements(user, project.pk)},
    )


@requires("send_announcements")
def announcement_page(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = selectors.announcement_detail(actor(request), pk)
    deliveries = announcement.deliveries.all()
    context = {
        "announcement": announcement,
        "emailed": deliveries.filter(channel="email").count(),
        "posted": deliveries.filter(channel="post").count(),
    }
    return render(request, "projects/announcements/announcement_detail.html", context)


@requires("send_announcements")
def announcement_letters(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = selectors.announcement_detail(actor(request), pk)
    deliveries = list(selectors.post_deliveries(announcement))
    response = HttpResponse(letters_pdf(announcement, deliveries), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mededeling-{announcement.pk}-brieven.pdf"'
    return response


@require_POST
@requires("send_announcements")
def announcement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    announcement = selectors.announcement_detail(user, pk)
    project_pk = announcement.project_id
    return button_action(
        request,
        lambda: services.announcement_cancel(actor=user, announcement=announcement),
        success=_("The scheduled announcement was withdrawn."),
        back=redirect("announcement_detail", pk=pk),
        done=lambda _result: redirect("project_announcements", pk=project_pk),
    )


@requires("read_announcements")
def my_announcements(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    household_id = selectors.own_household_id(user)
    if household_id is None:
        raise PermissionDenied
    if request.method == "POST":
        return post_action(
            request,
            NewsPreferenceForm(request.POST),
            save=lambda f: services.news_preference_set(
                actor=user, non_essential=f.cleaned_data["non_essential"]
            ),
            success=_("Your choice about news was saved."),
            back=redirect("my_announcements"),
        )
    form = NewsPreferenceForm(initial={"non_essential": selectors.wants_news(household_id)})
    context = {"announcements": selectors.resident_announcements(user), "form": form}
    return render(request, "projects/announcements/my_announcements.html", context)
