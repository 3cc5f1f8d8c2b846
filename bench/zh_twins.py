"""Which English cards lack a Chinese twin (and which Chinese cards name no English card).

    python bench/zh_twins.py            # per file: twins present / missing / orphans
    python bench/zh_twins.py --ids FILE # the ids and questions of one English file, to write its twin

A twin is a card in docs/notes/zh/<same file>.md whose body starts with `<!-- drill-id: ID -->`,
ID being the English card's id (derived from file and question, see drill.quiz.notes.stable_id).
"""

import sys
from pathlib import Path

from drill.quiz.notes import load_cards

NOTES = Path(__file__).resolve().parent.parent / "docs" / "notes"


def twins(name: str) -> tuple[list, list]:
    """(English cards, Chinese cards) of one file name; the Chinese list is empty without a twin file."""
    english = load_cards([NOTES / name])
    zh_file = NOTES / "zh" / name
    chinese = load_cards([zh_file]) if zh_file.is_file() else []
    return english, chinese


def main(argv: list) -> int:
    if argv[:1] == ["--ids"]:
        for card in load_cards([NOTES / argv[1]]):
            print(f"{card.id}  [{card.topic}]  {card.question}")
        return 0
    bad = 0
    for file in sorted(NOTES.glob("*.md")):
        english, chinese = twins(file.name)
        en_ids, zh_ids = [c.id for c in english], [c.id for c in chinese]
        missing = [i for i in en_ids if zh_ids.count(i) != 1]
        orphans = [i for i in zh_ids if i not in en_ids]
        bad += bool(missing or orphans)
        print(f"{file.name:34} {len(en_ids):3} en {len(zh_ids):3} zh  missing {len(missing):3}  orphans {len(orphans)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
