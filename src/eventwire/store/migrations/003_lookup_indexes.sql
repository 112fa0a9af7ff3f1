-- 003: single-column lookup indexes for the API's detail pages. The primary keys of event_mentions and dates
-- start with these columns but DuckDB only uses an index for equality on all of its columns, so a lookup by
-- event (or article) scanned the whole table: 1.6 ms at 100k mentions against 0.5 ms with the index.
-- (events.story_id and articles.story_id are left without one: their rows arrive in story order and zone maps
-- already find them; an index there made the 40-row story read slower.)
CREATE INDEX IF NOT EXISTS event_mentions_event_id ON event_mentions (event_id);
CREATE INDEX IF NOT EXISTS dates_article_id ON dates (article_id);
