"""The Content-Security-Policy of every page: the site's own origin only.

Inline scripts (Material's few) are allowed one by one, by the SHA-256 of their text as
built, never by 'unsafe-inline'. `python -m guide` and the tests read the same policy.
"""

from __future__ import annotations

import base64
import hashlib
import re

import jinja2

# Material draws its icons as CSS masks of data: SVGs, hence data: for images.
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "frame-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype=["']?application/(ld\+)?json""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc=", re.IGNORECASE)
_CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)


class CspError(ValueError):
    """A page the policy cannot be attached to."""


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not JSON data blocks)."""
    return [
        match["body"]
        for match in _SCRIPT.finditer(html)
        if not _SRC.search(match["attrs"]) and not _DATA_TYPE.search(match["attrs"])
    ]


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(html: str) -> str:
    """The policy for one page: POLICY plus the hash of each of its inline scripts."""
    hashes = sorted({script_hash(text) for text in inline_scripts(html)})
    directives = dict(POLICY)
    directives["script-src"] = POLICY["script-src"] + tuple(hashes)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def charset_end(html: str, where: str) -> int:
    """Where the policy goes: right after <meta charset>, before anything it governs."""
    match = _CHARSET.search(html)
    if match is None:
        raise CspError(
            f'{where}: no <meta charset="utf-8"> to put the Content-Security-Policy after'
        )
    return match.end()


def attach(html: str, /, *, env: jinja2.Environment, where: str) -> str:
    """`html` with its policy as a meta tag (partials/guide/csp.html) right after <meta charset>."""
    end = charset_end(html, where)
    meta = env.get_template("partials/guide/csp.html").render(policy=policy_for(html)).strip()
    return f"{html[:end]}\n    {meta}{html[end:]}"
