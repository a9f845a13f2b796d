from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.my_events, name="list"),
    path("new/", views.post_event, name="new"),
    path("<int:event_id>/edit/", views.edit_event, name="edit"),
    path("<int:event_id>/cancel/", views.cancel_event, name="cancel"),
    path("calendars/<int:member_id>/", views.member_calendar, name="member_calendar"),
]
