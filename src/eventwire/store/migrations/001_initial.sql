-- 001: the initial schema. One row per article, sentence, mention and event; ids are content hashes.
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    external_id VARCHAR,
    title VARCHAR,
    text VARCHAR,
    published DATE,
    source VARCHAR,
    url VARCHAR,
    origin VARCHAR,
    duplicate_of VARCHAR,
    story_id VARCHAR,
    n_sentences INTEGER,
    n_events INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR,
    idx INTEGER,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    name VARCHAR,
    country VARCHAR,
    sectors VARCHAR[],
    cameo_code VARCHAR,
    kind VARCHAR,
    confidence DOUBLE,
    sentence INTEGER,
    reason VARCHAR,
    PRIMARY KEY (article_id, "start", "end")
);

CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    name VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    country VARCHAR,
    admin1 VARCHAR,
    geonameid BIGINT,
    feature VARCHAR,
    confidence DOUBLE,
    sentence INTEGER,
    PRIMARY KEY (article_id, "start", "end")
);

CREATE TABLE IF NOT EXISTS dates (
    article_id VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    date_start DATE,
    date_end DATE,
    precision VARCHAR,
    confidence DOUBLE,
    sentence INTEGER,
    PRIMARY KEY (article_id, "start", "end")
);

CREATE TABLE IF NOT EXISTS quantities (
    article_id VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    value DOUBLE,
    unit VARCHAR,
    kind VARCHAR,
    confidence DOUBLE,
    sentence INTEGER,
    PRIMARY KEY (article_id, "start", "end", kind)
);

CREATE TABLE IF NOT EXISTS failures (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR,
    code VARCHAR,
    message VARCHAR,
    article_id VARCHAR,
    stage VARCHAR,
    created_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY,
    headline VARCHAR,
    article_ids VARCHAR[],
    num_articles INTEGER,
    num_sources INTEGER,
    first_seen DATE,
    last_seen DATE,
    digest JSON,
    event_ids VARCHAR[]
);
