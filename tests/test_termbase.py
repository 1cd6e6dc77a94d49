# ruff: noqa: RUF001, RUF003 - the point of these tests is words mixing Latin and Cyrillic
"""The termbase (data/termbase.yml), the script check and the sentence-length check."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest

import guide.data.glossary
import guide.data.termbase
from guide import DOCS_DIR
from guide.content.content_rules import bracket_report, content_problems
from guide.content.plain_language import long_summary, page_sentences, sentences, too_long, units
from guide.data.languages import default_language, language_codes
from guide.data.termbase import (
    MIXED_HINT,
    MIXED_HINTS,
    _case_key,
    blank_markdown,
    case_keys,
    check_termbase,
    core,
    data_text_problems,
    first_mention_problems,
    glossary_conflicts,
    literal_matches,
    repeated_brackets,
    text_problems,
    validate_termbase,
    variant_pattern,
    variant_prefix,
)
from guide.site.build import mkdocs_build
from tests import data
from tests.fixture_site import make_project
from tests.pages import WRITTEN, run_guide

TRANSLATED = [code for code in language_codes() if code != default_language()]
HEAD = "---\ntitle: T\n---\n\n"
TERMBASE = """\
terms:
  - pl: karta pobytu
    uk: карта побиту
    ru: карта побыту
    en: residence card (karta pobytu)
    avoid:
      uk: ["карт* перебуван*"]
      ru: ["карт* пребыван*"]
      en: ["stay card*"]
  - pl: powiat
    uk: повіт
    ru: повят
    en: powiat (county)
    avoid:
      en: ['re:(?<!\\()\\bcount(?:y|ies)\\b(?!\\))']
