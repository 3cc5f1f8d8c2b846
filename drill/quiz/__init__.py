"""Concept quiz: cards from Markdown notes, scheduled with FSRS."""
