"""Spaced repetition with FSRS (the `fsrs` package). Card state travels as JSON text."""

import json
from datetime import datetime, timezone

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
STATES = {1: "learning", 2: "review", 3: "relearning"}
LEARN_AHEAD_SECONDS = 20 * 60   # as Anki: a card due again within this comes back in the same sitting


def _scheduler():
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)


def review(state_json: str | None, rating: int, now: datetime) -> tuple:
    """Apply one rating (1-4). Returns (new state JSON, next due as unix seconds)."""
    from fsrs import Card, Rating

    card = Card.from_json(state_json) if state_json else Card(due=now)
    card, _ = _scheduler().review_card(card, Rating(rating), review_datetime=now)
    return card.to_json(), card.due.timestamp()


def preview(state_json: str | None, now: datetime) -> dict:
    """rating -> seconds until the card would be due after it (each on a fresh copy of the card)."""
    return {rating: review(state_json, rating, now)[1] - now.timestamp() for rating in RATINGS}


def interval_text(seconds: float) -> str:
    """Anki's short form: <1m, 10m, 3h, 1d, 3.5mo, 1.2y."""
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


def state_name(state_json: str | None) -> str:
    if not state_json:
        return "new"
    return STATES.get(json.loads(state_json).get("state"), "unknown")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
