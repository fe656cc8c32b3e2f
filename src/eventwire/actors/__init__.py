"""Actor recognition and CAMEO-style actor coding (country + sector), with data tables users can extend."""
from eventwire.actors.dictionary import ActorDictionary, DictionaryError, load_dictionary
from eventwire.actors.recognize import ActorIndex, extract_actors

__all__ = ["ActorDictionary", "ActorIndex", "DictionaryError", "extract_actors", "load_dictionary"]
