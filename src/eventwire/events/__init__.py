"""Event coding: predicate lexicon, clause analysis, and extraction into PLOVER/CAMEO events."""
from eventwire.events.extract import extract_events

__all__ = ["extract_events"]
