"""Thin process targets, importable without torch so the parent never loads it.

The forkserver has already imported drill.grading.worker (and torch) before forking.
"""


def reference(conn, job):
    from drill.grading.worker import reference_main

    reference_main(conn, job)


def attempt(conn, job):
    from drill.grading.worker import attempt_main

    attempt_main(conn, job)
