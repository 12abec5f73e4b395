from django.urls import include, path

from omkijken.projects import portfolio_view, views
from omkijken.projects.decisions import views as decisions
from omkijken.projects.partners import views as partners
from omkijken.projects.setup import views as setup
from omkijken.projects.tasks import views as tasks

urlpatterns = [
    path("projecten/", views.projects, name="project_list"),
    path("projecten/overzicht/", portfolio_view.portfolio, name="project_portfolio"),
    path("projecten/nieuw/", setup.project_new, name="project_new"),
    path("projecten/<int:pk>/", views.project_page, name="project_detail"),
    path("projecten/<int:pk>/fase/", views.project_phase, name="project_phase"),
    path("projecten/<int:pk>/mix/", views.project_mix, name="project_mix"),
    # Set-up (issue 12, part 10)
    path("projecten/<int:pk>/inrichten/", setup.project_setup, name="project_setup"),
    path("projecten/<int:pk>/inrichten/lid/", setup.member_add, name="project_member_add"),
    path("projecten/leden/<int:pk>/verwijderen/", setup.member_remove, name="project_member_remove"),
    path("projecten/<int:pk>/inrichten/afspraak/", setup.agreement_add, name="project_agreement_add"),
    path("projecten/afspraken/<int:pk>/beeindigen/", setup.agreement_end, name="project_agreement_end"),
    path(
        "projecten/<int:pk>/inrichten/sectie/<int:section_pk>/", setup.section_cap, name="project_section_cap"
    ),
    path("projecten/<int:pk>/inrichten/mijlpaal/", setup.milestone_add, name="project_milestone_add"),
    # Phase checklists (part 2)
    path("projecten/<int:pk>/taken/", tasks.project_tasks, name="project_tasks"),
    path("projecten/<int:pk>/taken/nieuw/", tasks.task_add, name="project_task_add"),
    path("projecten/taken/<int:pk>/status/", tasks.task_status, name="project_task_status"),
    path("projecten/<int:pk>/sjablonen/", tasks.project_templates, name="project_templates"),
    path("projecten/<int:pk>/sjablonen/nieuw/", tasks.template_add, name="project_template_add"),
    path("projecten/sjablonen/<int:pk>/verwijderen/", tasks.template_delete, name="project_template_delete"),
    # Partner pipeline (part 1)
    path("projecten/<int:pk>/zorgpartners/", partners.project_partners, name="project_partners"),
    path("projecten/<int:pk>/zorgpartners/nieuw/", partners.talk_add, name="project_talk_add"),
    path("projecten/gesprekken/<int:pk>/", partners.project_talk, name="project_talk"),
    path("projecten/gesprekken/<int:pk>/notitie/", partners.talk_note, name="project_talk_note"),
    path("projecten/gesprekken/<int:pk>/fase/", partners.talk_stage, name="project_talk_stage"),
    # Decisions and documents (part 4)
    path("projecten/<int:pk>/besluiten/", decisions.project_decisions, name="project_decisions"),
    path("projecten/<int:pk>/documenten/", decisions.project_documents, name="project_documents"),
    path("projecten/documenten/<int:pk>/", decisions.document_download, name="project_document"),
    path("", include("omkijken.projects.locationplan.urls")),
    path("", include("omkijken.projects.lessons.urls")),
    path("", include("omkijken.projects.announcements.urls")),
]
