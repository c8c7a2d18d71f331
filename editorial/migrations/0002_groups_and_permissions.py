"""The editorial groups, least privilege, so that every fresh install has them.

`Studenten` may reach the admin, upload and choose images and documents in the "Studenten"
collection, and add pages under the blog and research indexes (so: edit their own pages). A
signal (editorial.signals) grants the same on index pages made later, such as the demo's.
`Redacteuren` hold every page right on both home pages (both language trees), manage images,
documents, people and themes, and translate. Neither group reaches users, groups, settings or
workflows.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STUDENTS = "Studenten"
EDITORS = "Redacteuren"
STUDENT_COLLECTION = "Studenten"
STUDENT_SECTIONS = [("blog", "BlogIndexPage"), ("studies", "StudyIndexPage")]
EDITOR_PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock", "bulk_delete"]

STUDENT_PERMISSIONS = [("wagtailadmin", "access_admin")]
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    *[
        ("home", f"{action}_{model}")
        for model in ("person", "theme")
        for action in ("add", "change", "delete", "view")
    ],
]
STUDENT_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
EDITOR_COLLECTION_PERMISSIONS = [
    (app, f"{action}_{model}")
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
]
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _ensure_permissions(apps):
    """Content types and permissions are normally made after all migrations; make them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


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


def _student_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.get(depth=1)
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=STUDENT_COLLECTION).first()
    if existing is not None:
        return existing, root
    steps = [_decode_step(path[-STEPLEN:]) for path in children.values_list("path", flat=True)]
    collection = Collection.objects.create(
        name=STUDENT_COLLECTION,
        path=root.path + _encode_step(max(steps, default=0) + 1),
        depth=2,
        numchild=0,
    )
    root.numchild = children.count()
    root.save(update_fields=["numchild"])
    return collection, root


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    HomePage = apps.get_model("home", "HomePage")

    students, _ = Group.objects.get_or_create(name=STUDENTS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    students.permissions.add(*[_permission(apps, *key) for key in STUDENT_PERMISSIONS])
    editors.permissions.add(*[_permission(apps, *key) for key in EDITOR_PERMISSIONS])

    student_collection, root_collection = _student_collection(apps)
    for key in STUDENT_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=students, collection=student_collection, permission=_permission(apps, *key)
        )
    for key in EDITOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root_collection, permission=_permission(apps, *key)
        )

    for home in HomePage.objects.all():
        for action in EDITOR_PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page_id=home.pk,
                permission=_permission(apps, "wagtailcore", f"{action}_page"),
            )
    add_page = _permission(apps, "wagtailcore", "add_page")
    for app_label, model_name in STUDENT_SECTIONS:
        for index in apps.get_model(app_label, model_name).objects.all():
            GroupPagePermission.objects.get_or_create(
                group=students, page_id=index.pk, permission=add_page
            )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[STUDENTS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("home", "0004_home_page_features"),
        ("blog", "0002_alter_blogindexpage_intro_and_more"),
        ("studies", "0002_alter_studyauthor_person_alter_studyindexpage_intro"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
