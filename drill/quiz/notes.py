"""Markdown notes -> cards. Every question admonition (`!!! question "..."`, `??? question`,
`???+ question`, also the types help and faq) is one card: its title the question, its body the
answer, the nearest heading above it the topic.

Pure: no terminal, no database.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from drill.errors import NotesError

CARD_TYPES = {"question", "help", "faq"}
ADMONITION = re.compile(
    r'^(?P<indent>[ ]*)(?P<marker>!!!|\?\?\?\+?)[ ]+(?P<types>[\w-]+(?:[ ]+[\w-]+)*)?[ ]*(?:"(?P<title>.*)")?[ ]*$'
)
HEADING = re.compile(r"^(#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^[ ]*(?P<fence>`{3,}|~{3,})")
EXPLICIT_ID = re.compile(r"^[ ]*<!--[ ]*drill-id:[ ]*(?P<id>[\w.-]+)[ ]*-->[ ]*$")
KEY_POINTS = re.compile(r"^\**key points\**:?\**[ ]*$", re.IGNORECASE)
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


def load_cards(paths: list) -> list:
    """Cards from files and folders (folders: every *.md below). Raises NotesError when there are none."""
    files = []
    for path in paths:
        path = Path(path).expanduser()
        if path.is_dir():
            files += [(f, path) for f in sorted(path.rglob("*.md"))]
        elif path.is_file():
            files.append((path, path.parent))
        else:
            raise NotesError(f"Notes path {path} does not exist. Give a Markdown file or a folder of them with --notes.")
    cards = []
    for file, root in files:
        cards += parse_file(file, root)
    if not cards:
        where = ", ".join(str(Path(p)) for p in paths)
        raise NotesError(f"No question cards found in {where}. A card is a Markdown admonition such as "
                         '`!!! question "Why RMSNorm?"` followed by the answer indented by 4 spaces.')
    seen = {}
    for card in cards:
        # the same question asked twice stays two cards: later ones get a numbered id
        base, copy = card.id, 1
        while card.id in seen:
            copy += 1
            card.id = f"{base}-{copy}"
        seen[card.id] = card
    return cards


def parse_file(path: Path, root: Path) -> list:
    try:
        data = path.read_bytes()
    except OSError as exc:  # a folder named *.md, a dangling link, no permission
        raise NotesError(f"{path}: cannot read it ({exc.strerror}). Point --notes at readable Markdown files.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotesError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}). "
                         "Save the notes as UTF-8.") from exc
    try:
        source = path.relative_to(root).as_posix()
    except ValueError:
        source = path.name
    return parse_text(text, source, default_topic=path.stem.replace("-", " ").replace("_", " "))


def parse_text(text: str, source: str, default_topic: str = "") -> list:
    lines = [_expand_indent(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    cards = []
    topic = default_topic
    fence = None
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
        heading = HEADING.match(line)
        if heading:
            topic = heading.group("text").strip()
            continue
        admonition = ADMONITION.match(line)
        if not admonition or not admonition.group("types"):
            continue
        kind = admonition.group("types").split()[0].lower()
        if kind not in CARD_TYPES:
            continue
        indent = len(admonition.group("indent")) + 4
        body = _body(lines, number + 1, indent)
        cards.append(_card(admonition, kind, body, topic, source, number + 1))
    return cards


def _expand_indent(line: str) -> str:
    """Leading tabs count as 4 spaces, as Python-Markdown reads them."""
    stripped = line.lstrip(" \t")
    return line[: len(line) - len(stripped)].expandtabs(4) + stripped


def _body(lines: list, start: int, indent: int) -> list:
    body = []
    for line in lines[start:]:
        if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
            break
        body.append(line[indent:] if line.strip() else "")
    while body and not body[-1]:
        body.pop()
    while body and not body[0]:
        body.pop(0)
    return body


def _card(admonition, kind, body, topic, source, line) -> Card:
    title = admonition.group("title")
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
                source=source, line=line, key_points=key_points(kept))


def stable_id(source: str, question: str) -> str:
    """From the file and the question only, so editing the answer keeps the review history."""
    normal = " ".join(question.split()).lower()
    return hashlib.sha1(f"{source}\n{normal}".encode()).hexdigest()[:12]


def key_points(body: list) -> list:
    """The bullets after a `**Key points**` line; else every top-level bullet of the answer."""
    points, after_marker, in_fence = [], False, False
    fallback = []
    for line in body:
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if KEY_POINTS.match(line.strip()):
            after_marker, points = True, []
            continue
        bullet = BULLET.match(line)
        if bullet and not line.startswith(" "):
            (points if after_marker else fallback).append(bullet.group("text").strip())
    return points if after_marker else fallback


_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")
_STOP = set("the a an and or of to in on for with by is are be as at it its this that from into than not no "
            "vs per via each both only more less".split())


def _terms(text: str) -> list:
    words = _WORD.findall(text.lower())
    terms = [w[:5] for w in words if (len(w) >= 3 or w.isdigit() or "\u4e00" <= w <= "\u9fff") and w not in _STOP]
    return terms


def covered(point: str, answer: str) -> bool:
    """A key point counts as covered when at least half of its content words appear in the answer."""
    terms = set(_terms(point))
    if not terms or not answer.strip():
        return False
    said = set(_terms(answer))
    return len(terms & said) * 2 >= len(terms)