mixed_script_allowed: [IDкартка]
"""


# The examples' languages; a language of mkdocs.yml beyond them (a new, partial one) renders
# the fixtures' terms as English does: every_language adds its lines after each English one.
EXAMPLES = ("uk", "ru", "en")
EXTRA = [code for code in TRANSLATED if code not in EXAMPLES]


def every_language(text: str) -> str:
    return re.sub(
        r"^( +)en: (?!\[)(.*)$",  # renderings and texts, not the lists of avoid or allow
        lambda line: line[0] + "".join(f"\n{line[1]}{code}: {line[2]}" for code in EXTRA),
        text,
        flags=re.MULTILINE,
    )


def shifted(text: str, message: str) -> str:
    """`message` ("N: ...", N a line of `text`) with N where every_language(text) has it."""
    number, rest = message.split(": ", 1)
    english_before = sum(
        1 for line in text.splitlines()[: int(number) - 1] if re.match(r" +en: (?!\[)", line)
    )
    return f"{int(number) + english_before * len(EXTRA)}: {rest}"


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> guide.data.termbase.Termbase:
    monkeypatch.setattr(guide.data.termbase, "MINIMUM_TERMS", 2)
    path = tmp_path / "termbase.yml"
    path.write_text(every_language(TERMBASE), encoding="utf-8")
    termbase, problems = validate_termbase(path)
    assert problems == [] and termbase is not None
    return termbase


# --- the real data -------------------------------------------------------------------------


def test_real_termbase_is_valid_and_agrees_with_the_glossary() -> None:
    assert check_termbase() == []
    assert len(data.termbase().terms) >= 40


@pytest.mark.parametrize(
    "term",
    [
        "karta pobytu",
        "zezwolenie na pobyt czasowy",
        "meldunek",
        "urząd pracy",
        "urząd miasta",
        "opłata skarbowa",
        "szkoła podstawowa",
        "powiat",
        "umowa zlecenie",
        "wezwanie",
        "skierowanie",
        "zwolnienie lekarskie",
        "Wydział Spraw Cudzoziemców",
        "PESEL",
        "urząd wojewódzki",
        "starostwo",
        "odwołanie",
        "wniosek",
        "księga wieczysta",
        "oświadczenie o powierzeniu pracy cudzoziemcowi",
        "pełnomocnik",
        "najem okazjonalny",
        "rozporządzenie",
        "bezpłatny",
        "ZUS",
    ],
)
def test_termbase_covers_the_terms_readers_meet(term: str) -> None:
    entry = next(entry for entry in data.termbase().terms if entry.pl == term)
    assert all(entry.rendering(lang) for lang in TRANSLATED)


@pytest.mark.parametrize(("lang", "page"), WRITTEN)
def test_page_keeps_to_the_termbase_script_and_sentence_length(lang: str, page: str) -> None:
    path = DOCS_DIR / lang / page
    assert [
        str(p)
        for p in content_problems(path, path.read_text(encoding="utf-8"), rules=data.text_rules())
    ] == []


def test_ui_and_glossary_keep_to_the_termbase_and_script() -> None:
    assert [str(problem) for problem in data_text_problems()] == []


# --- avoided variants ----------------------------------------------------------------------

VARIANTS = {
    "uk": (
        "Покажіть картою\n перебування.",
        "uk: avoid 'картою перебування' (karta pobytu): write 'карта побиту' (data/termbase.yml)",
    ),
    "ru": (
        "Покажите карту пребывания.",
        "ru: avoid 'карту пребывания' (karta pobytu): write 'карта побыту' (data/termbase.yml)",
    ),
    "en": (
        "Show your Stay Cards.",
        "en: avoid 'Stay Cards' (karta pobytu): "
        "write 'residence card (karta pobytu)' (data/termbase.yml)",
    ),
}


@pytest.mark.parametrize("lang", VARIANTS)  # the examples' languages
def test_avoided_variant_is_named_with_the_rendering(
    lang: str, small: guide.data.termbase.Termbase
) -> None:
    text, message = VARIANTS[lang]
    path = Path(f"docs/{lang}/work.md")
    found = text_problems(path, "# T\n\n" + text, lang=lang, termbase=small)
    assert [str(problem) for problem in found] == [f"docs/{lang}/work.md:3: {message}"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_variants_only_count_in_their_own_language(
    lang: str, small: guide.data.termbase.Termbase
) -> None:
    others = " ".join(text for other, (text, _) in VARIANTS.items() if other != lang)
    assert text_problems(Path("x.md"), others, lang=lang, termbase=small) == []


@pytest.mark.parametrize(
    "text",
    ["карта побиту", "перекарта перебування", "картаперебування", "your county office"],
)
def test_stems_match_whole_words_only(text: str, small: guide.data.termbase.Termbase) -> None:
    found = text_problems(Path("x.md"), text, lang="uk", termbase=small)
    assert found == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("the powiat (county) office", []),
        ("the county office", ["county"]),
        ("all Counties of Poland", ["Counties"]),
    ],
)
def test_regex_variant(text: str, flagged: list[str], small: guide.data.termbase.Termbase) -> None:
    found = text_problems(Path("x.md"), text, lang="en", termbase=small)
    assert [problem.message.split("'")[1] for problem in found] == flagged


def test_variant_syntax() -> None:
    assert variant_pattern("карт* перебуван*").pattern == (r"(?<!\w)карт\w*\s+перебуван\w*(?!\w)")
    assert variant_pattern("re:\\bx+").pattern == r"\bx+"


# Characters `re` matches case-insensitively with others (Kelvin sign, long s, the old
# Cyrillic letter forms, dotted and dotless i, sharp s, Greek sigma and iota) among letters,
# joiners, digits and signs of both scripts.
AWKWARD = "aAkKsSſiIİıeé×÷ßẞσΣςιΙͅ\u0345вВᲀдДᲁоОᲂсСᲃтТᲄᲅъЪᲆѣᲇкКіІї҂\u0483'’-_ 1²Ⅻα.\n"


def _awkward_texts(count: int, *, seed: int, words: list[str]) -> list[str]:
    """Deterministic texts mixing `words` (in random case, cut by awkward characters)."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 6)):
            word = rng.choice(words)
            word = "".join(c.upper() if rng.random() < 0.3 else c for c in word)
            cut = rng.randrange(len(word) + 1)
            parts.append(word[:cut] + rng.choice(AWKWARD) * rng.randint(0, 1) + word[cut:])
        texts.append(rng.choice(["", " ", "\n", "(", "x", "-"]).join(parts))
    return texts


