"""The demo accounts: one per role, so that every part of the admin can be tried."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    is_superuser: bool = False
    # Filled by the editorial workflow's data migration ("Redacteuren", "Studenten"); an
    # account joins its group as soon as that group exists.
    group: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Beheer", "Kennisbank", is_superuser=True),
    DemoAccount("redacteur", "Rosa", "Redacteur", group="Redacteuren"),
    DemoAccount("student", "Sam", "Student", group="Studenten"),
    DemoAccount("student2", "Noor", "Student", group="Studenten"),
]


def ensure_demo_accounts(password: str) -> list[str]:
    """Create missing demo accounts; existing ones keep their password. Returns the new names."""
    user_model = get_user_model()
    created = []
    for account in DEMO_ACCOUNTS:
        user, was_created = user_model.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@example.org",
                "is_superuser": account.is_superuser,
                "is_staff": account.is_superuser,
            },
        )
        if was_created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created.append(account.username)
        if account.group:
            group = Group.objects.filter(name=account.group).first()
            if group is not None:
                user.groups.add(group)
    return created
