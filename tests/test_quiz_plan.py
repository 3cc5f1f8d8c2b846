"""Which cards a sitting asks, and the loop with a scripted terminal (no pty)."""

from datetime import datetime, timedelta, timezone

from drill.quiz.notes import parse_text
from drill.quiz.session import QuizIO, plan, run
from drill.store import reviews
from drill.store.db import open_db

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
CARDS = parse_text("".join(f'!!! question "Q{i}?"\n    A{i}.\n\n    **Key points**\n\n    - point {i}\n\n'
                           for i in range(6)), "n.md")


def _row(state, due):
    return {"fsrs_state": state, "due": due, "introduced_on": "2026-11-20"}


def test_due_cards_come_first_most_overdue_first_then_new_up_to_the_allowance():
    states = {CARDS[0].id: _row("{}", NOW.timestamp() - 10),
              CARDS[1].id: _row("{}", NOW.timestamp() + 3600),      # not yet due
              CARDS[2].id: _row("{}", NOW.timestamp() - 1000)}
    chosen = plan(CARDS, states, NOW, limit=10, new_left=2)
    assert [c.question for c in chosen.cards] == ["Q2?", "Q0?", "Q3?", "Q4?"]
    assert (chosen.due, chosen.new) == (2, 2)


def test_limit_caps_the_sitting_and_no_allowance_means_no_new_cards():
    assert len(plan(CARDS, {}, NOW, limit=3, new_left=10).cards) == 3
    assert plan(CARDS, {}, NOW, limit=10, new_left=0).cards == []


class Scripted(QuizIO):
    def __init__(self, answers, ratings):
        self.answers, self.ratings, self.revealed = list(answers), list(ratings), []

    def show_question(self, card, index, total):
        pass

    def ask_answer(self):
        return self.answers.pop(0)

    def reveal(self, card, answer, covered):
        self.revealed.append(covered)

    def ask_rating(self):
        return self.ratings.pop(0)


def test_run_stores_reviews_and_reschedules(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    chosen = plan(CARDS, {}, NOW, limit=3, new_left=10)
    clock = iter([NOW, NOW + timedelta(seconds=5), NOW + timedelta(seconds=9)])
    summary = run(db, chosen, Scripted(["point 0 is this", "", "x"], [4, 1, None]), clock=lambda: next(clock))
    assert summary.reviewed == 2 and summary.quit_early
    assert summary.ratings == {1: 1, 2: 0, 3: 0, 4: 1}
    states = reviews.card_states(db, [c.id for c in CARDS])
    assert states[CARDS[0].id]["due"] > states[CARDS[1].id]["due"] > NOW.timestamp()
    assert states[CARDS[2].id]["fsrs_state"] is None
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2


def test_quiz_stats(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    t = NOW.timestamp()
    reviews.record_review(db, CARDS[0].id, 3, "", "{}", t + 60, t)
    reviews.record_review(db, CARDS[0].id, 1, "", "{}", t + 120, t + 60)
    reviews.record_review(db, CARDS[0].id, 3, "", "{}", t + 999999, t + 120)
    stats = reviews.quiz_stats(db, now=t + 130)
    assert stats["reviews"] == 3 and stats["cards_seen"] == 1
    assert stats["retention"] == 0.5
