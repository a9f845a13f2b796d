from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .grants.models import GrantsSyncRun, Proposal, ServiceStandard, SponsorCode


class ProposalViewSet(ModelViewSet):
    """Read-only: proposals live in the grants system and arrive by sync."""

    model = Proposal
    icon = "doc-full"
    list_display = ["external_id", "title", "status", "country", "remote_updated_at", "deleted"]
    list_filter = ["status", "programme", "deleted"]
    search_fields = ["external_id", "title", "city"]
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["payload"]
    form_fields = []


class ServiceStandardViewSet(ModelViewSet):
    model = ServiceStandard
    icon = "time"
    list_display = ["name", "status", "target_days", "counting"]
    form_fields = [
        "status",
        *(f"name_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES),
        "target_days",
        "counting",
        "due_soon_days",
    ]


class SponsorCodeViewSet(ModelViewSet):
    model = SponsorCode
    icon = "tag"
    list_display = ["code", "member"]
    search_fields = ["code"]
    form_fields = ["code", "member"]


class GrantsSyncRunViewSet(ModelViewSet):
    model = GrantsSyncRun
    icon = "resubmit"
    list_display = ["started_at", "succeeded", "pages", "created", "updated", "rejected", "source"]
    list_filter = ["succeeded"]
    inspect_view_enabled = True
    form_fields = []


class GrantsViewSetGroup(ViewSetGroup):
    menu_label = _("Grants")
    menu_icon = "doc-full-inverse"
    items = (ProposalViewSet, ServiceStandardViewSet, SponsorCodeViewSet, GrantsSyncRunViewSet)


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()
