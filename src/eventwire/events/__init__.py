"""Event coding: predicate lexicon, clause analysis, and extraction into PLOVER/CAMEO events."""

__all__ = ["extract_events"]


def __getattr__(name: str):
    # Lazy, so that modules the extractor itself uses (quotes) can import events.clauses without a cycle.
    if name == "extract_events":
        from eventwire.events.extract import extract_events

        return extract_events
    raise AttributeError(name)
