"""Redacteuren manage search promotions and read the search report (students do neither)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redacteuren"
PERMISSIONS = [
    *[f"{action}_searchpromotion" for action in ("add", "change", "delete", "view")],
    "view_searchquerydaily",
]


def _permissions(apps):
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="search", codename__in=PERMISSIONS)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="search", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_promotions_and_query_counts"),
        ("editorial", "0002_groups_and_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
