"""Make every image rendition the live pages show, so that no visitor waits for one.

Safe to run at any time and as often as wanted: only missing renditions are made, and when all
exist it costs a few queries. The demo and benchmark loaders run it after loading content.
"""

from django.core.management.base import BaseCommand

from home.images import make_renditions


class Command(BaseCommand):
    help = "Make the image renditions that live pages show (only those still missing)."

    def handle(self, *args, **options):
        count = make_renditions()
        self.stdout.write(str(count))
        if count.failed_images:
            self.stderr.write(
                f"{count.failed_images} images have a missing or unreadable file: replace them "
                "in the admin (Images); their pages show no image until then."
            )
