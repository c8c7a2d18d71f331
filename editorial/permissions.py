"""Who may see which page in the admin.

Wagtail shows every page's (draft) title to anyone who may explore a section: a student would
see the titles of other students' drafts in the explorer, the admin search and the choosers.
Here a page that is not live as it stands (a draft, or a live page with unpublished changes) is
shown only to its owner and to those who may edit or publish it.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

STEPLEN = Page.steplen


def visible_pages_filter(user) -> Q | None:
    """A filter for the pages `user` may see in the admin; None when they may see all."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    policy = PagePermissionPolicy()
    editable = policy.instances_user_has_any_permission_for(user, {"change", "publish"})
    # The pages the user holds a permission on, and their ancestors: the way down to their pages.
    paths = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__path", flat=True
    )
    way_down = {
        path[:length] for path in paths for length in range(STEPLEN, len(path) + 1, STEPLEN)
    }
    return (
        Q(owner=user)
        | Q(live=True, has_unpublished_changes=False)
        | Q(path__in=way_down)
        | Q(pk__in=editable.values("pk"))
    )


def hidden_page_ids(user) -> list[int] | None:
    """The pages `user` may not see (other people's drafts), or None when they may see all."""
    condition = visible_pages_filter(user)
    if condition is None:
        return None
    return list(Page.objects.exclude(condition).values_list("pk", flat=True))


def filter_visible_pages(pages, user):
    """`pages` without those hidden from `user`.

    An exclusion by id, because the search backends (admin search, chooser search) can filter
    only on a page's indexed filter fields, and `id` is one of them.
    """
    hidden = hidden_page_ids(user)
    return pages if not hidden else pages.exclude(id__in=hidden)


def can_see_page(user, page) -> bool:
    condition = visible_pages_filter(user)
    return condition is None or Page.objects.filter(condition, pk=page.pk).exists()


class EditorialPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with other people's drafts left out of what a user may explore.

    The explorer, the admin page search and the explorer menu all list `explorable_instances`.
    """

    def explorable_instances(self, user):
        return filter_visible_pages(super().explorable_instances(user), user)
