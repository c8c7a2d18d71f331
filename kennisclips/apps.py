from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisclipsConfig(AppConfig):
    name = "kennisclips"
    verbose_name = _("Knowledge clips")
