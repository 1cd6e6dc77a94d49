"""`python -m guide verify-sources` against a loopback server: no test touches the network.
Office values and fact quotes (tests/verify_sources_fixture.yml, FACTS below).

The server's pages keep a value (in another written form), change it, drop it, redirect,
and answer 404; one source is a closed port.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from guide.site.feedback import repository
from guide.tools.cli import main
from guide.tools.verify_sources import (
    Fetcher,
    format_markdown,
    format_text,
    has_phone,
    has_postal_code,
    has_quote,
    has_street,
    load_entries,
    load_fact_entries,
    verify,
)

FIXTURE = Path(__file__).with_name("verify_sources_fixture.yml")

PAGES = {
    "/keep": "<p>Tel. (58) 1234567</p><p>ul.&nbsp;Długa 5<br>80-001 Gdańsk</p>",
    "/changed": "<p>Tel. 58 765 43 21</p><p>ul. Wita Stwosza 1</p>",
    "/dropped": "<h1>Kontakt</h1><p>Formularz kontaktowy.</p>",
    "/new": "<p>80-001 Gdańsk</p>",
}


class Handler(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/new")
            self.end_headers()
            return
        body = PAGES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = f"<html><body>{body}</body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def directory(tmp_path: Path, server: str) -> Path:
    text = FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "powiaty.yml"
    path.write_text(text.replace("BASE", server).replace("DOWN", closed_port()), "utf-8")
    return path


def fetcher(cache: Path | None, **options: object) -> Fetcher:
    return Fetcher(cache_dir=cache, timeout=5, pause=0, allow_http=True, **options)  # type: ignore[arg-type]


def test_every_state_with_file_and_line(directory: Path, server: str, tmp_path: Path) -> None:
    report = verify(load_entries(directory), fetcher=fetcher(tmp_path / "cache"))
    got = [(r.entry, r.field, r.value, r.state, r.where.rpartition(":")[2]) for r in report.results]
    assert got == [
        ("alpha/pup", "phone", "+48581234567", "confirmed", "11"),
        ("alpha/pup", "postal_code", "80-001", "confirmed", "9"),
        ("alpha/pup", "street", "ul. Długa 5", "confirmed", "8"),
        ("alpha/pcpr", "phone", "+48581234567", "changed", "18"),
        ("alpha/pcpr", "street", "al. Grunwaldzka 12", "changed", "16"),
        ("alpha/police", "phone", "+48581234567", "changed", "24"),
        ("beta/pup", "postal_code", "80-001", "moved", "33"),
        ("beta/pcpr", "phone", "+48581234567", "unreachable", "40"),
        ("beta/legal-aid", "street", "ul. Długa 5", "confirmed", "45"),
        ("regional/wup", "phone", "+48581234567", "unreachable", "54"),
        # A route that is a website: its source answering is what is checked.
        ("routes/beta-www", "page", f"{server}/keep", "confirmed", "61"),
        ("routes/other-www", "page", f"{server}/old", "moved", "65"),
    ]
    assert all(r.where.startswith(f"{directory}:") for r in report.results)
    moved = report.results[6]
    assert moved.detail == f"redirects to {moved.url.removesuffix('/old')}/new (the value is there)"
    assert report.results[9].detail == f"{report.results[9].url}: HTTP 404"
    assert report.results[8].url.endswith("/keep")  # confirmed by `sources`, not `source`
    assert report.counts() == {"confirmed": 5, "changed": 3, "moved": 2, "unreachable": 2}


def test_one_request_per_page_with_the_projects_user_agent(directory: Path) -> None:
    verify(load_entries(directory), fetcher=fetcher(None))
    paths = [path for path, _ in Handler.seen]
    assert paths == ["/keep", "/changed", "/dropped", "/old", "/new", "/gone"]
    agents = {agent for _, agent in Handler.seen}
    assert agents == {
        f"pierwsze-kroki-verify-sources/1 (+{repository()}; checks the guide's office data)"
    }


def test_answers_are_cached_for_a_day(directory: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    now = [1_000_000.0]
    first = verify(load_entries(directory), fetcher=fetcher(cache, clock=lambda: now[0]))
    Handler.seen = []
    again = fetcher(cache, clock=lambda: now[0])
    assert verify(load_entries(directory), fetcher=again) == first
    assert Handler.seen == [] and again.requests == 0
    now[0] += 24 * 60 * 60
    later = fetcher(cache, clock=lambda: now[0])
    verify(load_entries(directory), fetcher=later)
    assert later.requests == 7  # the redirect to /new is part of /old's request


def test_only_one_powiat(directory: Path) -> None:
    assert [e.name for e in load_entries(directory, only="beta")] == [
        "beta/pup",
        "beta/pcpr",
        "beta/legal-aid",
        "routes/beta-www",  # the route beta/pup points to
    ]


def test_plain_http_is_refused_outside_tests(directory: Path) -> None:
    strict = Fetcher(cache_dir=None, pause=0)
    report = verify(load_entries(directory, only="alpha"), fetcher=strict)
    assert {r.state for r in report.results} == {"unreachable"}
    assert report.results[0].detail.endswith(": not an https:// URL")
    assert strict.requests == 0 and Handler.seen == []


@pytest.mark.parametrize(
    "written",
    [
        "58 123 45 67",
        "(58) 1234567",
        "+48 581234567",
        "+48 58 123 45 67",
        "58-123-45-67",
        "0048 58 123-45-67",
        "tel.: 58 12 34 567 wew. 12",
        '<a href="tel:+48581234567">zadzwoń</a>',
    ],
)
def test_phone_forms(written: str) -> None:
    text = written if "href" not in written else " tel:+48581234567"
    assert has_phone(text, "+48581234567")


@pytest.mark.parametrize("written", ["58 123 45 68", "58 123", "158 123 45 6"])
def test_other_numbers_are_not_the_phone(written: str) -> None:
    assert not has_phone(written, "+48581234567")


def test_postal_code_and_street_forms() -> None:
    assert has_postal_code("77 \u2013 100 Bytów", "77-100")
    assert has_postal_code("77-100", "77-100")
    assert not has_postal_code("177-1000", "77-100")
    street = "ul. Ks. dr. Bolesława Domańskiego 2"
    assert has_street("ul. Ks.dr. Bolesława Domańskiego 2, 77 \u2013 100 Bytów", street)
    assert has_street("ulica Domańskiego 2", street)
    assert not has_street("ul. Wita Stwosza 1", street)


def test_reports(directory: Path) -> None:
    report = verify(load_entries(directory), fetcher=fetcher(None))
    text = format_text(report)
    assert text.splitlines()[-1] == "12 value(s): 5 confirmed, 3 changed, 2 moved, 2 unreachable"
    assert f"{directory}:18: alpha/pcpr phone +48581234567: changed" in text
    body = format_markdown(json.loads(json.dumps(report.as_json())))
    assert "Values checked: 5 confirmed, 3 changed, 2 moved, 2 unreachable." in body
    assert sum(line.startswith("| `") for line in body.splitlines()) == 7


def test_command_line(
    directory: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The data folder the guide plugin's `data_dir` names (mkdocs.yml: `!ENV GUIDE_DATA_DIR`).
    monkeypatch.setenv("GUIDE_DATA_DIR", str(directory.parent))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["verify-sources", "--only", "nowhere"]) == 2
    assert capsys.readouterr().out == f"no powiat 'nowhere' in {directory}\n"
    # The command refuses http://, so the loopback pages are not even asked.
    assert main(["verify-sources", "--json", "--only", "alpha"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"confirmed": 0, "changed": 0, "moved": 0, "unreachable": 6}
    assert Handler.seen == []


# --- Facts: the quote on the source page ---------------------------------------------------

FACT_PAGES = {
    "/wage": "<p>Od 1 stycznia 2026&nbsp;r. minimalne wynagrodzenie wynosi 4&nbsp;806 zł.</p>",
    "/wage-changed": "<p>Od 1 stycznia 2026 r. minimalne wynagrodzenie wynosi 4900 zł.</p>",
}
FACTS = """\
wage:
  kind: money
  value: 4806
  source: BASE/wage
  quote: "od 1 stycznia 2026 r. minimalne wynagrodzenie wynosi 4806 zł"
  then:
    - value: 5000
      source: BASE/wage-changed
      quote: "od 1 stycznia 2027 r. minimalne wynagrodzenie wynosi 5000 zł"
