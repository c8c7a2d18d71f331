"""Share a draft: the admin view that makes and revokes links, and the public preview."""

import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from editorial.models import ShareLink
from editorial.permissions import can_see_page
from editorial.share import can_share, create_link, links_visible_to, revoke_link


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=ShareLink.MIN_DAYS,
        max_value=ShareLink.MAX_DAYS,
        initial=ShareLink.DEFAULT_DAYS,
        help_text=_("Between 1 and 30 days. You can revoke the link earlier."),
    )


def answers_plain_404(view):
    """A 404 from `view` stays a 404.

    Outside the language prefixes, LocaleMiddleware turns a 404 into a redirect to /nl/<path>
    whenever that path resolves, and Wagtail's catch-all page route resolves nearly every path.
    This module's short urlconf, set on the request, has no language prefixes.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            request.urlconf = "editorial.urls"
            raise

    return wrapper


def _shareable_page(request, page_id):
    """The page, if the user may share it: 404 when they may not see it, 403 otherwise."""
    page = get_object_or_404(Page, pk=page_id)
    if not can_see_page(request.user, page):
        raise Http404
    if not can_share(request.user, page):
        raise PermissionDenied
    return page.specific


@answers_plain_404
@require_http_methods(["GET", "POST"])
def share_links(request, page_id):
    """List the page's links (one's own for students), and make a new one."""
    page = _shareable_page(request, page_id)
    new_url = None
    if request.method == "POST":
        form = ShareLinkForm(request.POST)
        if form.is_valid():
            link, token = create_link(page, request.user, form.cleaned_data["days"])
            new_url = request.build_absolute_uri(reverse("editorial:shared_draft", args=[token]))
            form = ShareLinkForm()
    else:
        form = ShareLinkForm()
    response = TemplateResponse(
        request,
        "editorial/share/links.html",
        {
            "page": page,
            "form": form,
            "new_url": new_url,
            "links": links_visible_to(request.user, page),
        },
    )
    # The new link's token is in this response: no cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response


@answers_plain_404
@require_POST
def revoke_share_link(request, page_id, link_id):
    page = _shareable_page(request, page_id)
    link = get_object_or_404(links_visible_to(request.user, page), pk=link_id)
    revoke_link(link, request.user)
    messages.success(request, _("The link has been revoked."))
    return redirect("editorial_admin:share_links", page_id=page.pk)


@answers_plain_404
@require_GET
def shared_draft(request, token):
    """The latest revision of a shared page, rendered with its own template, as a preview.

    Unknown, expired and revoked tokens answer 404.
    """
    link = ShareLink.objects.find_active(token)
    if link is None:
        raise Http404
    page = link.page.specific
    draft = page.get_latest_revision_as_object()
    mode = draft.default_preview_mode
    language = page.locale.language_code
    with translation.override(language):
        request.LANGUAGE_CODE = language
        request.is_preview = True
        request.preview_mode = mode
        # base.html shows the preview banner and the noindex tags for this request.
        request.shared_draft_link = link
        response = draft.serve_preview(request, mode)
        if hasattr(response, "render") and callable(response.render):
            response.render()
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
