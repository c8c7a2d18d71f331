"""Pages of the admin's second factor (TOTP), the login lockout and the reset limit."""

import base64
import io

import django_otp
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from security.forms import TokenForm
from security.two_factor import (
    confirmed_devices,
    has_confirmed_device,
    must_set_up,
    pending_device,
)


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _qr_data_uri(text: str) -> str:
    # Imported here: only an editor setting up a second factor needs it, and loaded at start-up
    # it would add some 3 MB to every worker that serves visitors.
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _grouped_secret(device) -> str:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _check(device, form) -> bool:
    """Verify the form's code on the device; add the reason to the form when it is refused."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            "token",
            _("Too many wrong codes. Wait a minute, then try again with a new code."),
        )
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    form.add_error(
        "token", _("That code is not right, or has been used already. Try the next code.")
    )
    return False


def two_factor(request):
    """The user's second factor: set it up (QR code and secret, confirmed by a code) or see
    that it is active and remove it."""
    user = request.user
    next_url = _next_url(request, reverse("wagtailadmin_account"))
    if has_confirmed_device(user):
        return render(
            request,
            "security/two_factor/active.html",
            {"form": TokenForm(), "device": confirmed_devices(user).first()},
        )
    device = pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        django_otp.login(request, device)
        messages.success(
            request,
            _("Two-factor authentication is on. From now on you enter a code after signing in."),
        )
        return redirect(next_url)
    return render(
        request,
        "security/two_factor/setup.html",
        {
            "form": form,
            "qr_code": _qr_data_uri(device.config_url),
            "secret": _grouped_secret(device),
            "next": next_url,
            "required": must_set_up(user),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def two_factor_remove(request):
    """Turn the second factor off: only with a current code from the device itself."""
    user = request.user
    device = confirmed_devices(user).first()
    if device is None:
        return redirect("security_two_factor")
    form = TokenForm(request.POST)
    if form.is_valid() and _check(device, form):
        confirmed_devices(user).delete()
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("security_two_factor")
    return render(
        request, "security/two_factor/active.html", {"form": form, "device": device}, status=400
    )


def two_factor_verify(request):
    """After signing in: the code from the authenticator app, before any other admin page."""
    user = request.user
    next_url = _next_url(request, reverse("wagtailadmin_home"))
    devices = list(confirmed_devices(user))
    if not devices or user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = devices[0]
        if _check(device, form):
            django_otp.login(request, device)
            return redirect(next_url)
    return render(
        request,
        "security/two_factor/verify.html",
        {"form": form, "next": next_url},
        status=400 if form.is_bound else 200,
    )


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer once a username has failed too often from one address: 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "security/lockout.html", {"minutes": minutes}, status=429)
