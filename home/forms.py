"""The admin form that every page type of the site uses."""

from wagtail.admin.forms import WagtailAdminPageForm


class PageForm(WagtailAdminPageForm):
    """Compares each field with the page's own value to tell whether anything changed.

    Django gives fields with a callable default (our dates) a hidden "initial" input and then
    compares against that; Wagtail's editor never renders it, so such a field always looked
    changed. Every workflow action from the editor then saved a new revision, and with
    re-approval on edit an editor's approval never published the page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = False
