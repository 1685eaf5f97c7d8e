"""The suite's own PostgreSQL and Redis (tests/services.py), never the machine's."""

import os

import psycopg
import redis
from django.db import connection


def test_the_suite_runs_on_the_engine_that_database_url_names(db, request):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert connection.vendor == "postgresql"
        server = request.getfixturevalue("postgres_server")  # host and port replaced
        assert int(connection.settings_dict["PORT"]) == server.port
    else:
        assert connection.vendor == "sqlite"


def test_the_throwaway_postgresql_answers_on_its_own_port(postgres_server):
    assert postgres_server.port != 5432
    with psycopg.connect(postgres_server.url + "postgres") as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_the_throwaway_redis_answers_on_its_own_port(redis_server):
    assert redis_server.port != 6379
    client = redis.Redis.from_url(redis_server.url)
    assert client.ping()
    client.close()
