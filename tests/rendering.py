"""What Chromium computed for a page, compared instead of pixels (tests/test_first_paint.py,
tests/test_css_prune.py): every element's box and computed style, and those of its ::before and
::after, its ::marker (a list item), ::placeholder (a field with one) and ::backdrop (an open
modal dialog).

Pixels are not compared: the same styles came out 1 to 2 colour levels apart in a few
anti-aliased pixels of the map on one page (uk/powiaty/, both runs), with not one computed value
different; and the full-page shots of the open search dialog came out in two versions at random.

The styles compared are the properties some stylesheet declares (shorthands as the longhands
they set): the page's own and those given to `keep` (the rules the other rendering will have).
No other property can differ between two renderings of the same page under the same browser
stylesheet: a value the author's rules do not reach is the browser's default or inherited from
an element where the declared property differs itself. What the declared ones change elsewhere
shows in the boxes. Those are 175 of the 479 (6 Dec 2026), read in about half the time.
Custom properties (--md-…) are left out: they count through the properties that read them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

# The longhands the page's stylesheets and the given stylesheet texts declare, kept in the page.
KEEP_NAMES = """(texts) => {
  const names = new Set();
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule.style) for (const name of rule.style) if (!name.startsWith("--")) names.add(name);
      if (rule.cssRules) walk(rule.cssRules);
    }
  };
  const given = texts.map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  for (const sheet of [...document.styleSheets, ...given]) walk(sheet.cssRules);
  window.guideNames = [...names].sort();
}"""
# One line per element: "TAG class", then "\t"-labelled parts joined by "|": its box, its style,
# and its pseudo-elements'. A ::before or ::after whose content is none or normal is not drawn:
# its content is all that counts.
RENDERED = """() => {
  const names = window.guideNames;
  const style = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    return names.map((p) => p + ":" + cs.getPropertyValue(p)).join(";");
  };
  const drawn = (el, pseudo) => {
    const content = getComputedStyle(el, pseudo).content;
    return content === "none" || content === "normal" ? "content:" + content : style(el, pseudo);
  };
  return [...document.querySelectorAll("*")].map((el) => {
    const box = el.getBoundingClientRect();
    const parts = [
      el.tagName + " " + (el.className.baseVal ?? el.className),
      "box\\t" + [box.x, box.y, box.width, box.height].join(" "),
      "style\\t" + style(el, null),
      "::before\\t" + drawn(el, "::before"),
      "::after\\t" + drawn(el, "::after"),
    ];
    if (getComputedStyle(el).display.includes("list-item")) {
      parts.push("::marker\\t" + style(el, "::marker"));
    }
    if (el.matches("input[placeholder], textarea[placeholder]")) {
      parts.push("::placeholder\\t" + style(el, "::placeholder"));
    }
    if (el.matches("dialog:modal")) parts.push("::backdrop\\t" + style(el, "::backdrop"));
    return parts.join("|");
  });
}"""
# The rendering now against the one kept by `keep`: [elements kept, elements now, the first
# pairs that differ, how many differ]. Compared in the page: a rendering is megabytes of text.
COMPARED = f"""() => {{
  const kept = window.guideKept, now = ({RENDERED})();
  const differ = kept.map((a, i) => [a, now[i]]).filter(([a, b]) => a !== b);
  return [kept.length, now.length, differ.slice(0, 3), differ.length];
}}"""


@dataclass(frozen=True)
class Comparison:
    """A page's rendering against the one kept before (`keep`, `compare`)."""

    kept: int  # elements
    now: int
    first: list[list[str]]  # the first pairs of elements that differ
    differ: int

    @property
    def same(self) -> bool:
        return self.kept == self.now and self.differ == 0

    def changes(self) -> list[str]:
        """What differs in the first pairs: "DIV md-header ::before box-shadow: a → b"."""
        found = []
        for a, b in self.first:
            element, *parts_a = a.split("|")
            _, *parts_b = b.split("|")
            before = dict(part.split("\t", 1) for part in parts_a)
            after = dict(part.split("\t", 1) for part in parts_b)
            for label in sorted(before.keys() | after.keys()):
                x, y = before.get(label, ""), after.get(label, "")
                if x == y:
                    continue
                if label == "box" or ";" not in x or ";" not in y:  # a box, or not drawn
                    found.append(f"{element} {label}: {_short(x)} → {_short(y)}")
                    continue
                values = dict(item.split(":", 1) for item in y.split(";"))
                for item in x.split(";"):
                    name, value = item.split(":", 1)
                    if values.get(name) != value:
                        found.append(f"{element} {label} {name}: {value} → {values.get(name)}")
        return found

    def __str__(self) -> str:
        return f"{self.kept} elements, then {self.now}; {self.differ} differ: {self.changes()}"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def site_stylesheets(site: Path) -> list[str]:
    """The texts of every stylesheet of the built site."""
    return [path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.css"))]


def keep(page: Page, stylesheets: Sequence[str]) -> None:
    """Keep the page's rendering as it is now, in the page, for `compare`: the properties that
    its stylesheets and `stylesheets` (texts: the rules the page will have then) declare."""
    page.evaluate(KEEP_NAMES, list(stylesheets))
    page.evaluate(f"() => {{ window.guideKept = ({RENDERED})(); }}")


def compare(page: Page) -> Comparison:
    """The page's rendering now against the one `keep` kept."""
    kept, now, first, differ = page.evaluate(COMPARED)
    return Comparison(int(kept), int(now), first, int(differ))
