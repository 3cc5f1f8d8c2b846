"""`drill lang`: show or save the language drill speaks."""

from typing import Annotated

import typer

from drill.cli.app import app

LangOption = Annotated[str | None, typer.Option(
    "--lang", help="en or zh (default: DRILL_LANG, else the one `drill lang` saved, else en).")]


@app.command("lang")
def lang_command(
    language: Annotated[str | None, typer.Argument(metavar="[en|zh]", help="Save this as your language.")] = None,
) -> None:
    """Show the language in use, or save en or zh as your default (DRILL_LANG and --lang still win)."""
    import os

    from drill import lang

    if language is not None:
        lang.save(language)
        print(f"saved {lang.resolve(language)} as your language")
        return
    source = ("from DRILL_LANG" if os.environ.get("DRILL_LANG") else
              "saved" if lang.saved() else "the default; `drill lang zh` saves Chinese")
    print(f"{lang.resolve()} ({source})")
