"""Throwaway PostgreSQL and Redis servers for the suite, started by the tests themselves.

Each runs from Debian's packages (``make test`` installs ``postgresql`` and ``redis-server``
when missing) on a free loopback port, with its data in a temporary directory that is removed
when it stops. Nothing here talks to a server the machine happens to run, so the suite passes
on a laptop with none and in ``unshare -n`` (README "Tests"). FIELD-NOTES §14 has the facts:
``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres`` user.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from glob import glob
from pathlib import Path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port, process, name, log):
    for _ in range(300):
        if process is not None and process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{name} did not start on port {port}:\n{log()}")


def _postgres_bin(program):
    """A server binary from Debian's versioned folder (not on PATH), newest version first."""
    found = sorted(glob(f"/usr/lib/postgresql/*/bin/{program}"), key=_version, reverse=True)
    if not found:
        raise RuntimeError(
            f"PostgreSQL's {program} is missing: install Debian's postgresql (make test does)."
        )
    return found[0]


def _version(path):
    return int(Path(path).parts[-3])


class PostgresServer:
    """A PostgreSQL cluster in a temp dir, trust auth for ``postgres``, fsync off (tests only)."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="studieside-pg-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/"
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.dir, user="postgres", group="postgres")

    def _run(self, *args):
        command = ["runuser", "-u", "postgres", "--", *args] if self._as_root else list(args)
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self):
        data, log = self.dir / "data", self.dir / "log"
        self._run(_postgres_bin("initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-N")
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(_postgres_bin("pg_ctl"), "-D", data, "-o", options, "-l", log, "-w", "start")
        _wait_for_port(self.port, None, "PostgreSQL", log.read_text)
        return self

    def stop(self):
        try:
            self._run(_postgres_bin("pg_ctl"), "-D", self.dir / "data", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """A redis-server that keeps nothing on disk, on a free port."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="studieside-redis-"))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        redis = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [redis, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir), "--daemonize", "no"],
            stdout=(self.dir / "log").open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        _wait_for_port(self.port, self.process, "Redis", (self.dir / "log").read_text)
        return self

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
