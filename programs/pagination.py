"""Pages of the programme list: the page a query string asks for, and the addresses of its
neighbours, built from the form's cleaned values in one order so each page has one address
(the page cache keys on the same order, config/page_cache.py)."""

import re
from dataclasses import replace
from urllib.parse import urlencode

from django.utils.translation import ngettext

PAGE_SIZE = 20
# A page number as the links write it: no sign, space, leading zero or digits other than 0-9.
PAGE_NUMBER = re.compile(r"[1-9][0-9]*")


def query_string(form, page=1, leave_out=()):
    """The search and filters of the valid ``form`` for ``page``: names in alphabetical
    order, empty fields and those named in ``leave_out`` left out, and no number for page 1
    (the list's own address)."""
    params = {
        name: field.prepare_value(form.cleaned_data[name])
        for name, field in form.fields.items()
        if name != "page"
        and name not in leave_out
        and form.cleaned_data.get(name) not in (None, "")
    }
    if page > 1:
        params["page"] = page
    return urlencode(sorted(params.items()))


def paginate(form, programmes, size=PAGE_SIZE):
    """The ResultPage of ``programmes`` that the valid ``form`` asks for (``page``, default 1),
    narrowed by ``form.filter()``. 1 query; 2 for a page past the last.

    A page past the last adds an error to ``form``: the view answers 400, naming and linking
    the last page, rather than showing the last page at that address. So every page has one
    address, and ``?page=1`` … ``?page=10000`` cannot fill the page cache (a 400 is never
    stored, config/page_cache.py)."""
    number = form.cleaned_data.get("page") or 1
    page = form.filter(programmes).result_page(number, size)
    if not page.exists:
        message = ngettext(
            "There is no page %(number)s: the list has only one page.",
            "There is no page %(number)s: the list has %(pages)s pages.",
            page.num_pages,
        )
        form.add_error(None, message % {"number": number, "pages": page.num_pages})
    return replace(
        page,
        previous_query=query_string(form, number - 1) if page.has_previous else "",
        next_query=query_string(form, number + 1) if page.has_next else "",
        last_query=query_string(form, page.num_pages),
        own_query=query_string(form, number),
    )
