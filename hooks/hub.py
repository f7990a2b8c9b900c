"""MkDocs adapter for the CCPL hub engine: wires MkDocs events to the engine's stages, nothing more.

- on_startup: note whether this is `mkdocs serve` (the live preview) or a build.
- on_config: validate all content once, then build the catalogue and write the generated pages and
  files into their folder (``ccpl_hub.generator``: only the files whose bytes changed are rewritten).
  Between the live preview's rebuilds the engine keeps what each content file validated to, and
  reads again only the files that changed; it renders again only the pages an edit can change.
  Invalid content aborts a build with every problem; the live preview instead keeps serving a page
  listing the problems (see ``ccpl_hub.preview``), and prints them first. The state of one build is reset here because `mkdocs serve` reuses this module.
- on_files: add the generated pages (one per record and per index term), the data exports, JSON
  Schemas and feeds as files read from that folder, so MkDocs checks links to them like any other
  file, and `mkdocs serve --dirty` (`make serve`) rebuilds only those whose file an edit rewrote
  (a ``File.generated`` with content always counts as modified).
- on_page_markdown: a generated page's HTML blocks are set aside, for Python-Markdown to convert only its
  Markdown (on_page_content puts them back: ``ccpl_hub.prerendered``); hand-written pages get the
  repository's links as Markdown link definitions.
- on_nav and on_env: the theme draws the navigation and the tabs once for all the pages that show the
  same (``SharedNavigation``, read by overrides/partials/drawn-once.html).
- on_env: every page's date in the sitemap is when its records last changed (``sharing``), pages a
  dirty rebuild skips included; on_post_template gives MkDocs a full date for sitemap.xml.gz's file time.
- A dirty rebuild renders again only the pages whose source changed; when something every page
  shows changes (mkdocs.yml, the glossary's abbreviations, the repository's links), on_config empties
  the site folder so that every page is rendered again.
- glossary abbreviations get tooltips on every page (on_config gives them to the abbr extension as
  its glossary), and on_page_content links the first use of each on a page to its glossary entry.
- on_page_content, last: every page goes through the allowlist sanitiser (hand-written pages too:
  contributed glossary terms reach them as abbreviations).
- on_post_build: while content is invalid, the problems page is every address of the preview; a
  build without directory URLs (`make preview`) gets file links that open from disk.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.plugins import event_priority
from mkdocs.utils import clean_directory

from ccpl_hub.build import HubBuild
from ccpl_hub.generator import GeneratedFiles, TreeUpdate, builder_folder, write_tree
from ccpl_hub.glossary import link_first_uses
from ccpl_hub.prerendered import anchors, put_back, set_aside
from ccpl_hub.sanitise import sanitise_page
from ccpl_hub.search_index import build_search_index, start_search_index
from ccpl_hub.routes import url_of
from ccpl_hub.preview import file_links, problems_headline, problems_page
from ccpl_hub.repository import Repository
from ccpl_hub.validation import ContentCache

GLOSSARY_PAGE = "glossary.md"


def _hub_logger(name: str, level: str) -> logging.Logger:
    """A logger outside the "mkdocs" namespace, whose records `mkdocs build --strict` does not count.

    Review reminders are facts about the content, not a broken build; the preview's problem list
    must not turn into MkDocs' own bare "Aborted" either.
    """
    logger = logging.getLogger(f"ccpl_hub.{name}")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(f"{level} -  [{name}] %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


review_log = _hub_logger("review", "WARNING")
problem_log = _hub_logger("content", "ERROR  ")
_build: HubBuild | None = None
_serving = False  # `mkdocs serve`: the search index is rebuilt in the background
_indexing = None  # the background Pagefind run of the last rebuild, if still going
_problems_html: str | None = None  # the preview's page while content is invalid
_sitemap_pages: list = []  # the site's pages, whose dates the sitemap shows
_generated: Path | None = None  # the folder of generated files this build reads
_update: TreeUpdate | None = None  # what this build's generator run changed in it
_generated_uris: frozenset[str] = frozenset()  # the source paths of every generated page and file
_site_wide: tuple | None = None  # what every page shows, as the previous build of this process saw it
_content = ContentCache()  # what each file validated to: a rebuild reads and checks only the files that changed
_navigation: "SharedNavigation | None" = None  # the navigation drawn for each group of pages that share it
_aside: tuple | None = None  # the page being converted: (page, its Markdown, its HTML blocks set aside)


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_build_warning)


def _dirty_build_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty rebuild that its navigation and links may be inaccurate, because it
    renders again only the pages whose files changed. The hub's are not: the generator rewrites every
    page an edit changes, the nav lists only sections and index pages, and a change that shows on
    every page renders them all again (``_render_all_again_if_changed``). The warning would only
    teach contributors to ignore warnings."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_config(config):
    global _build, _problems_html, _generated, _update, _generated_uris, _navigation
    previous = _build  # the last valid build of this process: its unchanged pages are kept
    _build, _problems_html, _generated, _update, _navigation = None, None, None, None, None
    _sitemap_pages.clear()
    root = Path(config.config_file_path).resolve().parent
    build = HubBuild.from_content(root, site_url=config.site_url or "", cache=_content, previous=previous,
                                  keep_views=_serving,
                                  repository=Repository(config.extra.get("repository") or ""))
    if build.problems:
        if not _serving:
            raise PluginError("Invalid content: fix these problems, then build again.\n"
                              + "\n".join(str(p) for p in build.problems))
        for problem in build.problems:
            problem_log.error(str(problem))
        problem_log.error(f"{problems_headline(build.problems)}: the preview at {config.site_url} shows them "
                          "until they are fixed")
        _problems_html = problems_page(build.problems)
        _render_all_again_if_changed(config, _problems_html)
        config.nav = None  # the site's pages are not built, so the nav would point at nothing
        return config
    summary = build.review_summary()
    if summary:
        review_log.warning(summary)
    config.plugins["redirects"].config["redirect_maps"].update(build.redirects)
    # The abbr extension's glossary applies to every page; appending the definitions to each page's
    # Markdown instead made Python-Markdown parse them again on every page (a third of the build).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = build.abbreviations
    _build = build
    _generated = builder_folder(root, build.site_url, build.repository.url)
    generated = GeneratedFiles(build.pages, build.exports)
    _update = write_tree(_generated, generated)
    _generated_uris = frozenset(generated)
    build.forget_written(keep_for_next_build=_serving)
    _render_all_again_if_changed(config, (Path(config.config_file_path).read_bytes(), build.abbreviations,
                                          build.catalogue.vocabulary.glossary, build.repository.reference_links()))
    return config


def _render_all_again_if_changed(config, site_wide) -> None:
    """A dirty rebuild (`make serve`) renders only the pages whose source file is newer than their
    output, so a change that shows on every page (``site_wide``: what every page shows, or that the
    problems page stood in for the site) empties the site folder: every page is rendered again."""
    global _site_wide
    if _site_wide is not None and site_wide != _site_wide:
        clean_directory(config.site_dir)
    _site_wide = site_wide


@event_priority(100)  # before other plugins snapshot the file list
def on_files(files: Files, config) -> Files:
    if _problems_html is not None:
        return Files([])  # nothing to build but the problems page (on_post_build)
    for src_uri in sorted(_generated_uris):
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} would hide a generated file; remove it (the hub generates {src_uri})")
        # The nav lists sections and index pages only (a nav of every page makes the build quadratic):
        # the others are meant to be out of it, so MkDocs need not list them on every rebuild.
        files.append(File.generated(config, src_uri, abs_src_path=str(_generated / src_uri),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    _refuse_redirects_over_pages(files, config)
    return files


def _refuse_redirects_over_pages(files: Files, config) -> None:
    """mkdocs-redirects writes its page over whatever is at the old address: whatever asked for a
    redirect (content, or a hand-written redirect_maps entry in mkdocs.yml), no page is replaced."""
    served = {url_of(f.src_uri) for f in files}
    clashes = [old for old in config.plugins["redirects"].config["redirect_maps"] if url_of(old) in served]
    if clashes:
        raise PluginError("A redirect would replace a page: " + ", ".join(f"{old} (/{url_of(old)})" for old in clashes)
                          + ". A former address must be free; remove the redirect or rename the page.")


def on_nav(nav, config, files):
    """Hang every generated page that is kept out of the navigation under the nav item it belongs to.

    MkDocs marks the parents of the page being built as active, and Material draws the active tab,
    the section's sidebar and the breadcrumbs (navigation.path) from those parents, so a case study
    keeps its place without being listed in the nav (which would make the build quadratic).
    """
    if _problems_html is not None:
        return nav  # nothing is built but the problems page
    global _navigation
    listed = {id(page) for page in nav.pages}
    _navigation = SharedNavigation(listed, [page.url for page in nav.pages])
    for src_uri, parent_uri in _build.page_parents.items():
        page, parent = files.get_file_from_path(src_uri), files.get_file_from_path(parent_uri)
        if page is None or parent is None or page.page is None or id(page.page) in listed:
            continue
        page.page.parent = _nav_node(parent.page)
    return nav


def _nav_node(page):
    """A section's index page stands for its section (navigation.indexes): the section is the parent."""
    section = page.parent
    if section is not None and section.children and section.children[0] is page:
        return section
    return page


