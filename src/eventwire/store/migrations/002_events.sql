-- 002: events with the CONTRACT.md fields as columns (nested values as STRUCTs, so Parquet keeps their shape),
-- and one row per mention of a (possibly merged) event.
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    story_id VARCHAR,
    sentence VARCHAR,
    sentence_index INTEGER,
    evidence STRUCT("start" INTEGER, "end" INTEGER),
    "trigger" STRUCT("start" INTEGER, "end" INTEGER, text VARCHAR),
    source STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER, name VARCHAR, aliases VARCHAR[], country VARCHAR,
                  sectors VARCHAR[], cameo_code VARCHAR,
                  plover_actor STRUCT(country VARCHAR, "primary" VARCHAR, secondary VARCHAR),
                  kind VARCHAR, confidence DOUBLE),
    target STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER, name VARCHAR, aliases VARCHAR[], country VARCHAR,
                  sectors VARCHAR[], cameo_code VARCHAR,
                  plover_actor STRUCT(country VARCHAR, "primary" VARCHAR, secondary VARCHAR),
                  kind VARCHAR, confidence DOUBLE),
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    cameo_name VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    status VARCHAR,
    location STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER, name VARCHAR, lat DOUBLE, lon DOUBLE,
                    country VARCHAR, admin1 VARCHAR, geonameid BIGINT, feature VARCHAR, confidence DOUBLE),
    location_precision VARCHAR,
    date STRUCT("start" DATE, "end" DATE, precision VARCHAR, text VARCHAR),
    fatalities INTEGER,
    quantities STRUCT(value DOUBLE, unit VARCHAR, kind VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER)[],
    confidence DOUBLE,
    num_articles INTEGER DEFAULT 1,
    num_sources INTEGER DEFAULT 1,
    merged_into VARCHAR,          -- set on a mention-level duplicate of a story event; NULL on canonical events
    published DATE,
    outlet VARCHAR
);

CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR,
    article_id VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    outlet VARCHAR,
    PRIMARY KEY (event_id, article_id, evidence_start)
);