def test_variants_are_found_where_re_finds_them() -> None:
    """The search from each variant's literal start (case_keys) finds exactly the matches of
    the variant's pattern over the whole text, for every variant of the real termbase."""
    termbase = data.termbase()
    phrases = sorted(
        {entry.variant for entry in termbase.avoided}
        | {entry.rule.term for entry in termbase.explained}
    )
    words = [phrase.replace("*", "") for phrase in phrases] + ["ſtay", "ᲀид", "İD", "KARTA"]
    checked = 0
    for phrase in phrases:
        prefix = variant_prefix(phrase)
        if prefix is None:
            continue
        pattern = variant_pattern(phrase)
        for text in _awkward_texts(40, seed=len(phrase), words=words):
            expected = [m.span() for m in pattern.finditer(text)]
            found = literal_matches(pattern, text, keys=case_keys(text), prefix=prefix)
            assert [m.span() for m in found] == expected, (phrase, text)
            checked += len(expected)
    assert checked > 50  # the texts hold matches, not only misses


def test_case_keys_keep_each_character_in_its_place() -> None:
    assert case_keys("Kſ ᲀİ") == "ks вi"  # Kelvin sign, long s, rounded ve, dotted I
    assert len(case_keys(AWKWARD)) == len(AWKWARD)


@pytest.mark.parametrize(
    "text",
    ["ΣΑΣ", "İstanbul", "karta pobytu", AWKWARD]
    + [page.read_text(encoding="utf-8") for page in sorted(DOCS_DIR.rglob("*.md"))[:8]],
    ids=lambda text: text[:12],
)
def test_case_keys_are_each_characters_key(text: str) -> None:
    """Where case_keys lowers the whole text instead of mapping each character, the result is
    the same: not for a capital sigma (str.lower writes a final sigma by its place) or a
    dotted I (two characters in lower case)."""
    assert case_keys(text) == "".join(map(_case_key, text))


def test_blank_markdown_blanks_what_the_plain_patterns_find() -> None:
    """blank_markdown's link and URL pattern, written so that `re` can skip ahead, blanks
    exactly what its plain form finds: a link target after "]", "<https://...>" or a bare URL."""
    plain = r"(?<=\])\([^)\s]*\)|<?https?://[^\s)>]+>?"
    email = r"|\b[\w.+-]+@[\w-]+\.[\w.]+"
    rng = random.Random(11)
    pieces = ["](", "(", ")", "]", "[", "<", ">", "http://", "https://", "x", "ą", " ", "\n", "@"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 24))) for _ in range(5000)]
    texts += [page.read_text(encoding="utf-8") for page in sorted(DOCS_DIR.rglob("*.md"))]
    for text in texts:
        code_blanked = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.M | re.S).sub(
            lambda m: re.sub(r"[^\n]", " ", m[0]), text
        )
        pattern = re.compile(plain + email) if "@" in text else re.compile(plain)
        expected = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), code_blanked)
        assert blank_markdown(text) == expected, text[:60]


def test_mixed_script_hints_find_what_the_one_pattern_finds() -> None:
    texts = _awkward_texts(20000, seed=7, words=["ab", "бв", "aб", "e-посвідчення", "ID-к"])
    texts += [page.read_text(encoding="utf-8") for page in sorted(DOCS_DIR.rglob("*.md"))]
    for text in texts:
        expected = MIXED_HINT.search(text) is None
        assert all(hint.search(text) is None for hint in MIXED_HINTS) == expected, text


