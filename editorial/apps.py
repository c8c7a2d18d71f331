from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        # Connected here, before wagtail.admin's own receivers, so that a submission note is
        # stored before Wagtail sends the editors' e-mail that shows it.
        from editorial import signals

        signals.connect()
