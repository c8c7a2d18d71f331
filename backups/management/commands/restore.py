"""`manage.py restore <archive>`: restore a backup into an empty install, verified first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, describe, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and media files from an archive made by `manage.py backup`. "
        "Everything is checked before anything is changed; an install that is not empty is "
        "only overwritten with --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The backup archive (.tar.gz).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and media files of an install that is not empty.",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest, to_apply = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(f"Nothing was restored. {error}") from None
        self.stdout.write(f"Restored {archive} (made {manifest['created']}).")
        self.stdout.write(f"Verified: {describe(manifest)}; all checksums match.")
        if to_apply:
            self.stdout.write(
                f"This version of the site has {len(to_apply)} newer migrations: "
                "run `manage.py migrate` next."
            )
