"""Shared fixtures: the spaCy model and a pipeline, loaded once per test session; paths into ../shared."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED") or REPO.parent / "shared").resolve()
"""The shared test data (seed, suites, geo, articles, badinput): ``../shared`` beside the repository,
or the folder named by ``$EVENTWIRE_SHARED`` for a clone kept elsewhere."""
SEED = SHARED / "seed" / "000_c33082421bb197e9.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared test data folder beside the repo; its absence is a failure, not a skip."""
    assert SHARED.is_dir(), f"test data folder missing: {SHARED} (clone beside shared/, or set EVENTWIRE_SHARED)"
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp):
    from eventwire.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def seed_result(pipeline, shared):
    """The seed article coded once for all tests that check it."""
    from eventwire.pipeline import code_text

    return code_text(SEED.read_text(encoding="utf-8"), published="2009-03-03", pipeline=pipeline)


@pytest.fixture(scope="session", autouse=True)
def gazetteer_built():
    """Build the default gazetteer (if missing) before any test, quietly: a first build inside a CLI
    test would add its one-line notice to the stderr that test checks."""
    from eventwire.places.gazetteer import Gazetteer

    Gazetteer.open(progress=False).close()
