"""Rich text (section bodies): what the editor may produce, and the one sanitizer for it.

The sanitizer runs when an editor saves (the field's ``clean()``) and again on output
(``Section.body_html``), because ``save()`` and ``loaddata`` skip the first. Links:
``https:``, ``http:``, ``mailto:``, ``tel:``, site-relative paths and places on the same page
(``#opptak``, a section's anchor; content health checks that the page has it); a protocol-relative
``//host/…``, or an address typed without its scheme (``www.oslomet.no/opptak``), becomes
``https://…`` and an e-mail address ``mailto:…``; anything else (``javascript:``, ``data:``, a bare
relative path) loses its link and keeps its text, so no empty ``<a href="">`` is published;
an editor's own ``rel`` or ``target`` is dropped and external links get
``rel="noopener noreferrer"``.
"""

import functools
import re

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from programs.text import CONTROL_CHARACTERS, has_text

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}
_SCHEMES = ("https://", "http://", "mailto:", "tel:")
# An address typed without its scheme ("www.oslomet.no/opptak", "lovdata.no"): a host of two
# or more labels, the last letters only and no file extension ("plan.pdf" stays a refused
# relative path). And an e-mail address typed without "mailto:".
_WEB_ADDRESS = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?!(?:html?|php|aspx?|jsp|pdf|docx?|xlsx?)\b)"
    r"[a-z]{2,6}(?::\d+)?(?:[/?#]|$)",
    re.IGNORECASE,
)
_EMAIL_ADDRESS = re.compile(r"[^@\s/:]+@(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)
_EXTERNAL = re.compile(r'<a ([^>]*)href="(https?://[^"]*)"([^>]*)>')
_FRAGMENT = re.compile(r"#[\w-]+")  # an anchor: a slug, as sections' are
_NOT_A_LINK = re.compile(r'<a(?: title="[^"]*")?>(.*?)</a>', re.S)


def _href(tag, attribute, value):
    if attribute != "href":
        return value
    if value.startswith("//"):
        return "https:" + value
    if _WEB_ADDRESS.match(value):
        return "https://" + value
    if _EMAIL_ADDRESS.fullmatch(value):
        return "mailto:" + value
    if value.startswith(_SCHEMES) or (value.startswith("/") and not value.startswith("/\\")):
        return value
    if _FRAGMENT.fullmatch(value):
        return value
    return None


def _cleaner():
    allowed = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    allowed["attributes"]["a"] = {"href", "title"}  # no rel or target of the editor's own
    allowed["link_rel"] = None
    return nh3.Cleaner(**allowed, attribute_filter=_href)


_CLEANER = _cleaner()


@functools.lru_cache(maxsize=4096)
def sanitize(html):
    """The allowed subset of ``html``, links as described above; "" when it shows no text, so
    an empty body counts as empty everywhere (the English page's fallback, content health).
    Remembers the last 4,096 texts, so a page does not pay the sanitizer for every body on
    every view."""
    html = _CLEANER.clean(CONTROL_CHARACTERS.sub("", html or ""))  # invisible, and not HTML
    html = _NOT_A_LINK.sub(r"\1", html)
    html = _EXTERNAL.sub(r'<a \1href="\2"\3 rel="noopener noreferrer">', html)
    return html if has_text(html) else ""  # "<p> </p>" or "<p><br></p>" says nothing
