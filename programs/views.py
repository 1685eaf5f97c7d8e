from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from admissions.forms import ProgrammeFilterForm
from config.i18n import object_urls_by_language, urls_by_language
from programs.models import Programme


@require_safe
def programme_list(request):
    form = ProgrammeFilterForm(request.GET)
    programmes = Programme.objects.listed().in_title_order(get_language())
    if form.is_valid() and form.cleaned_data["bachelor"]:
        programmes = programmes.accepting(form.cleaned_data["bachelor"])
    context = {
        "form": form,
        "programmes": programmes,
        "language_urls": urls_by_language("programs:list"),
        "page_languages": [code for code, _name in settings.LANGUAGES],
    }
    status = 400 if form.errors else 200
    return render(request, "programs/programme_list.html", context, status=status)


@require_safe
def programme_detail(request, slug):
    language = get_language()
    published = Programme.objects.published()
    programme = published.for_detail_page().with_slug(slug, language).first() or (
        published.select_related("replaced_by").with_old_slug(slug, language).first()
    )
    if programme is None:
        raise Http404
    destination = programme.destination()  # itself, its final successor, or None if gone
    if destination is None:
        context = {"programme": programme, "language_urls": object_urls_by_language(programme)}
        return render(request, "programs/programme_gone.html", context, status=410)
    if destination != programme or request.path != programme.get_absolute_url():
        return redirect(destination, permanent=True)  # retired, renamed or other language
    context = {
        "programme": programme,
        "language_urls": object_urls_by_language(programme),
        "page_languages": programme.languages(),
        "today": timezone.localdate(),
    }
    return render(request, "programs/programme_detail.html", context)
