"""spaCy in a second process, so that an import reads, screens and stores
articles on one core while the other tokenizes them.

spaCy's own ``n_process`` sends every Doc back serialized, which for the blank
pipeline costs more than tokenizing it. This child sends back only the token
columns and entities a segmentation is made from (a few bytes a token); the
main process turns them into segmentations. Batches keep their order.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from annotator.core.errors import IngestError
from annotator.nlp.segment import doc_columns, doc_entities

# How long the main process waits for a batch before it checks that the child still lives.
_POLL_SECONDS = 1.0
Columns = tuple[Any, list[tuple[int, int, str]]]


def available() -> bool:
    """Whether a second process can start without loading spaCy again: only a
    forked child inherits the loaded pipeline (spawning would reload it, which
    takes longer than a batch of articles takes to tokenize)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _serve(nlp: Any, inbox: Any, outbox: Any) -> None:
    # Ctrl+C reaches the whole process group: the main process decides what stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (texts := inbox.get()) is not None:
        try:
            done = [(doc_columns(d), doc_entities(d)) for d in nlp.pipe(texts, batch_size=len(texts))]
        except Exception as exc:  # reported to the main process, which stops the import
            outbox.put(("error", f"{type(exc).__name__}: {exc}"))
            return
        outbox.put(("ok", done))


class SegmentingProcess:
    """A forked child running ``nlp`` over batches of texts sent with
    ``send``; ``receive`` returns each batch's columns in the order sent."""

    def __init__(self, nlp: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._inbox = context.Queue()
        self._outbox = context.Queue()
        self._process = context.Process(target=_serve, args=(nlp, self._inbox, self._outbox), daemon=True)
        with warnings.catch_warnings():
            # Python 3.12+ warns on forking a process with threads (the window's
            # worker thread); the child runs only spaCy and never touches them.
            warnings.simplefilter("ignore", DeprecationWarning)
            self._process.start()
        self.in_flight = 0

    def send(self, texts: Sequence[str]) -> None:
        self._inbox.put(list(texts))
        self.in_flight += 1

    def ready(self) -> bool:
        """Whether a batch is back (a hint: it may arrive just after saying no)."""
        return not self._outbox.empty()

    def receive(self) -> list[Columns]:
        while True:
            try:
                status, payload = self._outbox.get(timeout=_POLL_SECONDS)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    raise IngestError(
                        "The process running spaCy stopped unexpectedly "
                        f"(exit code {self._process.exitcode}); the articles stored so far are kept."
                    ) from None
        self.in_flight -= 1
        if status == "error":
            raise IngestError(f"spaCy failed on an article: {payload}.")
        done: list[Columns] = payload
        return done

    def close(self) -> None:
        if self.in_flight:  # stopped by an error: what the child still works on is not wanted
            self._process.terminate()
        elif self._process.is_alive():
            self._inbox.put(None)
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._inbox.close()
        self._outbox.close()

    def __enter__(self) -> SegmentingProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
