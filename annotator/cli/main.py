"""The ``annotator`` command. Each command is a thin call into one service."""

from __future__ import annotations

import importlib

import click

from annotator import __version__
from annotator.cli.errors import FriendlyGroup

# Command modules register themselves on ``cli``; the list is the order of
# ``annotator --help``. A module not there yet is skipped.
COMMAND_MODULES = (
    "annotator.cli.project_cmds",
    "annotator.cli.import_cmds",
    "annotator.cli.workflow_cmds",
    "annotator.cli.agreement_cmds",
    "annotator.cli.exchange_cmds",
    "annotator.cli.suggest_cmds",
    "annotator.cli.app_cmds",
)


@click.group(cls=FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="annotator", message="%(prog)s %(version)s")
def cli() -> None:
    """Annotator: code news articles for framing and sourcing, compare coders and
    report inter-coder reliability. One SQLite project file holds everything."""


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(cli)


_register()


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="annotator", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
