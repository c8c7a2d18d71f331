"""Where each page, person and theme stands in each language: the translation status report.

One pass over all pages and snippets in a fixed number of queries, however many there are.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from home.snippets import Person, Theme


class State(models.TextChoices):
    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Outdated")
    IN_REVIEW = "in_review", _("In review")
    DRAFT = "draft", _("Draft")
    LIVE = "live", _("Live")


class Kind(models.TextChoices):
    PAGE = "page", _("Page")
    PERSON = "person", _("Person")
    THEME = "theme", _("Theme")


STATE_HELP = {
    State.MISSING: _("There is no translation yet."),
    State.OUTDATED: _("The original changed after the last sync."),
    State.IN_REVIEW: _("The translation waits for an editor's approval."),
    State.DRAFT: _("The translation has changes that are not live yet."),
    State.LIVE: _("The translation is live and up to date."),
}

SNIPPET_MODELS = {Kind.PERSON: Person, Kind.THEME: Theme}


@dataclass(frozen=True)
class Action:
    label: str
    url: str


@dataclass(frozen=True)
class StatusRow:
    kind: str
    title: str
    source_language: str
    language: str
    state: str
    actions: tuple[Action, ...]
    source_url: str

    @property
    def kind_label(self):
        return Kind(self.kind).label

    @property
    def state_label(self):
        return State(self.state).label

    @property
    def state_help(self):
        return STATE_HELP[State(self.state)]


@dataclass
class _Sources:
    """TranslationSource and enabled Translation facts, by translation key and locale."""

    by_key: dict
    translated: set  # (source id, target locale id) of enabled translations

    @classmethod
    def load(cls):
        by_key = {}
        for source in TranslationSource.objects.only(
            "id", "object_id", "locale_id", "last_updated_at", "content_json"
        ):
            by_key.setdefault(source.object_id, []).append(source)
        translated = set(
            Translation.objects.filter(enabled=True).values_list("source_id", "target_locale_id")
        )
        return cls(by_key=by_key, translated=translated)

    def source_for(self, key, locale_id):
        for source in self.by_key.get(key, ()):
            if source.locale_id == locale_id:
                return source
        return None


def _original(versions: dict, sources: _Sources, key, default_locale_id):
    """The version translated from: the one with a TranslationSource, else the default
    language's, else the oldest."""
    for locale_id, version in versions.items():
        if sources.source_for(key, locale_id) is not None:
            return version
    if default_locale_id in versions:
        return versions[default_locale_id]
    return min(versions.values(), key=lambda version: version.pk)


def _page_rows(request, locales, sources, default_locale_id):
    codes = {locale.pk: locale.language_code for locale in locales}
    pages = (
        Page.objects.exclude(depth=1)
        .only(
            "id",
            "draft_title",
            "translation_key",
            "locale_id",
            "live",
            "has_unpublished_changes",
            "last_published_at",
            "url_path",
            "depth",
            "path",
        )
        .order_by("path")
    )
    page_type = ContentType.objects.get_for_model(Page)
    in_review = {
        int(object_id)
        for object_id in WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=page_type
        ).values_list("object_id", flat=True)
    }
    groups = {}
    for page in pages:
        groups.setdefault(page.translation_key, {})[page.locale_id] = page
    rows = []
    for key, versions in groups.items():
        original = _original(versions, sources, key, default_locale_id)
        source = sources.source_for(key, original.locale_id)
        changed_since_sync = (
            source is not None
            and original.last_published_at is not None
            and original.last_published_at > source.last_updated_at
        )
        for locale in locales:
            if locale.pk == original.locale_id:
                continue
            target = versions.get(locale.pk)
            synced = source is not None and (source.pk, locale.pk) in sources.translated
            if target is None:
                state = State.MISSING
                actions = (
                    Action(
                        _("Translate"),
                        reverse("wagtail_localize:submit_page_translation", args=[original.pk]),
                    ),
                )
            elif synced and changed_since_sync:
                state = State.OUTDATED
                actions = (
                    Action(
                        _("Sync"),
                        reverse("wagtail_localize:update_translations", args=[source.pk]),
                    ),
                )
            elif target.pk in in_review:
                state = State.IN_REVIEW
                actions = (
                    Action(_("Review"), reverse("wagtailadmin_pages:edit", args=[target.pk])),
                )
            elif not target.live or target.has_unpublished_changes:
                state = State.DRAFT
                actions = (Action(_("Edit"), reverse("wagtailadmin_pages:edit", args=[target.pk])),)
                if synced:
                    actions += (
                        Action(
                            _("Submit for review"),
                            reverse("translations_admin:submit", args=[target.pk]),
                        ),
                    )
            else:
                state = State.LIVE
                url = target.get_url(request)
                actions = (Action(_("View"), url),) if url else ()
            rows.append(
                StatusRow(
                    kind=Kind.PAGE,
                    title=original.draft_title,
                    source_language=codes[original.locale_id],
                    language=locale.language_code,
                    state=state,
                    actions=actions,
                    source_url=reverse("wagtailadmin_pages:edit", args=[original.pk]),
                )
            )
    return rows


