"""The client's IP address behind our load balancer, for login throttling (django-axes).

Only a trusted proxy may tell us who the client is, and gunicorn's FORWARDED_ALLOW_IPS already
names them (config/gunicorn.py): the same variable, read the same way, decides here. From a
trusted peer the client is the last X-Forwarded-For hop, the one the balancer appended; hops
before it are whatever the client sent and prove nothing. From anyone else X-Forwarded-For is
ignored and the client is the peer itself (REMOTE_ADDR, set by gunicorn from the socket).
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ANY = "*"


def trusted_proxies(value):
    """FORWARDED_ALLOW_IPS as gunicorn reads it: comma-separated addresses or CIDR networks,
    "127.0.0.1" when empty, ``*`` for any peer. A list of networks, or ``ANY``."""
    items = [item.strip() for item in (value.strip() or "127.0.0.1").split(",") if item]
    if ANY in items:
        return ANY
    try:
        return [ipaddress.ip_network(item) for item in items]  # strict, as gunicorn's check
    except ValueError:
        raise ImproperlyConfigured(
            "FORWARDED_ALLOW_IPS must be comma-separated IP addresses or networks such as "
            f"10.0.0.0/8; got {value!r}."
        ) from None


def is_trusted(address, proxies):
    if proxies == ANY:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_ip_from(meta, proxies):
    """The client's address from a WSGI environ (``request.META``) and the trusted proxies."""
    peer = meta.get("REMOTE_ADDR", "")
    if not is_trusted(peer, proxies):
        return peer
    last_hop = meta.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last_hop))
    except ValueError:  # no header, or not an address: the balancer did not add one
        return peer


def client_ip(request):
    """AXES_CLIENT_IP_CALLABLE: ``client_ip_from`` with settings.TRUSTED_PROXIES."""
    return client_ip_from(request.META, settings.TRUSTED_PROXIES)
