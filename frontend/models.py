from django.db import models
from django.utils.translation import gettext_lazy as _


class PatternLibrary(models.Model):
    """No table: it carries the permission to open the pattern library, given to the site's staff."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_pattern_library", _("Can see the pattern library"))]

    def __str__(self):
        return str(self._meta.verbose_name)
