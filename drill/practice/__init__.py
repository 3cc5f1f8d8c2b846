"""Timed practice: the attempt state machine, editors and watching files for saves."""
