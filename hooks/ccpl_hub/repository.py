"""The hub's repository, as readers reach it: edit a page's source file, report a problem, send a case study.

The address is one setting, ``extra.repository`` in mkdocs.yml (read from the REPO_URL environment
variable, which the publish workflow sets to the repository it runs in), so every link follows it.
A missing or malformed address is a build problem rather than a site of empty links. The links
never ask the browser to call GitHub's API (Material's ``repo_url`` would, on every page view).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from markupsafe import Markup

from .problems import Problem

BRANCH = "main"  # the branch the site is published from (see .github/workflows/publish.yml)
CASE_STUDY_FORM = "case-study.yml"  # .github/ISSUE_TEMPLATE/case-study.yml
SETTING = "extra.repository"
_ADDRESS = re.compile(r"https://[^\s/?#]+(/[^\s/?#]+){2}")


@dataclass(frozen=True)
class Repository:
    url: str

    def problems(self) -> list[Problem]:
        if _ADDRESS.fullmatch(self.url or ""):
            return []
        shown = f"'{self.url}'" if self.url else "empty"
        return [Problem("mkdocs.yml", 1, SETTING, f"the repository address is {shown}: set REPO_URL (or "
                        f"{SETTING}) to the repository's web address, such as https://github.com/owner/name, "
                        "so that the site's edit, report and contribute links lead somewhere")]

    def edit_url(self, path: str) -> str:
        """GitHub's editor for the content file itself (it offers a fork to anyone without write access)."""
        return f"{self.url}/edit/{BRANCH}/{quote(path)}"

    def report_url(self, page_url: str, path: str) -> str:
        """A new issue, filled in with the page and its source file, for the reader to describe the problem."""
        body = (f"Page: {page_url}\nSource file: {path}\n\nWhat is wrong or out of date, and where does the "
                "correct information come from?\n")
        return f"{self.url}/issues/new?" + urlencode({"title": f"Problem with {page_url}", "body": body},
                                                      quote_via=quote)

    @property
    def issues_url(self) -> str:
        return f"{self.url}/issues"

    @property
    def case_study_form_url(self) -> str:
        return f"{self.url}/issues/new?template={CASE_STUDY_FORM}"

    def reference_links(self) -> str:
        """Markdown link definitions, so a hand-written page links with ``[text][issue tracker]``."""
        links = {"repository": self.url, "issue tracker": self.issues_url,
                 "new issue": f"{self.url}/issues/new", "case study form": self.case_study_form_url,
                 "case study template": f"{self.url}/blob/{BRANCH}/case_studies/_template.md",
                 "case studies folder": f"{self.url}/tree/{BRANCH}/case_studies"}
        return "\n".join(f"[{name}]: {url}" for name, url in links.items()) + "\n"

    def source_links(self, path: str, page_url: str) -> str:
        """The paragraph that ends every page made from a content file, as HTML (the engine's, passed
        through a Markdown builder unread). It is the same on every page, so the search index leaves it
        out: a search for "problem" or "GitHub" would otherwise find them all."""
        return str(Markup('\n\n<hr>\n<p data-pagefind-ignore="all">Something wrong or out of date? '
                      '<a href="{}">Report a problem with this page</a> or <a href="{}">edit its source file, {}</a>, '
                      "on GitHub.</p>\n").format(self.report_url(page_url, path), self.edit_url(path), path))
