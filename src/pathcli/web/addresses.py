"""Addresses as the network sees them: whether one can be requested, and which host it names."""

from urllib.parse import urlsplit

_SCHEMES = ("http", "https")


def url_problem(url: str) -> str | None:
    """Why url cannot be requested (for people, without the URL), or None when it can: the checks httpx,
    the IDNA codec and the resolver would otherwise fail on with an exception of their own."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port out of range or not a number
    except ValueError as error:
        return f"not a valid address ({error})"
    if parts.scheme.lower() not in _SCHEMES:
        return "not an http:// or https:// address"
    host = parts.hostname
    if not host:
        return "no host name"
    if not all(character.isprintable() and not character.isspace() for character in url):
        return "it holds spaces or control characters"
    return host_problem(host)


def host_problem(host: str) -> str | None:
    """Why host (as urlsplit gives it: lower case, IPv6 without brackets) names nothing that can be asked."""
    import ipaddress

    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"'{host}' is not a valid IPv6 address"
        return None
    labels = host.rstrip(".").split(".")
    if all(label.isdigit() for label in labels) and len(labels) == 4:
        try:
            ipaddress.IPv4Address(host.rstrip("."))
        except ValueError:
            return f"'{host}' is not a valid IPv4 address"
        return None
    if host.isascii() and "xn--" not in host:
        return None
    import idna  # httpx's own dependency, which encodes international names; loaded only for them

    try:
        idna.encode(host.rstrip("."), uts46=True)
    except (idna.IDNAError, UnicodeError, ValueError) as error:
        return f"'{host}' is not a valid international host name ({error})"
    return None


def host_key(host: str) -> str:
    """The host as the resolver reads it: lower case, no final dot, and an IP literal in its usual form,
    however spelled (127.1, 0x7f.1 and 2130706433 are all 127.0.0.1; [::ffff:1] is as written in full)."""
    import ipaddress
    import socket

    host = host.lower().strip("[]").rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if host and all(character in "0123456789abcdefx." for character in host):
        try:  # inet_aton reads the octal, hexadecimal and short forms that getaddrinfo reads
            return socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            pass
    return host


def without_password(url: str) -> bool:
    """Whether url carries no user name nor password (which would be saved with it, and shown)."""
    try:
        parts = urlsplit(url)
        return parts.username is None and parts.password is None
    except ValueError:
        return True