class SharedNavigation(dict):
    """Material's navigation and tabs as drawn for a page (``overrides/partials/drawn-once.html``), kept
    for the pages that show the same: what they show depends on which sections are open (the page's
    ancestors) and, through their relative links, on the page's folder and depth, unless the page is
    itself in the navigation (drawn as the current one) or one of its links goes below the page's
    address."""

    def __init__(self, listed: set[int], linked: list[str]):
        super().__init__()
        self.listed, self.linked = listed, linked

    def key(self, page, part: str) -> tuple | None:
        if page is None or id(page) in self.listed or any(url.startswith(page.url) for url in self.linked):
            return None
        return part, page.url.rstrip("/").rpartition("/")[0], page.url.count("/"), tuple(map(id, page.ancestors))

    def keep(self, key: tuple | None, html: str) -> str:
        if key is not None:
            self[key] = html
        return html


def on_env(env, config, files):
    """The sitemap's <lastmod> is when the page's records last changed, as precisely as they say
    (2022, 2022-05 or 2022-05-14), never the build's day; a page without dated records (a
    hand-written page, a framework) has none, which the sitemap format allows. Set here, for every
    page: a dirty rebuild reads only the pages that changed."""
    env.globals["hub_nav"] = _navigation
    if _problems_html is not None:
        return env
    for file in files.documentation_pages():
        if file.page is None:
            continue
        modified = _build.modified_dates.get(file.src_uri)
        file.page.update_date = modified.isoformat() if modified else ""
        _sitemap_pages.append(file.page)
    return env


