#!/usr/bin/env python3
"""Load benchmark of `tipkg serve` (not a test): many concurrent clients, each sending a fixed
number of mixed requests over one keep-alive connection, against a served store on loopback.

The mix, in turn (each client starts at a different place in it):
  - named query mandates-to-entity?entity=E (E among a few registry entities), CSV
  - named query reaffirmations?doc=D (D among the store's documents), SPARQL JSON
  - a COUNT: SELECT (COUNT(*) AS ?n) { ?p a tip:Provision }
  - a CONSTRUCT of 100 documents' titles, Turtle
  - the VoID description, Turtle

Prints the machine (lscpu model, cores), the server's limits, requests/s, errors by kind and the
p50/p95/p99/max latency, overall and per kind. Every loop is bounded: each client sends
--requests requests at most and stops at --max-seconds; each request has a socket timeout.

Either give --url of a running server, or --store (and --tipkg) to start one on a free port and
stop it (SIGTERM) at the end:

    cargo build --release
    target/release/tipkg --store /tmp/ga.nq extract ../shared/wild/ga-pdf-text
    python3 bench/serve_load.py --store /tmp/ga.nq --clients 200 --requests 50

Standard library only.
"""

import argparse
import http.client
import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

ENTITIES = ["UNODC", "UNHCR", "ILO", "UNICEF", "IOM", "OHCHR", "UN-Women", "WHO"]


def machine():
    model, cores = platform.processor() or "?", os.cpu_count()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        for line in out.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Model name":
                model = value.strip()
            elif key.strip() == "CPU(s)":
                cores = value.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return f"{model}, {cores} CPUs, Linux {platform.release()}"


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data


def one_off(host, port, method, path, body=None, headers=None, timeout=300):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        return request(conn, method, path, body, headers)
    finally:
        conn.close()


def form(query):
    return urllib.parse.urlencode({"query": query}), {
        "Content-Type": "application/x-www-form-urlencoded"
    }


def build_mix(host, port):
    """The requests of the mix: (kind, method, path, body, headers) lists, checked once."""
    status, data = one_off(
        host, port, "GET",
        "/query?" + urllib.parse.urlencode(
            {"query": "SELECT ?doc { ?doc a tip:Document } ORDER BY ?doc LIMIT 40",
             "format": "json"}),
    )
    if status != 200:
        sys.exit(f"setup: listing documents failed: {status} {data[:300]!r}")
    docs = [b["doc"]["value"] for b in json.loads(data)["results"]["bindings"]]
    entities = []
    for e in ENTITIES:
        path = "/queries/mandates-to-entity?" + urllib.parse.urlencode({"entity": e, "format": "csv"})
        if one_off(host, port, "GET", path)[0] == 200:
            entities.append(e)
    if not entities or not docs:
        sys.exit("setup: no entity or no document answers; is the store empty?")
    mandates = [
        ("named mandates-to-entity?entity", "GET",
         "/queries/mandates-to-entity?" + urllib.parse.urlencode({"entity": e, "format": "csv"}),
         None, {})
        for e in entities
    ]
    reaffirmations = [
        ("named reaffirmations?doc", "GET",
         "/queries/reaffirmations?" + urllib.parse.urlencode({"doc": f"<{d}>"}),
         None, {"Accept": "application/sparql-results+json"})
        for d in docs
    ]
    count_body, count_headers = form("SELECT (COUNT(*) AS ?n) { ?p a tip:Provision }")
    construct_body, construct_headers = form(
        "CONSTRUCT { ?d a tip:Document ; dcterms:title ?t } "
        "WHERE { ?d a tip:Document ; dcterms:title ?t } LIMIT 100")
    return [
        mandates,
        reaffirmations,
        [("COUNT", "POST", "/query", count_body, {**count_headers, "Accept": "text/csv"})],
        [("CONSTRUCT", "POST", "/query", construct_body,
          {**construct_headers, "Accept": "text/turtle"})],
        [("VoID", "GET", "/.well-known/void", None, {"Accept": "text/turtle"})],
    ]


