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
        self.intervals, self.undone_cards, self.asked = [], [], []

    def show_question(self, card, index, total):
        self.asked.append(card.question)

    def ask_answer(self):
        return self.answers.pop(0)

    def reveal(self, card, answer, covered):
        self.revealed.append(covered)

    def ask_rating(self, intervals):
        self.intervals.append(intervals)
        return self.ratings.pop(0)

    def undone(self, card):
        self.undone_cards.append(card.question)

    def nothing_to_undo(self):
        self.undone_cards.append(None)


class Clock:
    """Time stands still unless a test moves it."""

    def __init__(self, now=NOW):
        self.now = now

    def __call__(self):
        return self.now


def test_run_stores_reviews_and_reschedules(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    chosen = plan(CARDS, {}, NOW, limit=3, new_left=10)
    io = Scripted(["point 0 is this", "", "x"], [4, 1, None])
    summary = run(db, chosen, io, clock=Clock())
    assert summary.reviewed == 2 and summary.quit_early
    assert summary.ratings == {1: 1, 2: 0, 3: 0, 4: 1}
    assert io.revealed[0] == [("point 0", True)]
    states = reviews.card_states(db, [c.id for c in CARDS])
    assert states[CARDS[0].id]["due"] > states[CARDS[1].id]["due"] > NOW.timestamp()
    assert states[CARDS[2].id]["fsrs_state"] is None
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2


def test_intervals_are_offered_for_each_rating(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    io = Scripted([""], [4])
    run(db, plan(CARDS, {}, NOW, limit=1, new_left=10), io, clock=Clock())
    assert io.intervals == [{1: "1m", 2: "6m", 3: "10m", 4: "8d"}]   # fsrs 6 defaults for a new card


def test_an_again_card_comes_back_in_the_same_sitting_after_its_step(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    clock = Clock()
    io = Scripted(["", "", "", "", ""], [1, 4, 3, 4, None])

    def show_question(card, index, total):
        io.asked.append(card.question)
        clock.now += timedelta(seconds=70)      # each card takes 70 s: Q0's 1-minute step ends during Q1

    io.show_question = show_question
    summary = run(db, plan(CARDS, {}, NOW, limit=3, new_left=10), io, clock=clock)
    # Q0 again (1 min) -> Q1 -> Q0, due again, before Q2; good: 10 min -> Q2 -> Q0 learned ahead
    assert io.asked == ["Q0?", "Q1?", "Q0?", "Q2?", "Q0?"]
    assert summary.reviewed == 4 and summary.ratings[1] == 1


def test_cards_in_learning_are_learned_ahead_when_the_queue_is_empty(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    io = Scripted(["", "", "", ""], [3, 1, 3, 3])
    summary = run(db, plan(CARDS, {}, NOW, limit=1, new_left=10), io, clock=Clock())
    # good on a new card: its second step (10 min); again: back to the first step; then graduates
    assert io.asked == ["Q0?", "Q0?", "Q0?", "Q0?"] and summary.reviewed == 4
    assert summary.next_due[CARDS[0].id][0] > NOW.timestamp() + 86400 / 2


def test_undo_takes_back_the_review_row_and_the_card_state(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    from drill.quiz.session import UNDO

    io = Scripted(["", UNDO, "", "", None], [4, 1, UNDO])
    summary = run(db, plan(CARDS, {}, NOW, limit=2, new_left=10), io, clock=Clock())
    # Q0 easy; at Q1's answer prompt u -> Q0 back; Q0 again; at Q1's rating u -> Q0 back again; quit
    assert io.asked == ["Q0?", "Q1?", "Q0?", "Q1?", "Q0?"]
    assert io.undone_cards == ["Q0?", "Q0?"]
    assert summary.reviewed == 0 and summary.ratings == {1: 0, 2: 0, 3: 0, 4: 0}
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
    row = reviews.card_states(db, [CARDS[0].id])[CARDS[0].id]
    assert (row["fsrs_state"], row["due"], row["introduced_on"]) == (None, None, None)


def test_undo_with_nothing_rated_says_so(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    from drill.quiz.session import UNDO

    io = Scripted([UNDO, None], [])
    run(db, plan(CARDS, {}, NOW, limit=2, new_left=10), io, clock=Clock())
    assert io.undone_cards == [None] and io.asked == ["Q0?", "Q0?"]


def test_a_chinese_answer_is_matched_against_the_chinese_twin(tmp_path):
    db = open_db(tmp_path / "d.db")
    reviews.sync_cards(db, CARDS)
    io = Scripted(["不减去均值"], [None])
    run(db, plan(CARDS, {}, NOW, limit=1, new_left=10), io, clock=Clock(),
        twin_points=lambda card: ["不减去均值", "只除以均方根"])
    assert io.revealed == [[("不减去均值", True), ("只除以均方根", False)]]


def test_the_new_card_allowance_counts_each_notes_set_apart(tmp_path):
    from datetime import date

    db = open_db(tmp_path / "d.db")
    other = parse_text('!!! question "Other?"\n    answer\n', "other.md")
    reviews.sync_cards(db, CARDS + other)
    t = datetime.now(timezone.utc).timestamp()
    reviews.record_review(db, other[0].id, 3, "", "{}", t + 60, t)
    assert reviews.introduced_today(db, [c.id for c in CARDS], date.today()) == 0
    assert reviews.introduced_today(db, [c.id for c in other], date.today()) == 1
    assert reviews.introduced_today(db) == 1


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


def test_the_chinese_twins_load_from_the_zh_edition_once(tmp_path, monkeypatch):
    from drill import paths
    from drill.cli.quiz import _ChineseTwins

    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "n.md").write_text(f'!!! question "为什么？"\n    <!-- drill-id: {CARDS[0].id} -->\n    回答。\n\n'
                                          "    **要点**\n\n    - 不减去均值\n", encoding="utf-8")
    monkeypatch.setattr(paths, "BUILTIN_NOTES", tmp_path)
    twins = _ChineseTwins()
    assert twins(CARDS[0]) == ["不减去均值"] and twins(CARDS[1]) is None
    (tmp_path / "zh" / "n.md").unlink()
    assert twins(CARDS[0]) == ["不减去均值"]          # loaded once, on first use


def test_without_a_chinese_edition_there_are_no_twins(tmp_path, monkeypatch):
    from drill import paths
    from drill.cli.quiz import _ChineseTwins

    monkeypatch.setattr(paths, "BUILTIN_NOTES", tmp_path)
    assert _ChineseTwins()(CARDS[0]) is None
