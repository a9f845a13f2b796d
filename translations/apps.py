from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from .routing import TranslatedSlugRoutingMixin

        # wagtail-modeltranslation assigns its own route() to every page model when it starts,
        # before this app: give the indexes of many pages their one-query routing back.
        for model in apps.get_models():
            if issubclass(model, TranslatedSlugRoutingMixin):
                model.route = TranslatedSlugRoutingMixin.route
