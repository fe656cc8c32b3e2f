"""eventwire: news text in, evidence-linked event data out.

Public API::

    from eventwire import Pipeline, code_text
    result = code_text(open("story.txt").read(), published="2009-03-03")
    result.to_dict()["events"]
"""
from eventwire.records import DocumentResult

__all__ = ["Pipeline", "code_text", "DocumentResult"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy so that `import eventwire` stays cheap (no spaCy import) for the CLI's --help.
    if name in ("Pipeline", "code_text"):
        from eventwire import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
