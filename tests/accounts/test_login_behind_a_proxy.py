"""Login throttling behind the reverse proxy: the client's own address counts, and only a trusted
proxy's X-Forwarded-For is believed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from omkijken.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


def attempt(password: str, *, remote: str, forwarded: str | None = None) -> int:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client().post(reverse("login"), {"username": "verhuur", "password": password}, **extra)
    return response.status_code


def test_two_clients_behind_a_trusted_proxy_do_not_lock_each_other_out(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXIES = [PROXY]
    # given someone at 203.0.113.5 who locked the account on their address
    for _ in range(5):
        attempt("fout", remote=PROXY, forwarded="203.0.113.5")
    assert attempt(DEMO_PASSWORD, remote=PROXY, forwarded="203.0.113.5") == 429
    # when the real officer logs in from 198.51.100.20 through the same proxy
    status = attempt(DEMO_PASSWORD, remote=PROXY, forwarded="198.51.100.20")
    # then they get on to the second step
    assert status == 302


def test_a_forwarded_header_from_an_untrusted_address_is_ignored(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXIES = [PROXY]
    # given an attacker who connects directly and invents a new X-Forwarded-For every time
    for n in range(5):
        attempt("fout", remote="192.0.2.66", forwarded=f"203.0.113.{n}")
    # then their own address is locked, whatever header they send next
    assert attempt(DEMO_PASSWORD, remote="192.0.2.66", forwarded="198.51.100.99") == 429


def test_without_trusted_proxies_the_header_counts_for_nothing(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        attempt("fout", remote=PROXY, forwarded=f"203.0.113.{n}")
    assert attempt(DEMO_PASSWORD, remote=PROXY, forwarded="198.51.100.20") == 429


def test_a_spoofed_hop_left_of_the_real_client_is_not_believed(settings) -> None:  # type: ignore[no-untyped-def]
    # the proxy appends the address it saw; whatever the client wrote before that is its own claim
    settings.TRUSTED_PROXIES = [PROXY]
    for _ in range(5):
        attempt("fout", remote=PROXY, forwarded="198.51.100.20, 203.0.113.5")
    assert attempt(DEMO_PASSWORD, remote=PROXY, forwarded="198.51.100.21, 203.0.113.5") == 429
