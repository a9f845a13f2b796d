from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ApplicationAttachment


@receiver(post_delete, sender=ApplicationAttachment, dispatch_uid="applications.delete_attachment_file")
def delete_attachment_file(sender, instance: ApplicationAttachment, **kwargs) -> None:
    """Deleting submissions in the admin deletes their files too, not only the rows."""
    if instance.file:
        instance.file.storage.delete(instance.file.name)
