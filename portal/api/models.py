from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="code")
class ApiSettings(BaseGenericSetting):
    """Who may write to the API from a browser on another site (reading is open to all)."""

    write_origins = models.TextField(
        _("origins allowed to write"),
        blank=True,
        help_text=_("One per line, e.g. https://www.member-city.org. Other sites can only read."),
    )

    class Meta:
        verbose_name = _("API")

    @property
    def write_origin_list(self) -> list[str]:
        return [line.strip().rstrip("/") for line in self.write_origins.splitlines() if line.strip()]
