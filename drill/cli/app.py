"""The Typer application object that every command module registers on."""

import typer

app = typer.Typer(
    name="drill",
    help="Timed practice for the PyTorch code and concept questions of LLM interviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
