"""Image uploads, in the admin and on the site's forms: Wagtail's checks, and a damaged file
refused like any other file that is not an image."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class ImageUploadField(WagtailImageField):
    """Wagtail checks an upload from its header, then decodes it to count its frames: a file that
    stops halfway (a truncated JPEG) raises Pillow's OSError there, a server error unless caught."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError) as error:  # what Pillow raises for a damaged file
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with that upload field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file = self.fields["file"]  # Wagtail's own field, with its label and widget
        self.fields["file"] = ImageUploadField(label=file.label, required=file.required, widget=file.widget)
