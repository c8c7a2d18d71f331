"""Fill the English catalogues: our source strings are English, so each translation is its msgid.

`make messages` runs this after `makemessages`, so that the English catalogues are complete and
only the Dutch ones need a translator.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Copy every msgid into its empty msgstr in the English .po files."

    def handle(self, *args, **options):
        for po_path in sorted(Path(settings.BASE_DIR).glob("*/locale/en/LC_MESSAGES/django.po")):
            catalogue = polib.pofile(str(po_path))
            filled = 0
            for entry in catalogue:
                if entry.obsolete:
                    continue
                if entry.msgid_plural:
                    if not all(entry.msgstr_plural.values()):
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                        filled += 1
                elif not entry.msgstr:
                    entry.msgstr = entry.msgid
                    filled += 1
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            catalogue.metadata["Language"] = "en"
            catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
            catalogue.save(str(po_path))
            relative = po_path.relative_to(settings.BASE_DIR)
            self.stdout.write(f"{relative}: {filled} filled")
