"""The whole-page cache (config/page_cache.py): what is stored, what is never stored or
served, and that any content change makes every page fresh at once."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.page_cache import list_query
from config.page_types import PAGE_TYPES
from tests.builders import (
    make_cohort,
    make_field_of_study,
    make_programme,
    make_requirement,
    make_section,
    make_study_option,
    make_threshold,
    make_week,
)

# List page types with a query string the page cache keys on (config/page_cache.py list_query).
LIST_PAGE_TYPES = {"list filtered by bachelor", "list search", "list search without results"}
CACHED = [
    (url, page_type.status)
    for page_type in PAGE_TYPES
    for url in (page_type.nb, page_type.en)
    if page_type.status in (200, 301, 410) and ("?" not in url or page_type.name in LIST_PAGE_TYPES)
]
EXTRA = ["/sitemap.xml", "/robots.txt"]
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
]


def queries(client, url, **extra):
    """``(response, number of queries)`` for one GET."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, len(captured)


@pytest.mark.parametrize(("url", "status"), [*CACHED, *((url, 200) for url in EXTRA)])
def test_it_serves_the_second_request_from_the_cache(
    client, every_page_type, django_assert_num_queries, url, status
):
    first = client.get(url)
    assert first.status_code == status
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == status
    assert second.content == first.content
    for header in ["Content-Type", "Content-Language", "ETag", "Last-Modified", "Location"]:
        assert second.get(header) == first.get(header)
    assert not second.cookies
    assert "Cookie" not in second.get("Vary", "")
    assert b"csrfmiddlewaretoken" not in second.content


def test_a_new_release_never_reads_the_pages_an_earlier_one_stored(
    client, every_page_type, django_assert_num_queries, monkeypatch
):
    """A deploy: new templates or stylesheets behind the same Redis (config/page_cache.py)."""
    url = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
    client.get(url)
    monkeypatch.setattr("config.page_cache.release", lambda: "the-next-release")
    response, count = queries(client, url)
    assert response.status_code == 200
    assert count > 0  # rendered afresh, then stored under the new release
    with django_assert_num_queries(0):
        assert client.get(url).content == response.content


def test_the_release_is_a_digest_of_what_pages_are_rendered_from(settings, tmp_path):
    from config.page_cache import release

    def digest_of(files):
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        release.cache_clear()
        return release()

    settings.BASE_DIR, settings.STATIC_ROOT = tmp_path, tmp_path / "static"
    try:
        first = digest_of({"templates/base.html": "<p>", "static/staticfiles.json": "{}"})
        assert digest_of({}) == first  # the same files, the same digest
        changed = [
            {"templates/base.html": "<p class=x>"},
            {"static/staticfiles.json": '{"paths": {"a.css": "a.1.css"}}'},
            {"programs/views.py": "x = 1"},
            {"locale/nb/LC_MESSAGES/django.mo": "catalogue"},
        ]
        digests = {first, *(digest_of(files) for files in changed)}
        assert len(digests) == 1 + len(changed)
    finally:
        release.cache_clear()


def test_it_answers_head_from_the_cache(client, every_page_type, django_assert_num_queries):
    client.get("/studier/")
    with django_assert_num_queries(0):
        assert client.head("/studier/").status_code == 200


@pytest.mark.parametrize("secure", [False, True])
def test_it_sends_the_same_security_headers_on_a_hit(client, every_page_type, settings, secure):
    settings.SECURE_HSTS_SECONDS = 3600  # as with HTTPS=1; HSTS is only sent over HTTPS
    url = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
    miss, _count = queries(client, url, secure=secure)
    hit, count = queries(client, url, secure=secure)
    assert count == 0
    for header in SECURITY_HEADERS:
        assert hit.get(header) == miss.get(header), header
    assert hit.has_header("Content-Security-Policy")
    assert hit.has_header("Strict-Transport-Security") == secure


def test_it_answers_304_on_a_hit_with_the_etag(client, every_page_type):
    url = "/en/programmes/"
    etag = client.get(url)["ETag"]
    response, count = queries(client, url, headers={"If-None-Match": etag})
    assert (response.status_code, count) == (304, 0)
    assert response["ETag"] == etag
    assert response.has_header("Content-Security-Policy")


@pytest.mark.parametrize(
    "url",
    [
        "/studier/?utm_source=x",
        "/studier/?bachelor=sykepleie&utm_source=x",
        "/studier/?q=helse&q=rus",  # a 400, but never looked up either
        "/studier/?page=2",  # past the last page of the seed: a 400, not stored
        "/studier/?level=nope",
        "/studier/psykisk-helse-rus-og-avhengighetsarbeid/?x=1",
        "/studier/psykisk-helse-rus-og-avhengighetsarbeid/poengberegning/?credits=20&grade=A",
        "/sitemap.xml?x",
    ],
)
def test_it_bypasses_unknown_query_strings(client, every_page_type, url):
    client.get(url)
    assert queries(client, url)[1] > 0


