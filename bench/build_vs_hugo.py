#!/usr/bin/env python3
"""Times `kennisbank build` against Hugo on the same generated corpus, alternating runs.

Usage: bench/build_vs_hugo.py [--pages 10000 100000] [--runs 3] [--only cold|warm] [--work /tmp/kb-bench]

For each size it generates the corpus twice with ../shared/bench/gen_corpus.py (our format and
--flavor hugo), then runs each tool --runs times, alternating, and prints the median wall time
and peak memory (from /usr/bin/time) and the kennisbank/Hugo ratios, for two cases measured
separately within the same alternating loop:

- cold: the output folder does not exist (a CI deploy from a fresh checkout);
- warm: the output folder holds the tool's previous output of the same corpus (a rebuild
  after an edit; kennisbank then writes only what changed, Hugo rewrites everything).

Each run does kennisbank cold, Hugo cold, kennisbank warm, Hugo warm, so load on the machine
hits both tools alike. The kennisbank stage breakdown (--timings) of the last cold and warm
runs is printed too. Hugo is skipped when not installed. --only cold|warm measures one case.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py")
KB = os.path.join(ROOT, "target", "release", "kennisbank")


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time; returns (seconds, peak KB, stdout)."""
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M"] + cmd, cwd=cwd,
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1]
    _, secs, kb = line.split()
    return float(secs), int(kb), out.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, nargs="+", default=[10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/kb-bench")
    ap.add_argument("--only", choices=["cold", "warm"], help="measure one case only")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    hugo = shutil.which("hugo")
    if not hugo:
        print("hugo not installed (apt-get install hugo): timing kennisbank only")
    for pages in a.pages:
        kb_site = os.path.join(a.work, f"kb-{pages}")
        hugo_site = os.path.join(a.work, f"hugo-{pages}")
        if not os.path.isdir(kb_site):
            subprocess.run([sys.executable, GEN, kb_site, "--pages", str(pages)], check=True)
        if hugo and not os.path.isdir(hugo_site):
            subprocess.run([sys.executable, GEN, hugo_site, "--pages", str(pages), "--flavor", "hugo"], check=True)
        kb_out, hugo_out = os.path.join(a.work, f"kb-{pages}-out"), os.path.join(a.work, f"hugo-{pages}-out")
        cases = ["cold", "warm"] if a.only is None else [a.only]
        results = {(c, t): [] for c in cases for t in ("kennisbank", "hugo")}
        timings = {}
        kb_cmd = [KB, "build", "--root", kb_site, "--output", kb_out, "--timings"]
        hugo_cmd = [hugo, "--quiet", "-s", hugo_site, "-d", hugo_out] if hugo else None
        for run in range(a.runs):
            for case in cases:
                if case == "cold":
                    shutil.rmtree(kb_out, ignore_errors=True)
                    shutil.rmtree(hugo_out, ignore_errors=True)
                elif not os.path.isdir(kb_out):
                    # A warm build needs a previous output: make it, untimed.
                    timed(kb_cmd)
                    if hugo_cmd:
                        timed(hugo_cmd)
                secs, kb, stdout = timed(kb_cmd)
                results[(case, "kennisbank")].append((secs, kb))
                timings[case] = stdout
                if hugo_cmd:
                    results[(case, "hugo")].append(timed(hugo_cmd)[:2])
        for case in cases:
            print(f"\n== {pages} notes, {case}, {a.runs} alternating runs")
            med = {}
            for tool in ("kennisbank", "hugo"):
                rs = results[(case, tool)]
                if not rs:
                    continue
                med[tool] = (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs))
                runs = ", ".join(f"{r[0]:.2f}s/{r[1] / 1024:.0f}MB" for r in rs)
                print(f"{tool:<11} median {med[tool][0]:6.2f} s  peak {med[tool][1] / 1024:7.0f} MiB   ({runs})")
            if "hugo" in med:
                print(f"ratio kennisbank/hugo ({case}): wall {med['kennisbank'][0] / med['hugo'][0]:.2f}, "
                      f"memory {med['kennisbank'][1] / med['hugo'][1]:.2f}")
            print(f"per note: {med['kennisbank'][0] / pages * 1e6:.0f} µs")
            print(f"kennisbank stages (last {case} run):\n" + timings[case])


if __name__ == "__main__":
    main()
