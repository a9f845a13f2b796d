from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from wagtail_modeltranslation import patch_wagtailadmin

        from . import state  # noqa: F401  (connects the receivers that keep FieldTranslation current)
        from .editor import add_translation_tabs
        from .slugs import TranslatedSlugRoutingMixin, validate_slugs

        # wagtail-modeltranslation patches every page model when it starts, before this app;
        # its slug check and its routing read every sibling page (see translations/slugs.py).
        patch_wagtailadmin._validate_slugs = validate_slugs
        for model in apps.get_models():
            if issubclass(model, TranslatedSlugRoutingMixin):
                model.route = TranslatedSlugRoutingMixin.route
        add_translation_tabs()
