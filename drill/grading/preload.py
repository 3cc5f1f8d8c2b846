"""Imported once by the forkserver before it forks any worker (see runner.Grader).

Importing drill.grading.worker loads torch. Then every object that exists so far is moved
out of the garbage collector's reach (gc.freeze): otherwise the first collection in each
forked worker walks all of torch's objects, and touching them copies their memory pages,
which cost each check about 0.1 s (bench/watch_latency.py: p50 0.33 s before, 0.16 s after).
Nothing here holds a spec, a reference or the store: the attempt is forked from this process.
"""

import gc
import os

import drill.grading.worker
import drill.spec  # noqa: F401  (each job carries a Spec; unpickling it would import yaml in every worker)

# The forkserver and every worker forked from it write nowhere near drill's terminal or stdout:
# a stray child can never keep a pipe reading drill's output open after drill exits.
_devnull = os.open(os.devnull, os.O_RDWR)
for _fd in (0, 1):
    os.dup2(_devnull, _fd)
os.close(_devnull)

gc.collect()
gc.freeze()
