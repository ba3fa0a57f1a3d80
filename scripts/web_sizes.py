#!/usr/bin/env python3
"""Gzip sizes of what a reader's browser downloads from a built site, for the report.

    python3 scripts/web_sizes.py SITE/public [bench-output]

Prints the listing page of all notes and its filter data (the data-f attributes and the
filter panel), the search index's parts, and, given the output of
`cargo run --release --example browser_bench`, the download of each query it made.
"""
import gzip, os, re, sys

site = sys.argv[1]
gz = lambda b: len(gzip.compress(b, 9))
read = lambda p: open(os.path.join(site, p), "rb").read()

page = read("alles/index.html")
items = len(re.findall(rb'data-f="', page))
data_f = b"\n".join(re.findall(rb'data-f="([^"]*)"', page))
panel = re.search(rb'<aside class="filters".*?</aside>', page, re.S).group(0)
print(f"all-notes listing ({items} items): {len(page)} bytes, gzip {gz(page)}")
print(f"  filter data in it (data-f values + panel): {len(data_f) + len(panel)} bytes, gzip {gz(data_f + panel)}")

search = os.path.join(site, "search")
shards = [os.path.join(search, "t", f) for f in os.listdir(os.path.join(search, "t"))]
frags = [os.path.join(search, "d", f) for f in os.listdir(os.path.join(search, "d"))]
size = lambda fs: sum(os.path.getsize(f) for f in fs)
gzs = lambda fs: sum(gz(open(f, "rb").read()) for f in fs)
print(f"search index: meta {os.path.getsize(os.path.join(search, 'meta.json'))} B, "
      f"filters {os.path.getsize(os.path.join(search, 'filters.json'))} B (gzip {gz(read('search/filters.json'))}), "
      f"{len(shards)} shards {size(shards)} B (gzip {gzs(shards)}), {len(frags)} fragments {size(frags)} B")

if len(sys.argv) > 2:
    for line in open(sys.argv[2], encoding="utf-8"):
        m = re.match(r'search "(.*?)": .*?: (.*)$', line.strip())
        if not m:
            continue
        files = m.group(2).split()
        total = sum(gz(read("search/" + f)) for f in files)
        print(f"query {m.group(1)!r}: {len(files)} files, gzip {total} bytes")
