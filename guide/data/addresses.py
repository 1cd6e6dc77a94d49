"""Web and e-mail addresses from pull requests: what readers see must be where they go.

One home for the rules, used by the data models (guide/data/offices.py: websites, sources,
e-mails) and by the check of links in pages (guide/content/sanitize.py).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")
_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def https_problem(value: str) -> str | None:
    """Why `value` is no https:// address whose host readers see as it is, or None: no user
    name or password (in `https://chojnice.policja.gov.pl@evil.example/` the host is
    evil.example), a host in plain ASCII (a Cyrillic letter in `policja.gov.pl` can look like
    the official one), no port."""
    if not re.fullmatch(r"https://[^\s/$.?#][^\s]*", value):
        return f"{value!r} is not an https:// URL"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return f"{value!r} is not an https:// URL"
    if "@" in parts.netloc:
        return f"{value!r} has a user name before '@': the host would be what follows"
    host = parts.hostname or ""
    for char in host:
        if not char.isascii():
            return (
                f"{value!r}: host {host!r} has U+{ord(char):04X} "
                f"({unicodedata.name(char, 'no name')}): write the address in ASCII letters as "
                "the official site shows it"
            )
    if not HOST.fullmatch(host):
        return f"{value!r}: {host!r} is not a host name (letters, digits, '-', '.')"
    if port is not None:
        return f"{value!r}: no port: official sites answer on https's own"
    return None


def url_host(value: str) -> str:
    """The host of an address https_problem accepted."""
    return urlsplit(value).hostname or ""


def email_problem(value: str) -> str | None:
    """Why `value` is no plain local@domain, or None: no `?`, `%` or `&` that would add
    recipients or headers to a mailto: link (`x%40host?bcc=spy@evil.example`)."""
    if _EMAIL.fullmatch(value):
        return None
    return (
        f"{value!r} is not a plain e-mail address (local@domain: letters, digits, '.', '_', "
        "'+', '-')"
    )
