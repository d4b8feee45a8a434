"""Every command and option explains itself (a new command without help fails here)."""

from __future__ import annotations

import click
import pytest

from annotator.cli.main import cli


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


ALL = list(_commands(cli))


def test_the_command_line_has_the_documented_commands():
    names = {n for n, _ in ALL}
    for expected in ("init", "info", "codebook import", "codebook export", "codebook show", "coders add",
                     "coders list", "coders rename", "import", "batches", "nlp", "agreement", "agreement matrix",
                     "agreement export-matrix", "assign", "package", "merge", "compare", "adjudicate", "export",
                     "import-annotations", "suggest", "demo", "gui"):
        assert expected in names, expected


@pytest.mark.parametrize(("name", "command"), ALL, ids=[n for n, _ in ALL])
def test_every_command_and_option_has_help(name, command):
    assert (command.help or "").strip(), f"`annotator {name}` has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert (param.help or "").strip(), f"option {param.opts} of `annotator {name}` has no help text"
