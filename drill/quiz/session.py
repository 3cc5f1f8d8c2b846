"""One quiz sitting: which cards to ask, in what order, and the ask -> reveal -> rate loop.

The terminal is behind `QuizIO`, so the loop is tested without one.
"""

from dataclasses import dataclass, field
from datetime import datetime

from drill.quiz import scheduler
from drill.store import reviews


@dataclass
class Plan:
    cards: list            # Card objects in the order they will be asked
    due: int               # how many of them are due reviews
    new: int               # how many are new


def plan(cards: list, states: dict, now: datetime, limit: int, new_left: int) -> Plan:
    """Due cards first (most overdue first), then new cards in note order up to the daily allowance."""
    stamp = now.timestamp()
    due = sorted((c for c in cards if states.get(c.id) and states[c.id]["fsrs_state"] and states[c.id]["due"] <= stamp),
                 key=lambda c: states[c.id]["due"])
    new = [c for c in cards if not (states.get(c.id) and states[c.id]["fsrs_state"])][: max(new_left, 0)]
    chosen = (due + new)[:limit]
    return Plan(cards=chosen, due=min(len(due), limit), new=len(chosen) - min(len(due), limit))


@dataclass
class Summary:
    reviewed: int = 0
    ratings: dict = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})
    next_due: list = field(default_factory=list)   # (due unix seconds, question) of the cards rated
    quit_early: bool = False


class QuizIO:
    """What the loop needs from a terminal."""

    def show_question(self, card, index: int, total: int) -> None: ...
    def ask_answer(self) -> str | None: ...           # None: the user quits
    def reveal(self, card, answer: str, covered: list) -> None: ...
    def ask_rating(self) -> int | None: ...           # 1-4, None: the user quits


def run(db, quiz_plan: Plan, io: QuizIO, clock=scheduler.utc_now) -> Summary:
    from drill.quiz.match import covered as is_covered

    summary = Summary()
    states = reviews.card_states(db, [c.id for c in quiz_plan.cards])
    for index, card in enumerate(quiz_plan.cards):
        io.show_question(card, index + 1, len(quiz_plan.cards))
        answer = io.ask_answer()
        if answer is None:
            summary.quit_early = True
            break
        io.reveal(card, answer, [(p, is_covered(p, answer)) for p in card.key_points])
        rating = io.ask_rating()
        if rating is None:
            summary.quit_early = True
            break
        now = clock()
        row = states.get(card.id)
        state_json, due = scheduler.review(row["fsrs_state"] if row else None, rating, now)
        reviews.record_review(db, card.id, rating, answer, state_json, due, now.timestamp())
        summary.reviewed += 1
        summary.ratings[rating] += 1
        summary.next_due.append((due, card.question))
    return summary
