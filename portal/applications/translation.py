from modeltranslation.translator import TranslationOptions, register

from .models import ApplicationFormField, ApplicationFormPage


@register(ApplicationFormPage)
class ApplicationFormPageTranslation(TranslationOptions):
    fields = ("intro", "thank_you_text", "subject", "acknowledgement")


@register(ApplicationFormField)
class ApplicationFormFieldTranslation(TranslationOptions):
    # Not clean_name: the stored answers' keys are the same in every language.
    fields = ("label", "help_text", "choices", "default_value")
