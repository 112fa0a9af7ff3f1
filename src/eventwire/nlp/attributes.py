"""spaCy's attribute ruler and lemmatizer, memoised: the same annotations at a fraction of the cost.

In en_core_web_sm the ``attribute_ruler`` (tag → POS/morphology, plus word exceptions) and the rule
``lemmatizer`` together take about a quarter of the pipeline's time: the ruler runs a Matcher of ~180 patterns
over every token and the lemmatizer is a Python loop over every token. Yet for all but a handful of patterns the
result for a token is a pure function of its own word, tag and dependency label:

- single-token ruler patterns test only the token's TAG, LOWER, DEP and IS_SPACE (all given by ORTH, TAG, DEP;
  and of DEP only a few labels are tested, so every other label is one key);
- the rule lemmatizer reads only the token's text, POS and morphology (set by the ruler).

So ``MemoAttributes`` keeps a table (ORTH, TAG, DEP) → (POS, MORPH, LEMMA, and TAG/DEP where the ruler changes
them: white space) and answers a doc with one array
lookup per token. Unseen rows are learnt by running the real ruler and lemmatizer over a scratch doc of just those
words (one token each, their tag and dependency set). The few multi-token patterns ("gon na", "let 's",
expletive "there is" …) are found by a small Matcher holding only them; a token inside such a match is keyed by
the match too, learnt from the real components run over its own doc. The output is identical to the two
components (tested on real text); the table is bounded (``max_entries``), and past it unseen words simply take
the slow way.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

_KEY = [ORTH, TAG, DEP]
_OUT = [POS, MORPH, LEMMA]


class MemoAttributes:
    """Pipeline component replacing ``attribute_ruler`` + ``lemmatizer`` with a memo table (same output)."""

    def __init__(self, ruler: Any, lemmatizer: Any, max_entries: int = 400_000) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.max_entries = max_entries
        # key row → (POS, MORPH, LEMMA, new TAG or 0, new DEP or 0): the ruler re-tags white space ("_SP") and
        # relabels its dependency, so TAG and DEP are outputs too, kept only when the ruler changed them
        self.table: dict[tuple[int, ...], tuple[int, int, int, int, int]] = {}
        self.multi = Matcher(ruler.vocab, validate=False)
        for i, pattern in enumerate(ruler.patterns):
            multi = [p for p in pattern["patterns"] if len(p) > 1]
            if multi:
                self.multi.add(f"multi{i}", multi)
        self.deps = _tested_deps(ruler)
        # an untested dependency label is keyed as this one label (not as "", which patterns do test)
        self.other_dep = ruler.vocab.strings.add("eventwire_untested_dep")
        self.hits = self.misses = 0

    def _keys(self, doc: Doc) -> list[tuple[int, ...]]:
        rows = doc.to_array(_KEY)
        if self.deps is not None:  # dependency labels no pattern tests are one key: fewer distinct rows
            rows[~numpy.isin(rows[:, 2], self.deps), 2] = self.other_dep
        keys: list[tuple[int, ...]] = [tuple(k) for k in rows.tolist()]
        if len(self.multi):
            # a token inside a multi-token exception is keyed by that match too ("is" after expletive "there")
            for match_id, start, end in self.multi(doc):
                for i in range(start, end):
                    keys[i] = keys[i] + (match_id, i - start)
        return keys

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = self._keys(doc)
        table = self.table
        found = [table.get(k) for k in keys]
        if None in found:
            self.misses += 1
            missing = [k for k, f in zip(keys, found, strict=True) if f is None]
            if any(len(k) > 3 for k in missing):  # an unseen exception: the real components, then memoise
                return self._run_and_remember(doc, keys)
            self._learn(missing)
            found = [table.get(k) for k in keys]
            if None in found:  # not memoisable (table full, or an exception matched among the new words)
                return self.lemmatizer(self.ruler(doc))  # type: ignore[no-any-return]
        else:
            self.hits += 1
        out = numpy.array(found, dtype="uint64")
        doc.from_array(_OUT, out[:, :3])  # type: ignore[arg-type]
        for i in numpy.flatnonzero(out[:, 3] | out[:, 4]).tolist():  # white space re-tagged by the ruler
            if out[i, 3]:
                doc[i].tag = int(out[i, 3])
            if out[i, 4]:
                doc[i].dep = int(out[i, 4])
        return doc

    def _run_and_remember(self, doc: Doc, keys: list[tuple[int, ...]]) -> Doc:
        before = doc.to_array([TAG, DEP])
        doc = self.lemmatizer(self.ruler(doc))
        self._remember(keys, before, doc.to_array(_OUT + [TAG, DEP]))
        return doc

    def _learn(self, rows: list[tuple[int, ...]]) -> None:
        """Run the real components over the unseen (word, tag, dependency) rows, one token each, in a scratch
        doc; tokens that a multi-token exception matches there (a chance neighbour) are not memoised."""
        rows = list(dict.fromkeys(rows))
        strings = self.ruler.vocab.strings
        scratch = Doc(self.ruler.vocab, words=[strings[r[0]] for r in rows], spaces=[True] * len(rows))
        scratch.from_array([TAG, DEP], numpy.array([r[1:3] for r in rows], dtype="uint64"))  # type: ignore[arg-type]
        skip = {i for _, start, end in self.multi(scratch) for i in range(start, end)}
        keep = [i for i in range(len(rows)) if i not in skip]
        before = scratch.to_array([TAG, DEP])
        scratch = self.lemmatizer(self.ruler(scratch))
        after = scratch.to_array(_OUT + [TAG, DEP])
        self._remember([rows[i] for i in keep], before[keep], after[keep])

    def _remember(self, rows: list[tuple[int, ...]], before: Any, after: Any) -> None:
        room = self.max_entries - len(self.table)
        changed = numpy.where(after[:, 3:] != before, after[:, 3:], 0)
        for row, out, new in list(zip(rows, after[:, :3].tolist(), changed.tolist(), strict=True))[: max(room, 0)]:
            self.table[row] = (out[0], out[1], out[2], new[0], new[1])

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


def _tested_deps(ruler: Any) -> Any:
    """Hashes of the dependency labels that single-token ruler patterns test (a value, an ``IN`` or a ``NOT_IN``
    list), or None when some pattern tests DEP another way (then the full label stays in the key)."""
    strings = ruler.vocab.strings
    labels: set[int] = set()
    for pattern in ruler.patterns:
        for tokens in pattern["patterns"]:
            for tok in tokens:
                value = tok.get("DEP") if isinstance(tok, dict) else None
                if value is None:
                    continue
                if isinstance(value, str):
                    labels.add(strings.add(value))
                elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
                    labels.update(strings.add(v) for values in value.values() for v in values)
                else:
                    return None
    return numpy.array(sorted(labels), dtype="uint64")


@Language.factory("eventwire_memo_attributes")
def make_memo_attributes(nlp: Language, name: str) -> MemoAttributes:
    return MemoAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def install(nlp: Language) -> Language:
    """Swap the model's ``attribute_ruler`` and ``lemmatizer`` for one memoised component (both kept, disabled:
    the memo calls them on a miss). A model without them is returned unchanged."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names or "eventwire_memo_attributes" in names:
        return nlp
    nlp.add_pipe("eventwire_memo_attributes", after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return nlp
