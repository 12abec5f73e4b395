"""The client's address for login throttling (django-axes: ``AXES_CLIENT_IP_CALLABLE``).

Behind a reverse proxy every request comes from the proxy's address, so throttling on
``REMOTE_ADDR`` alone lets anyone lock any account for everybody. ``X-Forwarded-For`` is believed
only when the request reaches us from a proxy listed in ``TRUSTED_PROXIES`` (addresses or networks):
the header is read from the right, skipping the trusted proxies, and the first address that is not
one of them is the client. From anywhere else the header is ignored, so a client cannot spoof it.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(value: str, networks: tuple[Network, ...]) -> bool:
    address = _address(value)
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([part for part in forwarded if part]):
        if _address(hop) is None:
            return remote  # a malformed hop: believe nothing further left of it
        if not _trusted(hop, networks):
            return hop
    return remote