# --- mixed script --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("у староствi", "староствi"),  # Latin i
        ("у староствe", "староствe"),  # Latin e
        ("через e-посвідчення", "e-посвідчення"),
        ("the Сity hall", "Сity"),  # Cyrillic С
    ],
)
def test_mixed_script_word_is_named(
    text: str, word: str, small: guide.data.termbase.Termbase
) -> None:
    found = text_problems(Path("docs/uk/a.md"), text, lang="uk", termbase=small)
    assert [str(problem) for problem in found] == [
        f"docs/uk/a.md:1: {word!r} mixes Latin and Cyrillic letters: "
        "write the word in one script (or add it to mixed_script_allowed)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "подайте e-PIT онлайн",
        "староство (Starostwo Powiatowe w Bytowie)",
        "польська ID-картка",
        "IDкартка",  # on the allow-list of the fixture
        "PIT-37 і SMS-код",
    ],
)
def test_real_cases_are_not_mixed_script(text: str, small: guide.data.termbase.Termbase) -> None:
    assert text_problems(Path("x.md"), text, lang="uk", termbase=small) == []


# --- the termbase file itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'uk: ["карт* перебуван*"]',
            'uk: ["карт* побит*"]',
            "7: term 'karta pobytu': avoid.uk: 'карт* побит*' matches the rendering "
            "'карта побиту' itself",
        ),
        ("    ru: повят\n", "", "10: term 'powiat': no rendering for ru"),
        (
            "    ru: повят\n",
            "    ru: повят\n    de: Kreis\n",
            "10: term 'powiat': unknown key(s) de "
            f"(allowed: pl, {', '.join(TRANSLATED)}, avoid, note)",
        ),
        (
            'en: ["stay card*"]',
            'pl: ["x"]',
            "9: term 'karta pobytu': avoid.pl: 'pl' is not a translated language",
        ),
        (
            'en: ["stay card*"]',
            'en: ["re:(x"]',
            "9: term 'karta pobytu': avoid.en: 're:(x' is not a valid regular expression: "
            "missing ), unterminated subpattern at position 0",
        ),
        ("- pl: powiat", "- pl: karta pobytu", "10: term 'karta pobytu' is listed twice"),
    ],
)
def test_bad_termbase_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, message: str
) -> None:
    monkeypatch.setattr(guide.data.termbase, "MINIMUM_TERMS", 2)
    path = tmp_path / "termbase.yml"
    assert old in TERMBASE
    text = TERMBASE.replace(old, new, 1)
    path.write_text(every_language(text), encoding="utf-8")
    termbase, problems = validate_termbase(path)
    assert termbase is None
    assert [str(problem) for problem in problems] == [f"{path}:{shifted(text, message)}"]


def test_termbase_needs_forty_terms(tmp_path: Path) -> None:
    path = tmp_path / "termbase.yml"
    path.write_text(every_language(TERMBASE), encoding="utf-8")
    _, problems = validate_termbase(path)
    assert [str(problem) for problem in problems] == [
        f"{path}:1: 2 terms; the termbase needs at least 40"
    ]


GLOSSARY = """\
terms:
  - term: karta pobytu
    translation:
      uk: карта перебування
      ru: Карта побыту (вид на жительство)
      en: residence card
    explanation:
      pl: Dokument.
      uk: Документ.
      ru: Документ.
      en: A document.
"""


def test_glossary_must_use_the_termbase_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: guide.data.termbase.Termbase
) -> None:
    monkeypatch.setattr(guide.data.glossary, "MINIMUM_TERMS", 1)
    path = tmp_path / "glossary.yml"
    path.write_text(every_language(GLOSSARY), encoding="utf-8")
    assert [str(problem) for problem in glossary_conflicts(small, glossary_path=path)] == [
        f"{path}:4: 'karta pobytu' translation.uk 'карта перебування' does not use the "
        "termbase rendering 'карта побиту' (data/termbase.yml)"
    ]
    assert [str(problem) for problem in data_text_problems((path,), termbase=small)] == [
        f"{path}:4: uk: avoid 'карта перебування' (karta pobytu): write 'карта побиту' "
        "(data/termbase.yml)"
    ]