def test_it_keys_the_list_on_its_filter(client, every_page_type):
    all_programmes = client.get("/studier/").content
    filtered = client.get("/studier/?bachelor=sykepleie").content
    assert filtered != all_programmes
    assert client.get("/studier/?bachelor=sykepleie").content == filtered


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ""),
        ("bachelor=sykepleie", "bachelor=sykepleie"),
        ("q=helse&level=master&open=1", "level=master&open=1&q=helse"),
        ("page=2&mode=full_time&bachelor=x", "bachelor=x&mode=full_time&page=2"),
        ("q=&level=&mode=&open=&bachelor=&page=", ""),  # an empty field is no field
        ("q=+psykisk+helse", "q=+psykisk+helse"),  # as sent: the view strips, the key does not
        ("q=%C3%B8&q=x", None),  # repeated: a 400
        ("q=x&utm_source=y", None),  # unknown: each tracking tag would take a slot
        ("Q=x", None),
        ("page=2", "page=2"),
        ("page=02", None),  # page 2 to the form: each spelling would take a slot
        ("page=%2B2", None),
        ("page=%D9%A2", None),  # an Arabic-Indic 2
        ("page=2%20", None),
    ],
)
def test_list_queries_are_keyed_in_one_order(rf, query, expected):
    assert list_query(rf.get(f"/studier/?{query}").GET) == expected


def test_the_list_key_ignores_the_order_and_empty_fields(client, every_page_type):
    first = client.get("/studier/?q=helse&level=further_education&mode=&open=1").content
    for url in [
        "/studier/?open=1&level=further_education&q=helse",
        "/studier/?level=further_education&q=helse&open=1&bachelor=&page=",
    ]:
        response, count = queries(client, url)
        assert (response.content, count) == (first, 0), url
    assert queries(client, "/studier/?q=rus&level=further_education&open=1")[1] > 0


def test_a_search_and_each_page_have_their_own_key(client, every_page_type):
    searched = client.get("/en/programmes/?q=mental").content
    assert client.get("/en/programmes/?q=addiction").content != searched
    response, count = queries(client, "/en/programmes/?q=mental")
    assert (response.content, count) == (searched, 0)
    assert client.get("/en/programmes/").content != searched


@pytest.mark.parametrize(
    "url", ["/studier/?page=0", "/studier/?page=9999", "/studier/?q=" + "x" * 101]
)
def test_it_never_stores_a_bad_list_query(client, every_page_type, url):
    assert client.get(url).status_code == 400
    assert queries(client, url)[1] > 0


def test_it_never_stores_or_serves_pages_to_staff(client, every_page_type):
    url = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
    admin = User.objects.create_superuser("editor", password="x")
    client.force_login(admin)
    client.get(url)
    assert queries(client, url)[1] > 0  # not served to staff

    client.logout()
    client.cookies.clear()
    assert queries(client, url)[1] > 0  # the staff member's page was not stored
    assert queries(client, url)[1] == 0
    client.cookies["sessionid"] = "whatever"
    assert queries(client, url)[1] > 0  # a cached page is not served to a session either


@pytest.mark.parametrize("cookie", ["sessionid=abc", "csrftoken=abc"])
def test_it_bypasses_requests_with_a_session_or_csrf_cookie(client, every_page_type, cookie):
    url = "/studier/"
    client.get(url)
    assert queries(client, url, headers={"Cookie": cookie})[1] > 0


def test_it_never_caches_post(client, every_page_type):
    url = "/studier/"
    client.post(url)
    assert queries(client, url)[1] > 0


@pytest.mark.parametrize("url", ["/healthz", "/readyz", "/admin/login/", "/static/x.css"])
def test_it_never_stores_machine_and_admin_paths(client, every_page_type, url):
    from django.core.cache import cache

    before = len(cache._cache)  # LocMem's store: nothing added
    client.get(url)
    client.get(url)
    assert len(cache._cache) == before


@pytest.mark.parametrize("url", ["/studier/finnes-ikke", "/en/programmes/no-such-programme"])
def test_it_never_stores_a_redirect_that_adds_a_slash(client, every_page_type, url):
    """One exists for any path under /studier/: scanners would fill the cache with them."""
    from django.core.cache import cache

    client.get("/studier/")  # the content version exists
    before = len(cache._cache)
    assert client.get(url).status_code == 301
    assert len(cache._cache) == before


def test_it_is_off_with_page_cache_0(client, every_page_type, settings):
    settings.PAGE_CACHE = False
    client.get("/studier/")
    assert queries(client, "/studier/")[1] > 0


def test_a_cache_folder_that_cannot_be_written_is_a_miss_not_an_error(
    client, every_page_type, settings, tmp_path
):
    """Without Redis the cache is files (config/cache.py); a folder it cannot create (here a
    file stands in its way; a full disk is the same) leaves the page rendered as usual."""
    (tmp_path / "file").write_text("")
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.SharedFileCache", "LOCATION": tmp_path / "file/c"}
    }
    from django.core.cache import cache

    cache.add("k", 1)  # neither raises
    cache.set("k", 1)
    assert cache.get("k", "default") == "default" and cache.has_key("k") is False
    for _ in range(2):
        assert queries(client, "/studier/")[1] > 0  # rendered each time: nothing stored


