from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from security import admin_urls


@hooks.register("register_admin_urls")
def register_security_urls():
    return [path("account/security/", include(admin_urls))]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("security_two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": _("Ask for a code from an authenticator app after each sign-in."),
    }
