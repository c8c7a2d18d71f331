"""The two editorial roles and who plays them, in one place for code, hooks and templates."""

from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.permissions import policy_registry

STUDENTS = "Studenten"
EDITORS = "Redacteuren"
WORKFLOW_NAME = "Redactionele review"
TASK_NAME = "Goedkeuring door de redactie"
STUDENT_COLLECTION = "Studenten"

# Index pages under which students may add (and then edit their own) pages.
STUDENT_SECTION_MODELS = ("blog.BlogIndexPage", "studies.StudyIndexPage")
# Page permissions editors hold on each home page, and so on the whole language tree.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")


def students_group():
    return Group.objects.filter(name=STUDENTS).first()


def editors_group():
    return Group.objects.filter(name=EDITORS).first()


def is_editor(user) -> bool:
    """May review: a superuser or a member of Redacteuren."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def is_author_only(user) -> bool:
    """May add pages and edit only their own (a student): the users we shield drafts from.

    (Wagtail's `user_has_any_permission(user, {"change"})` is true for them too: it counts
    "add" as the right to change one's own pages.)
    """
    if not user.is_authenticated or user.is_superuser:
        return False
    cache_name = "_editorial_author_only"
    if not hasattr(user, cache_name):
        policy = policy_registry.get_by_type(Page)
        codenames = {
            perm.permission.codename for perm in policy.get_cached_permissions_for_user(user)
        }
        setattr(user, cache_name, codenames == {"add_page"})
    return getattr(user, cache_name)
