"""`manage.py backup`: one timestamped archive with the database, the media files and a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, describe, make_backup


class Command(BaseCommand):
    help = (
        "Write one archive (database, media files, manifest with counts and checksums) to "
        "BACKUP_DIR (default var/backups/) and print its path."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            help="Directory for the archive (default: $BACKUP_DIR or var/backups/).",
        )

    def handle(self, *args, output_dir=None, **options):
        try:
            path, manifest = make_backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = path.stat().st_size
        self.stdout.write(f"Backup written: {path} ({size / 1024 / 1024:.1f} MiB)")
        self.stdout.write(f"Contains: {describe(manifest)}")
