from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from config.i18n import object_urls_by_language, reverse_in, urls_by_language
from config.views import read_only
from programs.drafts import previewed
from programs.extensions import extensions
from programs.models import Programme
from programs.pagination import paginate, query_string
from programs.shortcuts import canonical_redirect


@read_only
def programme_list(request):
    """The listed programmes, searched and filtered by the query string, 20 a page; a bad
    query string is a 400 that shows the form with what to change."""
    form = extensions.list_form(request.GET)
    programmes = Programme.objects.listed().for_cards().in_title_order(get_language())
    page = paginate(form, programmes) if form.is_valid() else None
    unfound = search_alone_that_found_nothing(form, page)
    context = {
        "form": form,
        "page": page,
        "language_urls": urls_by_language("programs:list"),
        # The other language's list keeps the filters, on page 1; a search is in one language.
        "switcher_query": query_string(form, leave_out={"q"}) if page else "",
        "page_languages": [code for code, _name in settings.LANGUAGES],
        "formerly_offered": formerly_offered(unfound),
        "elsewhere": found_in_other_language(unfound),
    }
    status = 400 if form.errors else 200
    return render(request, "programs/programme_list.html", context, status=status)


def search_alone_that_found_nothing(form, page):
    """The words of a search that found nothing with no filter beside it, else None. Such a
    search gets hints; with a filter, the filter may be what found nothing."""
    if page is None or page.count or form.narrowing() != "search":
        return None
    return form.cleaned_data["q"]


def found_in_other_language(text):
    """For ``text``, a search alone that found nothing: ``{"language", "count", "url"}`` of
    the other site language's list, when its words find programmes there (the Norwegian name
    of a programme typed on the English list), else None. 1 query, and only then."""
    if not text:
        return None
    other = next(code for code, _name in settings.LANGUAGES if code != get_language())
    count = Programme.objects.listed().search(text, other).count()
    if not count:
        return None
    url = f"{reverse_in(other, 'programs:list')}?{urlencode({'q': text})}"
    return {"language": other, "count": count, "url": url}


def formerly_offered(text):
    """For ``text``, a search alone that found nothing: ``(programme, destination)`` for each
    retired programme its words name, where ``destination`` is the programme that took its
    place, or None when none did (its page, a 410, lists alternatives). 1 query, and only
    then; 1 more when one of them retired twice or more (``destinations``)."""
    if not text:
        return []
    found = list(Programme.objects.formerly_offered(text, get_language()))
    ends = Programme.objects.destinations(found)
    return [(programme, ends[programme.pk]) for programme in found]


@read_only
def programme_detail(request, slug):
    """A programme's page. Editors also see a draft here, exactly as it will look, with a
    preview banner, never cached nor indexed (programs/drafts.py); the public gets a 404."""
    programme = Programme.objects.page_at(request, slug)
    if programme is None:
        raise Http404
    destination = programme.page_destination()  # itself, its final successor, or None
    if destination is not None and destination != programme:  # retired: one hop to the end
        return canonical_redirect(
            request, destination.get_absolute_url(), named=programme.get_absolute_url()
        )
    if response := canonical_redirect(request, programme.get_absolute_url()):
        return response  # renamed, or the other language's slug
    if destination is None:
        return programme_gone(request, programme)
    context = {
        "programme": programme,
        "language_urls": object_urls_by_language(programme),
        "page_languages": programme.languages(),
        "today": timezone.localdate(),
    }
    return previewed(render(request, "programs/programme_detail.html", context), programme)


def programme_gone(request, programme):
    """410 for a retired programme without a successor: its cohorts and open alternatives."""
    context = {
        "programme": programme,
        "alternatives": list(programme.alternatives(get_language())),
        "language_urls": object_urls_by_language(programme),
    }
    return render(request, "programs/programme_gone.html", context, status=410)
