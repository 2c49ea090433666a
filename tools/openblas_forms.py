#!/usr/bin/python3
"""SGEMM GFLOP/s of NumPy's OpenBLAS on one thread in each form (nn, tn, nt): the peer of `fastnet bench gemm --form F`.

A measuring aid for docs/benchmarks.md, not a project dependency (Debian: apt-get install python3-numpy
python3-threadpoolctl libopenblas0-pthread):

    /usr/bin/python3 tools/openblas_forms.py [--core Haswell,Zen,SkylakeX] MxKxN [MxKxN ...]

OpenBLAS's speed depends on the form as FastNet's does (its tn 1024x256x10 runs at about 60 % of its nn), so each form
is held against OpenBLAS in that form: tn multiplies the transposed view of a k×m array, nt of an n×k array, which
NumPy hands to cblas_sgemm with the transpose flags (nothing is copied). Each core type runs in its own process
(OPENBLAS_CORETYPE picks the kernel; name only types this CPU runs); prints one line per core type and shape, then the
best per shape and form.
"""
import os
import subprocess
import sys

MEASURE = r'''
import sys, time
import numpy as np
from threadpoolctl import threadpool_limits

def gflops(m, k, n, form):
    a = np.random.rand(k, m).astype(np.float32).T if form == "tn" else np.random.rand(m, k).astype(np.float32)
    b = np.random.rand(n, k).astype(np.float32).T if form == "nt" else np.random.rand(k, n).astype(np.float32)
    c = np.empty((m, n), np.float32)
    reps, best = max(3, int(3e8 / (2 * m * k * n))), float("inf")
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        best = min(best, (time.perf_counter() - start) / reps)
    return 2 * m * k * n / best / 1e9

with threadpool_limits(1):
    for shape in sys.argv[1:]:
        m, k, n = map(int, shape.split("x"))
        print(shape, *(f"{gflops(m, k, n, form):.1f}" for form in ("nn", "tn", "nt")))
'''


def main():
    args = sys.argv[1:]
    cores = ["Haswell", "Zen"] + (["SkylakeX"] if "avx512f" in open("/proc/cpuinfo").read() else [])
    if args and args[0] == "--core":
        cores, args = args[1].split(","), args[2:]
    shapes = args or ["512x512x512", "1024x1024x1024", "1024x784x256", "1024x256x10"]
    best = {shape: [0.0, 0.0, 0.0] for shape in shapes}
    for core in cores:
        env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_CORETYPE"}
        env["OPENBLAS_CORETYPE"] = core
        run = subprocess.run([sys.executable, "-c", MEASURE, *shapes], env=env, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{core}: failed: {run.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        for line in run.stdout.splitlines():
            shape, *values = line.split()
            print(f"{core} {shape} nn {values[0]} tn {values[1]} nt {values[2]}")
            best[shape] = [max(x, float(y)) for x, y in zip(best[shape], values)]
    for shape, (nn, tn, nt) in best.items():
        print(f"best {shape} nn {nn:.1f} tn {tn:.1f} nt {nt:.1f}")


if __name__ == "__main__":
    main()
