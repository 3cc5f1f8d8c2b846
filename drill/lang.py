"""Which language drill speaks: `--lang`, else DRILL_LANG, else the saved preference, else English.

The Chinese edition lives beside the English one: a spec's `zh:` block (title, prompt, hints) and
docs/notes/zh/*.md, whose cards carry the id of their English twin so both share one history.
"""

import dataclasses
import json
import os

from drill import paths
from drill.errors import UsageError

LANGUAGES = ("en", "zh")
DEFAULT = "en"


def _settings_file():
    return paths.home() / "settings.json"


def _check(value: str, where: str) -> str:
    lang = value.strip().lower()
    if lang not in LANGUAGES:
        raise UsageError(f"{where}: unknown language {value!r}. Use one of {', '.join(LANGUAGES)} "
                         "(en is English, zh is Chinese).")
    return lang


def saved() -> str | None:
    try:
        data = json.loads(_settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("lang") if isinstance(data, dict) else None
    return value if value in LANGUAGES else None


def save(lang: str) -> None:
    """Remember `lang` as the default for later commands (other settings in the file are kept)."""
    lang = _check(lang, "drill lang")
    file = _settings_file()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        data = {}
    data["lang"] = lang
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(file)


def resolve(option: str | None = None) -> str:
    """The language for this command: the option, then DRILL_LANG, then the saved preference."""
    if option:
        return _check(option, "--lang")
    env = os.environ.get("DRILL_LANG")
    if env:
        return _check(env, "DRILL_LANG")
    return saved() or DEFAULT


def notes_paths(lang: str) -> list:
    """What to load for drill's own notes in that language: the zh/ folder, or the English files beside it.

    Never the folder itself for English: loading it would pull in zh/ as well, every card twice.
    """
    if lang == "zh":
        return [notes_dir(lang)]
    return sorted(paths.BUILTIN_NOTES.glob("*.md"))


def notes_dir(lang: str):
    """Drill's own notes in that language (the Chinese edition is the zh/ folder beside the English)."""
    return paths.BUILTIN_NOTES / "zh" if lang == "zh" else paths.BUILTIN_NOTES


def localized(spec, lang: str):
    """The spec as a reader of `lang` sees it: title, prompt, recall prompt and hints in that language.

    Code, signature and identifiers never change; a spec without that language's block stays English.
    """
    block = spec.zh if lang == "zh" else None
    if block is None:
        return spec
    return dataclasses.replace(spec, title=block.title, prompt=block.prompt,
                               recall_prompt=block.recall_prompt or spec.recall_prompt,
                               hints=block.hints or spec.hints)
