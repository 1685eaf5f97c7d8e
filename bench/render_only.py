"""``make bench``'s case (g): the programme page rendered for every request, from data loaded
once per worker. The WSGI application of the site, with ``page_at()`` remembering what it found.

Case (d) renders the page from the database; case (g) renders the same bytes without asking the
database, so (g) is what rendering alone allows: the ceiling any faster way of loading the data
could reach. Only the load benchmark uses this module (``gunicorn bench.render_only``), always
with ``PAGE_CACHE=0``; never in the site: it would serve edited content stale.
"""

from django.utils.translation import get_language

from config.wsgi import application
from programs.querysets import ProgrammeQuerySet

__all__ = ["application", "remember_pages"]

_page_at = ProgrammeQuerySet.page_at


def remember_pages():
    """Make ``page_at()`` return, for each slug and language, the programme it loaded first."""
    found = {}

    def page_at(self, request, slug):
        key = (slug, get_language())
        if key not in found:
            found[key] = _page_at(self, request, slug)
        return found[key]

    ProgrammeQuerySet.page_at = page_at
    return found


remember_pages()
