#!/usr/bin/env python3
"""Turns the runs of scripts/bench.sh (size, tool, seconds, peak KiB, CPU seconds per line) into the tables of
BENCHMARKS.md: medians, the ratios the goals are stated in, and the growth from size to size."""

import statistics
import sys
from collections import defaultdict

TOOLS = ["floor", "acquis", "acquis-minify", "hugo"]


def load(path):
    runs = defaultdict(list)
    for line in open(path):
        size, tool, seconds, kib, *cpu = line.split()
        runs[(size, tool)].append((float(seconds), int(kib), float(cpu[0]) if cpu else None))
    return runs


def median(runs, size, tool, field):
    values = [r[field] for r in runs.get((size, tool), []) if r[field] is not None]
    return statistics.median(values) if values else None


def fmt_s(v):
    return "–" if v is None else f"{v:.3f} s"


def fmt_mib(v):
    return "–" if v is None else f"{v / 1024:.0f} MiB"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def main():
    runs = load(sys.argv[1])
    sizes = sorted({s for s, _ in runs if s != "real"}, key=int)
    print("| documents | floor | acquis | acquis, minified | Hugo | acquis / Hugo | acquis / floor "
          "| peak: acquis | peak: acquis, minified | peak: Hugo |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        t = {tool: median(runs, size, tool, 0) for tool in TOOLS}
        m = {tool: median(runs, size, tool, 1) for tool in TOOLS}
        print(f"| {int(size):,} | {fmt_s(t['floor'])} | {fmt_s(t['acquis'])} "
              f"| {fmt_s(t['acquis-minify'])} | {fmt_s(t['hugo'])} "
              f"| {ratio(t['acquis'], t['hugo'])} | {ratio(t['acquis'], t['floor'])} "
              f"| {fmt_mib(m['acquis'])} | {fmt_mib(m['acquis-minify'])} | {fmt_mib(m['hugo'])} |")
    cpu_table(runs, sizes)
    if len(sizes) > 1:
        growth(runs, sizes, 0, "wall time")
        growth(runs, sizes, 2, "CPU time")
    if ("real", "acquis") in runs:
        print()
        print(f"Real corpus (`content/`): acquis as above {fmt_s(median(runs, 'real', 'acquis', 0))} "
              f"(peak {fmt_mib(median(runs, 'real', 'acquis', 1))}); "
              f"`acquis build` by default (minified, search index) "
              f"{fmt_s(median(runs, 'real', 'acquis-default', 0))} "
              f"(peak {fmt_mib(median(runs, 'real', 'acquis-default', 1))}).")


def cpu_table(runs, sizes):
    print()
    print("CPU time (user + system, all threads; medians): on a shared machine it moves less with "
          "the load than wall time does.")
    print()
    print("| documents | floor | acquis | acquis, minified | Hugo | acquis / Hugo | acquis / floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        c = {tool: median(runs, size, tool, 2) for tool in TOOLS}
        print(f"| {int(size):,} | {fmt_s(c['floor'])} | {fmt_s(c['acquis'])} "
              f"| {fmt_s(c['acquis-minify'])} | {fmt_s(c['hugo'])} "
              f"| {ratio(c['acquis'], c['hugo'])} | {ratio(c['acquis'], c['floor'])} |")


def growth(runs, sizes, field, what):
    print()
    print(f"Growth of the {what} (at the larger size / at the smaller, and that divided by the "
          "ratio of sizes: 1.00 is linear):")
    print()
    print("| tool | " + " | ".join(f"{int(a):,} → {int(b):,}" for a, b in zip(sizes, sizes[1:])) + " |")
    print("|---|" + "---:|" * (len(sizes) - 1))
    for tool in TOOLS:
        cells = []
        for a, b in zip(sizes, sizes[1:]):
            ta, tb = median(runs, a, tool, field), median(runs, b, tool, field)
            if ta and tb:
                cells.append(f"{tb / ta:.1f}× ({tb / ta / (int(b) / int(a)):.2f} of linear)")
            else:
                cells.append("–")
        print(f"| {tool} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
