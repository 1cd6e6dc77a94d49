"""The features guide/site/plugin.py calls from MkDocs' events, one function per step; each hands
the event's objects to the module that owns the concern.

The build's data, environment and records come from the Build (guide/site/build_state.py); the
language being built from the configuration (guide/site/i18n.py).
"""

from __future__ import annotations

import gc
import json
import posixpath
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from guide.content.content_rules import content_problems, rendered_problems
from guide.content.directives import GLOSSARY
from guide.content.docs_files import docs_tree_problems, site_file_problem
from guide.content.translations import status, translation_notice
from guide.data.coverage import status_tables
from guide.data.edition import alias_of
from guide.data.facts import Register
from guide.data.languages import page_url
from guide.data.ui import Ui
from guide.data.yamlfile import DataError
from guide.site import escaping, finished_page, placeholders
from guide.site.asset_paths import TOWNS_JSON, booklet_path, sheet_path
from guide.site.build_state import Build
from guide.site.csp import (
    CspError,
    Scan,
    features_of,
    insert,
    known_scripts,
    page_base_url,
    policy_insertion,
    policy_position,
    script_partials,
    script_sources,
    template_base_url,
    theme_script_paths,
)
from guide.site.css_prune import prune_site
from guide.site.data_status import render_data_status
from guide.site.facts_html import FACT_KIND, FACT_TEMPLATE, mark_references, render_reference
from guide.site.feedback import edit_url, in_translation, page_report_url, translation_report_url
from guide.site.first_paint import SitePages, inline_site, remember_names
from guide.site.i18n import (
    built_language_prefix,
    built_languages,
    current_language,
    source_language,
)
from guide.site.office_boxes import (
    OFFICE_KIND,
    mark_office_directives,
    office_box,
    offices_json_files,
)
from guide.site.offline import (
    KEEP_JS,
    OFFLINE_HTML,
    PACK_JSON,
    measure_packs,
    offline_page,
    pack_json,
)
from guide.site.powiat_pages import (
    EXTRA_CSS,
    OVERVIEW,
    GeneratedPage,
    LanguagePages,
    powiat_of_page,
    powiat_pages,
    towns_json,
)
from guide.site.powiat_pages import (
    expand_powiat_html as expand_powiat_placeholders,
)
from guide.site.qr import qr_svg
from guide.site.render import compiled_templates, render, words
from guide.site.scripts import strip_site_scripts
from guide.site.search_index import SEARCH_JSON, index_json, indexed_pages, synonyms
from guide.site.static_i18n import (
    builds_more_languages,
    file_locale,
    language_file,
    list_in_sitemap,
    normalized_src,
    show_language_selector,
)
from guide.site.theme_files import theme_published_files

# The checks a test may switch off (the plugin's `checks_off`) to prove each one is what
# stops a bad page.
CONTENT_RULES = "content_rules"
DOCS_FILES = "docs_files"
OUTPUT = "output"  # the output check and the policy on each finished page
CHECKS = (CONTENT_RULES, DOCS_FILES, OUTPUT)

NOTICE_KIND = "translation-notice"
GLOSSARY_KIND = "glossary"
QR_FILE = "print-qr.svg"
STOCK_INDEX_DIR = "search"
STOCK_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


# --- configuration ----------------------------------------------------------------------


def edition_settings(build: Build, config: MkDocsConfig) -> None:
    """Editions: Material's edition selector and outdated notice in mike builds only
    (MIKE_DOCS_VERSION, set by `python -m guide deploy`), whose year the notice names as
    `config.extra.edition`. A plain build is in no edition folder, where the selector would
    request a `../versions.json` that does not exist: `extra.version` is dropped there.

    An edition's site_url moves into its folder, as mike's plugin moves it with no
    canonical_version (canonical URLs and links stay inside their edition, never in an alias).
    mike's plugin is not in mkdocs.yml: `mike deploy` adds it to the configuration it builds,
    `python -m guide deploy` builds through this, and a plain build does not import mike."""
    edition = build.edition
    if edition is None:
        config.extra.pop("version", None)
    else:
        # The notice links to the same page in this alias: mkdocs.yml must name one.
        alias_of(config.extra.get("version"), source=config.config_file_path)
        config.extra["edition"] = edition
        if config.site_url:  # mike's MikePlugin.on_config: the same in every language's build
            config.site_url = urljoin(config.site_url, edition)


