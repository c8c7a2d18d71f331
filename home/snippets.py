"""Translatable snippets shared by every content type: the people and the themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class PersonRole(models.TextChoices):
    TEAM_MEMBER = "team_member", _("Work team member")
    STUDENT = "student", _("Student")
    LECTURER_RESEARCHER = "lecturer_researcher", _("Lecturer-researcher")
    POLICY_PROFESSIONAL = "policy_professional", _("Policy professional")
    PRACTITIONER = "practitioner", _("Neighbourhood practitioner")
    RESIDENT_VOLUNTEER = "resident_volunteer", _("Resident or volunteer")


class Theme(TranslatableMixin, index.Indexed, models.Model):
    """A topic that clips, posts and studies share, such as loneliness among young adults."""

    name = models.CharField(_("name"), max_length=80, help_text=_("Short, as visitors say it."))
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        help_text=_("Used in filter addresses (?theme=…); unique within a language."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown on the theme's listings."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    """Someone who took part: an author of posts and studies, or a person in a clip."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"),
        max_length=32,
        choices=PersonRole.choices,
        help_text=_("Shown beside the name; blog listings filter on it."),
    )
    bio = models.TextField(
        _("short bio"), blank=True, max_length=600, help_text=_("Two or three sentences.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A portrait; leave empty when the person prefers none."),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("role"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    def get_role_display(self) -> str:
        """The role's label in the active language (Django's own rebuilds every choice on each
        call, and listings show a role per author)."""
        try:
            return str(PersonRole(self.role).label)
        except ValueError:  # a role no longer offered: shown as stored
            return self.role
