"""Load test: hammer a live server with threads and print requests/s and latency percentiles per URL.

    .venv/bin/python bench/load.py --start                    # gunicorn (2 workers) on 127.0.0.1:8765, demo DB
    .venv/bin/python bench/load.py --base-url http://127.0.0.1:8000 --seconds 30 --connections 32
    .venv/bin/python bench/load.py --start --stop-search-halfway  # run the OpenSearch node's stop halfway
    .venv/bin/python bench/load.py --start --wrk --seconds 30 --connections 32   # wrk (apt install wrk) as client

Loopback only: --base-url must point at 127.0.0.1/localhost. Rate limits are switched off for the started server
(RATELIMIT_ENABLED=false); against another server, expect 429s once the per-IP limits are reached.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ["/", "/search/?q=%E3%81%B2%E3%82%8D%E3%81%B0", "/directory/", "/api/v2/pages/?limit=20"]


def worker(base, path, deadline, latencies, errors, lock, timeout):
    parsed = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=timeout)
    local, local_errors = [], {}
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            conn.close()
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=timeout)
        local.append(time.perf_counter() - started)
        if status != 200:
            local_errors[status] = local_errors.get(status, 0) + 1
    conn.close()
    with lock:
        latencies.extend(local)
        for key, count in local_errors.items():
            errors[key] = errors.get(key, 0) + count


def run(base, path, seconds, connections, timeout):
    latencies, errors, lock = [], {}, threading.Lock()
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=worker, args=(base, path, deadline, latencies, errors, lock, timeout))
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)

    def pct(p):
        return latencies[min(count - 1, int(count * p))] * 1000 if count else float("nan")

    return {
        "path": path,
        "requests": count,
        "rps": count / seconds,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "mean": statistics.fmean(latencies) * 1000 if count else float("nan"),
        "errors": errors,
    }


def run_wrk(base, path, seconds, connections, timeout):
    """The same row from wrk (C, event loop): a client that takes far less CPU from the server than threads."""
    threads = min(2, connections)  # wrk needs at least one connection per thread
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(seconds)}s", f"--timeout={int(timeout)}s"]
    out = subprocess.run(
        [*command, "--latency", "-H", "Host: 127.0.0.1", base + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return float("nan")
        return float(match[1]) * {"us": 0.001, "ms": 1, "s": 1000}[match[2]]

    requests = int(re.search(r"(\d+) requests in", out)[1])
    errors = {}
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors["non-2xx"] = int(match[1])
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors.update(
            {k: int(v) for k, v in zip(("connect", "read", "write", "timeout"), match.groups(), strict=True) if int(v)}
        )
    return {
        "path": path,
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": ms(50),
        "p95": float("nan"),
        "p99": ms(99),
        "errors": errors,
    }


def start_server(port, settings_module):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": os.environ.get("SECRET_KEY", secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "RATELIMIT_ENABLED": "false",
        "LOG_LEVEL": "ERROR",
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--start", action="store_true", help="start gunicorn with 2 workers on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--settings", default="cms.settings.production")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--timeout", type=float, default=10, help="seconds before a request counts as an error (wrk's own default is 2)"
    )
    parser.add_argument("--stop-search-halfway", action="store_true", help="run `scripts/opensearch stop` halfway")
    parser.add_argument("--wrk", action="store_true", help="use wrk as the client (p95 is not reported by wrk)")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    args = parser.parse_args()
    if args.wrk and not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    server = None
    if args.start:
        server = start_server(args.port, args.settings)
        base = f"http://127.0.0.1:{args.port}"
    else:
        base = args.base_url or "http://127.0.0.1:8000"
    if urllib.parse.urlsplit(base).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("Loopback only: point --base-url at 127.0.0.1")
    try:
        client = "wrk" if args.wrk else "Python threads"
        print(f"{args.connections} connections ({client}), {args.seconds:.0f} s per URL, timeout {args.timeout:.0f} s")
        print(f"server: {base}")
        print(f"{'path':<40} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  errors")
        for path in args.paths:
            stopper = None
            if args.stop_search_halfway:
                stopper = threading.Timer(
                    args.seconds / 2, subprocess.run, args=([str(ROOT / "scripts/opensearch"), "stop"],)
                )
                stopper.start()
            row = (run_wrk if args.wrk else run)(base, path, args.seconds, args.connections, args.timeout)
            if stopper:
                stopper.join()
            errors = ", ".join(f"{k}×{v}" for k, v in sorted(row["errors"].items(), key=str)) or "0"
            print(
                f"{path[:40]:<40} {row['requests']:>9} {row['rps']:>8.1f} {row['p50']:>8.1f} {row['p95']:>8.1f}"
                f" {row['p99']:>8.1f}  {errors}"
            )
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
