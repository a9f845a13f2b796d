from django.urls import include, path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_attachment_url():
    urls = [path("attachments/<int:pk>/", views.attachment, name="attachment")]
    return [path("applications/", include((urls, "applications"), namespace="applications"))]
