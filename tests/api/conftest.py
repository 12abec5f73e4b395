"""API clients that authenticate with a persona's personal token."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api():  # type: ignore[no-untyped-def]
    """``api("verhuur")``: a DRF test client sending that persona's token (made on first use)."""
    from omkijken.accounts.models import User
    from omkijken.api.services import token_issue

    def make(username: str, **headers: Any) -> APIClient:
        token = token_issue(user=User.objects.get(username=username))
        client = APIClient(**headers)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
