"""``make bench``'s load test: requests per second of real servers, one interleaved run.

Starts, on 127.0.0.1 only, nginx and three gunicorns with the production settings (2 sync
workers each; one with the page cache, two with ``PAGE_CACHE=0``), then lets wrk load each case
for ``--duration`` seconds at ``--connections`` connections, case after case, language after
language, ``--rounds`` times over, so a machine that slows down mid-run slows every case alike:

  (a) the programme page saved as a file, served by nginx (the ceiling);
  (b) the same file through whitenoise in our gunicorn (bench/settings.py);
  (c) the programme page from the page cache;
  (d) the programme page rendered for every request (``PAGE_CACHE=0``);
  (e) the list with a search and a filter, uncached (``--list-query``);
  (f) the sitemap, uncached;
  (g) the programme page rendered for every request from data loaded once per worker
      (bench/render_only.py): what rendering alone allows, the ceiling of any faster data path.

Every request to gunicorn says it came over HTTPS from the load balancer (``X-Forwarded-Proto``
from 127.0.0.1, a trusted proxy), as in production. The servers' logs, configuration and saved
pages live in a temporary directory that is removed afterwards; every process started here is
stopped here. Prints a table with the ratios to (a) and (b) and writes it, with the machine and
the date, to ``--output`` (docs/benchmarks.md). Runs against the database of ``DATABASE_URL``:
make bench fills a scratch one with ``demo_catalogue --programmes 400``.
"""

import getpass
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import override

from programs.models import Programme

ROOT = Path(settings.BASE_DIR)
HOST = "studier.example.org"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
LANGUAGES = ("nb", "en")
CASES = {
    "a": "programme page as a file, nginx",
    "b": "the same file, whitenoise in gunicorn",
    "c": "programme page, page cache",
    "d": "programme page, PAGE_CACHE=0",
    "e": "list with search and filter, uncached",
    "f": "sitemap, uncached",
    "g": "programme page, data loaded once",
}
NGINX_CONF = """\
{user}worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/client-body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    """(status, body bytes) of a GET as the load balancer sends it, never following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers=HEADERS)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(url, process, log):
    for _ in range(300):  # up to a minute on a loaded machine
        if process.poll() is not None:
            break
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"{url} did not come up:\n{Path(log).read_text(errors='replace')[-3000:]}")


