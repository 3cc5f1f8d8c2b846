"""The Typer application object that every command module registers on."""

import typer

app = typer.Typer(
    name="drill",
    help="Timed practice for the PyTorch code and concept questions of LLM interviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"drill {version('drill')}")
        except PackageNotFoundError:  # run from a checkout without installing
            from drill import __version__

            print(f"drill {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    show_version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                      help="Print drill's version and exit."),
) -> None:
    """Timed practice for the PyTorch code and concept questions of LLM interviews."""
