#!/usr/bin/env python3
"""Times commands interleaved (one run of each in turn, N rounds after one warm-up round), so that the load of a
shared machine falls on all of them alike; prints wall mean, median, min and the CPU (user + system) of each, and
the ratio of each mean to the first command's.

Usage: bench/interleaved.py N 'label=command line' ...
  e.g. bench/interleaved.py 20 "java=$IMG/lib/runtime/bin/java -XX:+UseSerialGC -version" \\
           "list=$IMG/bin/photo list --output json"
A command line is split as a shell would split words (no pipes or redirections); prefix it with env VAR=... for
variables. Output of the commands is discarded; a command that exits non-zero is reported.
"""
import os
import shlex
import statistics
import sys
import time


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit():
        sys.exit(__doc__)
    rounds = int(argv[1])
    variants = [(label, shlex.split(cmd)) for label, cmd in (a.split("=", 1) for a in argv[2:])]
    results = {label: [] for label, _ in variants}
    devnull = os.open(os.devnull, os.O_WRONLY)
    load = open("/proc/loadavg").read().split()[:3]
    for round_no in range(rounds + 1):
        for label, cmd in variants:
            start = time.monotonic()
            pid = os.fork()
            if pid == 0:
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                os.execvp(cmd[0], cmd)
            _, status, usage = os.wait4(pid, 0)
            wall = time.monotonic() - start
            if status != 0:
                print(f"{label}: exit status {status}", file=sys.stderr)
            if round_no > 0:
                results[label].append((wall, usage.ru_utime + usage.ru_stime))
    print(f"load average at start: {' '.join(load)}; at end: {' '.join(open('/proc/loadavg').read().split()[:3])}; "
          f"{os.cpu_count()} CPUs; {rounds} rounds")
    print("| command | wall mean | median | min | sd | CPU mean | ratio to the first |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    first = None
    for label, _ in variants:
        walls = [w for w, _ in results[label]]
        cpus = [c for _, c in results[label]]
        mean = statistics.mean(walls)
        first = first or mean
        print(f"| {label} | {mean * 1000:.0f} ms | {statistics.median(walls) * 1000:.0f} ms | {min(walls) * 1000:.0f} ms "
              f"| {statistics.pstdev(walls) * 1000:.0f} | {statistics.mean(cpus) * 1000:.0f} ms | {mean / first:.2f} |")


if __name__ == "__main__":
    main(sys.argv)
