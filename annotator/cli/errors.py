"""Errors reach the terminal as one sentence and a non-zero exit, never a
traceback (set ANNOTATOR_DEBUG=1 to see one)."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from annotator.core.display_text import visible
from annotator.core.errors import AnnotatorError, Cancelled


class FriendlyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Cancelled as exc:  # the user's own Ctrl+C: what the task kept is in the sentence, not an error
            click.echo(visible(exc), err=True)
            _quiet_exit(130)
        except AnnotatorError as exc:
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            click.echo(f"Error: {visible(exc)}", err=True)
            _quiet_exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted; everything finished so far is saved.", err=True)
            sys.exit(130)
        except OSError as exc:
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            where = f" ({exc.filename})" if exc.filename else ""
            click.echo(visible(f"Error: {exc.strerror or exc}{where}."), err=True)
            _quiet_exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            click.echo(
                f"Error: an unexpected {type(exc).__name__} occurred: {visible(exc)} "
                "(run again with ANNOTATOR_DEBUG=1 for details).",
                err=True,
            )
            sys.exit(2)


def _quiet_exit(code: int) -> None:
    """Exit after the one sentence. What the failed operation left half built
    (a workbook writer that met a full disk) is collected on the way out, and
    its complaints ("Exception ignored in ...") would bury that sentence."""
    sys.unraisablehook = lambda _unraisable: None
    sys.exit(code)
