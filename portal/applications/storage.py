"""Where applicants' attachments are kept: a folder outside MEDIA_ROOT with no URL of its own.

Not Wagtail documents: those are served under /documents/ and listed in every editor's document
chooser, and an applicant's budget or identity papers are for the communications team only. The
files are read back only through the admin view `applications:attachment`, which asks Wagtail's
own form-submission permission (page "change" on the form page).

Which storage is STORAGES["applications"]: this folder by default; a private bucket when media
is on S3 (portal/settings/production.py), so that no app server keeps files of its own."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return str(settings.APPLICATIONS_PRIVATE_ROOT)

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Application attachments have no public address; use the admin's attachment view.")

    def _clear_cached_properties(self, setting, **kwargs):  # FileSystemStorage connects it to setting_changed
        if setting == "APPLICATIONS_PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
        super()._clear_cached_properties(setting, **kwargs)


def private_storage():
    return storages["applications"]
