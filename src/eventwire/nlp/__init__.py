"""spaCy loading, sentence split and parse, with a cheap candidate pre-filter."""

from .model import NLP, load_model, sentence_of

__all__ = ["NLP", "load_model", "sentence_of"]
