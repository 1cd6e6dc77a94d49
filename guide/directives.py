"""The guide's Markdown directives, each on a line of its own: one definition for the hooks
that expand them, the content rule that allows them and the translation checks that compare them.
"""

from __future__ import annotations

import re

OFFICE = re.compile(r"^<!--\s*office:\s*(?P<key>\S*)\s*-->[ \t]*$", re.MULTILINE)
GLOSSARY = re.compile(r"^<!--\s*glossary\s*-->[ \t]*$", re.MULTILINE)
ANY = re.compile(r"^<!--\s*(?P<directive>office:\s*\S*|glossary)\s*-->[ \t]*$", re.MULTILINE)


def directives(markdown: str) -> tuple[str, ...]:
    """The directives of a page in order, spaces removed: ('office:pup', 'glossary')."""
    return tuple(re.sub(r"\s+", "", m["directive"]) for m in ANY.finditer(markdown))
