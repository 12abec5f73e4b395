"""Issue or revoke a user's personal API token from the command line.

manage.py api_token verhuur            # prints a new token (the old one stops working)
manage.py api_token verhuur --revoke
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.accounts.models import User
from omkijken.api.services import token_issue, token_revoke


class Command(BaseCommand):
    help = "Issue (or revoke) a personal API token for a user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="revoke the token instead")

    def handle(self, *args: Any, username: str, revoke: bool, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if revoke:
            found = token_revoke(user=user)
            self.stdout.write("Token revoked." if found else "The user had no token.")
            return
        try:
            token = token_issue(user=user)
        except PermissionDenied as exc:
            raise CommandError(f"{username!r} is inactive or has no role; no token issued.") from exc
        self.stdout.write(token.key)
