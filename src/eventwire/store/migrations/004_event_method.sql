-- 004: which coder named an event's code: 'pattern' (a trigger pattern) or 'fallback' (the exemplar
-- classifier for sentences with two actors and no pattern match). The writer always fills it; events stored
-- before this migration were not marked and stay NULL (unknown): a fallback event among them is recognisable
-- by its root-level code (e.g. '190') and a confidence below 0.4.
ALTER TABLE events ADD COLUMN IF NOT EXISTS method VARCHAR;
