from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import MemberCalendar


class MemberCalendarViewSet(ModelViewSet):
    """Members' own calendar feeds and how their last import went."""

    model = MemberCalendar
    icon = "date"
    menu_label = _("Member calendars")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["member", "url", "last_imported_at", "last_imported_count", "last_error"]
    search_fields = ["url"]
    form_fields = ["member", "url"]


@hooks.register("register_admin_viewset")
def register_member_calendars():
    return MemberCalendarViewSet("member_calendars")
