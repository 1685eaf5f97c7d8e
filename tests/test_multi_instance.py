"""Several stateless app servers, one PostgreSQL, one Redis: run for real with gunicorn; and
one server's several workers without Redis, sharing the cache in files (config/cache.py).

PostgreSQL and Redis are the suite's throwaway servers (tests/services.py), never the
machine's own.
"""

import re
import socket
import subprocess
import sys
import threading

import psycopg
import pytest
from redis import Redis

from tests.production import ROOT, Browser, environment, free_port, get, prepare_database

DATABASE = "studieside_multi_instance"
OPEN_PROGRAMME = "/studier/psykisk-helse-rus-og-avhengighetsarbeid/"
ENGLISH_PROGRAMME = "/en/programmes/mental-health-substance-use-and-addiction-work/"


@pytest.fixture
def shared_database(postgres_server):
    """A fresh PostgreSQL database with the seed content and an editor account."""
    with psycopg.connect(postgres_server.url + "postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    url = postgres_server.url + DATABASE
    prepare_database(url)
    yield url
    with psycopg.connect(postgres_server.url + "postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def test_an_edit_through_one_server_is_served_by_the_other_at_once(
    gunicorn, shared_database, redis_server
):
    # No TLS proxy in front here, as in compose.yaml.
    env = {"DATABASE_URL": shared_database, "REDIS_URL": redis_server.url + "/0", "HTTPS": "0"}
    first, second = gunicorn(**env), gunicorn(**env)
    redis = Redis.from_url(redis_server.url + "/0")
    redis.flushdb()
    for page in (OPEN_PROGRAMME, ENGLISH_PROGRAMME, "/studier/"):
        assert get(second + page)[0] == 200
    # The version and the three pages (config/page_cache.py), shared by both servers.
    assert len(redis.keys("*page-cache:*")) == 4

    editor = Browser(first)
    editor.log_in()
    changelist = editor.request("/admin/programs/programme/")
    pk = re.search(r'/admin/programs/programme/(\d+)/change/">Psykisk helse-', changelist).group(1)
    editor.request(
        "/admin/programs/programme/",
        {
            "csrfmiddlewaretoken": editor.csrf(changelist),
            "action": "retire",
            "_selected_action": pk,
            "step": "confirm",
            "successor": "",
        },
    )

    # Retired through the first server, gone on the second at once, in both languages.
    assert get(second + OPEN_PROGRAMME)[0] == 410
    assert get(second + ENGLISH_PROGRAMME)[0] == 410
    assert get(first + "/studier/")[2] == get(second + "/studier/")[2]


def test_without_redis_every_worker_and_manage_py_share_one_cache(gunicorn, tmp_path):
    """Two workers and a ``manage.py shell`` on one machine, no REDIS_URL: an edit in the
    shell makes the page fresh in every worker at once (with each process's own memory, the
    workers kept serving the page as it was for up to 10 minutes)."""
    env = {
        "DATABASE_URL": prepare_database(f"sqlite:///{tmp_path / 'db.sqlite3'}"),
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    url = gunicorn(**env, WEB_CONCURRENCY="2", HTTPS="0")
    pages = {OPEN_PROGRAMME: "Ny ingress fra skallet.", ENGLISH_PROGRAMME: "A lead from the shell."}
    for _ in range(10):  # sequential requests: both workers serve, and cache, some
        for page, lead in pages.items():
            status, _headers, body = get(url + page)
            assert status == 200 and lead not in body
    edit = (
        "from programs.models import Programme; "
        "p = Programme.objects.get(slug_nb='psykisk-helse-rus-og-avhengighetsarbeid'); "
        f"p.lead_nb, p.lead_en = {pages[OPEN_PROGRAMME]!r}, {pages[ENGLISH_PROGRAMME]!r}; "
        "p.save()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", edit],
        cwd=ROOT,
        env=environment(**env),
        check=True,
    )
    for _ in range(10):
        for page, lead in pages.items():
            status, _headers, body = get(url + page)
            assert status == 200 and lead in body, page


class Proxy:
    """A TCP proxy to PostgreSQL that a test can cut and restore, like a network fault."""

    def __init__(self, port, target):
        self.port, self.target = port, target
        self.server, self.sockets, self.threads = None, [], []

    def start(self):
        self.server = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        self._run(self._accept)

    def _run(self, target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        self.threads.append(thread)
        thread.start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:  # cut
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            self._run(self._pipe, client, upstream)
            self._run(self._pipe, upstream, client)

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass

    def cut(self):
        """Stop listening and drop every open connection; returns once all is closed.

        shutdown() first: on Linux, close() alone neither wakes a thread blocked in accept()
        nor stops the socket from accepting.
        """
        for s in [self.server, *self.sockets]:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        for thread in self.threads:
            thread.join(timeout=5)
        self.sockets, self.threads = [], []


def test_pages_recover_by_themselves_when_the_database_comes_back(
    gunicorn, shared_database, postgres_server
):
    proxy = Proxy(free_port(), target=("127.0.0.1", postgres_server.port))
    proxy.start()
    proxied = shared_database.replace(f":{postgres_server.port}/", f":{proxy.port}/")
    url = gunicorn(DATABASE_URL=proxied, HTTPS="0")
    assert get(url + OPEN_PROGRAMME)[0] == 200

    proxy.cut()
    assert get(url + OPEN_PROGRAMME)[0] == 200  # from the page cache, which needs no database
    assert get(url + ENGLISH_PROGRAMME)[0] == 503
    assert get(url + "/readyz")[0] == 503

    proxy.start()
    statuses = [get(url + ENGLISH_PROGRAMME)[0] for _ in range(3)]
    assert statuses[-1] == 200  # at most the first request after the outage may still fail
    assert get(url + "/readyz")[0] == 200