fee:
  kind: money
  value: 340
  source: BASE/old
  quote: "80-001"
helpline:
  kind: phone
  value: "+48800120002"
  source: DOWN/kontakt
  quote: "800 120 002"
"""


@pytest.fixture
def facts_file(tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    for address, body in FACT_PAGES.items():
        monkeypatch.setitem(PAGES, address, body)
    path = tmp_path / "facts.yml"
    path.write_text(FACTS.replace("BASE", server).replace("DOWN", closed_port()), "utf-8")
    return path


def test_fact_quotes_on_their_sources(facts_file: Path) -> None:
    report = verify(load_fact_entries(facts_file), fetcher=fetcher(None))
    got = [(r.entry, r.field, r.state, r.where.rpartition(":")[2]) for r in report.results]
    assert got == [
        ("facts/wage", "quote", "confirmed", "5"),  # spaces and digit grouping normalised
        ("facts/wage/then[0]", "quote", "changed", "9"),
        ("facts/fee", "quote", "moved", "14"),
        ("facts/helpline", "quote", "unreachable", "19"),
    ]
    assert report.results[2].detail.endswith("/new (the value is there)")


@pytest.mark.parametrize(
    ("page", "quote", "found"),
    [
        ("wynosi 4\u00a0806\u00a0zł", "wynosi 4806 zł", True),
        ("wynosi 4.806 zł", "wynosi 4806 zł", True),
        ("WYNOSI  4806 ZŁ", "wynosi 4806 zł", True),
        ("„800+” \u2013 800 zł", '"800+" - 800 zł', True),
        ("wynosi 4807 zł", "wynosi 4806 zł", False),
        ("wynosi 14806 zł", "wynosi 4806 zł", False),
    ],
)
def test_quote_forms(page: str, quote: str, found: bool) -> None:
    assert has_quote(page, quote) is found
