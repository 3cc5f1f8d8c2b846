"""Spaced repetition with FSRS (the `fsrs` package). Card state travels as JSON text."""

import json
from datetime import datetime, timezone

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
STATES = {1: "learning", 2: "review", 3: "relearning"}


def _scheduler():
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


def review(state_json: str | None, rating: int, now: datetime) -> tuple:
    """Apply one rating (1-4). Returns (new state JSON, next due as unix seconds)."""
    from fsrs import Card, Rating

    card = Card.from_json(state_json) if state_json else Card(due=now)
    card, _ = _scheduler().review_card(card, Rating(rating), review_datetime=now)
    return card.to_json(), card.due.timestamp()


def state_name(state_json: str | None) -> str:
    if not state_json:
        return "new"
    return STATES.get(json.loads(state_json).get("state"), "unknown")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
