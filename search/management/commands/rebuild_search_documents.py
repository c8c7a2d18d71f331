"""Rebuild every search document from the live pages (after an import, or to repair)."""

from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the stemmed search documents of every live clip, blog post and study."

    def handle(self, *args, **options):
        indexed, removed = rebuild()
        self.stdout.write(f"Indexed {indexed} pages; removed {removed} stale search documents.")
