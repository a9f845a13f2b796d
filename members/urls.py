from django.urls import include, path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("proposals/", include("members.grants.urls")),
    path("events/", include("events.urls")),
    path("links/<int:link_id>/apply-move/", views.apply_moved_link, name="apply_moved_link"),
    path("<int:member_id>/team/", views.team, name="team"),
    path("<int:member_id>/team/<int:user_id>/remove/", views.remove_from_team, name="remove_from_team"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:token_id>/revoke/", views.revoke_api_token, name="revoke_api_token"),
]