def test_a_glossary_may_name_an_avoided_variant_in_brackets(
    tmp_path: Path, small: guide.data.termbase.Termbase
) -> None:
    """The word readers know, after the rendering: the search finds the term by it."""
    path = tmp_path / "glossary.yml"
    path.write_text(
        GLOSSARY.replace("uk: карта перебування", "uk: карта побиту (карта перебування)"),
        encoding="utf-8",
    )
    assert [str(problem) for problem in data_text_problems((path,), termbase=small)] == []
    path.write_text(
        GLOSSARY.replace("uk: карта перебування", "uk: карта перебування (карта побиту)"),
        encoding="utf-8",
    )
    assert [str(problem) for problem in data_text_problems((path,), termbase=small)] == [
        f"{path}:4: uk: avoid 'карта перебування' (karta pobytu): write 'карта побиту' "
        "(data/termbase.yml)"
    ]


def test_data_strings_are_checked_in_their_language(
    tmp_path: Path, small: guide.data.termbase.Termbase
) -> None:
    path = tmp_path / "ui.yml"
    path.write_text(
        "labels:\n  where:\n    pl: w starostwie\n    uk: у староствi\n"
        "    ru: карту перебування\n    en: your county office\n",
        encoding="utf-8",
    )
    assert [str(problem) for problem in data_text_problems((path,), termbase=small)] == [
        f"{path}:4: 'староствi' mixes Latin and Cyrillic letters: "
        "write the word in one script (or add it to mixed_script_allowed)",
        f"{path}:6: en: avoid 'county' (powiat): write 'powiat (county)' (data/termbase.yml)",
    ]


# --- plain language ------------------------------------------------------------------------


def test_units_of_markdown() -> None:
    body = (
        "# A heading\n\nOne paragraph\ngoes on.\n\n- item one\n  continues\n- item two\n\n"
        '| a | b c |\n|---|---|\n| d | e |\n\n!!! warning "Watch out"\n    Body text.\n\n'
        "[[office: pup]]\n\n```\ncode here\n```\n"
    )
    assert list(units(body)) == [
        (1, "A heading"),
        (3, "One paragraph goes on."),
        (6, "item one continues"),
        (8, "item two"),
        (10, " a "),
        (10, " b c "),
        (12, " d "),
        (12, " e "),
        (14, "Watch out"),
        (15, "Body text."),
    ]


def test_sentences_split_after_full_stops_not_abbreviations() -> None:
    body = (
        "Go to the office, e.g. Urząd Miasta. Take your passport! "
        "Read [the page](https://www.gov.pl/web/a-very/long/path/with/many/parts) now? "
        "Idź np. Do urzędu. Call `+48 58 000 00 00` today."
    )
    assert [(s.text, s.words) for s in sentences(body)] == [
        ("Go to the office, e.g. Urząd Miasta.", 7),
        ("Take your passport!", 3),
        ("Read [the page] now?", 4),
        ("Idź np. Do urzędu.", 4),
        ("Call today.", 2),
    ]


def sentence(words: int) -> str:
    return " ".join(["word"] * (words - 1)) + " end."


@pytest.mark.parametrize("lang", language_codes())
def test_sentence_over_forty_words_fails(lang: str) -> None:
    path = Path(f"docs/{lang}/work.md")
    text = HEAD + "# Title\n\n" + sentence(40) + " " + sentence(41) + "\n"
    assert [str(problem) for problem in content_problems(path, text, rules=data.text_rules())] == [
        f"docs/{lang}/work.md:7: sentence of 41 words (more than 40): "
        "split it: 'word word word word word word word word …'"
    ]


@pytest.mark.parametrize("lang", language_codes())
def test_sentences_over_thirty_words_are_summed_up(lang: str) -> None:
    path = Path(f"docs/{lang}/work.md")
    text = HEAD + "# Title\n\n" + sentence(30) + "\n\n" + sentence(31) + "\n\n- " + sentence(35)
    found = page_sentences(path, text)
    assert too_long(path, found) == []
    assert long_summary(path, found) == (
        f"docs/{lang}/work.md: 2 sentence(s) over 30 words (line 9, 11)"
    )


