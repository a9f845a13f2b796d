from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("<str:external_id>/", views.proposal_detail, name="detail"),
]
