"""Logs stay JSON whatever a client sends, and one request id ties a request's lines together."""

import io
import json
import logging
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.test import Client
from django.urls import path

from config.logs import JsonFormatter
from config.request_id import RequestIdFilter
from tests.production import ROOT, environment, free_port

GOOD_ID = "lb-4f2a.9_XYZ"
HTTPS = b"X-Forwarded-Proto: https"  # from 127.0.0.1, which gunicorn trusts by default


def send(port, raw, source="127.0.0.1"):
    """Send raw bytes (one HTTP/1.1 request) from ``source``: (status, headers, body)."""
    with socket.socket() as s:
        s.settimeout(10)
        s.bind((source, 0))
        s.connect(("127.0.0.1", port))
        s.sendall(raw)
        response = b""
        while chunk := s.recv(65536):
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


def request(target, *header_lines):
    """A GET for ``target`` with ``header_lines`` (bytes, as sent), closing the connection."""
    lines = [b"GET " + target + b" HTTP/1.1", b"Host: studier.example.org", b"Connection: close"]
    return b"\r\n".join([*lines, *header_lines, b"", b""])


FUZZ = {
    "backslash agent": request(b"/robots.txt", HTTPS, b"User-Agent: x\\"),
    # gunicorn passes printable ASCII in the target, quotes and backslashes included.
    "quotes in path and query": request(b"/a\"b\\c%22%5C%ff%00'?q=\"\\%ff%0a&x='", HTTPS),
    "utf-8 and a stray byte": request(b"/en/programmes/%C3%A6%FF/", HTTPS),
    "odd agent and referer": request(
        b"/robots.txt", HTTPS, b'User-Agent: "q" \\ \xff\xfe\ttab', b'Referer: "\\\xc3\xa6'
    ),
    "good id, 404": request(b"/en/no-such-page/", HTTPS, b"X-Request-ID: " + GOOD_ID.encode()),
    "bad id": request(b"/robots.txt", HTTPS, b'X-Request-ID: bad id "\\ \xff'),
    "long id": request(b"/robots.txt", HTTPS, b"X-Request-ID: " + b"a" * 65),
    "plain http": request(b"/studier/"),  # redirected to https, and logged
    "no tables": request(b"/studier/", HTTPS),  # 503, and Django logs an error
    "host not ours": b"GET /studier/ HTTP/1.1\r\nHost: evil.example\r\n" + HTTPS + b"\r\n\r\n",
    # gunicorn answers these 400 itself, before Django: no request id, no access line.
    "control characters in agent": request(b"/robots.txt", b"User-Agent: bell\x07 nul\x00"),
    "raw bytes in path": request(b"/\xff\xfe/?\xff", HTTPS),
    "control characters in path": b'GET /\x01\\"\x7f HTTP/1.1\r\nHost: x\r\n\r\n',
}
REFUSED = {"control characters in agent", "raw bytes in path", "control characters in path"}


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    """gunicorn in the production configuration, the FUZZ requests, then its whole output:
    ({case: (status, headers, body)}, output lines)."""
    tmp = tmp_path_factory.mktemp("logs")
    port = free_port()
    env = environment(
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        DATABASE_URL=f"sqlite:///{tmp / 'empty.sqlite3'}",  # no tables: pages answer 503
    )
    for default in "LOG_FORMAT", "FORWARDED_ALLOW_IPS":
        env.pop(default, None)
    output = tmp / "gunicorn.log"
    with output.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                pytest.fail("gunicorn did not answer /healthz")
            responses = {case: send(port, raw) for case, raw in FUZZ.items()}
        finally:
            process.terminate()
            process.wait(timeout=30)
    return responses, output.read_bytes().decode("utf-8").splitlines()


def records(lines):
    return [json.loads(line) for line in lines if line.strip()]


def access_lines(lines):
    """gunicorn's access lines by request id."""
    return {r["request_id"]: r for r in records(lines) if r["logger"] == "gunicorn.access"}


def request_id(response):
    return response[1].get("x-request-id")


def test_every_line_is_one_json_object(fuzzed):
    _responses, lines = fuzzed
    assert len(lines) > len(FUZZ)
    for line in lines:
        if line.strip():
            assert isinstance(json.loads(line), dict), line


def test_every_response_from_django_has_its_access_line_with_the_request_id(fuzzed):
    responses, lines = fuzzed
    assert {case for case, response in responses.items() if request_id(response)} == (
        FUZZ.keys() - REFUSED
    )
    access = access_lines(lines)
    assert None not in access
    probe = {id_ for id_, r in access.items() if r["path"] == "/healthz"}  # the fixture's wait
    assert probe
    assert access.keys() - probe == {request_id(r) for r in responses.values()} - {None}
    for record in access.values():
        assert {"time", "level", "message", "method", "path", "query", "status"} <= record.keys()
        assert isinstance(record["status"], int) and isinstance(record["duration_ms"], float)


