"""Admin login throttling (django-axes): who is locked, for how long, by which address, and
how an operator unlocks; the client's address behind the load balancer (config/client_ip.py)."""

import io
import urllib.error
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from gunicorn.config import validate_string_to_addr_list

from config.client_ip import ANY, client_ip_from, trusted_proxies
from tests.pages import parse, visible_text
from tests.production import EDITOR, Browser, prepare_database

PASSWORD = "a-long-test-password"
LOCKED_NB = "For mange mislykkede innlogginger. Prøv igjen om 15 minutter."


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """A fast hasher: these tests log in dozens of times (the gunicorn test keeps the real one)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "e@example.org", PASSWORD)


def log_in(client, username="editor", password=PASSWORD, **headers):
    """POST the admin's login form as a browser would: 302 on success."""
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post("/admin/login/?next=/admin/", data, **headers)


def fail(client, times, username="editor", **headers):
    return [log_in(client, username, "wrong-password", **headers) for _ in range(times)][-1]


# config/client_ip.py, without a request: (FORWARDED_ALLOW_IPS, REMOTE_ADDR, X-Forwarded-For,
# the client's address).
@pytest.mark.parametrize(
    ("allowed", "peer", "forwarded_for", "client"),
    [
        ("", "127.0.0.1", "203.0.113.7", "203.0.113.7"),  # default: gunicorn's 127.0.0.1
        ("", "127.0.0.1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the hop the balancer added
        ("", "127.0.0.1", " 6.6.6.6 ,203.0.113.7 ", "203.0.113.7"),
        ("", "127.0.0.1", "2001:db8::1", "2001:db8::1"),
        ("", "127.0.0.1", None, "127.0.0.1"),  # no header: the peer
        ("", "127.0.0.1", "not-an-address", "127.0.0.1"),
        ("", "127.0.0.1", "6.6.6.6, ", "127.0.0.1"),  # an empty last hop is no address
        ("", "127.0.0.2", "203.0.113.7", "127.0.0.2"),  # untrusted peer: header ignored
        ("", "198.51.100.9", "127.0.0.1", "198.51.100.9"),
        ("10.0.0.0/8, 192.0.2.1", "10.1.2.3", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.0/8, 192.0.2.1", "192.0.2.1", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.0/8, 192.0.2.1", "192.0.2.2", "203.0.113.7", "192.0.2.2"),
        ("10.0.0.0/8, 192.0.2.1", "127.0.0.1", "203.0.113.7", "127.0.0.1"),  # not the default
        ("*", "198.51.100.9", "203.0.113.7", "203.0.113.7"),  # gunicorn's "trust anyone"
    ],
)
def test_the_client_is_the_last_hop_from_a_trusted_proxy_else_the_peer(
    allowed, peer, forwarded_for, client
):
    meta = {"REMOTE_ADDR": peer}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    assert client_ip_from(meta, trusted_proxies(allowed)) == client


@pytest.mark.parametrize(
    ("value", "proxies"),
    [
        ("", ["127.0.0.1/32"]),
        ("  ", ["127.0.0.1/32"]),
        ("10.0.0.0/8,192.0.2.1", ["10.0.0.0/8", "192.0.2.1/32"]),
        (" 10.0.0.0/8 ,::1,", ["10.0.0.0/8", "::1/128"]),
        ("*", ANY),
        ("10.0.0.1, *", ANY),
    ],
)
def test_trusted_proxies_are_read_as_gunicorn_reads_forwarded_allow_ips(value, proxies):
    result = trusted_proxies(value)
    assert (result if result == ANY else [str(network) for network in result]) == proxies
    if result != ANY and value.strip():  # the same networks as gunicorn's own parser
        gunicorn = [ip_network(item) for item in validate_string_to_addr_list(value.strip())]
        assert result == gunicorn


@pytest.mark.parametrize(
    "value", ["10.0.0.1/8", "load-balancer", "10.0.0.0/33", "10.0.0.1;10.0.0.2", "10.0.0.1, ,::1"]
)
def test_trusted_proxies_refuse_what_gunicorn_refuses(value):
    with pytest.raises(ValueError):
        validate_string_to_addr_list(value)  # gunicorn would not start either
    with pytest.raises(ImproperlyConfigured, match="FORWARDED_ALLOW_IPS"):
        trusted_proxies(value)


def test_five_wrong_passwords_lock_the_login_even_for_the_right_one(client, editor):
    assert fail(client, 4).status_code == 200  # the login form again, with its error
    assert fail(client, 1).status_code == 429  # the fifth
    response = log_in(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert LOCKED_NB in visible_text(response)
    page = parse(response)
    assert page.html["lang"] == "nb"
    assert page.find(id="site-name")  # the admin's header
    assert [h1.get_text(strip=True) for h1 in page.find_all("h1")] == ["Innloggingen er sperret"]
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_let_the_editor_in(client, editor):
    fail(client, 4)
    assert log_in(client).status_code == 302
    assert not AccessAttempt.objects.exists()  # forgiven: the next typo starts from one


def test_another_username_from_the_same_address_is_not_locked(client, editor):
    User.objects.create_superuser("colleague", "c@example.org", PASSWORD)
    fail(client, 5)
    assert log_in(client, "colleague").status_code == 302


def test_the_same_username_from_another_address_is_not_locked(client, editor):
    fail(client, 5, REMOTE_ADDR="198.51.100.9")
    assert log_in(client, REMOTE_ADDR="198.51.100.10").status_code == 302


@pytest.mark.parametrize(
    "command",
    [
        ["axes_reset_username", "editor"],
        ["axes_reset_ip", "127.0.0.1"],
        ["axes_reset_ip_username", "127.0.0.1", "editor"],
        ["axes_reset"],
    ],
)
def test_axes_reset_commands_unlock_the_login(client, editor, command):
    fail(client, 5)
    call_command(*command, stdout=io.StringIO())
    assert log_in(client).status_code == 302


def test_the_lock_ends_fifteen_quiet_minutes_after_the_last_try(client, editor):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
        fail(client, 5)
        clock.shift(timedelta(minutes=14, seconds=59))
        assert log_in(client).status_code == 429  # still locked, and this try restarts the wait
        clock.shift(timedelta(minutes=14, seconds=59))
        assert log_in(client, password="wrong-password").status_code == 429
        clock.shift(timedelta(minutes=15, seconds=1))
        assert log_in(client).status_code == 302


def test_an_untrusted_peer_is_counted_by_its_own_address_whatever_it_forwards(client, editor):
    for hop in ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"]:
        response = log_in(
            client, password="wrong", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=hop
        )
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.9"]


def test_behind_the_trusted_balancer_the_last_forwarded_hop_is_counted(client, editor):
    spoofed = "198.51.100.1, 203.0.113.7"  # the client wrote the first hop, the balancer the last
    assert fail(client, 5, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
    # Another client behind the same balancer is not locked; the locked one stays locked
    # whatever it writes in front.
    assert log_in(client, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
    assert log_in(Client(), HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7").status_code == 429


def test_login_attempts_are_listed_for_superusers_only(client, editor):
    fail(Client(), 2)
    staff = User.objects.create_user("staff", "s@example.org", PASSWORD, is_staff=True)
    content = Permission.objects.filter(content_type__app_label__in=["programs", "admissions"])
    staff.user_permissions.set(content)  # everything a study administrator may be given
    client.force_login(staff)
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    assert "/admin/axes/" not in client.get("/admin/").content.decode()

    client.force_login(editor)
    assert "/admin/axes/accessattempt/" in client.get("/admin/").content.decode()
    changelist = client.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert "127.0.0.1" in changelist.content.decode()


def try_login(browser, password):
    """(status, page) after posting the login form through a real server."""
    page = browser.request("/admin/login/")
    data = {"csrfmiddlewaretoken": browser.csrf(page), "username": EDITOR[0], "next": "/admin/"}
    try:
        return 200, browser.request("/admin/login/?next=/admin/", {**data, "password": password})
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_failures_on_two_app_servers_add_up_to_one_lock(gunicorn, tmp_path):
    url = prepare_database(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    first, second = gunicorn(DATABASE_URL=url, HTTPS="0"), gunicorn(DATABASE_URL=url, HTTPS="0")
    on_first, on_second = Browser(first), Browser(second)

    assert [try_login(on_first, "wrong")[0] for _ in range(3)] == [200, 200, 200]
    assert try_login(on_second, "wrong")[0] == 200
    assert try_login(on_second, "wrong")[0] == 429  # the fifth, counted across both

    for browser in on_first, on_second:
        status, page = try_login(browser, EDITOR[1])
        assert status == 429
        assert LOCKED_NB in " ".join(page.split())