class Command(BaseCommand):
    help = "Load-test nginx, whitenoise, cached and uncached pages on loopback (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=5, help="Seconds per measurement.")
        parser.add_argument("--rounds", type=int, default=2, help="Times over every case.")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
        parser.add_argument(
            "--list-query",
            default="q=helse&open=1",
            help="Query string of case (e): a search and a filter.",
        )
        parser.add_argument("--slug", help="nb slug of the programme (default: most sections).")
        parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))

    def handle(self, *args, **options):
        if not (1 <= options["duration"] <= 60 and 1 <= options["rounds"] <= 5):
            raise CommandError("Keep it bounded: --duration 1–60 s, --rounds 1–5.")
        if not 1 <= options["connections"] <= 256:
            raise CommandError("--connections must be from 1 to 256.")
        for tool in ("wrk", "nginx"):
            if not shutil.which(tool, path=os.environ.get("PATH", "") + ":/usr/sbin"):
                raise CommandError(f"{tool} is missing: make bench installs it (Debian package).")
        self.options = options
        self.load_before = os.getloadavg()[0]
        programme = self.programme(options["slug"])
        with ExitStack() as stack:
            self.tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="loadbench-")))
            self.processes = []
            stack.callback(self.stop_all)
            results, facts = self.run(programme)
        self.report(programme, results, facts)

    def programme(self, slug):
        """An open programme with its own English text: ``slug``, or the one with most sections."""
        candidates = Programme.objects.listed().open_for_applications().exclude(slug_en="")
        if slug:
            candidates = candidates.filter(slug_nb=slug)
        ranked = candidates.annotate(n=Count("sections")).order_by("-n", "pk")
        for programme in ranked[:50]:
            if programme.has_own_text("en"):
                return programme
        raise CommandError("No open, published programme with English text: load the demo data.")

    def run(self, programme):
        www = self.tmp / "www" / "static" / "bench"
        www.mkdir(parents=True)
        uncached = self.start_gunicorn("uncached", PAGE_CACHE="0")
        paths, facts = {}, {}
        for language in LANGUAGES:
            with override(language):
                page = programme.get_absolute_url(language)
                paths[language] = {
                    "a": f"/static/bench/programme-{language}.html",
                    "b": f"/static/bench/programme-{language}.html",
                    "c": page,
                    "d": page,
                    "g": page,
                    "e": f"{reverse('programs:list')}?{self.options['list_query']}",
                }
            status, body = fetch(uncached + page)
            if status != 200:
                raise CommandError(f"{page} answered {status}:\n{self.logs()}")
            (www / f"programme-{language}.html").write_bytes(body)
            facts[f"html_{language}"] = len(body)
            facts[f"url_{language}"] = page
        facts["css"] = self.css_bytes(uncached, (www / "programme-nb.html").read_text())
        servers = {
            "a": self.start_nginx(),
            "b": (
                cached := self.start_gunicorn(
                    "cached", BENCH_WHITENOISE_ROOT=str(www.parent.parent)
                )
            ),
            "c": cached,
            "d": uncached,
            "e": uncached,
            "f": uncached,
            "g": self.start_gunicorn("render-only", "bench.render_only", PAGE_CACHE="0"),
        }
        runs = [(case, language) for language in LANGUAGES for case in "abcdeg"] + [("f", "—")]
        urls = {
            run: servers[run[0]] + (paths[run[1]][run[0]] if run[0] != "f" else "/sitemap.xml")
            for run in runs
        }
        for url in urls.values():
            status, _body = fetch(url)
            if status != 200:
                raise CommandError(f"{url} answered {status}, not 200:\n{self.logs()}")
            self.wrk(url, duration=1)  # warm up: every worker's cache, imports, connections
        results = {run: [] for run in runs}
        for round_number in range(1, self.options["rounds"] + 1):
            for run in runs:
                figures = self.wrk(urls[run], duration=self.options["duration"])
                results[run].append(figures)
                self.stdout.write(
                    f"round {round_number} ({run[0]}) {run[1]:2} {figures['rps']:8.0f} req/s "
                    f"p99 {figures['p99']:6.1f} ms errors {figures['kinds'] or 0}"
                )
        return {run: self.combine(figures) for run, figures in results.items()}, facts

    def logs(self):
        """The end of every server log, for a failure's message (the directory goes with it)."""
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-2000:]}"
            for log in sorted(self.tmp.glob("*.log"))
        )

    def css_bytes(self, base, html):
        """Uncompressed bytes of the stylesheets a page links."""
        hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        return sum(len(fetch(base + href)[1]) for href in hrefs)

    def start_gunicorn(self, name, application="config.wsgi", **env):
        port = free_port()
        log = self.tmp / f"gunicorn-{name}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings"
            if "BENCH_WHITENOISE_ROOT" in env
            else "config.settings",
            "DEBUG": "0",
            "HTTPS": "1",
            "SECRET_KEY": os.urandom(32).hex(),
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"https://{HOST}",
            "BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
            **env,
        }
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", application],
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url + "/healthz", process, log)
        return url

    def start_nginx(self):
        port = free_port()
        user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(user=user, tmp=self.tmp, port=port))
        nginx = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin")
        log = self.tmp / "nginx-start.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [nginx, "-p", str(self.tmp), "-c", str(conf)], stdout=output, stderr=output
            )
        self.processes.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url + "/static/bench/programme-nb.html", process, log)
        return url

    def stop_all(self):
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def wrk(self, url, duration):
        """One bounded wrk run: req/s, p50 and p99 in ms, errors."""
        command = ["wrk", "--latency", f"-t{self.options['threads']}"]
        command += [f"-c{self.options['connections']}", f"-d{duration}s", "--timeout", "5s"]
        command += [arg for name, value in HEADERS.items() for arg in ("-H", f"{name}: {value}")]
        command += ["-s", str(ROOT / "bench" / "report.lua"), url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30)
        if done.returncode != 0:
            raise CommandError(f"wrk failed on {url}: {done.stderr or done.stdout}")
        line = json.loads(done.stdout.strip().splitlines()[-1])
        errors = sum(line[k] for k in ("connect", "read", "write", "status", "timeout"))
        return {
            "requests": line["requests"],
            "seconds": line["duration_us"] / 1e6,
            "rps": line["requests"] / (line["duration_us"] / 1e6),
            "p50": line["p50_us"] / 1000,
            "p99": line["p99_us"] / 1000,
            "errors": errors,
            "kinds": {
                k: line[k] for k in ("connect", "read", "write", "status", "timeout") if line[k]
            },
        }

    @staticmethod
    def combine(rounds):
        """All rounds as one: requests over time, the median p50, the worst p99, every error."""
        requests = sum(r["requests"] for r in rounds)
        return {
            "rps": requests / sum(r["seconds"] for r in rounds),
            "p50": statistics.median(r["p50"] for r in rounds),
            "p99": max(r["p99"] for r in rounds),
            "errors": sum(r["errors"] for r in rounds),
        }

    def report(self, programme, results, facts):
        rows = []
        for (case, language), r in results.items():
            ref = results.get(("a", language)) or results[("a", "nb")]
            whitenoise = results.get(("b", language)) or results[("b", "nb")]
            rows.append(
                f"| ({case}) {CASES[case]} | {language} | {r['rps']:.0f} | {r['p50']:.1f} | "
                f"{r['p99']:.1f} | {r['errors']} | {r['rps'] / ref['rps']:.0%} | "
                f"{r['rps'] / whitenoise['rps']:.0%} |"
            )
        table = "\n".join(
            [
                "| case | lang | req/s | p50 ms | p99 ms | errors | vs (a) | vs (b) |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
                *rows,
            ]
        )
        targets = self.targets(results, facts)
        self.stdout.write("\n" + table + "\n\n" + targets)
        Path(self.options["output"]).write_text(self.document(programme, table, targets, facts))
        self.stdout.write(f"\nWritten to {self.options['output']}")

    def targets(self, results, facts):
        """Issue 11's targets, each with what was measured and whether it was met."""
        lines = []

        def check(text, ok):
            lines.append(f"- {'met' if ok else '**not met**'}: {text}")

        for language in LANGUAGES:
            b, c, d, e, g = (results[(case, language)] for case in "bcdeg")
            check(
                f"({language}) page cache ≥ 90 % of whitenoise with p99 < 20 ms and no errors: "
                f"{c['rps'] / b['rps']:.0%}, p99 {c['p99']:.1f} ms, {c['errors']} errors",
                c["rps"] >= 0.9 * b["rps"] and c["p99"] < 20 and c["errors"] == 0,
            )
            check(
                f"({language}) uncached programme page ≥ 400 req/s: {d['rps']:.0f} "
                f"(rendering alone, (g): {g['rps']:.0f})",
                d["rps"] >= 400,
            )
            check(
                f"({language}) uncached filtered list ≥ 200 req/s: {e['rps']:.0f}", e["rps"] >= 200
            )
            html = facts[f"html_{language}"]
            check(
                f"({language}) programme page HTML < 40 KB: {html / 1024:.1f} KB", html < 40 * 1024
            )
        f = results[("f", "—")]
        check(f"sitemap ≥ 100 req/s: {f['rps']:.0f}", f["rps"] >= 100)
        check(f"CSS < 20 KB: {facts['css'] / 1024:.1f} KB", facts["css"] < 20 * 1024)
        return "\n".join(lines)

    def document(self, programme, table, targets, facts):
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or "unknown",
        )
        o = self.options
        programmes = Programme.objects.published().count()
        cache = "Redis" if settings.REDIS_URL else "files the workers share (config/cache.py)"
        return f"""# Benchmarks

Written by `make bench` (programs/management/commands/loadbench.py) on {date.today():%Y-%m-%d},
on {os.cpu_count()} cores ({cpu}), {platform.python_implementation()} {platform.python_version()};
load average {self.load_before:.1f} at the start (other work on the machine lowers every figure).
Rerun it to replace this page; compare figures from the same machine only.

Setup: a scratch SQLite database with the seed and `demo_catalogue --programmes 400`
({programmes} published programmes); gunicorn with the production settings and 2 sync workers
per server, the page cache in {cache}; nginx with 2 workers; wrk with
{o["connections"]} connections and {o["threads"]} threads on 127.0.0.1, {o["duration"]} s per
case and language, {o["rounds"]} interleaved rounds (req/s over all rounds, median p50, worst
p99). wrk, nginx and gunicorn share the same cores.
Programme page: `{facts["url_nb"]}` and `{facts["url_en"]}`
({programme.sections.count()} sections); list query: `?{o["list_query"]}`.
nginx keeps connections alive; gunicorn's sync workers close each one, as behind a load
balancer. Case (b) serves the saved page as a static file (bench/settings.py); case (g) renders
the page of (d) from data each worker loaded once (bench/render_only.py): no query, only
rendering, so no faster way of loading the data could take (d) past it.

{table}

Targets of issue 11:

{targets}
"""
