"""Grading: run the reference and the attempt in separate processes and compare."""
