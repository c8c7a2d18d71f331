"""Static files as production serves them: fingerprinted, compressed with gzip and brotli by
`collectstatic`, and kept by browsers for good (WhiteNoise's immutable caching)."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

SITE_CSS = "css/site.css"
FOREVER = "max-age=315360000, public, immutable"


@pytest.fixture
def collected(settings, tmp_path):
    """The site's own static files collected with production's storage into a temporary root."""
    root = tmp_path / "static"
    settings.STATIC_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Only the project's files: the admin's thousands would make the test slow, not better.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return root


def test_production_storage_is_compressed_and_fingerprinted():
    from website.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    middleware = base.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") < middleware.index(
        "pagecache.middleware.PageCacheMiddleware"
    )


def test_collectstatic_writes_brotli_and_gzip_next_to_each_hashed_file(collected):
    hashed = json.loads((collected / "staticfiles.json").read_text())["paths"][SITE_CSS]
    assert hashed != SITE_CSS
    for suffix in ("", ".gz", ".br"):
        assert (collected / f"{hashed}{suffix}").is_file(), suffix


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_whitenoise_serves_hashed_files_compressed_and_immutable(collected, encoding):
    hashed = json.loads((collected / "staticfiles.json").read_text())["paths"][SITE_CSS]
    client = Client()  # a new handler: WhiteNoise reads the freshly collected files
    response = client.get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING=encoding)
    assert response.status_code == 200
    assert response["Cache-Control"] == FOREVER
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert not response.cookies
    # The unhashed name may change content at any deploy: cached for a while, not for good.
    plain = client.get(f"/static/{SITE_CSS}")
    assert plain.status_code == 200
    assert "immutable" not in plain["Cache-Control"]
