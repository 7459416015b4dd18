"""Webhook targets, guarded against server-side request forgery.

A URL is checked when a subscription is saved (`check_url`) and again at every delivery (`vet`): the host is
resolved, every address it resolves to must be public (not loopback, private, link-local, multicast, reserved,
unspecified, shared or otherwise non-global, IPv4-mapped IPv6 included), and the connection is then made to the
address that was checked (`PinnedHTTPSConnection`), with the hostname for SNI, the certificate and the Host
header, so a DNS answer that changes between the check and the connection (rebinding) cannot move it. Redirects
are never followed (http.client follows none).

`settings.WEBHOOKS_ALLOW_HTTP` (default: DEBUG) allows http:// targets, `settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS`
(default off; tests turn it on for their local receiver) allows non-public addresses.
"""

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

URL_MAX_LENGTH = 2000
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(Exception):
    """The URL may not be used as a webhook target; `message` says why, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # the hostname (or IP literal) as written, without brackets
    port: int
    path: str  # path and query, as sent in the request line


def parse(url: str) -> Target:
    """The URL's parts, or TargetRefused for a malformed one or a scheme that is not allowed."""
    url = url.strip()
    if not url:
        raise TargetRefused(_("Enter the URL of your webhook endpoint."))
    if len(url) > URL_MAX_LENGTH:
        raise TargetRefused(_("Enter a URL of at most %(count)d characters.") % {"count": URL_MAX_LENGTH})
    if any(ord(char) <= 32 or ord(char) == 127 for char in url):
        raise TargetRefused(_("Enter a valid URL: spaces and control characters are not allowed."))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise TargetRefused(_("Enter a valid URL.")) from None
    allowed = ("https", "http") if settings.WEBHOOKS_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed:
        raise TargetRefused(_("Enter an https:// URL."))
    if parts.username is not None or parts.password is not None:
        raise TargetRefused(_("Enter a URL without a user name or password."))
    host = parts.hostname or ""
    if not host:
        raise TargetRefused(_("Enter a URL with a host name."))
    if port == 0:
        raise TargetRefused(_("Enter a valid URL."))
    if parts.fragment:
        raise TargetRefused(_("Enter a URL without a fragment (#…)."))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    default_port = 443 if parts.scheme == "https" else 80
    return Target(scheme=parts.scheme, host=host, port=port or default_port, path=path)


def is_public(address: IPAddress) -> bool:
    """Whether a webhook may connect to `address`: a global unicast address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not (
        address.is_multicast
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def getaddrinfo(host: str, port: int) -> list[tuple[Any, ...]]:
    """The system resolver (tests/conftest.py stands in for it: no real name is resolved in tests)."""
    return list(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))


def resolve(target: Target) -> list[IPAddress]:
    """Every address the target's host resolves to, or TargetRefused when it does not resolve."""
    try:
        literal = ipaddress.ip_address(target.host)
    except ValueError:
        pass
    else:
        return [literal]
    try:
        infos = getaddrinfo(target.host, target.port)
    except (OSError, UnicodeError):
        raise TargetRefused(_("The host “%(host)s” could not be found.") % {"host": target.host}) from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise TargetRefused(_("The host “%(host)s” could not be found.") % {"host": target.host})
    return addresses


def vet(target: Target) -> IPAddress:
    """The address to connect to: the first the host resolves to, once every one of them was found public (or
    private targets are allowed). TargetRefused otherwise."""
    addresses = resolve(target)
    if not settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS:
        for address in addresses:
            if not is_public(address):
                raise TargetRefused(
                    _("The URL points inside a private network (%(address)s): use a public address.")
                    % {"address": address}
                )
    return addresses[0]


def check_url(url: str) -> Target:
    """Parse and vet `url` as a subscription is saved: TargetRefused says what is wrong with it."""
    target = parse(url)
    vet(target)
    return target


def open_socket(address: IPAddress, port: int, timeout: float) -> socket.socket:
    """A TCP connection to exactly `address` (socket.create_connection would resolve it again)."""
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((str(address), port))
    except BaseException:
        sock.close()
        raise
    return sock


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand; the Host header still names the host."""

    def __init__(self, host: str, port: int, *, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.vetted_address = address
        self.connect_timeout = timeout

    def connect(self) -> None:
        self.sock = open_socket(self.vetted_address, self.port, self.connect_timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to an address checked beforehand: SNI, certificate check and Host use the hostname."""

    def __init__(
        self, host: str, port: int, *, address: IPAddress, timeout: float, context: ssl.SSLContext | None = None
    ) -> None:
        self.tls_context = context or ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls_context)
        self.vetted_address = address
        self.connect_timeout = timeout

    def connect(self) -> None:
        raw = open_socket(self.vetted_address, self.port, self.connect_timeout)
        try:
            self.sock = self.tls_context.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise


def connection(target: Target, address: IPAddress, *, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return PinnedHTTPSConnection(target.host, target.port, address=address, timeout=timeout)
    return PinnedHTTPConnection(target.host, target.port, address=address, timeout=timeout)
