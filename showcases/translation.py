from modeltranslation.translator import TranslationOptions, register

from .models import ShowcaseIndexPage, ShowcasePage


@register(ShowcaseIndexPage)
class ShowcaseIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ShowcasePage)
class ShowcasePageTranslation(TranslationOptions):
    fields = ("summary", "body", "city")
