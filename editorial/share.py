"""Share a draft: who may make and revoke secret preview links, and the audit log entries."""

from django.utils import timezone
from wagtail.log_actions import log

from editorial import roles
from editorial.models import ShareLink

CREATE_ACTION = "editorial.share_link.create"
REVOKE_ACTION = "editorial.share_link.revoke"


def can_share(user, page) -> bool:
    """Editors may share any page; an author only a page of their own they may edit."""
    if not user.is_authenticated or not user.is_active:
        return False
    if roles.is_editor(user):
        return True
    return page.owner_id == user.pk and page.permissions_for_user(user).can_edit()


def links_visible_to(user, page):
    """The page's links this user may see: all of them for editors, otherwise their own."""
    links = ShareLink.objects.filter(page=page).select_related("created_by")
    return links if roles.is_editor(user) else links.filter(created_by=user)


def create_link(page, user, days=ShareLink.DEFAULT_DAYS):
    link, token = ShareLink.create_for(page, user, days)
    log(
        instance=page,
        action=CREATE_ACTION,
        user=user,
        data={"share_link_id": link.pk, "expires_at": link.expires_at.isoformat()},
    )
    return link, token


def revoke_link(link, user):
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        log(
            instance=link.page.specific,
            action=REVOKE_ACTION,
            user=user,
            data={"share_link_id": link.pk},
        )
