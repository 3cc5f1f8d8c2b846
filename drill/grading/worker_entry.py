"""Thin process targets, importable without torch so the parent never loads it.

The forkserver has already imported drill.grading.worker (and torch) before forking.
"""


def reference(conn, inputs_conn, job):
    from drill.grading.worker import reference_main

    reference_main(conn, inputs_conn, job)


def attempt(conn, inputs_conn, task):
    from drill.grading.worker import attempt_main

    attempt_main(conn, inputs_conn, task)
