"""Login protection (issue 8, item 2): lockout, client address, reset limit, passwords, TOTP."""

import datetime
import time

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import make_user
from tests.test_editorial_helpers import make_member

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
TWO_FACTOR = "/admin/account/security/two-factor/"
VERIFY = "/admin/account/security/two-factor/verify/"
LOCKED_TEXT = "is blocked for 60 minutes"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def english_client(address="203.0.113.7", **headers) -> Client:
    return Client(REMOTE_ADDR=address, headers={"Accept-Language": "en", **headers})


def sign_in(client, username, password, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, headers=headers)


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


# Lockout after 5 failures for a username from an address


@pytest.mark.django_db
def test_fifth_failure_locks_the_username_at_that_address_for_an_hour():
    make_user("rosa", superuser=True)
    client = english_client()
    for _ in range(4):
        response = sign_in(client, "rosa", "wrong")
        assert response.status_code == 200
        assert "Your username and password didn&#x27;t match" in response.content.decode()
    locked = sign_in(client, "rosa", "wrong")
    assert locked.status_code == 429
    assert LOCKED_TEXT in locked.content.decode()
    # Even the right password is refused now, with the same message.
    right = sign_in(client, "rosa", "pw")
    assert right.status_code == 429
    assert LOCKED_TEXT in right.content.decode()
    assert not signed_in(client)

    # 59 minutes later: still locked. After the hour: the right password works again.
    attempt = AccessAttempt.objects.get(username="rosa")
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=attempt.attempt_time - datetime.timedelta(minutes=59)
    )
    assert sign_in(client, "rosa", "pw").status_code == 429
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=attempt.attempt_time - datetime.timedelta(minutes=61)
    )
    assert sign_in(client, "rosa", "pw").status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_lockout_message_is_translated():
    make_user("rosa")
    client = Client(REMOTE_ADDR="203.0.113.7", headers={"Accept-Language": "nl"})
    for _ in range(5):
        response = sign_in(client, "rosa", "wrong")
    assert response.status_code == 429
    assert "60 minuten geblokkeerd" in response.content.decode()


@pytest.mark.django_db
def test_lockout_touches_neither_other_usernames_nor_other_addresses():
    make_user("rosa")
    make_user("sam")
    attacker = english_client("203.0.113.7")
    for _ in range(5):
        sign_in(attacker, "rosa", "wrong")
    assert sign_in(attacker, "rosa", "pw").status_code == 429
    # Another user at the same address, and the same user elsewhere, sign in normally.
    assert sign_in(english_client("203.0.113.7"), "sam", "pw").status_code == 302
    assert sign_in(english_client("198.51.100.20"), "rosa", "pw").status_code == 302


@pytest.mark.django_db
def test_a_successful_sign_in_resets_the_count():
    make_user("rosa")
    client = english_client()
    for _ in range(4):
        sign_in(client, "rosa", "wrong")
    assert sign_in(client, "rosa", "pw").status_code == 302
    client.post("/admin/logout/")
    for _ in range(4):
        assert sign_in(client, "rosa", "wrong").status_code == 200
    assert sign_in(client, "rosa", "pw").status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_dodge_the_lock():
    """Without a configured proxy only the connection's address counts."""
    make_user("rosa")
    for number in range(5):
        client = english_client(**{"X-Forwarded-For": f"192.0.2.{number}"})
        sign_in(client, "rosa", "wrong")
    fresh = english_client(**{"X-Forwarded-For": "192.0.2.99"})
    assert sign_in(fresh, "rosa", "pw").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_real_client_address_counts(settings):
    """With TRUSTED_PROXY_COUNT=1 the address the proxy appended is the client's."""
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("rosa")
    proxy = "127.0.0.1"
    for number in range(5):
        # The client forges an entry; the proxy appends the address it really saw.
        client = english_client(proxy, **{"X-Forwarded-For": f"10.9.9.{number}, 198.51.100.5"})
        sign_in(client, "rosa", "wrong")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.5"}
    same_client = english_client(proxy, **{"X-Forwarded-For": "198.51.100.5"})
    assert sign_in(same_client, "rosa", "pw").status_code == 429
    # Another visitor through the same proxy is not locked out.
    other = english_client(proxy, **{"X-Forwarded-For": "198.51.100.6"})
    assert sign_in(other, "rosa", "pw").status_code == 302


# Password reset: 5 per hour per address and per e-mail


@pytest.mark.django_db
def test_password_reset_is_limited_per_e_mail_address():
    make_user("rosa")  # rosa@example.org
    for number in range(5):
        client = english_client(f"198.51.100.{number}")
        response = client.post(RESET, {"email": "rosa@example.org"})
        assert response.status_code == 302
    assert len(mail.outbox) == 5
    refused = english_client("198.51.100.77").post(RESET, {"email": "ROSA@example.org "})
    assert refused.status_code == 429
    assert "Too many password resets were requested" in refused.content.decode()
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_password_reset_is_limited_per_client_address():
    client = english_client("198.51.100.1")
    for number in range(5):
        assert client.post(RESET, {"email": f"iemand{number}@example.org"}).status_code == 302
    assert client.post(RESET, {"email": "nog-iemand@example.org"}).status_code == 429
    # Someone else is not affected.
    other = english_client("198.51.100.2").post(RESET, {"email": "nog-iemand@example.org"})
    assert other.status_code == 302


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_known_and_unknown_addresses():
    make_user("rosa")
    answers = {}
    for email in ("rosa@example.org", "niemand@example.org"):
        client = english_client(f"198.51.100.{len(answers) + 10}")
        answers[email] = [client.post(RESET, {"email": email}).status_code for _ in range(6)]
    assert answers["rosa@example.org"] == answers["niemand@example.org"] == [302] * 5 + [429]


