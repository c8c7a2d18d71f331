"""Move the searches counted in the cache into the report's table.

Run it every few minutes, like `publish_scheduled` (e.g. from cron:
`*/5 * * * * .venv/bin/python manage.py record_search_queries`). Searches only touch the cache;
whatever this command has not picked up within a day is lost, never the search itself.
"""

from django.core.management.base import BaseCommand

from search.recording import flush_recorded_searches


class Command(BaseCommand):
    help = (
        "Add the searches counted in the cache to the daily search counts (run every few minutes)."
    )

    def handle(self, *args, **options):
        count = flush_recorded_searches()
        self.stdout.write(f"Recorded {count} searches.")
