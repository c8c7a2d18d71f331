"""The visitor's address, as far as this install may trust the request's headers.

Without a proxy (the default) only the socket's address, REMOTE_ADDR, counts: a client can put
anything in X-Forwarded-For. Behind proxies, `TRUSTED_PROXY_COUNT` says how many of them append
to X-Forwarded-For; the address the outermost trusted proxy saw is then that many entries from
the right, and entries further left (which the client may have written itself) are ignored.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # [IPv6]:port
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # IPv4:port
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip_address(request) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        # The proxies did not add what they should have: fall back to the socket's address.
        return remote
    return _valid(forwarded[-proxies]) or remote
