"""Actors stage: dictionaries (package data + user overrides) and a resolver that turns mentions into CAMEO
and PLOVER actor codes (``RUSGOV``, ``---REB``, ``IMGMUSISI``) with character offsets.

    >>> from eventwire.actors import resolve
    >>> [(a.text, a.cameo_code) for a in resolve("Turkish troops shelled Kurdish militants.")]  # doctest: +SKIP
"""

from .kb import KnowledgeBase, default_kb
from .resolver import ActorResolver, resolve

__all__ = ["ActorResolver", "KnowledgeBase", "default_kb", "resolve"]