def watch_data(server: Any, *, data_dir: str) -> Any:
    """`make serve` rebuilds after an edit of the data files too."""
    server.watch(data_dir)
    return server


def theme_env(build: Build, env: Environment, *, config: MkDocsConfig) -> Environment:
    """The theme's environment of this language: every value escaped, the page's own HTML
    marked safe (guide/site/escaping.py); its templates compiled once per build, shared with the
    guide's own environment (guide/site/render.py)."""
    env = escaping.escaping_env(env)
    env.bytecode_cache = compiled_templates(config.theme)
    return env


# --- files --------------------------------------------------------------------------------


def check_docs_files(build: Build, files: Files, *, config: MkDocsConfig) -> None:
    """docs/ publishes pages and pictures only: the build fails on any other file, a symbolic
    link, or a path the theme or the guide publish (sw.js, assets/..., 404.html), checked at
    the destination static-i18n gave it (guide/content/docs_files.py)."""
    if DOCS_FILES in build.settings["checks_off"]:
        return
    docs_dir = Path(config.docs_dir)
    if build.theme_files is None:  # the same tree for every language: checked once
        build.theme_files = theme_published_files(config)
        build.docs_tree_problems = docs_tree_problems(docs_dir)
    problems = {problem.path: problem for problem in build.docs_tree_problems}
    for file in files:
        if file.abs_src_path is None or not Path(file.abs_src_path).is_relative_to(docs_dir):
            continue  # the theme's and the guide's own files
        problem = site_file_problem(
            file.src_uri,
            Path(file.abs_src_path),
            docs_dir=docs_dir,
            dest=file.dest_uri,
            theme_files=build.theme_files,
        )
        if problem is not None:
            problems.setdefault(problem.path, problem)
    if problems:
        raise PluginError("\n".join(str(problem) for problem in problems.values()))


def _powiat_file(config: MkDocsConfig, lang: str, page: GeneratedPage) -> File:
    """A generated page of `lang`, shaped like the files static-i18n prepares."""
    stem = page.src.removesuffix(".md").removesuffix("index").rstrip("/")
    dest_uri = f"{built_language_prefix(config, lang)}{stem}/index.html"
    return language_file(config, lang=lang, src=page.src, dest_uri=dest_uri, content=page.markdown)


def add_powiat_pages(build: Build, files: Files, *, config: MkDocsConfig) -> None:
    """`powiaty/` (map, town search, list) and `powiaty/<slug>/` per powiat in this language,
    from the data (guide/site/powiat_pages.py), and towns.json for the town search."""
    if not build.settings["powiat_pages"]:
        return
    lang = current_language(config)
    for page in powiat_pages(_language_pages(build, config=config)):
        files.append(_powiat_file(config, lang, page))
    if lang == source_language(config):
        files.append(File.generated(config, TOWNS_JSON, content=towns_json(build.data)))


def list_powiat_pages(build: Build, files: Files, *, config: MkDocsConfig) -> None:
    """List the generated pages in sitemap.xml too: Material's edition selector looks for
    "the same page" in the other edition's sitemap, and search engines read it."""
    if build.settings["powiat_pages"]:
        list_in_sitemap(config, lang=current_language(config), files=files)


