"""Drop every cached page and memoized lookup, in every worker, by bumping the generation.

Needed only after changes that send no signal: bulk imports (home.bulk), raw SQL, a restored
database backup. Publishing, unpublishing, moving, deleting and editing snippets invalidate
the cache by themselves.
"""

from django.core.management.base import BaseCommand

from pagecache.generation import bump, current


class Command(BaseCommand):
    help = "Drop every cached page (after bulk imports or a restored backup)."

    def handle(self, *args, **options):
        bump(on_commit=False)
        self.stdout.write(f"Page cache cleared (generation {current()}).")
