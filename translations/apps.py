from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Safe sync, the switcher's fallback page and the translation status report."""

    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from translations import guards

        guards.install()
