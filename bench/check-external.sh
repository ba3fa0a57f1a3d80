#!/usr/bin/env bash
# Times `kennisbank check --external` on a site against a local mirror of its URLs (no
# internet): once cold (no cache), once cached. The mirror answers every URL with 200 after a
# simulated latency, so the cold run measures the checker's scheduling (per-host limit and
# delay from the site's `check.external` settings), the cached run the cache.
#
#   bench/check-external.sh [SITE] [LATENCY_MS]     (defaults: the repo's own site, 100)
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-.}
latency=${2:-100}
cargo build --release --quiet --bin kennisbank --example link_mirror
work=$(mktemp -d)
target/release/examples/link_mirror --latency-ms "$latency" >"$work/url" &
mirror_pid=$!
trap 'kill $mirror_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
mirror=$(cat "$work/url")
rm -f "$site/.kennisbank-cache/links.mirror.json"
run() {
    local label=$1 start end
    start=$(date +%s.%N)
    target/release/kennisbank check --root "$site" --external --mirror "$mirror" >"$work/out" || true
    end=$(date +%s.%N)
    printf '%-7s %6.3f s   %s\n' "$label" "$(echo "$end - $start" | bc)" "$(tail -n 1 "$work/out")"
}
echo "site: $site, mirror latency: ${latency} ms"
run cold
run cached