def _content_of(instance) -> object:
    """An object's fields as wagtail-localize stores them in a TranslationSource."""
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def _snippet_rows(kind, model, locales, sources, default_locale_id):
    codes = {locale.pk: locale.language_code for locale in locales}
    app_label, model_name = model._meta.app_label, model._meta.model_name
    groups = {}
    for instance in model.objects.order_by("pk"):
        groups.setdefault(instance.translation_key, {})[instance.locale_id] = instance
    rows = []
    for key, versions in groups.items():
        original = _original(versions, sources, key, default_locale_id)
        source = sources.source_for(key, original.locale_id)
        changed_since_sync = source is not None and _content_of(original) != json.loads(
            source.content_json
        )
        edit_url = reverse(f"wagtailsnippets_{app_label}_{model_name}:edit", args=[original.pk])
        for locale in locales:
            if locale.pk == original.locale_id:
                continue
            target = versions.get(locale.pk)
            synced = source is not None and (source.pk, locale.pk) in sources.translated
            if target is None:
                state = State.MISSING
                url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[app_label, model_name, original.pk],
                )
                actions = (Action(_("Translate"), url),)
            elif synced and changed_since_sync:
                state = State.OUTDATED
                url = reverse("wagtail_localize:update_translations", args=[source.pk])
                actions = (Action(_("Sync"), url),)
            else:
                state = State.LIVE
                url = reverse(f"wagtailsnippets_{app_label}_{model_name}:edit", args=[target.pk])
                actions = (Action(_("Edit"), url),)
            rows.append(
                StatusRow(
                    kind=kind,
                    title=str(original),
                    source_language=codes[original.locale_id],
                    language=locale.language_code,
                    state=state,
                    actions=actions,
                    source_url=edit_url,
                )
            )
    return rows


def status_rows(request, *, kind=None, language=None, state=None) -> list[StatusRow]:
    """Every (item, other language) pair with its state, filtered; pages first, by title."""
    locales = list(Locale.objects.order_by("pk"))
    if not locales:
        return []
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    default_locale_id = next(
        (locale.pk for locale in locales if locale.language_code == default_code), locales[0].pk
    )
    sources = _Sources.load()
    rows = []
    if kind in (None, Kind.PAGE):
        rows += _page_rows(request, locales, sources, default_locale_id)
    for snippet_kind, model in SNIPPET_MODELS.items():
        if kind in (None, snippet_kind):
            rows += _snippet_rows(snippet_kind, model, locales, sources, default_locale_id)
    if language:
        rows = [row for row in rows if row.language == language]
    if state:
        rows = [row for row in rows if row.state == state]
    return rows
