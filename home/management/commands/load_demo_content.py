"""Build the demo site from the facts of the work team's source document (idempotent).

Creates the demo accounts, fills the Dutch and English home pages and builds the clips, the
blog and the research section with English translations made through wagtail-localize.
Running it again keeps every existing account, password and page as it is.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from blog.demo import load_demo as load_blog
from home.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from home.demo.home_pages import fill_home_pages
from home.images import make_renditions
from home.models import HomePage
from kennisclips.demo import load_demo as load_clips
from studies.demo import load_demo as load_studies

DEFAULT_DEMO_PASSWORD = "kennisbank-demo"  # noqa: S105 - a documented demo password, not a secret
SECTION_LOADERS = (load_clips, load_blog, load_studies)


class Command(BaseCommand):
    help = "Load the demo content and demo accounts (safe to run more than once)."

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError(
                "Demo accounts are never created with production settings: "
                "use website.settings.dev for a demo site."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        done = []
        with transaction.atomic():
            done += [f"Created demo account {name!r}." for name in ensure_demo_accounts(password)]
            done += [f"Filled the {page.locale} home page." for page in fill_home_pages()]
            homes = {
                home.locale.language_code: home
                for home in HomePage.objects.select_related("locale")
            }
            for load_section in SECTION_LOADERS:
                done += load_section(homes)
        for line in done:
            self.stdout.write(line)
        if not done:
            self.stdout.write("Demo content already present; nothing changed.")
        # Every image size the pages show, made now rather than on a visitor's first view.
        self.stdout.write(str(make_renditions()))
        self.stdout.write(
            "Demo accounts: " + ", ".join(account.username for account in DEMO_ACCOUNTS)
        )
