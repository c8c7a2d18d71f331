"""Fill the English catalogues: our source strings are English, so each translation is its msgid.

`make messages` runs this after `makemessages`, so that the English catalogues are complete and
only the Dutch ones need a translator. Every entry is set, not only empty ones: makemessages
marks new strings with a fuzzy guess from a similar old one ("Draft preview" as "In review").
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Make every msgstr of the English .po files equal to its msgid."

    def handle(self, *args, **options):
        for po_path in sorted(Path(settings.BASE_DIR).glob("*/locale/en/LC_MESSAGES/django.po")):
            catalogue = polib.pofile(str(po_path))
            filled = 0
            for entry in catalogue:
                if entry.obsolete:
                    continue
                if entry.msgid_plural:
                    wanted = {0: entry.msgid, 1: entry.msgid_plural}
                    if entry.msgstr_plural != wanted:
                        entry.msgstr_plural = wanted
                        filled += 1
                elif entry.msgstr != entry.msgid:
                    entry.msgstr = entry.msgid
                    filled += 1
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = None
            catalogue.metadata["Language"] = "en"
            catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
            catalogue.save(str(po_path))
            relative = po_path.relative_to(settings.BASE_DIR)
            self.stdout.write(f"{relative}: {filled} filled")
