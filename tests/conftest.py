"""Shared fixtures: the page tree that migrations create, and small `make_*` helpers."""

import pytest
from django.contrib.auth import get_user_model

from home.models import HomePage


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with nothing in the page cache (pagecache/): a database rolled back
    between tests sends no signal, so pages cached by an earlier test must not be served.
    Searches an earlier test counted in this process's memory (search.recording) are dropped."""
    from pagecache.generation import bump
    from search.recording import counter

    bump(on_commit=False)
    counter.take()


@pytest.fixture
def home_pages(db) -> dict[str, HomePage]:
    """The Dutch and English home pages that the data migration creates, by language code."""
    return {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}


def make_user(username: str = "someone", *, superuser: bool = False, **fields):
    user_model = get_user_model()
    maker = user_model.objects.create_superuser if superuser else user_model.objects.create_user
    return maker(username=username, email=f"{username}@example.org", password="pw", **fields)


@pytest.fixture
def admin_user_client(client, db):
    """A test client logged in as a superuser."""
    client.force_login(make_user("beheerder", superuser=True))
    return client
