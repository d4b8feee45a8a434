"""The ``annotator`` command. Each command is a thin call into one service."""

from __future__ import annotations

import click

from annotator import __version__
from annotator.cli import (
    agreement_cmds,
    app_cmds,
    appendix_cmds,
    codebook_version_cmds,
    diagnose_cmds,
    exchange_cmds,
    import_cmds,
    model_cmds,
    project_cmds,
    suggest_cmds,
    training_cmds,
    workflow_cmds,
)
from annotator.cli.errors import FriendlyGroup

# Command modules register themselves on ``cli``.
COMMAND_MODULES = (
    project_cmds,
    codebook_version_cmds,
    import_cmds,
    workflow_cmds,
    training_cmds,
    agreement_cmds,
    diagnose_cmds,
    appendix_cmds,
    exchange_cmds,
    suggest_cmds,
    model_cmds,
    app_cmds,
)


@click.group(cls=FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="annotator", message="%(prog)s %(version)s")
def cli() -> None:
    """Annotator: code news articles for framing and sourcing, compare coders and
    report inter-coder reliability. One SQLite project file holds everything."""


for _module in COMMAND_MODULES:
    _module.register(cli)


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="annotator", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
