"""Labels of the search facets: the counts per type and theme in one grouped join."""

import django.db.models.deletion
from django.db import migrations, models

ALL_THEMES = ""


def fill_labels(apps, schema_editor):
    SearchFacet = apps.get_model("search", "SearchFacet")
    SearchFacetLabel = apps.get_model("search", "SearchFacetLabel")
    alias = schema_editor.connection.alias
    SearchFacetLabel.objects.using(alias).bulk_create(
        [
            SearchFacetLabel(facet_id=facet_id, page_type=page_type, theme_key=key)
            for facet_id, page_type, theme_keys in SearchFacet.objects.using(alias).values_list(
                "pk", "page_type", "theme_keys"
            )
            for key in [ALL_THEMES, *theme_keys.split()]
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_search_terms"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchFacetLabel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("page_type", models.CharField(max_length=16, verbose_name="type")),
                (
                    "theme_key",
                    models.CharField(
                        blank=True, max_length=32, verbose_name="theme translation key"
                    ),
                ),
                (
                    "facet",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="search.searchfacet",
                    ),
                ),
            ],
            options={
                "verbose_name": "search facet label",
                "verbose_name_plural": "search facet labels",
                "indexes": [
                    models.Index(
                        fields=["facet", "page_type", "theme_key"], name="search_label_counting"
                    ),
                    models.Index(
                        fields=["theme_key", "page_type", "facet"], name="search_label_filtering"
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("facet", "theme_key"), name="unique_search_facet_label"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_labels, migrations.RunPython.noop, elidable=True),
    ]
