"""A bounded corpus of hostile requests against gunicorn in the production configuration.

Sent over raw sockets, so the bytes go out as written: no client library normalises ``/../``,
re-encodes a path, refuses a raw byte or drops a header. HTTPS is on as in production; the
requests say ``X-Forwarded-Proto: https`` from 127.0.0.1, the trusted proxy (config/gunicorn.py).

Every answer is a 4xx, a 3xx or a 200, never a 5xx; every refusal is a page in a language the
site speaks, with the site's headers, even those gunicorn writes itself (400, 414 or 431 to a
request line or header it cannot parse or that is too long: config/rejected.py); no payload
comes back unescaped; no forged host reaches an absolute URL, which the site builds from
SITE_URL only (tests/test_site_url.py); nothing is logged as an error but the forged hosts
themselves.
"""

import json
import re
import socket
import time
import uuid
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from tests.production import PRODUCTION, ROOT, prepare_database, start_gunicorn
from tests.test_headers import PUBLIC_POLICY, assert_security_headers, policy

SITE_URL = PRODUCTION["SITE_URL"]  # https://studier.example.org
HOST = b"studier.example.org"
FORGED_HOST = "evil.example"
URL = re.compile(r"""https?://[^\s"'<>]+""")
# Markup that must never come back as it was sent: a page or header that shows it raw runs it.
SCRIPT = "<script>alert(1)</script>"
MARKUP = [SCRIPT, '"><svg/onload=alert(1)>']
PAYLOADS = [*MARKUP, "' OR '1'='1' --", "1;DROP TABLE programs_programme;--"]
STATIC = json.loads((ROOT / "staticfiles/staticfiles.json").read_text())["paths"]["css/base.css"]


class Hostile(NamedTuple):
    name: str
    raw: bytes  # the whole request, as sent
    prints_urls: bool = False  # a 200 with absolute URLs: the host check below is not empty


