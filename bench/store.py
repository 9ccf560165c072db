#!/usr/bin/env python3
"""Store benchmark for tipkg (issue 10): the real binary, whole commands, process start included.

For each size (documents), builds a corpus by cycling a folder of real texts (default
../shared/wild/ga-pdf-text): copy 0 is the texts as they are; in copy c >= 1 every document
symbol's session number is raised by 100*c (A/RES/80/225 -> A/RES/180/225), so each copy is a
distinct document for tipkg, whose documents are identified by symbol. Then measures, each a
separate process, wall time and peak resident memory (getrusage of the child):

  extract   all documents into a fresh store (--jobs as given)
  count     tipkg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  queries   every named query (parameters as in the README's examples)
  stats     tipkg stats
  add one   extract one more document into the store

With --peer, the spaCy + rdflib baseline of ../shared/peer on the same corpus in the same run:
its extract, and a COUNT with pyoxigraph (--engine oxigraph) and with rdflib.

    python3 bench/store.py [--sizes 500,1195,5000] [--jobs 2] [--peer] [--src DIR] [--tipkg BIN]

Prints a table; asserts nothing.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

SYMBOL = re.compile(r"\b(A/(?:RES/|C\.\d/|S-\d+/)?)(\d{2})/")


def machine():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def run(cmd, stdin=None):
    """Runs cmd; returns (wall seconds, peak RSS MB, exit code, stdout)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=stdin)
    # Both pipes drained at once (a full stderr pipe would block the child), then the child
    # reaped with its own resource usage.
    bufs = {}
    readers = [threading.Thread(target=lambda k, f: bufs.__setitem__(k, f.read()), args=(k, f))
               for k, f in (("out", p.stdout), ("err", p.stderr))]
    for r in readers:
        r.start()
    _, status, ru = os.wait4(p.pid, 0)
    for r in readers:
        r.join()
    out, err = bufs["out"], bufs["err"]
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.stderr.write(f"{' '.join(map(str, cmd))[:200]}: exit {code}\n{err.decode()[-2000:]}\n")
    return wall, ru.ru_maxrss / 1024, code, out.decode(errors="replace")


def make_corpus(src, n, dest):
    files = sorted(f for f in os.listdir(src) if f.endswith((".txt", ".md")))
    os.makedirs(dest, exist_ok=True)
    made = []
    for i in range(n):
        c, k = divmod(i, len(files))
        f = files[k]
        text = open(os.path.join(src, f), encoding="utf-8", errors="replace").read()
        if c:
            text = SYMBOL.sub(lambda m: f"{m[1]}{int(m[2]) + 100 * c}/", text)
        path = os.path.join(dest, f"c{c}-{f}")
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
        made.append(path)
    return made


NAMED = [
    ("citations-per-document", []),
    ("entities-by-class", []),
    ("icat-members", []),
    ("mandates-to-entity", ["--param", "entity=UNODC"]),
    ("provisions-by-verb", []),
    ("reaffirmations", []),
    ("who-directs-whom", []),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500,1195,5000")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--src", default=os.path.join(os.path.dirname(__file__), "../../shared/wild/ga-pdf-text"))
    ap.add_argument("--tipkg", default=os.path.join(os.path.dirname(__file__), "../target/release/tipkg"))
    ap.add_argument("--peer", action="store_true")
    ap.add_argument("--peer-bin", default=os.path.join(os.path.dirname(__file__), "../../shared/peer/peer-bin"))
    a = ap.parse_args()
    tipkg = os.path.abspath(a.tipkg)
    print(f"machine   {machine()}")
    print(f"tipkg     {tipkg} (--jobs {a.jobs}); corpus cycled from {os.path.abspath(a.src)}")
    work = tempfile.mkdtemp(prefix="tipkg-bench-store-")
    try:
        for n in [int(s) for s in a.sizes.split(",")]:
            docs = os.path.join(work, f"docs{n}")
            files = make_corpus(a.src, n + 1, docs)
            extra = files.pop()  # the document added to the finished store
            os.makedirs(os.path.join(docs, "extra"))
            shutil.move(extra, os.path.join(docs, "extra"))
            extra = os.path.join(docs, "extra", os.path.basename(extra))
            mb = sum(os.path.getsize(f) for f in files) / 1e6
            store = os.path.join(work, f"store{n}")
            base = [tipkg, "--store", store]
            print(f"\n== {n} documents, {mb:.1f} MB of text")
            wall, rss, code, out = run(base + ["extract", "--jobs", a.jobs] + [docs + "/" + f for f in sorted(os.listdir(docs)) if f != "extra"])
            size = subprocess.run(["du", "-sm", store], capture_output=True, text=True).stdout.split()[0]
            print(f"extract   {wall:8.2f} s  {rss:7.0f} MB peak  {1000 * wall / n:6.2f} ms/doc  {mb / wall:5.1f} MB/s  store {size} MB  (exit {code})")
            wall, rss, code, out = run(base + ["query", "--format", "tsv", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])
            print(f"count     {wall:8.3f} s  {rss:7.0f} MB peak  {out.split()[-1] if out.split() else '?'} triples (union)")
            for name, params in NAMED:
                wall, rss, code, out = run(base + ["query", "--format", "tsv", "--name", name] + params)
                rows = max(len(out.splitlines()) - 1, 0)
                print(f"query     {wall:8.3f} s  {rss:7.0f} MB peak  {name} ({rows} rows, exit {code})")
            wall, rss, code, out = run(base + ["stats"])
            print(f"stats     {wall:8.3f} s  {rss:7.0f} MB peak  (exit {code})")
            wall, rss, code, out = run(base + ["extract", extra])
            print(f"add one   {wall:8.3f} s  {rss:7.0f} MB peak  (exit {code})")
            if a.peer:
                pstore = os.path.join(work, f"peer{n}")
                wall, rss, code, out = run([a.peer_bin, "extract", "--store", pstore] + files)
                print(f"peer extract {wall:8.2f} s  {rss:7.0f} MB peak  {1000 * wall / n:6.2f} ms/doc  {mb / wall:5.1f} MB/s  (exit {code})")
                for engine in ("oxigraph", "rdflib"):
                    wall, rss, code, out = run([a.peer_bin, "query", "--store", pstore, "--engine", engine, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])
                    print(f"peer count {wall:8.3f} s  {rss:7.0f} MB peak  ({engine})")
                shutil.rmtree(pstore, ignore_errors=True)
            shutil.rmtree(store, ignore_errors=True)
            shutil.rmtree(docs, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