def test_a_well_formed_request_id_is_kept_and_any_other_replaced(fuzzed):
    responses, _lines = fuzzed
    assert responses["good id, 404"][0] == 404
    assert request_id(responses["good id, 404"]) == GOOD_ID
    for case in "bad id", "long id", "backslash agent":
        assert re.fullmatch(r"[0-9a-f]{32}", request_id(responses[case]))
    ids = [request_id(r) for r in responses.values() if request_id(r)]
    assert len(set(ids)) == len(ids)


def test_access_lines_show_exactly_what_the_client_sent(fuzzed):
    responses, lines = fuzzed
    access = access_lines(lines)
    line = access[request_id(responses["backslash agent"])]
    assert (line["user_agent"], line["path"], line["status"]) == ("x\\", "/robots.txt", 200)
    line = access[request_id(responses["quotes in path and query"])]
    assert line["path"] == '/a"b\\c"\\%FF\x00\''  # decoded, but a byte that is not UTF-8
    assert line["query"] == "q=\"\\%ff%0a&x='"
    line = access[request_id(responses["utf-8 and a stray byte"])]
    assert line["path"] == "/en/programmes/æ%FF/"
    line = access[request_id(responses["odd agent and referer"])]
    assert line["user_agent"] == '"q" \\ \\xff\\xfe\ttab' and line["referer"] == '"\\æ'
    assert access[request_id(responses["plain http"])]["status"] == 301


def test_errors_django_logs_while_handling_a_request_carry_its_id(fuzzed):
    responses, lines = fuzzed
    assert responses["no tables"][0] == 503
    mine = [r for r in records(lines) if r.get("request_id") == request_id(responses["no tables"])]
    assert [(r["logger"], r["level"]) for r in mine] == [
        ("config.middleware", "ERROR"),  # database unavailable: no such table: …
        ("django.request", "ERROR"),  # Service Unavailable: /studier/
        ("gunicorn.access", "INFO"),
    ]
    not_found = [r for r in records(lines) if r.get("request_id") == GOOD_ID]
    assert [r["message"] for r in not_found] == [
        "Not Found: /en/no-such-page/",
        "GET /en/no-such-page/ 404",
    ]


def test_a_host_not_ours_is_one_warning_line_not_an_error_with_a_traceback(fuzzed):
    """Scanners send these all day; at ERROR they would bury the site's own errors."""
    responses, lines = fuzzed
    assert responses["host not ours"][0] == 400
    mine = [
        r for r in records(lines) if r.get("request_id") == request_id(responses["host not ours"])
    ]
    assert [(r["logger"], r["level"]) for r in mine] == [
        ("django.security.DisallowedHost", "WARNING"),
        ("gunicorn.access", "INFO"),
    ]
    assert "exc_info" not in mine[0] and "evil.example" in mine[0]["message"]


def test_requests_gunicorn_refuses_are_logged_as_json_too(fuzzed):
    responses, lines = fuzzed
    assert {responses[case][0] for case in REFUSED} == {400}
    warnings = [r for r in records(lines) if r["message"].startswith("Invalid request from")]
    assert len(warnings) == len(REFUSED)


# In-process: Django's own error lines, through the formatter and filter settings.LOGGING uses.


def boom(request):
    raise ValueError('a "broken" \\ view\n')


urlpatterns = [path("boom/", boom)]


@pytest.mark.urls("tests.test_logs")
def test_a_django_error_line_is_json_with_the_request_id_and_the_traceback(db):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = Client(raise_request_exception=False).get(
            "/boom/", headers={"X-Request-ID": GOOD_ID}
        )
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 500 and response["X-Request-ID"] == GOOD_ID
    [line] = stream.getvalue().splitlines()
    record = json.loads(line)
    assert (record["level"], record["logger"], record["status"]) == ("ERROR", "django.request", 500)
    assert record["request_id"] == GOOD_ID
    assert (
        record["exc_info"].startswith("Traceback")
        and 'ValueError: a "broken"' in record["exc_info"]
    )
    assert "request" not in record


def test_a_client_fault_below_the_log_level_is_left_out():
    """LOG_LEVEL=ERROR: Django's ERROR passes the logger, but the WARNING it becomes does not."""
    from config.logs import ClientFaultFilter

    logger = logging.getLogger("django.security.DisallowedHost")
    record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "bad host", (), None)
    fault = ClientFaultFilter()
    assert fault.filter(record) and record.levelname == "WARNING"
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        assert not fault.filter(
            logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "bad host", (), None)
        )
    finally:
        logger.setLevel(level)