def test_check_content_command_reports_and_fails(tmp_path: Path) -> None:
    page = tmp_path / "uk" / "work.md"
    page.parent.mkdir()
    page.write_text(HEAD + sentence(31) + " У містi.\n", encoding="utf-8")
    result = run_guide("check-content", str(page))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [  # the failure first, then the notes
        f"{page}:5: 'містi' mixes Latin and Cyrillic letters: "
        "write the word in one script (or add it to mixed_script_allowed)",
        f"{page}: 1 sentence(s) over 30 words (line 5)",
        "uk: 1 sentence(s) over 30 words (aim: none over 40)",
        "1 problem(s) in 1 page(s)",
    ]


def test_build_refuses_an_avoided_term(tmp_path: Path) -> None:
    page = HEAD + "# Праця\n\nПокажіть карту перебування.\n"
    config = make_project(tmp_path, {"uk/index.md": page}, powiat_pages=False)
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, capture=True)
    assert (
        "docs/uk/index.md:7: uk: avoid 'карту перебування' (karta pobytu): "
        "write 'карта побиту' (data/termbase.yml)"
    ) in failure.value.output


# --- allowed phrases, first mentions, repeated brackets -------------------------------------

# Per language: a free word to avoid, the programme name that may keep it, and a term whose
# first mention on a page needs its Polish name in the same line.
RULES = {
    "uk": ("безоплатн*", "безоплатн* правов* допомог*", "центр* зайнятост*"),
    "ru": ("безвозмездн*", "безвозмездн* юридическ* помощ*", "центр* занятост*"),
    "en": ("gratis", "gratis legal aid", "labour office*"),
}
RULES_TERMBASE = "terms:\n" + "".join(
    every_language(f"""  - pl: {pl}
    uk: {uk}
    ru: {ru}
    en: {en}
""")
    for pl, uk, ru, en in [
        ("bezpłatny", "безкоштовний", "бесплатный", "free"),
        ("urząd pracy", "центр зайнятості", "центр занятости", "labour office"),
    ]
)
ALLOW = "    avoid:\n" + "".join(
    f'      {lang}: ["{avoid}"]\n' for lang, (avoid, _, _) in RULES.items()
)
ALLOW += "    allow:\n" + "".join(
    f'      {lang}: ["{allow}"]\n' for lang, (_, allow, _) in RULES.items()
)
FIRST = "    first_mention:\n" + "".join(
    f'      {lang}: {{term: "{term}", needs: "urząd pracy"}}\n'
    for lang, (_, _, term) in RULES.items()
)


def rules_termbase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    monkeypatch.setattr(guide.data.termbase, "MINIMUM_TERMS", 2)
    path = tmp_path / "termbase.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> guide.data.termbase.Termbase:
    first, second = RULES_TERMBASE.split("  - pl: urząd pracy")
    text = first + ALLOW + "  - pl: urząd pracy" + second + FIRST
    termbase, problems = validate_termbase(rules_termbase(tmp_path, monkeypatch, text))
    assert problems == [] and termbase is not None
    return termbase


def example(phrase: str) -> str:
    """A text the phrase matches: its stems as written ("a* b*" -> "a b")."""
    return phrase.replace("*", "")


@pytest.mark.parametrize("lang", RULES)
def test_an_allowed_phrase_keeps_its_avoided_word(
    lang: str, rules: guide.data.termbase.Termbase
) -> None:
    avoid, allow, _ = RULES[lang]
    text = f"{example(allow)}.\n{example(avoid)}."
    found = text_problems(Path(f"docs/{lang}/a.md"), text, lang=lang, termbase=rules)
    assert [str(problem) for problem in found] == [
        f"docs/{lang}/a.md:2: {lang}: avoid {example(avoid)!r} (bezpłatny): "
        f"write {rules.terms[0].rendering(lang)!r} (data/termbase.yml)"
    ]


