from django.urls import path

from omkijken.projects.lessons import views

urlpatterns = [
    path("projecten/<int:pk>/evaluaties/", views.project_evaluations, name="project_evaluations"),
    path("evaluaties/<int:pk>/", views.evaluation_page, name="evaluation_detail"),
    path("evaluaties/<int:pk>/pdf/", views.evaluation_pdf_view, name="evaluation_pdf"),
    path("lessen/", views.lesson_search, name="lesson_search"),
]
