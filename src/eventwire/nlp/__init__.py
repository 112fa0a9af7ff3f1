"""spaCy loading, sentence split and parse, with a cheap candidate pre-filter."""

from .model import NLP, ParseStats, load_model, sentence_of
from .prefilter import CandidateFilter, default_filter, lemma_lookups, rough_sentences

__all__ = ["NLP", "CandidateFilter", "ParseStats", "default_filter", "lemma_lookups", "load_model",
           "rough_sentences", "sentence_of"]
