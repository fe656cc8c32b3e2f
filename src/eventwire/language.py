"""Language identification of input documents: eventwire codes English text only.

The identifier is py3langid (a maintained packaging of langid.py; Lui & Baldwin 2012, "langid.py: An
off-the-shelf language identification tool", ACL demo session), whose model ships inside the package.
"""
from __future__ import annotations

import functools
from typing import Any

# Only this much of a document is read to identify its language (the lead carries it).
SAMPLE_CHARS = 3000
# Fewer letters than this are too little evidence to call a text anything but English.
MIN_LETTERS = 20
# Normalised probability a non-English label needs before a document is refused.
MIN_CONFIDENCE = 0.8
LANGUAGE_NAMES = {"es": "Spanish", "ar": "Arabic", "zh": "Chinese", "fr": "French", "de": "German",
                  "pt": "Portuguese", "ru": "Russian", "it": "Italian", "tr": "Turkish", "fa": "Persian",
                  "uk": "Ukrainian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish",
                  "id": "Indonesian", "ur": "Urdu", "hi": "Hindi", "he": "Hebrew", "sw": "Swahili"}


# Labels that are English or English-lexified (py3langid codes): Nigerian Pidgin, Jamaican Patois, Tok
# Pisin, Bislama, Seychellois and Sierra Leone Krio, Sranan, Scots.
ENGLISH_LEXIFIED = {"en", "pcm", "jam", "tpi", "bi", "crs", "kri", "srn", "sco"}
# English's own probability above which a text is never refused ("Kenyan police arrested two men in
# Nairobi." is 45% English, 45% Nigerian Pidgin).
MIN_ENGLISH = 0.05


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """The language of ``text`` as (ISO 639-1 code, normalised probability 0..1), from its first
    ``SAMPLE_CHARS`` characters. All-capitals text (wire copy) is read in lower case. Texts with fewer
    than ``MIN_LETTERS`` letters are reported as ("en", 0.0): too short to tell."""
    sample = _sample(text)
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "en", 0.0
    code, probability = _identifier().classify(sample)
    return code, float(probability)


def _sample(text: str) -> str:
    """The lead of ``text`` that identifies its language; all-capitals wire copy in lower case."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) > 0.6 * len(letters):
        sample = sample.lower()
    return sample


def english_probability(text: str) -> float:
    """Normalised probability (0..1) that the first ``SAMPLE_CHARS`` characters of ``text`` are English."""
    return next((float(p) for code, p in _identifier().rank(_sample(text)) if code == "en"), 0.0)


def non_english_reason(text: str) -> str | None:
    """A one-line reason to refuse ``text`` when it is confidently not English
    ("language looks like Spanish (es); eventwire codes English text only"), else None. English-lexified
    creoles and Scots (``ENGLISH_LEXIFIED``) count as English: on a short wire sentence full of African
    names the identifier often ranks Nigerian Pidgin first, and a text where English itself keeps
    ``MIN_ENGLISH`` of the probability is not refused either."""
    code, probability = identify_language(text)
    if code in ENGLISH_LEXIFIED or probability < MIN_CONFIDENCE:
        return None
    if english_probability(text) >= MIN_ENGLISH:
        return None
    name = LANGUAGE_NAMES.get(code, code)
    return f"language looks like {name} ({code}); eventwire codes English text only"