@pytest.mark.django_db
def test_password_reset_page_itself_stays_open():
    client = english_client()
    for _ in range(8):
        assert client.get(RESET).status_code == 200


# Strong passwords


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Kort-1!", "at least 12 characters"),
        ("202511251234", "entirely numeric"),
        ("password1234", "too common"),
        ("rosa.devries", "too similar"),
    ],
)
def test_weak_passwords_are_refused_when_an_admin_adds_a_user(admin_user_client, password, message):
    response = admin_user_client.post(
        "/admin/users/new/",
        {
            "username": "rosa.devries",
            "email": "rosa@example.org",
            "first_name": "Rosa",
            "last_name": "de Vries",
            "password1": password,
            "password2": password,
        },
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="rosa.devries").exists()


# Two-factor authentication (TOTP)


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)


@pytest.mark.django_db
def test_user_sets_up_totp_with_a_qr_code_and_a_confirming_code():
    user = make_user("rosa", superuser=True)
    client = english_client()
    client.force_login(user)
    page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    secret = __import__("base64").b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] + " " + secret[4:8] in html
    # Reloading keeps the same secret (the QR code does not change under the user's phone).
    client.get(TWO_FACTOR)
    assert TOTPDevice.objects.get(user=user).key == device.key

    wrong = client.post(
        TWO_FACTOR, {"token": "000000" if current_code(device) != "000000" else "1"}
    )
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert TOTPDevice.objects.get(user=user).confirmed is False

    device.throttle_reset()
    response = client.post(TWO_FACTOR, {"token": current_code(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed is True
    # This session is verified by the confirmation; the admin works.
    assert signed_in(client)
    assert "Two-factor authentication is on" in client.get(TWO_FACTOR).content.decode()


@pytest.mark.django_db
def test_admin_is_closed_until_the_code_is_verified_after_sign_in():
    user = make_user("rosa", superuser=True)
    device = confirmed_device(user)
    client = english_client()
    assert sign_in(client, "rosa", "pw").status_code == 302
    for url in ("/admin/", "/admin/pages/", "/admin/users/", TWO_FACTOR, "/admin/api/main/pages/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY + "?next="), url

    form = client.get(VERIFY + "?next=/admin/pages/")
    assert form.status_code == 200
    assert "Enter your code" in form.content.decode()

    wrong = client.post(VERIFY, {"token": "12345x", "next": "/admin/pages/"})
    assert wrong.status_code == 400
    assert "A code has six digits" in wrong.content.decode()
    assert not signed_in(client)

    right = client.post(VERIFY, {"token": current_code(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert signed_in(client)


@pytest.mark.django_db
def test_wrong_codes_are_refused_and_then_throttled():
    user = make_user("rosa", superuser=True)
    device = confirmed_device(user)
    client = english_client()
    client.force_login(user)
    good = current_code(device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    # Straight after failures even the right code waits: guessing is slowed down.
    client.post(VERIFY, {"token": wrong})
    throttled = client.post(VERIFY, {"token": good})
    assert throttled.status_code == 400
    assert "Too many wrong codes" in throttled.content.decode()
    assert not signed_in(client)


@pytest.mark.django_db
def test_verify_refuses_to_send_the_user_to_another_site():
    user = make_user("rosa", superuser=True)
    device = confirmed_device(user)
    client = english_client()
    client.force_login(user)
    response = client.post(VERIFY, {"token": current_code(device), "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_turning_totp_off_needs_a_current_code():
    user = make_user("rosa", superuser=True)
    device = confirmed_device(user)
    client = english_client()
    client.force_login(user)
    client.post(VERIFY, {"token": current_code(device)})
    device.refresh_from_db()
    refused = client.post(TWO_FACTOR + "remove/", {"token": "abc"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    device.throttle_reset()
    device.last_t = -1
    device.save()
    done = client.post(TWO_FACTOR + "remove/", {"token": current_code(device)})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_users_without_a_device_are_not_asked_for_a_code(admin_user_client):
    assert admin_user_client.get("/admin/").status_code == 200
    menu = admin_user_client.get("/admin/account/", headers={"Accept-Language": "en"})
    assert TWO_FACTOR in menu.content.decode()


@pytest.mark.django_db
def test_when_required_editors_must_set_up_a_device_and_students_need_not(settings, home_pages):
    from editorial.roles import EDITORS, STUDENTS

    settings.OTP_REQUIRED_FOR_STAFF = True
    editor = make_member("redacteur", EDITORS)
    student = make_member("student", STUDENTS)
    client = english_client()
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR + "?next=")
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert "Editors and administrators must protect their account" in setup.content.decode()
    device = TOTPDevice.objects.get(user=editor)
    assert client.post(TWO_FACTOR, {"token": current_code(device)}).status_code == 302
    assert client.get("/admin/pages/").status_code == 200

    student_client = english_client()
    student_client.force_login(student)
    assert student_client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_outside_the_admin_an_unverified_user_counts_as_signed_out(settings, tmp_path):
    """A private document (collection for signed-in users) needs the code as well."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Intern verslag",
        collection=private,
        file=ContentFile(b"%PDF-1.4 intern", name="intern.pdf"),
    )
    user = make_user("rosa", superuser=True)
    device = confirmed_device(user)
    client = english_client()
    assert sign_in(client, "rosa", "pw").status_code == 302
    response = client.get(document.url)
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/admin/login/?next=")
    # The sign-in page asks this user for the code, then returns to the document.
    to_verify = client.get(login_url)
    assert to_verify["Location"].startswith(VERIFY + "?next=")
    back = client.post(VERIFY, {"token": current_code(device), "next": login_url})
    assert back["Location"] == login_url
    assert client.get(login_url)["Location"] == document.url
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 intern"