def request(
    target,
    method=b"GET",
    headers=(),
    host=HOST,
    https=True,
    version=b"HTTP/1.1",
):
    """The bytes of one request: ``target`` and header values as str (UTF-8) or raw bytes."""

    def raw(value):
        return value if isinstance(value, bytes) else value.encode()

    lines = [b" ".join([raw(method), raw(target), version])]
    if host is not None:
        lines.append(b"Host: " + raw(host))
    if https:
        lines.append(b"X-Forwarded-Proto: https")
    lines += [raw(name) + b": " + raw(value) for name, value in headers]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def corpus():
    """(name, request bytes) pairs: about a hundred, each a different way to be hostile."""
    cases = []

    def add(name, target, prints_urls=False, **kwargs):
        cases.append(Hostile(name, request(target, **kwargs), prints_urls))

    # Path traversal, plain, encoded, double-encoded, with backslashes, on every file route.
    for target in [
        "/../../etc/passwd",
        "/static/../config/settings.py",
        "/static/..%2fconfig%2fsettings.py",
        "/static/%2e%2e/%2e%2e/config/settings.py",
        "/static/%252e%252e/manage.py",
        "/static/css/..%5c..%5cmanage.py",
        "/static//etc/passwd",
        "/media/../manage.py",
        "/media/..%2fmanage.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/programmes/..%2f..%2fdb.sqlite3",
        "/studier/%2e%2e/",
        "/studier/..%2f..%2fconfig%2fsettings.py/",
        "/en/../admin/",
        "//etc/passwd",
        "/.env",
        "/.git/config",
    ]:
        add(f"traversal {target}", target)

    # Overlong paths and invalid UTF-8, percent-encoded and as raw bytes.
    add("10 kB path", "/" + "a" * 10_000)
    add("4 kB slug", "/studier/" + "a" * 4_000 + "/")
    add("4 kB cohort code", "/studier/psykisk-helsearbeid/kull-" + "2" * 4_000 + "/")
    add("encoded ff fe", "/studier/%ff%fe/")
    add("raw ff fe", b"/studier/\xff\xfe/")
    add("encoded overlong dots", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd")
    add("encoded surrogate", "/studier/%ed%a0%80/")
    add("raw broken utf-8", b"/en/programmes/\xc3\x28/")
    add("raw ff in the query", b"/studier/?bachelor=\xff")
    add("encoded ff fe in the query", "/en/programmes/?bachelor=%ff%fe")

    # NUL bytes.
    add("NUL in a slug", "/studier/%00/")
    add("NUL in the filter", "/studier/?bachelor=%00")
    add("NUL in a cohort code", "/studier/psykisk-helsearbeid/kull-2023H%00/")
    add("NUL in a media name", "/media/programmes/%00.jpg")
    add("NUL after a static name", f"/static/{STATIC}%00")
    add("raw NUL in the path", b"/studier/\x00/")
    add("raw NUL in a header", "/studier/", headers=[("Accept-Language", b"nb\x00en")])

    # Script and SQL in every parameter of the list and in every path segment.
    for payload in PAYLOADS:
        value = quote(payload, safe="")
        for target in [
            f"/studier/?bachelor={value}",
            f"/en/programmes/?bachelor={value}",
            f"/studier/?q={value}&page={value}&{value}={value}",
            f"/en/programmes/?level={value}&mode={value}&open={value}",
            f"/studier/med-programplan/programplan/{value}/heltid/",
            f"/en/programmes/with-programme-plan/programme-plan/2023H/{value}/",
            f"/studier/{value}/",
            f"/en/programmes/{value}/",
            f"/studier/psykisk-helsearbeid/kull-{value}/",
            f"/en/programmes/mental-health-work/cohort-{value}.ics",
            f"/studier/{value}/kull-2023H.ics",
        ]:
            add(f"payload {target}", target)
    add("raw script in the path", f"/studier/{SCRIPT}/")
    add("script in X-Request-ID", "/studier/", headers=[("X-Request-ID", SCRIPT)])
    add(
        "script in Referer and User-Agent",
        "/en/programmes/",
        headers=[("Referer", f"https://{FORGED_HOST}/{SCRIPT}"), ("User-Agent", SCRIPT)],
    )
    add("script in a cookie", "/studier/", headers=[("Cookie", f"sessionid={SCRIPT}; csrftoken=")])

    # Forged Host and forwarded headers, on pages that print absolute URLs.
    programme = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
    for target in [programme, "/sitemap.xml", "/robots.txt"]:
        add(f"Host {FORGED_HOST} {target}", target, host=FORGED_HOST)
        add(f"Host with port 6666 {target}", target, True, host=b"studier.example.org:6666")
        add(
            f"X-Forwarded-Host {target}",
            target,
            True,
            headers=[("X-Forwarded-Host", FORGED_HOST), ("X-Forwarded-Port", "6666")],
        )
        add(
            f"Forwarded {target}",
            target,
            True,
            headers=[("Forwarded", f"for=1.2.3.4;host={FORGED_HOST};proto=http")],
        )
    add("forged Host over plain http", "/studier/", host=FORGED_HOST, https=False)
    add(
        "X-Forwarded-Host over plain http",
        "/studier/",
        https=False,
        headers=[("X-Forwarded-Host", FORGED_HOST)],
    )
    add("userinfo in Host", "/studier/", host=b"studier.example.org@evil.example")
    add("empty Host", "/studier/", host=b"")
    add("no Host", "/studier/", host=None)
    add("two Hosts", "/studier/", headers=[("Host", FORGED_HOST)])
    add("absolute-form target", f"http://{FORGED_HOST}/studier/")
    add(
        "feed with a forged Host",
        "/studier/psykisk-helsearbeid/kull-2023H.ics",
        host=b"studier.example.org:6666",
    )

    # Absurd Accept-Language.
    for value in [
        "nb" * 5_000,  # 10 kB: over gunicorn's header limit
        "en;q=0.5, " * 300,  # 3 kB of valid entries
        "*;q=x",
        "nb;q=1e309",
        "en;q=-1, nb;q=NaN",
        "zz-ZZ-ZZZZ-a-b-c-d",
        b"\xff\xfe",
        ",,,;;;==",
    ]:
        add(f"Accept-Language {value[:20]!r}", "/studier/", headers=[("Accept-Language", value)])

    # Odd methods.
    for method in [
        b"TRACE",
        b"PROPFIND",
        b"DELETE",
        b"OPTIONS",
        b"PUT",
        b"PATCH",
        b"get",
        b"A" * 100,
    ]:
        add(f"method {method[:12].decode()}", "/studier/", method=method)
    add("OPTIONS *", "*", method=b"OPTIONS")
    add("CONNECT", "studier.example.org:443", method=b"CONNECT")
    add("POST without a CSRF token", "/studier/", method=b"POST", headers=[("Content-Length", "0")])
    add("HTTP/2.0 in the request line", "/studier/", version=b"HTTP/2.0")
    add("bad version", "/studier/", version=b"HTTP/1.1x")

    # Garbage conditional and range headers, on a page, a static file and a media name.
    for target in ["/studier/", f"/static/{STATIC}"]:
        for name, value in [
            ("If-None-Match", '"\\\xff, W/, ,,*'),
            ("If-None-Match", "W/" * 2_000),
            ("If-Modified-Since", "Sat, 31 Dec 99999 23:59:59 GMT"),
            ("If-Modified-Since", "yesterday"),
            ("If-Unmodified-Since", "-1"),
            ("Range", "bytes=99999999999999999999999-"),
            ("Range", "bytes=5-1"),
            ("Range", "bytes=" + ",".join(["0-0"] * 500)),
            ("Range", "items=0-1"),
            ("If-Range", "Thu, 01 Jan 1970 00:00:00 GMT"),
        ]:
            add(f"{name} {value[:16]!r} on {target[:12]}", target, headers=[(name, value)])
    add(
        "If-None-Match on a media name",
        "/media/programmes/" + "0" * 32 + ".jpg",
        headers=[("If-None-Match", '"' + "0" * 32 + '.jpg"')],
    )

    # Framing: a body length that is no number, and one that contradicts chunking.
    add("Content-Length abc", "/studier/", headers=[("Content-Length", "abc")])
    add(
        "Content-Length with chunking",
        "/studier/",
        method=b"POST",
        headers=[("Content-Length", "4"), ("Transfer-Encoding", "chunked")],
    )
    return cases


CORPUS = corpus()


class Answer(NamedTuple):
    status: int
    head: str
    body: str


def send(port, raw):
    """Send ``raw`` as it is and read until gunicorn closes the connection."""
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        try:
            connection.sendall(raw)
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:  # gunicorn may answer and close before reading it all
            pass
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return Answer(status, head.decode("latin-1"), body.decode(errors="replace"))


LOGS = []  # the gunicorn log file of the module's server (tests/production.py)


def log_lines():
    """gunicorn's output so far, line by line: access lines, Django's warnings and errors."""
    return Path(LOGS[0]).read_bytes().splitlines()


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    """gunicorn on the seed content plus the page-type examples, for the whole module.

    Its output goes to a file (a pipe nobody reads would fill and block gunicorn).
    """
    database = tmp_path_factory.mktemp("hostile") / "db.sqlite3"
    process, url = start_gunicorn(DATABASE_URL=prepare_database(f"sqlite:///{database}", True))
    LOGS[:] = [process.log.name]
    yield int(url.rsplit(":", 1)[1])
    process.terminate()
    process.wait(timeout=10)


def test_the_corpus_holds_at_least_80_different_requests():
    assert len(CORPUS) >= 80
    assert len({case.raw for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[case.name[:60] for case in CORPUS])
def test_a_hostile_request_gets_no_5xx_no_reflected_markup_and_no_forged_host(port, case):
    answer = send(port, case.raw)
    assert 200 <= answer.status < 500, (answer.status, answer.head)
    text = answer.head + answer.body
    assert not [markup for markup in MARKUP if markup in text]
    assert FORGED_HOST not in text
    ours = [url for url in URL.findall(text) if "studier.example.org" in url]
    assert all(url.startswith(SITE_URL + "/") for url in ours), ours
    if case.prints_urls:
        assert answer.status == 200 and ours
    if answer.status >= 400 and answer.status != 416:  # 416: whitenoise's empty range answer
        assert re.search(r'<html lang="(nb|en)">', answer.body), answer.body[:300]
        assert "\r\nContent-Security-Policy: " in answer.head


@pytest.mark.parametrize(
    ("raw", "status", "title"),
    [
        (request("/studier/" + "a" * 5_000), 414, "Adressen er for lang"),
        (request("/en/programmes/?q=" + "a" * 5_000), 414, "Adressen er for lang"),
        (request("/", headers=[("Cookie", "a" * 9_000)]), 431, "For mye data i forespørselen"),
        (request("/", headers=[("X-Many", "1")] * 200), 431, "For mye data i forespørselen"),
        (request("/", method=SCRIPT.encode()), 400, "Ugyldig forespørsel"),
        (request("/", version=b"HTTP/2.0"), 400, "Ugyldig forespørsel"),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400, "Ugyldig forespørsel"),
    ],
    ids=[
        "long path",
        "long query",
        "large cookie",
        "many headers",
        "markup method",
        "HTTP/2.0",
        "TLS",
    ],
)
def test_what_gunicorn_refuses_gets_the_sites_page_in_both_languages(port, raw, status, title):
    """Not gunicorn's English page quoting the request: ours (config/rejected.py), saying in
    both languages what to do, linking the list in each, with every header of the site."""
    answer = send(port, raw)
    assert answer.status == status
    head = dict(line.split(": ", 1) for line in answer.head.split("\r\n")[1:])
    assert_security_headers(head)
    assert policy(head["Content-Security-Policy"]) == PUBLIC_POLICY
    assert head["Cache-Control"] == "no-store" and head["Connection"] == "close"
    assert int(head["Content-Length"]) == len(answer.body.encode())
    page = BeautifulSoup(answer.body, "html.parser")
    assert page.select_one("html")["lang"] == "nb" and page.h1.get_text() == title
    english = page.select_one('section[lang="en"]')
    assert english.h2.get_text() and not re.search("[æøå]", english.get_text())
    assert [a["href"] for a in page.select("a")] == ["/studier/", "/en/programmes/"]
    assert "aaaa" not in answer.body and "script" not in answer.body.lower()


def test_nothing_is_logged_as_an_error_but_the_forged_hosts(port):
    """The corpus again, then gunicorn's log up to a marker request: nothing at ERROR except
    Django's own reports of forged hosts (django.security.DisallowedHost, answered 400)."""
    start = len(log_lines())
    for case in CORPUS:
        send(port, case.raw)
    marker = uuid.uuid4().hex
    send(port, request(f"/studier/?marker={marker}"))  # one worker: its line comes last
    for _ in range(50):
        if any(marker.encode() in line for line in log_lines()[start:]):
            break
        time.sleep(0.1)
    records = [json.loads(line) for line in log_lines()[start:] if line.startswith(b"{")]
    assert any(record.get("query") == f"marker={marker}" for record in records)
    errors = [
        record
        for record in records
        if record.get("level") in {"ERROR", "CRITICAL"}
        and not record.get("logger", "").startswith("django.security.")
    ]
    assert not errors
    # …while the errors it does log reach this stream: the check above is not empty.
    assert any(record.get("logger") == "django.security.DisallowedHost" for record in records)
