"""The guide's Markdown directives, each on a line of its own: `[[office: KEY]]` and
`[[glossary]]`. One definition for the hooks that expand them, the content check and the
translation checks that compare them.

Raw HTML is off in the parser, so a directive is plain text to Markdown: the hooks swap
each for a placeholder before Markdown (guide/site/placeholders.py) and for its HTML after.
A directive a hook does not know stays visible text, never markup.
"""

from __future__ import annotations

import re

OFFICE = re.compile(r"^\[\[\s*office:\s*(?P<key>[^\]\s]*)\s*\]\][ \t]*$", re.MULTILINE)
GLOSSARY = re.compile(r"^\[\[\s*glossary\s*\]\][ \t]*$", re.MULTILINE)
ANY = re.compile(r"^\[\[\s*(?P<directive>office:\s*[^\]\s]*|glossary)\s*\]\][ \t]*$", re.MULTILINE)


def directives(markdown: str) -> tuple[str, ...]:
    """The directives of a page in order, spaces removed: ('office:pup', 'glossary')."""
    return tuple(re.sub(r"\s+", "", m["directive"]) for m in ANY.finditer(markdown))
