"""Measure a command as the whole tree of processes it starts: CPU, memory, wall time.

``run_tree(cmd)`` polls ``/proc`` while the command runs and counts every process below it,
forkserver and pool workers included (a worker that its own parent never reaps is missed by
``wait4``/``RUSAGE_CHILDREN``, which is how a datatrove run once looked ten times cheaper):

- CPU: each process's own user + system time (``/proc/PID/stat``), the last sample of each
  process (keyed by pid and start time, so a reused pid is another process), summed. A process
  loses at most one polling interval of CPU between its last sample and its exit, and one that
  lives less than an interval can be missed, so the sum is a lower bound; ``wait4``'s figure for
  the root (itself and the descendants it reaped) is another lower bound, and the larger of the
  two is reported;
- memory: the tree's proportional set size (``Pss`` of ``/proc/PID/smaps_rollup``, summed over
  its processes at each poll: a page shared by two processes counts half in each, so the sum is
  what the tree holds, unlike a sum of RSS) at its peak, and the largest single process's peak
  RSS (``VmHWM``).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from typing import Any

TICK = os.sysconf("SC_CLK_TCK")
POLL_SECONDS = 0.05


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc (those that are gone are left out)."""
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    stack += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
        found.append(p)
    return found


def _stat(pid: int) -> tuple[tuple[int, int], float] | None:
    """((pid, start time), own CPU seconds) of a live process, or None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (pid, int(fields[19])), (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, ValueError, IndexError):
        return None


def _field(path: str, name: str) -> int:
    """A ``Name:  N kB`` field of a /proc file, in bytes (0 when unreadable)."""
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(name):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler:
    """The CPU and memory of a process tree, sampled from /proc until :meth:`stop`."""

    def __init__(self, pid: int):
        self.pid = pid
        self.cpu: dict[tuple[int, int], float] = {}
        self.peak_pss = 0
        self.peak_process_rss = 0
        self.processes = 0

    def sample(self) -> None:
        """One poll of every process below the root."""
        pss = 0
        for p in descendants(self.pid):
            s = _stat(p)
            if s is None:
                continue
            self.cpu[s[0]] = s[1]
            pss += _field(f"/proc/{p}/smaps_rollup", "Pss:")
            self.peak_process_rss = max(
                self.peak_process_rss, _field(f"/proc/{p}/status", "VmHWM:")
            )
        self.peak_pss = max(self.peak_pss, pss)
        self.processes = len(self.cpu)

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    @property
    def root_cpu_seconds(self) -> float:
        """The root process's own CPU (its last sample)."""
        return max((v for (pid, _), v in self.cpu.items() if pid == self.pid), default=0.0)


def run_tree(cmd: list[str], **popen: Any) -> dict[str, Any]:
    """Run ``cmd`` to its end; wall and CPU seconds of its whole tree, peak PSS, output."""
    started = time.perf_counter()
    load = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}
    readers = [  # pipes drained by threads, so a chatty child cannot block on a full pipe
        threading.Thread(target=lambda s=s, k=k: chunks[k].append(s.read()), daemon=True)
        for s, k in ((proc.stdout, "out"), (proc.stderr, "err"))
    ]
    for t in readers:
        t.start()
    tree = TreeSampler(proc.pid)
    while True:
        tree.sample()  # before wait4: the root is sampled while it still exists
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(POLL_SECONDS)
    wall = time.perf_counter() - started
    for t in readers:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    waited = usage.ru_utime + usage.ru_stime
    return {
        "seconds": wall,
        "cpu_seconds": max(tree.cpu_seconds, waited),
        "cpu_polled": tree.cpu_seconds,
        "cpu_wait4": waited,
        "cpu_root": tree.root_cpu_seconds,
        "processes": tree.processes,
        "peak_tree_pss": tree.peak_pss,
        "peak_process_rss": max(tree.peak_process_rss, usage.ru_maxrss * 1024),
        "load_start": load,
        "load_end": os.getloadavg()[0],
        "returncode": proc.returncode,
        "stdout": b"".join(chunks["out"]).decode("utf-8", "replace"),
        "stderr": b"".join(chunks["err"]).decode("utf-8", "replace"),
    }
