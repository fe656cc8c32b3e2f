"""Places: the embedded gazetteer (``gazetteer``) and toponym recognition + resolution (``resolve``)."""
from eventwire.places.gazetteer import Candidate, Gazetteer, GazetteerError, build_gazetteer, fold

__all__ = ["Candidate", "Gazetteer", "GazetteerError", "build_gazetteer", "fold", "PlaceResolver"]


def __getattr__(name: str):
    if name == "PlaceResolver":
        from eventwire.places.resolve import PlaceResolver

        return PlaceResolver
    raise AttributeError(name)
