#!/usr/bin/env python3
"""Turns the gradient suite's BenchmarkDotNet CSV reports into the tables of docs/benchmarks.md ("Gradients").

Usage, from the repository root, after the command in docs/benchmarks.md:
    python3 tests/SharpGrad.Benchmarks/Gradients/gradient_table.py [BenchmarkDotNet.Artifacts/results]
Ratios use medians. Prints Markdown.
"""
import csv, glob, json, os, re, sys

results = sys.argv[1] if len(sys.argv) > 1 else "BenchmarkDotNet.Artifacts/results"
here = os.path.dirname(os.path.abspath(__file__))
UNITS = {"ns": 1.0, "us": 1e3, "μs": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9}


def ns(cell):
    value, unit = cell.replace(",", "").split()
    return float(value) * UNITS[unit]


def bytes_(cell):
    if cell.strip() in ("-", "0 B", ""):
        return 0.0
    value, unit = cell.replace(",", "").split()
    return float(value) * {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[unit]


def time_text(t):
    for unit, scale in (("ms", 1e6), ("µs", 1e3)):
        if t >= scale:
            return f"{t / scale:,.3g} {unit}" if t / scale < 100 else f"{t / scale:,.0f} {unit}"
    return f"{t:,.0f} ns"


def alloc_text(b):
    return "0 B" if b == 0 else (f"{b:,.0f} B" if b < 1024 else f"{b / 1024:,.1f} KB" if b < 1024 ** 2 else f"{b / 1024 ** 2:,.1f} MB")


rows = {}
for path in sorted(glob.glob(os.path.join(results, "SharpGrad.Benchmarks.Gradients.*-report.csv"))):
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            method = r["Method"].strip("'")
            group = r["Categories"]
            if "Case" in r and r["Case"]:
                group = f"{group} {r['Case']}"
            rows[(group, method)] = (ns(r["Median"]), bytes_(r["Allocated"]))


def get(group, label):
    return next((v for (g, m), v in rows.items() if g == group and m.endswith(label)), None)


groups = sorted({g for g, _ in rows}, key=lambda g: (g.split()[0], g.split()[1] != "float", g))

print("| workload | implementation | median | vs hand SIMD | TorchSharp / this | allocated per step |")
print("|---|---|---:|---:|---:|---:|")
for group in groups:
    simd = get(group, "hand SIMD step") or get(group, "hand SIMD gradient")
    torch = get(group, "TorchSharp step") or get(group, "TorchSharp gradient")
    for (g, method), (t, a) in rows.items():
        if g != group:
            continue
        vs_simd = f"{t / simd[0]:.2f}x" if simd else ""
        ratio = torch[0] / t if torch else None
        vs_torch = "" if ratio is None else f"{ratio:,.0f}x" if ratio >= 100 else f"{ratio:.2g}x" if ratio < 1 else f"{ratio:.1f}x"
        method = method.split(" ", 1)[1]
        print(f"| {group} | {method} | {time_text(t)} | {vs_simd} | {vs_torch} | {alloc_text(a)} |")

print()
print("Gradient-to-primal (generated): ", end="")
parts = []
for group in groups:
    primal = get(group, "generated primal")
    grad = get(group, "generated gradient")
    if primal and grad:
        parts.append(f"{group} {grad[0] / primal[0]:.2f}x")
print("; ".join(parts))

timings = json.load(open(os.path.join(here, "Lstm", "Data", "timings_cpp_manual.json")))
for case in ("l=2,c=1024", "l=4,c=1024"):
    grad = get(f"W5 double {case}", "generated gradient")
    primal = get(f"W5 double {case}", "generated primal")
    if grad:
        ref = timings["lstm/" + case]
        print(f"W5 {case}: gradient {time_text(grad[0])} = {grad[0] / ref['derivative_median_ns']:.2f}x the C++ manual jacobian "
              f"({time_text(ref['derivative_median_ns'])}); primal {time_text(primal[0])} = {primal[0] / ref['primal_median_ns']:.2f}x "
              f"its objective ({time_text(ref['primal_median_ns'])}); gradient / primal {grad[0] / primal[0]:.2f}x")
