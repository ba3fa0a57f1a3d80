#!/usr/bin/env python3
"""Measures how fast `kennisbank serve` shows an edit, on a generated corpus.

Usage: bench/serve_latency.py [--pages 10000] [--edits 15] [--pause 1.0] [--work /tmp/kb-bench]

It generates the corpus with ../shared/bench/gen_corpus.py (once per size, kept in --work),
copies it to a scratch folder, starts the release `kennisbank serve` on a free port, listens
to its reload events (Server-Sent Events, as a browser tab does) and then edits notes on disk:

  body   a sentence appended to a project's body (the note's page changes, nothing else);
  title  the note's title changed, the old title kept as an alias so links still resolve
         (the note, its backlinks on the notes it links to, listings, facet pages, home).

For each edit it records the time from just before the file is written to (1) the reload
event and (2) the first GET of the changed page that returns the new text, polling without
pause. It prints the median and maximum of each; after the first edit of each kind, how long
a request for `data.json` and for the search index's `search/meta.json` takes (both are
built when asked for); the first build's time; a full `kennisbank build` for comparison; and
the peak memory (VmHWM) of the serve process. --pause is the wait between edits.
"""
import argparse
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py")
KB = os.path.join(ROOT, "target", "release", "kennisbank")


def events(host, port, out):
    """Puts (arrival time, event, generation) of every server-sent event on `out`."""
    sock = socket.create_connection((host, port))
    sock.sendall(f"GET /__kennisbank/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
    stream = sock.makefile("rb")
    while stream.readline() not in (b"\r\n", b""):
        pass  # the response head
    event = None
    for raw in stream:
        now = time.perf_counter()
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            out.put((now, event, int(line[6:])))


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode()


def wait_for_text(url, text, deadline=30.0):
    """Polls `url` until it contains `text`; returns the time it did."""
    start = time.perf_counter()
    while time.perf_counter() - start < deadline:
        if text in fetch(url):
            return time.perf_counter()
    sys.exit(f"{url} never showed {text!r}")


def next_reload(events_queue, after):
    while True:
        arrived, event, generation = events_queue.get(timeout=300)
        if event == "reload" and generation > after:
            return arrived, generation


def front_matter_value(text, key):
    match = re.search(rf"^{key}: (.*)$", text, re.M)
    return match.group(1).strip().strip('"') if match else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    ap.add_argument("--work", default="/tmp/kb-bench")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    corpus = os.path.join(a.work, f"kb-{a.pages}")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, GEN, corpus, "--pages", str(a.pages)], check=True)
    site = os.path.join(a.work, f"serve-{a.pages}")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus, site)

    build = subprocess.run([KB, "build", "--root", site, "--output", os.path.join(a.work, f"serve-build-out-{a.pages}"), "--timings"],
                           capture_output=True, text=True, check=True)
    build_ms = float(re.search(r"total\s+([\d.]+) ms", build.stdout).group(1))

    serve = subprocess.Popen([KB, "serve", "--root", site, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        url, first_build = None, None
        for line in serve.stdout:
            url = url or (re.search(r"http://[\d.]+:\d+/", line) or [None])[0]
            built = re.search(r"(?:built (\d+) pages|(\d+) pagina's gemaakt) in (\d+) ms", line)
            if built:
                first_build = int(built.group(3))
            if "watching for changes" in line or "let op wijzigingen" in line:
                break
        # serve says how long each change took it: "<path>: 21 pages rendered in 132 ms".
        own_ms = []

        def read_reports():
            for line in serve.stdout:
                took = re.search(r"(?:rendered|opnieuw gemaakt) in (\d+) ms", line)
                if took:
                    own_ms.append(int(took.group(1)))

        threading.Thread(target=read_reports, daemon=True).start()
        host, port = re.match(r"http://([\d.]+):(\d+)/", url).groups()
        q = queue.Queue()
        threading.Thread(target=events, args=(host, int(port), q), daemon=True).start()
        _, _, generation = q.get(timeout=10)  # hello

        projects = os.path.join(site, "content", "projecten")
        name = sorted(os.listdir(projects))[1]
        path = os.path.join(projects, name)
        original = open(path, encoding="utf-8").read()
        note_url = f"{url}projecten/{name[:-3]}/"
        # A note this one links to shows it as a backlink: the title must change there too.
        target = re.search(r"\[\[([^\]|#]+)", original.split("---", 2)[2]).group(1)

        results = {"body": [], "title": []}
        own = {"body": [], "title": []}
        data_json = []
        for kind in ("body", "title"):
            title = front_matter_value(original, "title")
            for i in range(a.edits):
                marker = f"meetpunt-{kind}-{i}-{time.time_ns()}"
                if kind == "body":
                    # Text for the page, and a link for data.json (which holds links, not text).
                    sentence = f"{marker} [bron](https://example.org/{marker})."
                    text = original.replace("\n## ", f"\n{sentence}\n\n## ", 1)
                else:
                    text = original.replace(f'title: "{title}"', f'title: "{marker}"\naliases: ["{title}"]', 1)
                time.sleep(a.pause)
                start = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                reported = len(own_ms)
                reloaded, generation = next_reload(q, generation)
                served = wait_for_text(note_url, marker)
                results[kind].append(((reloaded - start) * 1000, (served - start) * 1000))
                while len(own_ms) == reported:
                    time.sleep(0.001)
                own[kind].append(own_ms[-1])
                if kind == "title" and i == 0:
                    backlink_page = fetch(f"{url}{target_url(site, target)}")
                    assert marker in backlink_page, "the backlink shows the new title"
                if i == 0:
                    time.sleep(0.2)  # what the sitemap and feed take, after the reload
                    asked = time.perf_counter()
                    data = fetch(f"{url}data.json")
                    got_data = time.perf_counter()
                    fetch(f"{url}search/meta.json")
                    got_search = time.perf_counter()
                    assert kind == "title" or marker in data, "data.json has the edit"
                    data_json.append(((got_data - asked) * 1000, (got_search - got_data) * 1000))
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(a.pause)
        peak_kb = int(re.search(r"VmHWM:\s+(\d+) kB", open(f"/proc/{serve.pid}/status").read()).group(1))
    finally:
        serve.terminate()
        serve.wait()

    load = open("/proc/loadavg").read().split()[0]
    print(f"corpus: {a.pages} notes; {a.edits} edits of each kind, {a.pause} s apart; {os.cpu_count()} cores, load average {load}")
    print(f"full build (kennisbank build): {build_ms:.0f} ms; serve's first build into memory: {first_build} ms")
    for kind, label in (("body", "body edit"), ("title", "title change")):
        reload_ms = [r for r, _ in results[kind]]
        page_ms = [p for _, p in results[kind]]
        print(f"{label:13} write → reload event: median {statistics.median(reload_ms):6.1f} ms, max {max(reload_ms):6.1f} ms"
              f"   write → new page served: median {statistics.median(page_ms):6.1f} ms, max {max(page_ms):6.1f} ms"
              f"   (serve's own work: median {statistics.median(own[kind]):.0f} ms)")
    for (kind, (data_ms, search_ms)) in zip(("body edit", "title change"), data_json):
        print(f"after a {kind}: data.json built on request in {data_ms:.0f} ms, the search index in {search_ms:.0f} ms")
    print(f"peak memory of serve (VmHWM): {peak_kb / 1024:.0f} MB")


def target_url(site, title):
    """The URL path of the note with this title, found in the corpus."""
    for folder, _, files in os.walk(os.path.join(site, "content")):
        for file in files:
            if not file.endswith(".md") or file == "_index.md":
                continue
            text = open(os.path.join(folder, file), encoding="utf-8").read()
            if front_matter_value(text, "title") == title:
                rel = os.path.relpath(os.path.join(folder, file[:-3]), os.path.join(site, "content"))
                return rel.replace(os.sep, "/") + "/"
    sys.exit(f"no note titled {title!r}")


if __name__ == "__main__":
    main()
