#!/usr/bin/env python3
"""Times `kennisbank build` against Hugo on the same generated corpus, alternating runs.

Usage: bench/build_vs_hugo.py [--pages 10000 100000] [--runs 3] [--only cold|warm] [--work /tmp/kb-bench]

For each size it generates the corpus twice with ../shared/bench/gen_corpus.py (our format and
--flavor hugo), then runs each tool --runs times, alternating, and prints the median wall time
and peak memory (from /usr/bin/time) and the kennisbank/Hugo ratios, for two cases measured
separately within the same alternating loop:

- cold: the output folder does not exist (a CI deploy from a fresh checkout). Each cold run
  builds into a folder of its own that no run used before, removed only when the whole
  benchmark is done: deleting a large output just before a build makes ext4 search its inode
  tables past the recently deleted inodes on every file created (seen in `perf` as
  `recently_deleted`/`find_inode_bit`), which adds seconds of system time to both tools at
  random and is not what a fresh checkout meets. `--delete-before-cold` measures that case
  (the output deleted right before each cold run) instead;
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
    ap.add_argument("--delete-before-cold", action="store_true",
                    help="cold runs reuse one folder, deleted right before each run")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    hugo = shutil.which("hugo")
    if not hugo:
        print("hugo not installed (apt-get install hugo): timing kennisbank only")
    # Removed once every size is measured (see the docstring), not between sizes: right after
    # the 10,000-note folders were deleted, the first 100,000-note cold run was both tools'
    # slowest (kennisbank 67 s against 52 and 47, Hugo 151 s against 130 and 121).
    cold_folders = []
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
        kb_cmd = lambda out: [KB, "build", "--root", kb_site, "--output", out, "--timings"]
        hugo_cmd = (lambda out: [hugo, "--quiet", "-s", hugo_site, "-d", out]) if hugo else None

        def cold_out(tool, run):
            if a.delete_before_cold:
                out = os.path.join(a.work, f"{tool}-{pages}-cold")
                shutil.rmtree(out, ignore_errors=True)
            else:
                out = os.path.join(a.work, f"{tool}-{pages}-cold-{os.getpid()}-{run}")
                cold_folders.append(out)
            return out

        for run in range(a.runs):
            for case in cases:
                if case == "cold":
                    kb_target, hugo_target = cold_out("kb", run), cold_out("hugo", run)
                else:
                    kb_target, hugo_target = kb_out, hugo_out
                    if not os.path.isdir(kb_out):
                        # A warm build needs a previous output: make it, untimed.
                        timed(kb_cmd(kb_out))
                        if hugo_cmd:
                            timed(hugo_cmd(hugo_out))
                secs, kb, stdout = timed(kb_cmd(kb_target))
                results[(case, "kennisbank")].append((secs, kb))
                timings[case] = stdout
                if hugo_cmd:
                    results[(case, "hugo")].append(timed(hugo_cmd(hugo_target))[:2])
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
            print(f"kennisbank stages (last {case} run):\n" + timings[case], flush=True)
    for folder in cold_folders:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
