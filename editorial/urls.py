"""The public URL of a shared draft (outside the language prefixes: the page picks its language).

website/urls.py includes this module; views.answers_plain_404 also uses it as the request's
urlconf so that a 404 is not redirected to /nl/share/... by LocaleMiddleware.
"""

from django.urls import path

from editorial import views

app_name = "editorial"

urlpatterns = [
    path("share/<str:token>/", views.shared_draft, name="shared_draft"),
]