def client(i, host, port, mix, n, deadline, timeout, out, lock):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    records = []
    for k in range(n):
        if time.monotonic() > deadline:
            break
        group = mix[(i + k) % len(mix)]
        kind, method, path, body, headers = group[(i + k // len(mix)) % len(group)]
        start = time.perf_counter()
        try:
            status, data = request(conn, method, path, body, headers)
            if status == 503:  # waited too long for a worker, or stopped while running
                status = "503 " + ("busy" if b"busy" in data[:80] else
                                   "stopped" if b"stopped" in data[:80] else "other")
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        records.append((kind, status, time.perf_counter() - start))
    conn.close()
    with lock:
        out.extend(records)


def pct(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def start_server(tipkg, store, extra):
    proc = subprocess.Popen(
        [tipkg, "--store", store, "serve", "--bind", "127.0.0.1:0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    started = time.monotonic()
    line = proc.stdout.readline()  # the server prints it once ready (VoID computed)
    if not line.startswith("listening on http://"):
        proc.kill()
        sys.exit(f"the server did not start: {line!r} {proc.stderr.read()[-2000:]}")
    addr = line.strip()[len("listening on http://"):].rstrip("/")
    return proc, addr, time.monotonic() - started


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server, http://HOST:PORT")
    ap.add_argument("--store", help="start `tipkg serve` on this store instead")
    ap.add_argument("--tipkg", default="target/release/tipkg")
    ap.add_argument("--serve-arg", action="append", default=[],
                    help="extra argument for `tipkg serve` (repeatable), e.g. --serve-arg=--timeout=60")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--requests", type=int, default=50, help="requests per client")
    ap.add_argument("--timeout", type=float, default=300, help="socket timeout of a request, s")
    ap.add_argument("--max-seconds", type=float, default=3600, help="clients stop sending after")
    a = ap.parse_args()
    proc = None
    if a.store:
        proc, addr, startup = start_server(a.tipkg, a.store, a.serve_arg)
        print(f"server: {a.tipkg} serve on {a.store} (ready in {startup:.1f} s, VoID included)")
    elif a.url:
        addr = urllib.parse.urlparse(a.url).netloc
    else:
        sys.exit("give --url or --store")
    host, _, port = addr.rpartition(":")
    port = int(port)
    try:
        _, page = one_off(host, port, "GET", "/")
        limits = [l for l in page.decode().splitlines() if "Limits:" in l or "connections," in l]
        print("machine:", machine())
        print("server limits:", " ".join(l.strip() for l in limits))
        mix = build_mix(host, port)
        print(f"load: {a.clients} clients x {a.requests} requests, one keep-alive connection each; "
              f"mix: {', '.join(g[0][0] for g in mix)}")
        out, lock = [], threading.Lock()
        deadline = time.monotonic() + a.max_seconds
        threads = [
            threading.Thread(target=client,
                             args=(i, host, port, mix, a.requests, deadline, a.timeout, out, lock))
            for i in range(a.clients)
        ]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = "killed"
            print(f"server stopped on SIGTERM: exit {code}")
    ok = [r for r in out if r[1] == 200]
    errors = {}
    for kind, status, _ in out:
        if status != 200:
            errors[(kind, status)] = errors.get((kind, status), 0) + 1
    print(f"requests: {len(out)} in {wall:.1f} s = {len(out) / wall:.1f} requests/s; "
          f"errors: {len(out) - len(ok)}")
    for (kind, status), n in sorted(errors.items(), key=str):
        print(f"  error {status} on {kind}: {n}")
    rows = [("all", [r[2] for r in out])] + [
        (g[0][0], [r[2] for r in out if r[0] == g[0][0]]) for g in mix
    ]
    print(f"{'latency (s)':<34}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")
    for name, lat in rows:
        lat.sort()
        print(f"{name:<34}{len(lat):>6}{pct(lat, 50):>9.3f}{pct(lat, 95):>9.3f}"
              f"{pct(lat, 99):>9.3f}{(lat[-1] if lat else float('nan')):>9.3f}")


if __name__ == "__main__":
    main()