def test_a_cache_folder_others_may_write_in_is_not_read(settings, tmp_path, caplog):
    """Entries are pickles, which run code when read: in a folder another user could write in
    (the default is in the shared temp folder), a swapped file would run as the site."""
    import pickle
    import time
    import zlib

    from django.core.cache import cache

    folder = tmp_path / "c"
    settings.CACHES = {"default": {"BACKEND": "config.cache.SharedFileCache", "LOCATION": folder}}
    cache.set("k", "ours")
    assert cache.get("k") == "ours"
    [entry] = folder.glob("*.djcache")
    entry.write_bytes(pickle.dumps(time.time() + 60) + zlib.compress(pickle.dumps("theirs")))
    folder.chmod(0o777)  # as another user's folder would be, made before ours
    assert cache.get("k", "missed") == "missed"
    assert cache.has_key("k") is False and cache.add("k", 1) is False
    assert "another user owns it or may write in it" in caplog.text
    folder.chmod(0o700)
    assert cache.get("k") == "theirs"  # our own folder again: read as written


def test_a_full_file_cache_never_culls_the_content_version(settings, tmp_path, db):
    """Django deletes a random third of the entries when the cache is full; anyone can fill it
    with searches. Losing the version would make every cached page a miss at once."""
    from django.core.cache import cache

    from config.page_cache import VERSION_KEY, content_version

    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.SharedFileCache",
            "LOCATION": tmp_path,
            "OPTIONS": {"MAX_ENTRIES": 6, "CULL_FREQUENCY": 2},
        }
    }
    version = content_version()
    for n in range(60):  # each store past 6 entries culls half of them
        cache.set(f"search-{n}", n)
    assert cache.get(VERSION_KEY)[0] == version
    assert len(list(tmp_path.glob("*.djcache"))) < 10


def _requirement(programme):
    return make_requirement(programme, fields=[make_field_of_study()])


CHANGES = {
    "Programme": lambda p: p,
    "Section": make_section,
    "StudyOption": make_study_option,
    "AdmissionThreshold": lambda p: make_threshold(make_study_option(p)),
    "AdmissionRequirement": _requirement,
    "FieldOfStudy": lambda p: _requirement(p).accepted_fields.get(),
    "Cohort": make_cohort,
    "ScheduleWeek": lambda p: make_week(make_cohort(p)),
}


def _pages(programme):
    return [programme.get_absolute_url(language) for language in ("nb", "en")] + [
        "/studier/",
        "/en/programmes/",
    ]


def _cached(client, urls):
    for url in urls:
        client.get(url)
        assert queries(client, url)[1] == 0, url


def _fresh(client, urls):
    for url in urls:
        assert queries(client, url)[1] > 0, url


@pytest.mark.parametrize("model", CHANGES)
def test_a_save_makes_every_page_fresh(client, db, model):
    programme = make_programme()
    obj = CHANGES[model](programme)
    urls = _pages(programme)
    _cached(client, urls)
    obj.save()
    _fresh(client, urls)


@pytest.mark.parametrize("model", CHANGES)
def test_a_delete_makes_every_page_fresh(client, db, model):
    programme = make_programme()
    obj = CHANGES[model](programme)
    urls = _pages(programme)[2:] if model == "Programme" else _pages(programme)
    _cached(client, urls)
    obj.delete()
    _fresh(client, urls)


def test_a_slug_change_and_its_old_slug_are_fresh_at_once(client, db):
    programme = make_programme()
    old = programme.get_absolute_url("nb")
    _cached(client, [old])
    programme.slug_nb = "nytt-navn"
    programme.full_clean()
    programme.save()
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, "/studier/nytt-navn/")


def test_accepted_fields_changes_make_the_list_fresh(client, db):
    requirement = _requirement(make_programme())
    _cached(client, ["/studier/"])
    requirement.accepted_fields.clear()
    _fresh(client, ["/studier/"])


def test_a_bulk_update_in_page_types_makes_pages_fresh(client, seeded):
    from config.page_types import add_page_type_examples

    _cached(client, ["/studier/"])
    add_page_type_examples()  # ends with a QuerySet.update(), which sends no signal
    _fresh(client, ["/studier/"])


@pytest.mark.parametrize(
    ("first", "url", "lang"),
    [("/studier/", "/en/programmes/", "en"), ("/en/programmes/", "/studier/", "nb")],
)
def test_a_query_string_too_long_to_read_gets_a_400_in_the_address_language(
    client, every_page_type, first, url, lang
):
    client.get(first + "?utm=1")  # not from the cache: the thread now speaks the other language
    response = client.get(url + "?" + "&".join(["a="] * 1001))
    assert response.status_code == 400
    assert f'<html lang="{lang}">' in response.content.decode()


def test_a_version_stored_by_an_earlier_release_is_not_read(client, db):
    """Releases before stored a bare number under "page-cache:version", which the cache keeps
    across a deploy: read as (number, due), every page was a 500."""
    from django.core.cache import cache

    cache.set("page-cache:version", 12345, timeout=None)
    assert client.get("/studier/").status_code == 200
