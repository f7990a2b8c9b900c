"""Find what could run script in an HTML page, with a real parser (lxml), as a browser would read it.

Character references are decoded by the parser; whitespace and control characters are removed
before a URL's scheme is read (browsers ignore them there: "jav&#x09;ascript:" is "javascript:").
The theme's own scripts are the only scripts allowed, listed exactly.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html

# Material's scripts and the hub's, by src (relative prefix removed) or by exact inline text
# ("BASE" stands for the page's relative path to the site root), and mkdocs-redirects' one line.
KNOWN_SCRIPT_SOURCES = re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js|assets/javascripts/hub\.js")
KNOWN_INLINE_SCRIPTS = (
    '__md_scope=new URL("BASE",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"BASE"+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"BASE"+e,JSON.stringify(_))}catch(e){}}',
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
    '(target.checked=target.name.startsWith("__tabbed_"))',
    'var anchor=window.location.hash.substr(1);location.href="BASE"+(anchor?"#"+anchor:"")',
)
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "animate", "set",
                                "animatemotion", "animatetransform", "foreignobject", "handler", "listener"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "background", "cite", "codebase",
                            "xlink:href", "{http://www.w3.org/1999/xlink}href", "lowsrc", "dynsrc", "ping",
                            "longdesc", "usemap", "manifest", "icon", "srcset", "values", "from", "to", "by"})
SCRIPT_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|mocha|data):", re.I)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]")
_RELATIVE_PREFIX = re.compile(r"^(?:\.\./|\./|/)+")
_PATH_LITERAL = re.compile(r'"(?=[./a-z0-9])(?:\.\.?/?|/)*(?:[a-z0-9-]+/)*"')  # a relative path, not ""


def _script_is_known(element) -> bool:
    src = element.get("src")
    if src is not None:
        return bool(KNOWN_SCRIPT_SOURCES.fullmatch(_RELATIVE_PREFIX.sub("", src)))
    if element.get("type") == "application/json" and element.get("id") == "__config":
        return True  # data, not script: the browser does not run it
    return _PATH_LITERAL.sub('"BASE"', element.text or "") in KNOWN_INLINE_SCRIPTS


def _scheme_of(url: str) -> str:
    return _IGNORED_IN_URL.sub("", url)


def dangers(html: str) -> list[str]:
    """Everything in ``html`` that could run script, described; empty when there is none."""
    found = []
    document = lxml.html.document_fromstring(html)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag == "script" and not _script_is_known(element):
            found.append(f"<script> {(element.get('src') or element.text or '')[:80]!r}")
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}>")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            target = (element.get("content") or "").partition("url=")[2]
            if SCRIPT_SCHEME.match(_scheme_of(target)) or re.match(r"^[a-z][a-z0-9+.-]*:", _scheme_of(target), re.I):
                found.append(f"<meta http-equiv=refresh> to {target[:60]!r}")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            elif name in ("srcdoc", "formaction"):  # action: a URL attribute, checked for its scheme below
                found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name in URL_ATTRIBUTES and any(SCRIPT_SCHEME.match(_scheme_of(part)) for part in value.split(";")):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(", _scheme_of(value), re.I):
                found.append(f"<{tag} style={value[:60]!r}>")
        if tag == "style" and re.search(r"expression\s*\(|javascript:", element.text or "", re.I):
            found.append("<style> with script")
    return found


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)|@import\s+['\"]([^'\"]*)", re.I)


def off_site_resources(html: str, page_url: str, site_url: str) -> list[str]:
    """Every address outside ``site_url`` that a browser showing ``html`` (at ``page_url``) would
    fetch by itself: images, scripts, style sheets, frames, icons, CSS ``url()``. A link to another
    site (``<a href>``) is no request until someone follows it, so it is allowed."""
    found = []

    def check(tag: str, name: str, url: str) -> None:
        address = urljoin(page_url, _IGNORED_IN_URL.sub("", url).replace("\\", "/"))
        if re.match(r"[a-z][a-z0-9+.-]*:", address, re.I) and not address.startswith(site_url) and not (
                tag == "form" and name == "action"):  # a form is sent only when its user sends it
            if not SCRIPT_SCHEME.match(address) and not address.startswith(("mailto:", "tel:")):
                found.append(f"<{tag} {name}={url[:80]!r}>")

    document = lxml.html.document_fromstring(html)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        for name, value in element.attrib.items():
            name = name.lower()
            if tag == "a" and name == "href":
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    check(tag, name, (candidate.split() or [""])[0])
            elif name in URL_ATTRIBUTES:
                check(tag, name, value)
            elif name == "style":
                for match in _CSS_URL.finditer(value):
                    check(tag, name, match.group(1) or match.group(2))
        if tag == "style":
            for match in _CSS_URL.finditer(element.text or ""):
                check(tag, "url", match.group(1) or match.group(2))
    return found
