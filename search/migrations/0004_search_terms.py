"""Search through an index of terms instead of scanning the documents' stem lists.

The terms of the existing documents are made from their stored stem lists (no page is read),
with the rules of `search.text.index_keys` and `search.indexing.term_weights` as they were when
this migration was written; then the stem lists go.
"""

import hashlib

import django.db.models.deletion
from django.db import migrations, models

TITLE_WEIGHT = 10
BODY_WEIGHT = 1
PREFIX_MIN_LENGTH = 4
MAX_KEY_LENGTH = 255
ALL_DOCUMENTS = ""
DOCUMENT_BATCH = 2000


def index_keys(stored):
    stored = stored[:MAX_KEY_LENGTH]
    return [stored[:length] for length in range(PREFIX_MIN_LENGTH, len(stored))] + [stored]


def term_weights(title_stems, body_stems):
    weights = {ALL_DOCUMENTS: 0}
    for stems, weight in ((title_stems, TITLE_WEIGHT), (body_stems, BODY_WEIGHT)):
        for key in {key for stored in stems.split() for key in index_keys(stored)}:
            weights[key] = weights.get(key, 0) + weight
    return weights


def facet(page_type, theme_keys):
    keys = sorted({key.hex for key in theme_keys})
    text = " " + " ".join(keys) + " " if keys else ""
    digest = hashlib.blake2b(f"{page_type}|{text}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big") >> 1, text


def fill_terms(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchDocumentTheme = apps.get_model("search", "SearchDocumentTheme")
    SearchFacet = apps.get_model("search", "SearchFacet")
    SearchTerm = apps.get_model("search", "SearchTerm")
    connection = schema_editor.connection
    alias = connection.alias
    quote = connection.ops.quote_name
    columns = ["document_id", "language_code", "stem", "weight", "date", "facet_id"]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model
        quote(SearchTerm._meta.db_table),
        ", ".join(quote(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    ids = list(SearchDocument.objects.using(alias).order_by("pk").values_list("pk", flat=True))
    facets = {}
    for start in range(0, len(ids), DOCUMENT_BATCH):
        chunk = ids[start : start + DOCUMENT_BATCH]
        themes = {}
        for document_id, key in (
            SearchDocumentTheme.objects.using(alias)
            .filter(document_id__in=chunk)
            .values_list("document_id", "translation_key")
        ):
            themes.setdefault(document_id, []).append(key)
        documents = (
            SearchDocument.objects.using(alias)
            .filter(pk__in=chunk)
            .values_list("pk", "language_code", "page_type", "date", "title_stems", "body_stems")
        )
        rows = []
        for pk, language, page_type, date, title_stems, body_stems in documents:
            facet_id, theme_keys = facet(page_type, themes.get(pk, []))
            facets[facet_id] = SearchFacet(id=facet_id, page_type=page_type, theme_keys=theme_keys)
            date = connection.ops.adapt_datefield_value(date)
            rows += [
                (pk, language, key, weight, date, facet_id)
                for key, weight in term_weights(title_stems, body_stems).items()
            ]
        SearchFacet.objects.using(alias).bulk_create(facets.values(), ignore_conflicts=True)
        with connection.cursor() as cursor:
            for row_start in range(0, len(rows), 10_000):
                cursor.executemany(sql, rows[row_start : row_start + 10_000])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_editor_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchFacet",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("page_type", models.CharField(max_length=16, verbose_name="type")),
                (
                    "theme_keys",
                    models.TextField(blank=True, verbose_name="theme translation keys"),
                ),
            ],
            options={
                "verbose_name": "search facet",
                "verbose_name_plural": "search facets",
            },
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language_code", models.CharField(max_length=16, verbose_name="language")),
                ("stem", models.CharField(blank=True, max_length=255, verbose_name="stem")),
                ("weight", models.PositiveSmallIntegerField(verbose_name="weight")),
                ("date", models.DateField(blank=True, null=True, verbose_name="date")),
                (
                    "document",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="terms",
                        to="search.searchdocument",
                    ),
                ),
                (
                    "facet",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="search.searchfacet",
                    ),
                ),
            ],
            options={
                "verbose_name": "search term",
                "verbose_name_plural": "search terms",
            },
        ),
        # Filled before its indexes are made: building an index once is quicker than keeping
        # it up to date through millions of inserts.
        migrations.RunPython(fill_terms, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="searchterm",
            index=models.Index(
                fields=["language_code", "stem", "-weight", "-date", "facet", "document"],
                name="search_term_ranking",
            ),
        ),
        migrations.AddIndex(
            model_name="searchterm",
            index=models.Index(
                fields=["language_code", "stem", "facet"], name="search_term_facets"
            ),
        ),
        migrations.AddConstraint(
            model_name="searchterm",
            constraint=models.UniqueConstraint(
                fields=("document", "stem"), name="unique_search_term"
            ),
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="body_stems",
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="title_stems",
        ),
    ]