@pytest.mark.parametrize("lang", RULES)
def test_first_mention_needs_the_phrase_in_its_line(
    lang: str, rules: guide.data.termbase.Termbase
) -> None:
    term = example(RULES[lang][2])
    path = Path(f"docs/{lang}/work.md")
    bare = f"# T\n\n{term}.\n\n{term} (urząd pracy).\n"
    found = first_mention_problems(path, bare, lang=lang, termbase=rules)
    assert [str(problem) for problem in found] == [
        f"docs/{lang}/work.md:3: {lang}: the first mention of {term!r} (urząd pracy) on the "
        "page needs 'urząd pracy' in the same line (data/termbase.yml)"
    ]
    explained = f"# T\n\n{term} (urząd pracy).\n\n{term}.\n"
    assert first_mention_problems(path, explained, lang=lang, termbase=rules) == []
    assert first_mention_problems(path, "# T\n", lang=lang, termbase=rules) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '      uk: ["безоплатн* правов* допомог*"]',
            '      uk: ["правов* допомог*"]',
            "term 'bezpłatny': allow.uk: 'правов* допомог*' contains none of the variants to "
            "avoid (nothing to allow)",
        ),
        (
            '{term: "центр* зайнятост*", needs: "urząd pracy"}',
            '{term: "бюро праці", needs: "urząd pracy"}',
            "term 'urząd pracy': first_mention.uk: term 'бюро праці' does not match the "
            "rendering 'центр зайнятості'",
        ),
        (
            '{term: "центр* зайнятост*", needs: "urząd pracy"}',
            '{term: "re:(x", needs: "urząd pracy"}',
            "term 'urząd pracy': first_mention.uk: 're:(x' is not a valid regular expression: "
            "missing ), unterminated subpattern at position 0",
        ),
    ],
)
def test_bad_allow_or_first_mention_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, message: str
) -> None:
    first, second = RULES_TERMBASE.split("  - pl: urząd pracy")
    text = first + ALLOW + "  - pl: urząd pracy" + second + FIRST
    assert old in text
    path = rules_termbase(tmp_path, monkeypatch, text.replace(old, new, 1))
    termbase, problems = validate_termbase(path)
    assert termbase is None
    assert [problem.message for problem in problems] == [message]


NAMES = frozenset({"karta pobytu", "urząd pracy"})


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        ("a (karta pobytu)\nb\nc (Karta pobytu) d (urząd pracy)\n", {"karta pobytu": [1, 3]}),
        ("a (karta pobytu)\nb (urząd pracy)\n", {}),
        ("MOS (MOS)\nthe (MOS) again (decyzja)\n(decyzja)\n", {}),
    ],
)
def test_repeated_brackets(text: str, repeated: dict[str, list[int]]) -> None:
    assert repeated_brackets(text, names=NAMES) == repeated


@pytest.mark.parametrize("lang", TRANSLATED)
def test_bracket_report_names_page_and_lines(lang: str) -> None:
    path = Path(f"docs/{lang}/work.md")
    text = HEAD + "# T\n\nA (karta pobytu).\n\nB (karta pobytu).\n"
    assert bracket_report(path, text) == [
        f"docs/{lang}/work.md: (karta pobytu) in brackets 2 times (lines 7, 9): "
        "keep it at the first mention only"
    ]
    assert bracket_report(Path("docs/pl/work.md"), text) == []


@pytest.mark.parametrize(
    ("lang", "term", "allow"),
    [
        (lang, entry.pl, phrase)
        for entry in data.termbase().terms
        for lang, phrases in entry.allow.items()
        for phrase in phrases
        if not phrase.startswith("re:")
    ],
)
def test_real_allowed_phrases_are_not_reported(lang: str, term: str, allow: str) -> None:
    assert text_problems(Path("x.md"), example(allow), lang=lang) == []


@pytest.mark.parametrize(
    ("lang", "term"),
    [(lang, entry.pl) for entry in data.termbase().terms for lang in entry.first_mention],
)
def test_real_first_mention_rule_catches_a_bare_mention(lang: str, term: str) -> None:
    entry = next(entry for entry in data.termbase().terms if entry.pl == term)
    mention = core(entry.rendering(lang))  # the data check: the rule's term matches it
    found = first_mention_problems(Path(f"docs/{lang}/a.md"), f"{mention}.\n", lang=lang)
    assert [problem.line for problem in found] == [1]
