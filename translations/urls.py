"""The translations app's admin views, mounted under /admin/translations/ by wagtail_hooks.py."""

from django.urls import path

from . import views

app_name = "translations"

urlpatterns = [
    path("coverage/", views.CoverageReportView.as_view(), name="coverage"),
    path("pages/<int:page_id>/<str:language>/review/", views.ReviewView.as_view(), name="review"),
    path("pages/<int:page_id>/<str:language>/machine-draft/", views.MachineDraftView.as_view(), name="machine_draft"),
]
