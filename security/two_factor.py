"""Who needs a second factor, and the state of a user's authenticator (TOTP) device."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.roles import is_editor


def confirmed_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")


def has_confirmed_device(user) -> bool:
    return user.is_authenticated and confirmed_devices(user).exists()


def must_set_up(user) -> bool:
    """True when OTP_REQUIRED_FOR_STAFF is on and this superuser or editor has no device yet."""
    if not getattr(settings, "OTP_REQUIRED_FOR_STAFF", False):
        return False
    return is_editor(user) and not has_confirmed_device(user)


def pending_device(user) -> TOTPDevice:
    """The device being set up: kept between page loads so the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device
