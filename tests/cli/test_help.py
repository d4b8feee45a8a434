"""The command line documents itself: every command and option has help text and
shows in ``--help``, and the README mentions every command and option. The
tree is walked, so a new command or option is checked without editing this file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from annotator.cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"

CommandPath = tuple[str, ...]


def walk(command: click.Command, path: CommandPath = ()) -> Iterator[tuple[CommandPath, click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, (*path, name))


ALL = list(walk(cli))
IDS = [" ".join(p) or "annotator" for p, _ in ALL]


def options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option)]


def long_names(option: click.Option) -> list[str]:
    """``--output`` for ``-o/--output``; both sides of ``--open/--no-open``."""
    return [o for o in (*option.opts, *option.secondary_opts) if o.startswith("--")]


def help_output(path: CommandPath) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="annotator", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("path", "command"), ALL, ids=IDS)
def test_every_command_and_option_has_help_text(path, command):
    name = " ".join(("annotator", *path))
    assert (command.help or "").strip(), f"`{name}` has no help text"
    for option in options(command):
        assert (option.help or "").strip(), f"option {'/'.join(option.opts)} of `{name}` has no help text"


@pytest.mark.parametrize(("path", "command"), ALL[1:], ids=IDS[1:])
def test_every_command_is_listed_in_its_parents_help(path, command):
    listing = help_output(path[:-1]).split("Commands:", 1)
    assert len(listing) == 2, f"`annotator {' '.join(path[:-1])} --help` lists no commands"
    # DefaultGroup marks its default command with a star
    assert re.search(rf"^  {re.escape(path[-1])}\*?(\s|$)", listing[1], re.M), (
        f"`annotator {' '.join(path)}` is missing from its parent's --help"
    )


@pytest.mark.parametrize(("path", "command"), ALL, ids=IDS)
def test_every_option_shows_in_the_commands_help(path, command):
    shown = help_output(path)
    for option in options(command):
        for name in option.opts:
            assert name in shown, f"{name} of `annotator {' '.join(path)}` is missing from its --help"


# --- the README ---------------------------------------------------------------------------
# A mention is "annotator" as a word followed by a command path, in prose, a code
# block or a table row; the options named after it, up to the next mention or
# the end of the line, belong to that command. "study.annotator" is a file name,
# not a mention.

MENTION = re.compile(r"(?<![\w./-])annotator(?=[\s`])")


def resolve(words: list[str]) -> CommandPath:
    """The command path the words start with, following a group's default
    command (``annotator agreement PROJECT`` runs ``agreement report``)."""
    command: click.Command = cli
    path: CommandPath = ()
    for word in words:
        if not isinstance(command, click.Group) or word not in command.commands:
            break
        command = command.commands[word]
        path = (*path, word)
    default = getattr(command, "default_cmd_name", None)
    if isinstance(command, click.Group) and default in command.commands:
        path = (*path, default)
    return path


def readme_mentions(text: str) -> dict[CommandPath, set[str]]:
    """{command path: the long option names written after its mentions}."""
    found: dict[CommandPath, set[str]] = {}
    for line in text.splitlines():
        mentions = list(MENTION.finditer(line))
        for i, mention in enumerate(mentions):
            end = mentions[i + 1].start() if i + 1 < len(mentions) else len(line)
            part = line[mention.end() : end]
            words = [w.strip("`'\"()[],.:;|") for w in part.split()]
            path = resolve(words)
            found.setdefault(path, set()).update(re.findall(r"--[a-z][a-z0-9-]*", part))
    return found


def readme_gaps(text: str) -> list[str]:
    found = readme_mentions(text)
    gaps = []
    for path, command in ALL:
        name = " ".join(("annotator", *path))
        mentioned = any(p[: len(path)] == path for p in found)
        if not mentioned:
            gaps.append(f"`{name}` is not mentioned")
            continue
        written = found.get(path, set())
        for option in options(command):
            names = long_names(option)
            if names and not written.intersection(names):
                gaps.append(f"{names[0]} of `{name}` is not mentioned after `{name}`")
    return gaps


def test_the_readme_reader_finds_commands_and_their_options():
    text = (
        "Run `annotator agreement study.annotator --unit sentence` and\n"
        "annotator agreement matrix m.csv --level ordinal; annotator codebook show x.annotator --no-descriptions\n"
        "| `annotator export` | `--format`, `-o/--output` |\n"
        "a file called study.annotator --batch is not a mention\n"
    )
    found = readme_mentions(text)
    assert found[("agreement", "report")] == {"--unit"}
    assert found[("agreement", "matrix")] == {"--level"}
    assert found[("codebook", "show")] == {"--no-descriptions"}
    assert found[("export",)] == {"--format", "--output"}
    assert set(found) == {("agreement", "report"), ("agreement", "matrix"), ("codebook", "show"), ("export",)}
    gaps = readme_gaps(text)
    assert "`annotator init` is not mentioned" in gaps
    assert (
        "--output of `annotator agreement report` is not mentioned after `annotator agreement report`" in gaps
    )
    assert not any("`annotator codebook`" in g or "`annotator codebook show`" in g for g in gaps)


def test_the_readme_mentions_every_command_and_option():
    gaps = readme_gaps(README.read_text(encoding="utf-8"))
    assert not gaps, "README.md does not document:\n" + "\n".join(gaps)
