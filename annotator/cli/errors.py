"""Errors reach the terminal as one sentence and a non-zero exit, never a
traceback (set ANNOTATOR_DEBUG=1 to see one)."""

from __future__ import annotations

import os
import sys

import click

from annotator.core.display_text import visible
from annotator.core.errors import AnnotatorError


class FriendlyGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            click.echo(f"Error: {visible(exc)}", err=True)
            sys.exit(1)
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
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            click.echo(
                f"Error: an unexpected {type(exc).__name__} occurred: {visible(exc)} "
                "(run again with ANNOTATOR_DEBUG=1 for details).",
                err=True,
            )
            sys.exit(2)
