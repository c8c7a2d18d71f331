"""Build the demo site from the facts of the work team's source document (idempotent).

Creates the demo accounts and fills the Dutch and English home pages. Running it again keeps
every existing account, password and page as it is.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from home.demo.home_pages import fill_home_pages

DEFAULT_DEMO_PASSWORD = "kennisbank-demo"  # noqa: S105 - a documented demo password, not a secret


class Command(BaseCommand):
    help = "Load the demo content and demo accounts (safe to run more than once)."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError(
                "Demo accounts are never created with production settings: "
                "use website.settings.dev for a demo site."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        with transaction.atomic():
            created_accounts = ensure_demo_accounts(password)
            filled_pages = fill_home_pages()
        for username in created_accounts:
            self.stdout.write(f"Created demo account {username!r}.")
        for page in filled_pages:
            self.stdout.write(f"Filled {page.locale.language_code} home page {page.title!r}.")
        if not created_accounts and not filled_pages:
            self.stdout.write("Demo content already present; nothing changed.")
        self.stdout.write(
            "Demo accounts: " + ", ".join(account.username for account in DEMO_ACCOUNTS)
        )
