from modeltranslation.translator import TranslationOptions, register

from .models import PublicationIndexPage, PublicationPage


@register(PublicationIndexPage)
class PublicationIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(PublicationPage)
class PublicationPageTranslation(TranslationOptions):
    fields = ("summary",)
