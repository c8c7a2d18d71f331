"""Admin views: a sync that only ever saves drafts, submitting a translation for review, and
the translation status report."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView

from translations.guards import (
    IncompleteTranslationError,
    enabled_translation,
    existing_target,
    is_draftable,
    translation_progress,
)
from translations.status import Kind, State, status_rows

REPORT_PAGE_SIZE = 50


def may_translate(user) -> bool:
    """Editors and superusers: whoever may start translations may see where they stand."""
    return bool(
        user.is_active
        and (user.is_superuser or user.has_perm("wagtail_localize.submit_translation"))
    )


# Sync


class SyncForm(forms.Form):
    """No "publish immediately": a sync saves drafts; they go live through review."""


class SafeUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", made safe.

    The stock view either publishes every translation with the Dutch text of changed segments
    in it, or updates nothing but the source. This one saves each translation as a draft (the
    live page stays as it is) that holds the changed segments untranslated, ready for the
    translation editor and then the review workflow. People and themes, which have no drafts,
    are updated only when every segment is translated.
    """

    template_name = "translations/update_translations.html"

    def get_form(self):
        return SyncForm(self.request.POST if self.request.method == "POST" else None)

    @transaction.atomic
    def form_valid(self, form):
        self.object.update_from_db()
        translations = list(
            self.object.translations.filter(enabled=True)
            .select_related("source", "target_locale")
            .order_by("target_locale__language_code")
        )
        for translation in translations:
            language = translation.target_locale.get_display_name()
            target = existing_target(translation)
            in_review = getattr(target, "current_workflow_state", None) is not None
            try:
                translation.save_target(
                    user=self.request.user, publish=not is_draftable(translation)
                )
            except IncompleteTranslationError:
                messages.warning(
                    self.request,
                    _("%(language)s: not updated until every segment is translated.")
                    % {"language": language},
                )
                continue
            except ValidationError:
                messages.error(
                    self.request,
                    _("%(language)s: could not be saved; open the translation to fix it.")
                    % {"language": language},
                )
                continue
            if in_review:
                messages.warning(
                    self.request,
                    _(
                        "%(language)s: its review was stopped, as the draft changed. Submit "
                        "the translation for review again once it is translated."
                    )
                    % {"language": language},
                )
            total, done = translation_progress(translation)
            if done < total:
                messages.warning(
                    self.request,
                    _(
                        "%(language)s: %(count)s of %(total)s segments need translating. "
                        "The live version stays as it is until the draft is approved."
                    )
                    % {"language": language, "count": total - done, "total": total},
                )
        self.components.save(self.object, sources_and_translations={self.object: translations})
        messages.success(
            self.request,
            _("Synced “%(object)s”: the changes are in drafts of its translations.")
            % {"object": self.object.object_repr},
        )
        return redirect(self.get_success_url() or self.get_default_success_url())


# Submit a translation for review


def submit_for_review(request, page_id):
    """Save the translated page as a draft and start the review workflow on it."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = enabled_translation(page)
    if translation is None:
        raise Http404("This page is not a translation made in the translation editor.")
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit() or not may_translate(request.user):
        raise PermissionDenied
    total, done = translation_progress(translation)
    workflow = page.get_workflow()
    problems = []
    if done < total:
        problems.append(
            _("%(count)s of %(total)s segments are not translated yet.")
            % {"count": total - done, "total": total}
        )
    if workflow is None:
        problems.append(_("No review workflow covers this page."))
    elif not permissions.can_submit_for_moderation():
        problems.append(_("This page is already in review, or locked."))
    if request.method == "POST" and not problems:
        with transaction.atomic():
            translation.save_target(user=request.user, publish=False)
            page = Page.objects.get(pk=page.pk).specific
            workflow.start(page, request.user)
        messages.success(
            request,
            _("“%(title)s” (%(language)s) is submitted for review.")
            % {
                "title": page.get_admin_display_title(),
                "language": translation.target_locale.get_display_name(),
            },
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request,
        "translations/submit_for_review.html",
        {
            "page": page,
            "translation": translation,
            "language": translation.target_locale.get_display_name(),
            "total": total,
            "done": done,
            "problems": problems,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
        status=200 if request.method == "GET" or not problems else 409,
    )


# Translation status report


class StatusFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All states")), *State.choices],
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("All languages")), *settings.LANGUAGES],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=[("", gettext_lazy("All types")), *Kind.choices],
    )


def status_report(request):
    """Per page, person and theme, per other language: missing, outdated, in review, draft
    or live, with a link to act. A fixed number of queries whatever the number of items."""
    if not may_translate(request.user):
        raise PermissionDenied
    form = StatusFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = status_rows(
        request,
        kind=filters.get("kind") or None,
        language=filters.get("language") or None,
        state=filters.get("state") or None,
    )
    page = Paginator(rows, REPORT_PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "translations/status_report.html",
        {
            "form": form,
            "rows": page,
            "total": len(rows),
            "query": query.urlencode(),
            "states": State,
        },
    )