def add_offices_json(build: Build, files: Files, *, config: MkDocsConfig) -> None:
    """This language's offices.json (labels and the powiat list) and offices/<slug>.json per
    powiat, which offices.js fetches for the "Your office" boxes (guide/site/office_boxes.py)."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    files_json = offices_json_files(build.env, lang, data=build.data, slots=build.office_slots)
    for path, content in files_json.items():
        files.append(File.generated(config, prefix + path, content=content))


def drop_stock_search_assets(files: Files) -> None:
    """Material's search plugin stays only for its header button: its lunr files and worker,
    which no page requests, stay out of the site (the guide's search replaces them)."""
    for file in [f for f in files if f.src_uri.startswith(STOCK_ASSETS)]:
        files.remove(file)


def canonical_url(config: MkDocsConfig, url: str) -> str:
    """The public address of the page at site-relative `url` (as MkDocs' canonical_url)."""
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is required: printed pages show their address")
    return urljoin(config.site_url.rstrip("/") + "/", url)  # the home page's url is "./"


def qr_dest(file: File) -> str:
    """Where a page's QR code goes: beside its index.html."""
    return posixpath.join(posixpath.dirname(file.dest_uri), QR_FILE)


def add_qr_codes(build: Build, files: Files, *, config: MkDocsConfig) -> None:
    """The QR code of each page's address, an SVG beside it that the printed page shows."""
    for file in list(files.documentation_pages()):
        svg = qr_svg(canonical_url(config, file.url))
        files.append(File.generated(config, qr_dest(file), content=svg))


# --- pages --------------------------------------------------------------------------------


def _where(page: Page) -> Path:
    """The page's file as authors know it (docs/uk/work.md); a generated page's own path."""
    src = Path(page.file.src_path)
    return Path("docs") / src if page.file.abs_src_path is not None else src


def page_source(build: Build, page: Page) -> str:
    """The page's file as its author wrote it (front matter too), read once per build: its
    checks and its directives' line numbers read it, in every language that shows it."""
    path = page.file.abs_src_path
    if path is None:
        return page.file.content_string
    found = build.sources.get(path)
    if found is None:
        found = build.sources[path] = page.file.content_string
    return found


def check_page_source(build: Build, page: Page) -> None:
    """Front matter and text break no rule (guide/content/content_rules.py): else the build fails,
    naming the page and line. Generated pages come from validated data."""
    if CONTENT_RULES in build.settings["checks_off"] or page.file.abs_src_path is None:
        return
    problems = content_problems(
        _where(page), page_source(build, page), meta=page.meta, rules=build.rules
    )
    if problems:
        raise PluginError("\n".join(map(str, problems)))


def check_rendered_page(build: Build, page: Page, html: str) -> None:
    """The rendered content against the allow-list (guide/content/sanitize.py), before any
    placeholder is expanded."""
    if CONTENT_RULES in build.settings["checks_off"]:
        return
    problems = rendered_problems(_where(page), page_source(build, page), html)
    if problems:
        raise PluginError("\n".join(map(str, problems)))


def exclude_from_stock_search(page: Page) -> None:
    """Material's search plugin indexes no page (`search.exclude`, which also spares its
    parsing): the guide's own index replaces it."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


def mark_office_boxes(markdown: str, *, page: Page, source: str, ui: Ui) -> str:
    """`[[office: KEY]]`: a placeholder before Markdown; an unknown KEY fails at page:line
    (`source`: the page's file, page_source)."""
    try:
        return mark_office_directives(markdown, src=page.file.src_uri, source=source, ui=ui)
    except DataError as error:
        raise PluginError(str(error)) from None


def mark_facts(markdown: str, *, page: Page, source: str, register: Register) -> str:
    """`[[fact: KEY]]`, `[[period: KEY]]`: a placeholder before Markdown; an unknown key fails
    the build at page:line (guide/data/facts.py; `source`: the page's file, page_source)."""
    try:
        return mark_references(
            markdown, src=Path("docs") / page.file.src_path, source=source, register=register
        )
    except DataError as error:
        raise PluginError(str(error)) from None


def mark_glossary(markdown: str) -> str:
    return GLOSSARY.sub(lambda _: placeholders.block(GLOSSARY_KIND), markdown)


def _notice(build: Build, page: Page, config: MkDocsConfig) -> str | None:
    """The "not translated yet" or "Polish original updated" notice's HTML, or None."""
    lang = current_language(config)
    source_lang = source_language(config)
    src = normalized_src(page.file)
    if lang == source_lang or src is None:
        return None
    source = Path(config.docs_dir) / source_lang / src
    if not source.is_file():
        return None  # the source language itself, or a generated page
    notice = translation_notice(
        source, lang=lang, built_from=file_locale(page.file), meta=page.meta, ui=build.data.ui
    )
    if notice is None:
        return None
    kind, text = notice
    original = built_language_prefix(config, source_lang) + page_url(src)
    return render(
        build.env,
        "partials/guide/notice.html",
        kind=kind,
        text=text,
        original_url=get_relative_url(original, page.url),
        **words(lang, ui=build.data.ui),
    )


def mark_translation_notice(
    build: Build, markdown: str, *, page: Page, config: MkDocsConfig
) -> str:
    """A page missing in this language (the Polish page in its place) or whose Polish original
    changed since its translation says so: a placeholder first, its HTML after Markdown."""
    notice = _notice(build, page, config)
    build.language(config).notices[page.file.src_uri] = notice  # expanded after Markdown
    if notice is None:
        return markdown
    return f"{placeholders.block(NOTICE_KIND)}{markdown}"


def _language_pages(build: Build, *, config: MkDocsConfig) -> LanguagePages:
    lang = current_language(config)
    return LanguagePages(
        env=build.env,
        data=build.data,
        lang=lang,
        prefix=built_language_prefix(config, lang),
        reports=build.reports,
        site_url=config.site_url or "",
        labels=build.map_labels,
        slots=build.office_slots,
    )


def expand_powiat_html(build: Build, html: str, *, config: MkDocsConfig) -> str:
    """The generated pages' map, lists and offices: trusted HTML, put in after Markdown."""
    return expand_powiat_placeholders(html, made=_language_pages(build, config=config))


def expand_office_boxes(build: Build, html: str, *, page: Page, config: MkDocsConfig) -> str:
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    address = page.canonical_url or page.url

    def box(key: str) -> str:
        return office_box(
            key,
            env=build.env,
            lang=lang,
            prefix=prefix,
            page_url=page.url,
            address=address,
            data=build.data,
            reports=build.reports,
        )

    return placeholders.expand(html, {OFFICE_KIND: box})


def expand_facts(build: Build, html: str, *, page: Page, config: MkDocsConfig) -> str:
    """The facts' values in the page's language on the build's reference date. A page missing
    in this language is the Polish page: its values are written as the Polish text around them."""
    lang = file_locale(page.file) or current_language(config)
    template = build.env.get_template(FACT_TEMPLATE)
    day, register = build.day, build.data.facts
    noted: set[str] = set()

    def fact(argument: str) -> str:
        return render_reference(
            argument,
            template=template,
            lang=lang,
            day=day,
            register=register,
            ui=build.data.ui,
            noted=noted,
            rendered=build.facts_html,
        )

    return placeholders.expand(html, {FACT_KIND: fact})


def expand_glossary(build: Build, html: str, *, config: MkDocsConfig) -> str:
    def glossary(_: str) -> str:
        return render(
            build.env,
            "partials/guide/glossary.html",
            terms=build.data.glossary,
            **words(current_language(config), ui=build.data.ui),
        )

    return placeholders.expand(html, {GLOSSARY_KIND: glossary})


def expand_translation_notice(build: Build, html: str, *, page: Page, config: MkDocsConfig) -> str:
    """The notice mark_translation_notice found (its git look-up made once per page)."""
    notices = build.language(config).notices

    def notice(_: str) -> str:
        src = page.file.src_uri
        found = notices[src] if src in notices else _notice(build, page, config)
        return found or ""

    return placeholders.expand(html, {NOTICE_KIND: notice})


def add_print_area(build: Build, html: str, *, page: Page, config: MkDocsConfig) -> str:
    """The print and download area at the end of every page: the PDFs of guide/tools/pdf.py on
    screen; on paper the page's own address (its canonical URL) and the QR code of it."""
    lang = current_language(config)
    url = canonical_url(config, page.url)
    src = normalized_src(page.file) or page.file.src_uri
    try:
        powiat = powiat_of_page(src, build.data.directory)
    except LookupError as error:
        raise PluginError(str(error)) from None
    area = render(
        build.env,
        "partials/guide/print-address.html",
        url=url,
        qr_url=get_relative_url(qr_dest(page.file), page.url),
        booklet_url=get_relative_url(booklet_path(lang), page.url),
        sheet_url=get_relative_url(sheet_path(lang, powiat), page.url) if powiat else None,
        **words(lang, ui=build.data.ui),
    )
    return f"{html}\n{area}"


# --- page and template context -------------------------------------------------------------


def _set_footer(build: Build, config: MkDocsConfig, lang: str) -> None:
    """Material's footer reads `config.copyright`: the `copyright` label of data/ui.yml."""
    config.copyright = build.data.ui.label("copyright", lang)


def page_words(build: Build, context: dict[str, Any], *, config: MkDocsConfig) -> None:
    """data/ui.yml's words in the language being built, as `guide.t.<label>` for overrides/."""
    lang = current_language(config)
    context["guide"] = words(lang, ui=build.data.ui)
    _set_footer(build, config, lang)


def template_words(build: Build, context: dict[str, Any], *, config: MkDocsConfig) -> None:
    """Static templates such as 404.html have no page, but the same header. The one 404.html
    at the root answers readers of every language (each build writes it; the last one stays),
    so it gets the words of all of them, with each language's home."""
    lang = current_language(config)
    context["guide"] = words(lang, ui=build.data.ui)
    _set_footer(build, config, lang)
    context["guide_languages"] = [
        {**words(code, ui=build.data.ui), "home": built_language_prefix(config, code)}
        for code, _ in built_languages(config)
    ]


def overview_styles(context: dict[str, Any], *, page: Page) -> None:
    """The powiaty/ overview's map and list styles, linked in its head by overrides/main.html:
    no other page loads them."""
    if normalized_src(page.file) == OVERVIEW:
        context["guide_extra_css"] = get_relative_url(EXTRA_CSS, page.url)


def feedback_links(
    build: Build, context: dict[str, Any], *, page: Page, config: MkDocsConfig
) -> None:
    """ "Report a mistake" and "Edit this page" (guide/site/feedback.py), and on a translated page
    (not a Polish page in its place) "Report a translation problem", to the page's canonical
    URL, which mike moves into the edition's folder."""
    lang = current_language(config)
    src = normalized_src(page.file) or page.file.src_uri
    address = page.canonical_url or page.abs_url or page.url
    to = build.reports
    generated = page.file.generated_by is not None
    links = {
        "report": page_report_url(page=address, lang=lang, to=to),
        "edit": edit_url(lang=lang, src=src, generated=generated, repo=to.repo),
    }
    if in_translation(lang=lang, src=src, generated=generated):
        links["translation"] = translation_report_url(page=address, lang=lang, to=to)
    context["guide_feedback"] = links


def keep_offline_link(context: dict[str, Any], *, page: Page, config: MkDocsConfig) -> None:
    """The language's start page offers to keep the language (partials/guide/keep.html)."""
    if normalized_src(page.file) == "index.md":
        prefix = built_language_prefix(config, current_language(config))
        context["guide_keep"] = {
            "pack": get_relative_url(prefix + PACK_JSON, page.url),
            "script": get_relative_url(KEEP_JS, page.url),
        }


def search_links(context: dict[str, Any], *, page: Page, config: MkDocsConfig) -> None:
    """What partials/search.html needs besides its labels: the language's index and root,
    relative to this page."""
    prefix = built_language_prefix(config, current_language(config))
    context["guide_search"] = {
        "index": get_relative_url(prefix + SEARCH_JSON, page.url),
        "root": get_relative_url(prefix or ".", page.url).rstrip("/") + "/",
    }


def language_links(*, page: Page, config: MkDocsConfig) -> None:
    """The language selector links to the same page in each language, computed from the page's
    path inside its language tree and rendered relative to the page (at the site root, under
    `/2026/` or opened from disk), in `config.extra.languages` (partials/alternate.html).
    `extra.alternate` stays a flag: Material fetches a sitemap.xml beside every iterable one."""
    src = normalized_src(page.file)
    if src is None:
        raise ValueError(f"{page.file.src_uri}: page is not inside a language folder")
    alternates = []
    for code, name in built_languages(config):
        link = built_language_prefix(config, code) + page_url(src)
        alternates.append({"name": name, "lang": code, "link": link or "./"})
    config.extra["languages"] = alternates
    show_language_selector(config, shown=True)


def no_language_links(config: MkDocsConfig) -> None:
    """404.html is served at any missing address, where no relative link can be right."""
    config.extra["languages"] = []
    show_language_selector(config, shown=False)


def mark_page_html(page: Page) -> None:
    escaping.mark_page_html(page)


# --- finished pages ----------------------------------------------------------------------


def _policy(
    build: Build,
    html: str,
    *,
    config: MkDocsConfig,
    base_url: str,
    where: str,
    found: Scan | None = None,
) -> tuple[int, str] | None:
    """The output check, and where the Content-Security-Policy meta goes and its text
    (guide/site/csp.py); None in `make serve`'s live preview, whose live reload script differs
    in every response."""
    if build.settings["live_preview"] or OUTPUT in build.settings["checks_off"]:
        return None
    leftover = placeholders.leftover(html)
    if leftover is not None:
        raise PluginError(
            f"{where}: a directive where it cannot stand ({leftover}): put it on a line of "
            "its own, outside code, tables and headings"
        )
    if build.script_partials is None:  # the theme's, listed once per build
        build.script_partials = script_partials(build.env)
        build.script_paths = theme_script_paths(config.theme.dirs, config.extra_javascript)
    scope = config.extra.get("scope")
    features = features_of(config.theme.get("features"))
    key = (base_url, features, str(scope) if scope else None)
    known = build.known_scripts.get(key)
    if known is None:  # once per page depth (the base_url) and build
        known = known_scripts(
            build.env,
            base_url=base_url,
            features=features,
            scope=key[2],
            partials=build.script_partials,
        )
        build.known_scripts[key] = known
    try:
        return policy_insertion(
            html,
            env=build.env,
            where=where,
            known=known,
            sources=script_sources(build.script_paths, base_url=base_url),
            found=found,
        )
    except CspError as error:
        raise PluginError(str(error)) from error


def finish_page(build: Build, output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Parse the finished page once (guide/site/finished_page.py): its scan for the output check
    and the policy, its sections for the search index, its own files for the offline pack, its
    names for the stylesheet steps after the build (finish_site), kept by what is written."""
    parsed, output = _finish_html(
        build,
        output,
        config=config,
        dest=page.file.dest_uri,
        base_url=page_base_url(page.url),
        where=page.file.src_uri,
    )
    record = build.language(config)
    if parsed.sections is not None:
        record.sections[page.file.dest_uri] = parsed.sections
    record.loads[page.file.dest_uri] = parsed.loads
    return output


def finish_template(build: Build, output: str, *, template_name: str, config: MkDocsConfig) -> str:
    """A page made from a template alone (404.html), finished as a page is (finish_page)."""
    if not template_name.endswith(".html"):
        return output
    base_url = template_base_url(template_name, site_url=config.site_url)
    _, output = _finish_html(
        build, output, config=config, dest=template_name, base_url=base_url, where=template_name
    )
    return output


def _finish_html(
    build: Build, output: str, *, config: MkDocsConfig, dest: str, base_url: str, where: str
) -> tuple[finished_page.FinishedPage, str]:
    """The page's one parse, and the page with its policy; its names kept by what is written."""
    position = policy_position(output)
    parsed = finished_page.parse(output, page=dest, position=position, known=build.attributes)
    insertion = _policy(
        build, output, config=config, base_url=base_url, where=where, found=parsed.scan
    )
    names = finished_page.names_after(parsed, position=position, insertion=insertion)
    if insertion is not None:
        output = insert(output, insertion)
    remember_names(build.page_names, output, names)
    return parsed, output


# --- after each language's build ----------------------------------------------------------


def write_translation_status(build: Build, *, config: MkDocsConfig) -> None:
    """translation-status.html of each language (the Polish one at the site root) and
    translation-status.json at the root: what each language still needs."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    if build.translation_status is None:  # one report for the whole site
        partial = build.settings["partial_languages"]
        build.translation_status = status(Path(config.docs_dir), partial=partial)
    report = build.translation_status
    site = Path(config.site_dir)
    html = build.env.get_template("partials/guide/translation-status.html").render(
        report=report, root="../" * prefix.count("/"), **words(lang, ui=build.data.ui)
    )
    where = f"{prefix}translation-status.html"
    html, names = finished_page.attach_once(html, env=build.env, where=where)
    remember_names(build.page_names, html, names)
    (site / where).write_text(html, encoding="utf-8")
    if lang != source_language(config):
        return  # the JSON is written once, by the default language's build
    data = {code: asdict(entry) for code, entry in report.items()}
    (site / "translation-status.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )


def write_data_status(build: Build, *, config: MkDocsConfig) -> None:
    """data-status.html of each language and data-status.json at the root: office data
    coverage and age (guide/data/coverage.py)."""
    lang = current_language(config)
    where = built_language_prefix(config, lang) + "data-status.html"
    if build.status_tables is None:  # the same in every language
        data = build.data
        build.status_tables = status_tables(
            data.directory, ui=data.ui, facts=data.facts, day=build.day
        )
    html, table = render_data_status(
        build.env,
        lang=lang,
        where=where,
        ui=build.data.ui,
        tables=build.status_tables,
        names=build.page_names,
    )
    site = Path(config.site_dir)
    (site / where).write_text(html, encoding="utf-8")
    if lang != source_language(config):
        return  # the JSON is written once, by the default language's build
    (site / "data-status.json").write_text(
        json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )


def strip_script_comments(*, config: MkDocsConfig) -> None:
    """The guide's scripts ship without their comment lines (guide/site/scripts.py)."""
    strip_site_scripts(Path(config.site_dir))


def write_search_index(build: Build, *, config: MkDocsConfig) -> None:
    """`<language>/assets/guide/search-index.json` from the sections of the pages parsed when
    they were finished: none is read back from disk (guide/site/search_index.py)."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    site = Path(config.site_dir)
    pages = indexed_pages(build.language(config).sections.items(), prefix=prefix)
    if not pages:
        raise ValueError(f"search index of {lang!r}: no built pages under {site / prefix}")
    index = index_json(pages, synonyms=synonyms(lang, build.data.termbase))
    (site / prefix / SEARCH_JSON).write_text(index, encoding="utf-8")


def write_offline_files(build: Build, *, config: MkDocsConfig) -> None:
    """offline.html, which sw.js shows for a page not kept while there is no connection, and
    offline-pack.json, what "Keep this guide on my phone" stores (guide/site/offline.py)."""
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    site = Path(config.site_dir)
    page, names = offline_page(
        build.env, lang=lang, prefix=prefix, site_name=config.site_name, ui=build.data.ui
    )
    remember_names(build.page_names, page, names)
    (site / prefix / OFFLINE_HTML).write_text(page, encoding="utf-8")
    others = [
        built_language_prefix(config, code) for code, _ in built_languages(config) if code != lang
    ]
    pack = pack_json(
        site,
        prefix=prefix,
        others=others,
        loads=build.language(config).loads,
    )
    (site / prefix / PACK_JSON).write_text(pack, encoding="utf-8")


def remove_stock_search_index(*, config: MkDocsConfig) -> None:
    shutil.rmtree(Path(config.site_dir) / STOCK_INDEX_DIR, ignore_errors=True)


# --- the build's objects and the garbage collector ------------------------------------------


def hold_loaded_objects() -> None:
    """Once the Build is started: what it loaded (the validated data, the templates, the
    modules) lives until the build ends, so Python's collector leaves it out of its full
    collections (gc.freeze) rather than walking it again in each of them while every page
    is made (0.1 CPU s per full build)."""
    gc.freeze()


def release_loaded_objects() -> None:
    """The build has ended (the whole site is on disk, or it failed): what hold_loaded_objects
    set aside is collected as usual again (`make serve` builds again in the same process)."""
    gc.unfreeze()


def finish_site(build: Build, *, config: MkDocsConfig) -> None:
    """Once every language is on disk: Material's stylesheet cut to what the site uses (no
    source maps), each page's first-paint rules inline, and the offline packs' sizes measured
    on these final files. The names each page carries come from its one parse when it was
    finished (finish_page), when the file is what was written then."""
    if builds_more_languages(config):
        return
    site = Path(config.site_dir)
    pages = SitePages(site, recorded=build.page_names)
    pruned = prune_site(site, names=pages.names)
    site_path = urlsplit(config.site_url or "/").path or "/"
    inline_site(site, site_path=site_path, pages=pages, parsed=pruned)
    measure_packs(site)