def on_post_template(output: str, template_name: str, config) -> str:
    """MkDocs then gzips the sitemap, with the newest page date as the file's time, which it reads as
    a full date: each page's date becomes its first day (none: 1970-01-01, gzip's "no time")."""
    if template_name == "sitemap.xml":
        for page in _sitemap_pages:
            modified = _build.modified_dates.get(page.file.src_uri)
            page.update_date = (modified.first_day if modified else date(1970, 1, 1)).isoformat()
    return output


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page's HTML blocks are set aside (``ccpl_hub.prerendered``): Python-Markdown converts
    only the rest, and on_page_content puts them back. Hand-written pages link to the repository with
    [text][issue tracker] and the like."""
    global _aside
    src_uri = page.file.src_uri
    if src_uri not in _generated_uris:
        return markdown + "\n\n" + _build.repository.reference_links()
    spans = _build.html_spans.get(src_uri)
    light = set_aside(markdown, spans) if spans else None
    if light is None:
        return markdown
    _aside = (page, markdown, light[1])
    return light[0]


def _put_back_html_blocks(html: str, page, config, files) -> str:
    """The page's HTML blocks in place of their placeholders; if a block is not where its placeholder
    was put (a contributed body swallowed it, such as an HTML element left open), the page is converted
    again as written, so the page is what Python-Markdown makes of the whole of it either way."""
    global _aside
    aside, _aside = _aside, None
    if aside is None or aside[0] is not page:
        return html
    _, markdown, blocks = aside
    restored = put_back(html, blocks)
    if restored is None:
        page.markdown = markdown
        page.render(config, files)
        return page.content
    page.present_anchor_ids |= anchors(blocks)  # MkDocs found the ids of raw HTML by parsing it
    return restored


def on_page_content(html: str, page, config, files) -> str:
    html = _put_back_html_blocks(html, page, config, files)
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    if glossary is not None and page.file.src_uri != GLOSSARY_PAGE:
        html = link_first_uses(html, glossary.url_relative_to(page.file), _build.catalogue.vocabulary.glossary)
    # Every page, hand-written ones too: glossary terms (contributed) reach them as abbreviations.
    page.markdown = ""  # converted: see on_post_page
    return sanitise_page(html)


@event_priority(-100)  # after every other plugin has seen the page
def on_post_page(output: str, page, config) -> str:
    """MkDocs keeps every page's Markdown and HTML until the build ends, although nothing reads them
    again once they are used (other pages' navigation reads titles and addresses, the sitemap dates):
    the Markdown goes once converted (on_page_content), the HTML once the page is written out, which
    keeps the build's memory from growing with the site's text. The title stays readable: MkDocs reads
    it from the meta or the render, and takes a page without Markdown (None) for one not read yet, so
    the Markdown becomes '' rather than None."""
    page.content = ""
    return output


@event_priority(-100)  # over the theme's 404 page
def on_post_build(config) -> None:
    if _problems_html is not None:
        # index.html answers the preview's root; 404.html, which `mkdocs serve` sends for any other
        # address, answers the page the browser was on (a dirty rebuild leaves the last build's pages:
        # they go, and come back rendered again once the content is fixed).
        clean_directory(config.site_dir)
        for name in ("index.html", "404.html"):
            Path(config.site_dir, name).write_text(_problems_html, encoding="utf-8")
        return
    _remove_pages_no_longer_generated(config)
    if not config.use_directory_urls:  # `make preview`: a copy to open from disk
        file_links(Path(config.site_dir))
    _index_for_search(Path(config.site_dir))


def _remove_pages_no_longer_generated(config) -> None:
    """A dirty rebuild keeps the output of a page whose source is gone (a case study deleted or
    renamed): the live preview would still serve it, and search it."""
    for src_uri in _update.removed:
        output = Path(File(src_uri, str(_generated), config.site_dir, config.use_directory_urls).abs_dest_path)
        output.unlink(missing_ok=True)
        if output.name == "index.html" and output.parent != Path(config.site_dir):
            with contextlib.suppress(OSError):  # a folder URL's folder, unless other files are in it
                output.parent.rmdir()


def _index_for_search(site_dir: Path) -> None:
    """Index the built site for search (Pagefind). A build waits for the index (and fails if it fails);
    a live preview starts it in the background after each rebuild, stopping a run made stale by a newer
    rebuild, so the preview is never held up and its index is a few seconds behind at most."""
    global _indexing
    if _serving:
        if _indexing is not None and _indexing.poll() is None:
            _indexing.terminate()
        _indexing = start_search_index(site_dir)
        return
    result = build_search_index(site_dir)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")
