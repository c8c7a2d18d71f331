"""Admin boundaries for student authors that Wagtail's views do not draw themselves.

Wagtail lets anyone who may explore a section open any page's admin URLs that only show it
(the explorer of a page, history, usage, bulk-action confirmations), titles included, and lets
every admin user open the reports. For users who may edit only their own pages (students), a
page they may not see answers 404 and the reports 403.
"""

import re

from django.http import Http404, HttpResponseForbidden

from editorial import roles
from editorial.permissions import visible_pages_filter
from editorial.signals import pending_note

PAGE_URL = re.compile(r"^/admin/(?:pages|api/main/pages)/(\d+)/")
BULK_URL = re.compile(r"^/admin/bulk/wagtailcore/page/")
REPORTS_URL = re.compile(r"^/admin/reports/")


class StudentBoundariesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pending_note.set("")
        if request.path.startswith("/admin/") and roles.is_author_only(request.user):
            self.check(request)
            if REPORTS_URL.match(request.path):
                return HttpResponseForbidden()
        return self.get_response(request)

    def check(self, request):
        from wagtail.models import Page

        ids = []
        if match := PAGE_URL.match(request.path):
            ids.append(match.group(1))
        if BULK_URL.match(request.path):
            ids += request.GET.getlist("id")
        ids = [int(value) for value in ids if value.isdigit()]
        if not ids:
            return
        visible = Page.objects.filter(visible_pages_filter(request.user), pk__in=ids).count()
        existing = Page.objects.filter(pk__in=ids).count()
        if visible < existing:
            raise Http404
