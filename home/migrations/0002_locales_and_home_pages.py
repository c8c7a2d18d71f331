"""Create both locales and a home page per language, so `/nl/` and `/en/` work from the start.

Wagtail's own initial data leaves a generic "Welcome" page as the site root; it is replaced by a
Dutch HomePage and its English translation (same translation key), and the default site points
at the Dutch one.
"""

import uuid

from django.db import migrations

LANGUAGES = ["nl", "en"]
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

HOME_PAGES = {
    "nl": {
        "title": "Kennisbank Verbondenheid & Veerkracht",
        "slug": "home",
        "intro": (
            "Wat het werkteam Verbondenheid en veerkracht van en met elkaar leerde over het "
            "tegengaan van eenzaamheid: kennisclips, blogs en onderzoek."
        ),
    },
    "en": {
        "title": "Connectedness & Resilience Knowledge Base",
        "slug": "home-en",
        "intro": (
            "What the Connectedness and Resilience work team learned from and with each other "
            "about countering loneliness: knowledge clips, blog posts and research."
        ),
    },
}


def _encode_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(PATH_ALPHABET))
        digits = PATH_ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def _decode_step(step):
    number = 0
    for char in step:
        number = number * len(PATH_ALPHABET) + PATH_ALPHABET.index(char)
    return number


def create_locales_and_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    if HomePage.objects.exists():
        return

    root = Page.objects.get(depth=1)
    generic_page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    # Wagtail's "Welcome to your new Wagtail site!" page, and the site that points at it.
    Page.objects.filter(depth=2, slug="home", content_type=generic_page_type).delete()

    home_page_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    translation_key = uuid.uuid4()
    used_steps = [
        _decode_step(path[-STEPLEN:])
        for path in Page.objects.filter(depth=2).values_list("path", flat=True)
    ]
    next_step = max(used_steps, default=0) + 1
    home_pages = {}
    for offset, code in enumerate(LANGUAGES):
        fields = HOME_PAGES[code]
        home_pages[code] = HomePage.objects.create(
            title=fields["title"],
            draft_title=fields["title"],
            slug=fields["slug"],
            intro=fields["intro"],
            body=[],
            content_type=home_page_type,
            path=root.path + _encode_step(next_step + offset),
            depth=2,
            numchild=0,
            url_path=f"/{fields['slug']}/",
            live=True,
            has_unpublished_changes=False,
            locale=locales[code],
            translation_key=translation_key,
        )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost",
            port=80,
            site_name="Kennisbank Verbondenheid & Veerkracht",
            root_page=home_pages["nl"],
            is_default_site=True,
        )


def remove_home_pages(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage.objects.all().delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_locales_and_home_pages, remove_home_pages),
    ]
