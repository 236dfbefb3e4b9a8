-- The governance store: guideline versions, API keys, content items with their immutable
-- revisions, and the append-only audit trail. Portable SQL: the same file runs on SQLite and
-- PostgreSQL (text ids made by the application, times as epoch milliseconds, flags as 0/1).

CREATE TABLE api_keys (
    key_id      VARCHAR(32)  PRIMARY KEY,   -- the public part of a key (q4g_<key_id>_<secret>)
    name        VARCHAR(200) NOT NULL,      -- the person or service; four-eyes compares names
    role        VARCHAR(20)  NOT NULL,      -- author | reviewer | admin
    secret_hash VARCHAR(64)  NOT NULL,      -- hex SHA-256 of the secret part; the key itself is never stored
    created_at  BIGINT       NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE guidelines (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    version     VARCHAR(100) NOT NULL,
    yaml        TEXT         NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    uploaded_by VARCHAR(200) NOT NULL,
    uploaded_at BIGINT       NOT NULL,
    CONSTRAINT guidelines_name_version UNIQUE (name, version)
);

-- Single-row settings (the active guideline): one row per name, so activation is one UPDATE.
CREATE TABLE settings (
    name  VARCHAR(100) PRIMARY KEY,
    value VARCHAR(200)
);
INSERT INTO settings (name, value) VALUES ('active_guideline', NULL);

CREATE TABLE content_items (
    id               VARCHAR(40)  PRIMARY KEY,
    title            VARCHAR(500),
    channel          VARCHAR(100) NOT NULL,
    author           VARCHAR(200) NOT NULL,
    state            VARCHAR(30)  NOT NULL,
    current_revision INTEGER      NOT NULL,
    version          BIGINT       NOT NULL,  -- optimistic lock: every change is UPDATE ... WHERE version = ?
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL
);
CREATE INDEX content_items_state ON content_items (state, updated_at);
CREATE INDEX content_items_author ON content_items (author);

CREATE TABLE content_revisions (
    item_id           VARCHAR(40)  NOT NULL REFERENCES content_items (id),
    revision          INTEGER      NOT NULL,
    text              TEXT         NOT NULL,
    prompt            TEXT,
    model_file        VARCHAR(1000),
    model_sha256      VARCHAR(64),
    settings          TEXT,                     -- JSON: sampling settings of a generated text
    guideline_id      VARCHAR(40)  NOT NULL REFERENCES guidelines (id),
    verdict           TEXT         NOT NULL,    -- JSON
    score             INTEGER      NOT NULL,
    passed            INTEGER      NOT NULL,
    blocked           INTEGER      NOT NULL,
    author            VARCHAR(200) NOT NULL,
    created_at        BIGINT       NOT NULL,
    CONSTRAINT content_revisions_pk PRIMARY KEY (item_id, revision)
);

CREATE TABLE audit_events (
    item_id    VARCHAR(40)  NOT NULL REFERENCES content_items (id),
    seq        INTEGER      NOT NULL,           -- 1, 2, 3... per item
    at         BIGINT       NOT NULL,
    actor      VARCHAR(200) NOT NULL,
    actor_role VARCHAR(20)  NOT NULL,
    action     VARCHAR(30)  NOT NULL,
    from_state VARCHAR(30),
    to_state   VARCHAR(30)  NOT NULL,
    revision   INTEGER      NOT NULL,
    comment    TEXT,
    verdict    TEXT         NOT NULL,           -- the verdict of the revision at that moment (JSON)
    prev_hash  VARCHAR(64),
    hash       VARCHAR(64)  NOT NULL,           -- SHA-256 over prev_hash and this event: a hash chain per item
    CONSTRAINT audit_events_pk PRIMARY KEY (item_id, seq)
);
CREATE INDEX audit_events_at ON audit_events (at);
