"""Markdown notes -> cards. Every question admonition (`!!! question "..."`, `??? question`,
`???+ question`, also the types help and faq, and whatever types `include` adds) is one card: its
title the question, its body the answer, the nearest heading above it the topic.

Pure: no terminal, no database.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from drill import files
from drill.errors import NotesError

CARD_TYPES = frozenset({"question", "help", "faq"})
MAX_NOTES_BYTES = 20 * 1024 * 1024   # a notes file larger than this is a mistake (a log, a device), not notes
THIN_CHARS = 40                      # an answer of one line shorter than this is too thin to schedule
# Every pattern is linear in the line length: no two neighbouring quantifiers can take the same character.
ADMONITION = re.compile(r"^(?P<indent>[ ]*)(?P<marker>!!!|\?\?\?\+?)[ ]+(?P<rest>.*)$")
TYPE_NAME = re.compile(r"[\w-]+")
HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.*)$")
FENCE = re.compile(r"^[ ]*(?P<fence>`{3,}|~{3,})")
EXPLICIT_ID = re.compile(r"^[ ]*<!--[ ]*drill-id:[ ]*(?P<id>[\w.-]+)[ ]*-->[ ]*$")
KEY_POINT_HEADERS = ("key points", "要点", "关键点")
BULLET = re.compile(r"^[ ]*[-*+][ ]+(?P<text>.+)$")


@dataclass
class Card:
    id: str
    question: str
    answer: str           # Markdown, dedented
    topic: str
    source: str           # file path relative to its notes root
    line: int             # 1-based line of the admonition header
    key_points: list = field(default_factory=list)
    kind: str = "question"

    @cached_property
    def thin(self) -> bool:
        """Empty, or one short line: nothing to check a recalled answer against."""
        text = self.answer.strip()
        return len(text) < THIN_CHARS and "\n" not in text


@dataclass
class Notes:
    cards: list                                   # every card found, thin ones included
    skipped: dict = field(default_factory=dict)   # admonition type not made a card -> how many

    @property
    def schedulable(self) -> list:
        return [c for c in self.cards if not c.thin]

    @property
    def thin(self) -> list:
        return [c for c in self.cards if c.thin]


def load_cards(paths: list, include: frozenset = frozenset()) -> list:
    """Every card of the notes (see load_notes)."""
    return load_notes(paths, include).cards


def load_notes(paths: list, include: frozenset = frozenset()) -> Notes:
    """Cards from files and folders (folders: every *.md below, except a language edition such as zh/).

    `include` adds admonition types (note, tip, ...) to the card types. Raises NotesError when there
    are no cards."""
    kinds = CARD_TYPES | {k.lower() for k in include}
    files = []
    for path in paths:
        path = Path(path).expanduser()
        if path.is_dir():
            files += [(f, path) for f in sorted(path.rglob("*.md")) if not _in_language_edition(f, path)]
        elif path.is_file():
            files.append((path, path.parent))
        elif path.exists():
            raise NotesError(f"Notes path {path} is not a regular file (a pipe, a device or a socket). "
                             "Give a Markdown file or a folder of them with --notes.")
        else:
            raise NotesError(f"Notes path {path} does not exist. Give a Markdown file or a folder of them with --notes.")
    notes = Notes(cards=[])
    for file, root in files:
        cards, skipped = parse_file(file, root, kinds)
        notes.cards += cards
        for kind, count in skipped.items():
            notes.skipped[kind] = notes.skipped.get(kind, 0) + count
    if not notes.cards:
        where = ", ".join(str(Path(p)) for p in paths)
        other = ""
        if notes.skipped:
            other = (f" It has other admonitions ({skipped_text(notes.skipped)}): "
                     f"--include {','.join(sorted(notes.skipped))} makes them cards, their title the question.")
        raise NotesError(f"No question cards found in {where}. A card is a Markdown admonition such as "
                         '`!!! question "Why RMSNorm?"` followed by the answer indented by 4 spaces.' + other)
    seen = {}
    for card in notes.cards:
        # the same question asked twice stays two cards: later ones get a numbered id
        base, copy = card.id, 1
        while card.id in seen:
            copy += 1
            card.id = f"{base}-{copy}"
        seen[card.id] = card
    return notes


def skipped_text(skipped: dict) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items()))


def _in_language_edition(file: Path, root: Path) -> bool:
    """A file of a language edition below the root (docs/notes/zh/x.md beside docs/notes/x.md)."""
    from drill.lang import LANGUAGES

    return any(part in LANGUAGES for part in file.relative_to(root).parts[:-1])


def parse_file(path: Path, root: Path, kinds: frozenset = CARD_TYPES) -> tuple:
    """(cards, {other admonition type: count}) of one file."""
    try:
        text = files.decode_utf8(files.read_bytes(path, "notes file", MAX_NOTES_BYTES), path, "notes")
    except files.UnreadableFile as exc:  # a pipe, a device, a folder, a dangling link, no permission, too large
        raise NotesError(f"{exc} Point --notes at your Markdown notes.") from exc
    try:
        source = path.relative_to(root).as_posix()
    except ValueError:
        source = path.name
    return parse_notes(text, source, path.stem.replace("-", " ").replace("_", " "), kinds)


def parse_text(text: str, source: str, default_topic: str = "", kinds: frozenset = CARD_TYPES) -> list:
    """The cards of one Markdown text."""
    return parse_notes(text, source, default_topic, kinds)[0]


def parse_notes(text: str, source: str, default_topic: str = "", kinds: frozenset = CARD_TYPES) -> tuple:
    """(cards, {admonition type not made a card: count}) of one Markdown text."""
    lines = [_expand_indent(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    cards: list[Card] = []
    skipped: dict[str, int] = {}
    topic = default_topic
    fence = None
    card_end = 0          # an admonition inside a card's answer is part of it, not skipped
    for number, line in enumerate(lines):
        match = FENCE.match(line)
        if match:
            marker = match.group("fence")
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and line.strip() == marker:
                fence = None
            continue
        if fence is not None:
            continue
        heading = _heading(line)
        if heading:
            topic = heading
            continue
        admonition = _admonition(line)
        if admonition is None:
            continue
        indent, kind, title = admonition
        if kind not in kinds:
            if number >= card_end:
                skipped[kind] = skipped.get(kind, 0) + 1
            continue
        body, end = _body(lines, number + 1, indent + 4)
        card_end = max(card_end, end)
        cards.append(_card(title, kind, body, topic, source, number + 1))
    return cards, skipped


def _heading(line: str) -> str | None:
    match = HEADING.match(line)
    if not match:
        return None
    text = match.group("text").strip(" \t")
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):   # `## Title ##`: the closing run is no text
        text = closed.rstrip(" \t")
    return text or None


def _admonition(line: str) -> tuple | None:
    """(indent, first type lowercased, title or None) of `!!! type "title"`, else None."""
    match = ADMONITION.match(line)
    if not match:
        return None
    rest = match.group("rest").rstrip(" ")
    title = None
    quote = rest.find('"')
    if quote >= 0:
        if len(rest) - quote < 2 or not rest.endswith('"'):
            return None
        title, rest = rest[quote + 1: -1], rest[:quote]
    words = [word for word in rest.split(" ") if word]
    if not words or not all(TYPE_NAME.fullmatch(word) for word in words):
        return None
    return len(match.group("indent")), words[0].lower(), title


def _expand_indent(line: str) -> str:
    """Leading tabs count as 4 spaces, as Python-Markdown reads them."""
    stripped = line.lstrip(" \t")
    return line[: len(line) - len(stripped)].expandtabs(4) + stripped


def _body(lines: list, start: int, indent: int) -> tuple:
    """(the dedented answer lines, the index of the first line after the answer)."""
    body = []
    end = start
    while end < len(lines):
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
            break
        body.append(line[indent:] if line.strip() else "")
        end += 1
    while body and not body[-1]:
        body.pop()
    while body and not body[0]:
        body.pop(0)
    return body, end


def _card(title, kind, body, topic, source, line) -> Card:
    question = title.strip() if title and title.strip() else kind.capitalize()
    explicit = None
    kept = []
    for text in body:
        match = EXPLICIT_ID.match(text)
        if match and explicit is None:
            explicit = match.group("id")
        else:
            kept.append(text)
    card_id = explicit or stable_id(source, question)
    return Card(id=card_id, question=question, answer="\n".join(kept).strip("\n"), topic=topic,
                source=source, line=line, key_points=key_points(kept), kind=kind)


def stable_id(source: str, question: str) -> str:
    """From the file and the question only, so editing the answer keeps the review history."""
    normal = " ".join(question.split()).lower()
    return hashlib.sha1(f"{source}\n{normal}".encode()).hexdigest()[:12]


def key_points(body: list) -> list:
    """The top-level bullets after a key-points header (`**Key points**`, `要点：`, `关键点`, any case,
    with or without bold and colon); none when the card has no such header."""
    points: list[str] = []
    after_header, in_fence = False, False
    for line in body:
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if _is_key_point_header(line):
            after_header, points = True, []
            continue
        bullet = BULLET.match(line)
        if after_header and bullet and not line.startswith(" "):
            points.append(bullet.group("text").strip())
    return points


def _is_key_point_header(line: str) -> bool:
    text = line.strip().strip("*_ ").rstrip(":：").strip("*_ ").rstrip(":：").strip()
    return text.lower() in KEY_POINT_HEADERS
