"""The hub builds with ProperDocs, the continuation of MkDocs 1.x (already in requirements.lock), as
it does with MkDocs: MkDocs 1.6.1 is its last release and Material's own support ends in 2027.

The fixture site, built strictly with `mkdocs`, is built again with `properdocs` from the same
project (same hooks, theme, generated tree and settings). Every file must be in both builds with the
same bytes; the one intended difference is each page's ``<meta name="generator">``, which names the
builder that wrote it.
"""

from __future__ import annotations

import re

from site_server import build_site
from sites import SITE_URL, BuiltSite, output_of
from test_determinism import tree_differences

GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(fixture_site: BuiltSite):
    properdocs_site = fixture_site.project / "site-properdocs"
    run = build_site(fixture_site.project, properdocs_site, site_url=SITE_URL, builder="properdocs")
    assert run.returncode == 0, output_of(run)
    assert "Traceback" not in output_of(run)

    generators = {GENERATOR_META.search((site / "index.html").read_bytes()).group() for site in (fixture_site.site, properdocs_site)}
    assert generators == {b'<meta name="generator" content="mkdocs-1.6.1, mkdocs-material">',
                          b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material">'}
    # No file is in one build only, and only the pages differ: each names its builder.
    differing = {line.removesuffix(": differs") for line in tree_differences(fixture_site.site, properdocs_site)}
    pages = {p.relative_to(fixture_site.site).as_posix() for p in fixture_site.site.rglob("*.html")}
    assert differing == pages and len(pages) > 50
    for path in sorted(pages):
        built = [GENERATOR_META.sub(b"", (site / path).read_bytes()) for site in (fixture_site.site, properdocs_site)]
        assert built[0] == built[1], f"{path} differs beyond the generator meta"
