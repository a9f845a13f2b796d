from modeltranslation.translator import TranslationOptions, register

from .models import HomePage, SiteSettings, StandardPage, Theme


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("tagline", "footer_text")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
