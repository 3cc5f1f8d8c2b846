"""One quiz sitting: which cards to ask, in what order, and the ask -> reveal -> rate loop.

As in Anki, a card whose next due falls within the learn-ahead window (FSRS learning and relearning
steps: "again" on a new card is 1 minute) is asked again in the same sitting, and the last ratings
can be undone one by one. The terminal is behind `QuizIO`, so the loop is tested without one.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from drill.quiz import scheduler
from drill.store import reviews

UNDO = "undo"             # what ask_answer / ask_rating return when the user presses u


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
    next_due: dict = field(default_factory=dict)   # card id -> (due unix seconds, question) after its last rating
    quit_early: bool = False


class QuizIO(Protocol):
    """What the loop needs from a terminal."""

    def show_question(self, card, index: int, total: int) -> None: ...
    def ask_answer(self) -> str | None: ...           # None: the user quits; UNDO: take back the last rating
    def reveal(self, card, answer: str, covered: list) -> None: ...
    def ask_rating(self, intervals: dict) -> int | str | None: ...   # 1-4, UNDO, None: the user quits
    def undone(self, card) -> None: ...               # a rating of `card` was taken back
    def nothing_to_undo(self) -> None: ...


@dataclass
class _Done:
    card: object
    review_id: int
    before: object          # the card's stored row before the rating (None: never reviewed)
    rating: int


def run(db, quiz_plan: Plan, io: QuizIO, clock=scheduler.utc_now, twin_points=None) -> Summary:
    """Ask the planned cards, then the ones due again within the sitting. `twin_points(card)` gives
    the key points of a card's Chinese twin (or None), used when the answer is typed in Chinese."""
    summary = Summary()
    queue = list(quiz_plan.cards)             # still to ask, in order
    again: list[tuple] = []                   # (due, card): asked again once due (or when the queue is empty)
    done: list[_Done] = []                    # the ratings of this sitting, for undo
    asked = 0
    while queue or again:
        card = _next(queue, again, clock())
        asked += 1
        io.show_question(card, asked, asked + len(queue) + len(again))
        answer = io.ask_answer()
        if answer == UNDO:
            asked -= 1 + _undo(db, done, card, queue, again, summary, io)
            continue
        if answer is None:
            summary.quit_early = True
            break
        io.reveal(card, answer, _coverage(card, answer, twin_points))
        before = reviews.card_states(db, [card.id]).get(card.id)
        state = before["fsrs_state"] if before else None
        rating = io.ask_rating({r: scheduler.interval_text(s) for r, s in scheduler.preview(state, clock()).items()})
        if isinstance(rating, str):           # UNDO
            asked -= 1 + _undo(db, done, card, queue, again, summary, io)
            continue
        if rating is None:
            summary.quit_early = True
            break
        now = clock()
        state_json, due = scheduler.review(state, rating, now)
        review_id = reviews.record_review(db, card.id, rating, answer, state_json, due, now.timestamp())
        done.append(_Done(card, review_id, before, rating))
        summary.reviewed += 1
        summary.ratings[rating] += 1
        summary.next_due[card.id] = (due, card.question)
        if due - now.timestamp() <= scheduler.LEARN_AHEAD_SECONDS:
            again.append((due, card))
            again.sort(key=lambda pair: pair[0])
    return summary


def _next(queue: list, again: list, now: datetime):
    """A learning card whose step is over comes first; then the planned cards; then learn ahead."""
    if again and (again[0][0] <= now.timestamp() or not queue):
        return again.pop(0)[1]
    return queue.pop(0)


def _undo(db, done: list, current, queue: list, again: list, summary: Summary, io: QuizIO) -> bool:
    """Take back the last rating and ask that card next; the card on screen goes back to the front."""
    queue.insert(0, current)
    if not done:
        io.nothing_to_undo()
        return False
    last = done.pop()
    reviews.undo_review(db, last.review_id, last.card.id, last.before)
    again[:] = [(due, card) for due, card in again if card.id != last.card.id]
    queue.insert(0, last.card)
    summary.reviewed -= 1
    summary.ratings[last.rating] -= 1
    summary.next_due.pop(last.card.id, None)
    earlier = [d for d in done if d.card.id == last.card.id]
    if earlier:   # rated before in this sitting: its due is the one it has now (restored), shown again
        summary.next_due[last.card.id] = (last.before["due"], last.card.question)
    io.undone(last.card)
    return True


def _coverage(card, answer: str, twin_points) -> list:
    from drill.quiz.match import covered, is_chinese

    points = card.key_points
    if twin_points and is_chinese(answer) and not any(is_chinese(p) for p in points):
        points = twin_points(card) or points
    return [(point, covered(point, answer)) for point in points]

