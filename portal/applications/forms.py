"""The application form as Wagtail's form builder makes it, with three additions: choices shown
in the visitor's language but submitted as their English text, a file attachment checked by name,
content and size, and a honeypot field for bots."""

from pathlib import Path

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, _split_by_newline_or_comma

FILE = "file"
CHOICE_TYPES = {"dropdown", "multiselect", "radio", "checkboxes"}
# A dash: no clean_name (ascii_snake_case, from a label) can ever take this name.
HONEYPOT = "website-url"

# The extension a file may have, and what its content must then be (as `filetype` names it).
ATTACHMENT_TYPES = {"pdf": "pdf", "docx": "docx", "odt": "odt", "jpg": "jpg", "jpeg": "jpg", "png": "png"}
ATTACHMENT_FORMATS = _("PDF, Word (.docx), OpenDocument (.odt), JPEG or PNG")


def max_upload_bytes() -> int:
    return settings.APPLICATIONS_MAX_UPLOAD_BYTES


class AttachmentField(forms.FileField):
    """A file of an accepted type, whose content is what its extension says, not too large."""

    widget = forms.FileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 255)  # the stored original name
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(f".{extension}" for extension in ATTACHMENT_TYPES)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        extension = Path(upload.name).suffix.lower().lstrip(".")
        if extension not in ATTACHMENT_TYPES:
            raise ValidationError(
                _("Attach a file in one of these formats: %(formats)s."),
                code="extension",
                params={"formats": ATTACHMENT_FORMATS},
            )
        if upload.size > max_upload_bytes():
            raise ValidationError(
                _("The file is larger than %(limit)s: attach a smaller one."),
                code="size",
                params={"limit": filesizeformat(max_upload_bytes())},
            )
        kind = filetype.guess(upload)  # reads the first 8 KB and rewinds
        if kind is None or kind.extension != ATTACHMENT_TYPES[extension]:
            raise ValidationError(
                _(
                    "The file's content is not a .%(extension)s file. Attach a real file in one of these formats: "
                    "%(formats)s."
                ),
                code="content",
                params={"extension": extension, "formats": ATTACHMENT_FORMATS},
            )
        upload.content_type = kind.mime  # what it is, not what the browser said
        return upload


class ApplicationForm(BaseForm):
    """The builder's fields, plus the honeypot: a text field that people never see (it is off
    screen and hidden from screen readers) and bots fill in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    @property
    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != HONEYPOT]

    @property
    def honeypot(self) -> forms.BoundField:
        return self[HONEYPOT]

    @property
    def has_attachment(self) -> bool:
        return any(isinstance(field, AttachmentField) for field in self.fields.values())

    def answers(self) -> dict:
        """What the applicant sent, without the honeypot."""
        return {name: value for name, value in self.cleaned_data.items() if name != HONEYPOT}


class ApplicationFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ApplicationForm", (ApplicationForm,), self.formfields)

    # Every text has a limit, so nothing unbounded reaches the database or the emails.
    def create_multiline_field(self, field, options):
        options["max_length"] = 10_000
        options["widget"] = forms.Textarea(attrs={"rows": 6})
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return forms.EmailField(**options)

    def create_number_field(self, field, options):
        return forms.DecimalField(max_digits=15, decimal_places=2, **options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "—"), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_file_field(self, field, options):
        options["initial"] = None
        return AttachmentField(**options)

    def get_formatted_field_choices(self, field):
        """(English text, text in the active language) pairs: the English text is what is
        submitted and stored; where a translation has fewer lines, the English shows."""
        english = _split_by_newline_or_comma(field.choices_en or field.choices)
        shown = _split_by_newline_or_comma(field.choices) if field.choices else []
        return [(value, shown[i] if i < len(shown) and shown[i] else value) for i, value in enumerate(english)]

    def get_formatted_field_initial(self, field):
        # A choice's default is a stored value, so English.
        return _split_by_newline_or_comma(field.default_value_en or field.default_value)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in CHOICE_TYPES:
            initial = self.get_formatted_field_initial(field)
            options["initial"] = initial if field.field_type in {"multiselect", "checkboxes"} else initial[0]
        return options
