"""The project file's schema, one migration per version.

``MIGRATIONS[n]`` takes a file at version ``n - 1`` to version ``n``. A file's
version lives in ``PRAGMA user_version``; ``APPLICATION_ID`` marks the file as
ours, so a stranger's SQLite database is never migrated.
"""

from __future__ import annotations

APPLICATION_ID = 0x414E4E4F  # "ANNO"

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    report TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    batch_id TEXT REFERENCES batches(id),
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    text TEXT NOT NULL,
    length INTEGER NOT NULL CHECK (length = length(text)),
    raw BLOB,
    source_path TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{}',
    cleaning TEXT NOT NULL DEFAULT '[]',
    added_at TEXT NOT NULL
);
CREATE INDEX documents_batch ON documents(batch_id);
CREATE INDEX documents_title ON documents(title COLLATE NOCASE);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_text_frozen BEFORE UPDATE OF text ON documents BEGIN
    SELECT RAISE(ABORT, 'a document''s text never changes after import');
END;
CREATE TABLE segments (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    tokens BLOB NOT NULL,
    sentences BLOB NOT NULL,
    paragraphs BLOB NOT NULL,
    entities TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE document_signatures (
    -- MinHash signature of the text, so near-duplicate checks never re-read the corpus
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE codes (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES codes(id),
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    description TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL DEFAULT '#888888',
    shortcut TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT 'span' CHECK (scope IN ('span', 'document')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    exclusive INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX codes_parent ON codes(parent_id);
CREATE TABLE codebook_changes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    code_id TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE coders (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    color TEXT NOT NULL DEFAULT '#4477aa',
    role TEXT NOT NULL DEFAULT 'coder' CHECK (role IN ('coder', 'adjudicator'))
);
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders(id),
    code_id TEXT NOT NULL REFERENCES codes(id),
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL,
    quote TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'manual'
        CHECK (origin IN ('manual', 'suggestion', 'adjudicated', 'imported')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    derived_from TEXT NOT NULL DEFAULT '[]',
    link TEXT,
    CHECK ("end" > start)
);
CREATE INDEX annotations_doc_coder ON annotations(document_id, coder_id);
CREATE INDEX annotations_coder ON annotations(coder_id);
CREATE INDEX annotations_code ON annotations(code_id);
CREATE TRIGGER annotations_in_text_ins BEFORE INSERT ON annotations
WHEN new."end" > (SELECT length FROM documents WHERE id = new.document_id) BEGIN
    SELECT RAISE(ABORT, 'annotation end is past the end of the document text');
END;
CREATE TRIGGER annotations_in_text_upd BEFORE UPDATE OF start, "end" ON annotations
WHEN new."end" > (SELECT length FROM documents WHERE id = new.document_id) BEGIN
    SELECT RAISE(ABORT, 'annotation end is past the end of the document text');
END;
CREATE TABLE document_codes (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders(id),
    code_id TEXT NOT NULL REFERENCES codes(id),
    value TEXT NOT NULL DEFAULT '1',
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, coder_id, code_id)
);
CREATE TABLE assignments (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders(id),
    status TEXT NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'in_progress', 'done')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_id, coder_id)
);
CREATE INDEX assignments_coder ON assignments(coder_id, status);
CREATE TABLE suggestions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    model TEXT NOT NULL DEFAULT '',
    CHECK ("end" > start)
);
CREATE INDEX suggestions_doc ON suggestions(document_id);
CREATE TABLE merges (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    coder_id TEXT,
    package TEXT NOT NULL,
    report TEXT NOT NULL DEFAULT '{}'
);

-- Analysis views: ordinary SQL for sqlite3, Datasette, pandas or R.
CREATE VIEW code_paths AS
WITH RECURSIVE p(id, path, depth) AS (
    SELECT id, name, 0 FROM codes WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, p.path || '/' || c.name, p.depth + 1 FROM codes c JOIN p ON c.parent_id = p.id
)
SELECT id AS code_id, path AS code_path, depth FROM p;
CREATE VIEW coded_spans AS
SELECT a.id AS annotation_id,
       a.document_id, d.title AS document_title, d.outlet, d.published,
       a.coder_id, k.name AS coder_name,
       a.code_id, c.name AS code_name, cp.code_path,
       a.start, a."end", a.quote, a.note, a.origin, a.created_at, a.updated_at
FROM annotations a
JOIN documents d ON d.id = a.document_id
JOIN coders k ON k.id = a.coder_id
JOIN codes c ON c.id = a.code_id
LEFT JOIN code_paths cp ON cp.code_id = a.code_id
WHERE a.deleted = 0;
CREATE VIEW coded_documents AS
SELECT dc.document_id, d.title AS document_title, dc.coder_id, k.name AS coder_name,
       dc.code_id, cp.code_path, dc.value, dc.note, dc.updated_at
FROM document_codes dc
JOIN documents d ON d.id = dc.document_id
JOIN coders k ON k.id = dc.coder_id
LEFT JOIN code_paths cp ON cp.code_id = dc.code_id
WHERE dc.deleted = 0;
"""

# The document list reads its order once per filter and sort
# (DocumentsRepo.ordered_keys). An index per sortable column, holding the id
# that the join to a coder's assignments needs, lets SQLite walk the index
# instead of reading every article's row, text and all, to sort a large project.
_V2 = """
DROP INDEX documents_title;
CREATE INDEX documents_title ON documents(title COLLATE NOCASE, id);
CREATE INDEX documents_outlet ON documents(outlet COLLATE NOCASE, id);
CREATE INDEX documents_published ON documents(published, id);
CREATE INDEX documents_length ON documents(length, id);
"""

# Schema 3: the level of measurement of a variable (issue 17), so the window and
# the command line compute the same alpha for it.
_V3_MEASUREMENT_LEVEL = """
ALTER TABLE codes ADD COLUMN level TEXT NOT NULL DEFAULT 'nominal'
    CHECK (level IN ('nominal', 'ordinal', 'interval', 'ratio'));
"""

# Schema 4, a model coder (issue 16): coders of role 'model', annotations of origin
# 'model' carrying the model's id and version, and the trained models
# themselves. SQLite cannot alter a CHECK constraint; widening one is the
# schema edit its documentation allows through writable_schema (no stored row
# changes meaning), and RESET reloads the schema before the ALTER below parses it.
_V4_MODEL_CODER = """
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(sql, 'CHECK (role IN (''coder'', ''adjudicator''))',
                  'CHECK (role IN (''coder'', ''adjudicator'', ''model''))')
WHERE type = 'table' AND name = 'coders';
UPDATE sqlite_master
SET sql = replace(sql, 'CHECK (origin IN (''manual'', ''suggestion'', ''adjudicated'', ''imported''))',
                  'CHECK (origin IN (''manual'', ''suggestion'', ''adjudicated'', ''imported'', ''model''))')
WHERE type = 'table' AND name = 'annotations';
PRAGMA writable_schema = RESET;
ALTER TABLE annotations ADD COLUMN model TEXT NOT NULL DEFAULT '';
CREATE TABLE models (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    version INTEGER NOT NULL CHECK (version >= 1),
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    provenance TEXT NOT NULL DEFAULT '{}',
    size INTEGER NOT NULL CHECK (size = length(bytes)),
    bytes BLOB NOT NULL,
    UNIQUE (name, version)
);
"""

# Training and certification rounds, the record of each assignment draw, and
# hidden reliability checks (issue 18). Self-contained, so it can take any
# version number: it only adds tables and one nullable column.
_TRAINING_AND_DRAWS = """
CREATE TABLE assignment_draws (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('all', 'reliability_sample', 'hidden_checks')),
    seed INTEGER,
    population INTEGER NOT NULL CHECK (population >= 0),
    sample_size INTEGER NOT NULL CHECK (sample_size >= 0),
    percent REAL,
    stratify TEXT NOT NULL DEFAULT '',
    coders TEXT NOT NULL DEFAULT '[]',
    divided_rest INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE hidden_checks (
    -- which double-coded documents were slipped into the coders' queues: the
    -- lead's project only, never a coder's package
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    draw_id INTEGER REFERENCES assignment_draws(id)
);
ALTER TABLE assignments ADD COLUMN queue_position INTEGER;
CREATE TABLE training_rounds (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    created_at TEXT NOT NULL,
    threshold REAL NOT NULL CHECK (threshold > -1 AND threshold <= 1),
    unit TEXT NOT NULL DEFAULT 'document',
    variables TEXT NOT NULL DEFAULT '[]',
    gold_coder_id TEXT NOT NULL REFERENCES coders(id)
);
CREATE TABLE training_documents (
    round_id TEXT NOT NULL REFERENCES training_rounds(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, document_id)
);
CREATE TABLE training_coders (
    round_id TEXT NOT NULL REFERENCES training_rounds(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders(id),
    PRIMARY KEY (round_id, coder_id)
);
CREATE TABLE training_results (
    -- each scoring of a coder against gold, kept: the certification history
    id INTEGER PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES training_rounds(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders(id),
    scored_at TEXT NOT NULL,
    variable TEXT NOT NULL,
    alpha REAL,
    agreement REAL,
    f1 REAL,
    units INTEGER NOT NULL DEFAULT 0,
    passed INTEGER NOT NULL CHECK (passed IN (0, 1))
);
CREATE INDEX training_results_round ON training_results(round_id, coder_id);
"""

# The codebook version each coding was made under (issue 18, item 4). Codings
# already in a file stay NULL, "made before versions were recorded": the
# codebook may have changed since they were made, and stamping them with
# today's version would claim what nobody recorded.
_CODING_CODEBOOK_VERSION = """
ALTER TABLE annotations ADD COLUMN codebook_version INTEGER;
ALTER TABLE document_codes ADD COLUMN codebook_version INTEGER;
"""

# Whether a training round's articles were slipped among the coders' other
# articles (hidden) or put first in their queue. Rounds made before this was
# recorded stay NULL: the queue positions cannot tell it once later rounds
# and assignments have reordered the queue.
_TRAINING_PLACEMENT = """
ALTER TABLE training_rounds ADD COLUMN hidden INTEGER CHECK (hidden IN (0, 1));
"""

MIGRATIONS: dict[int, str] = {
    1: _V1,
    2: _V2,
    3: _V3_MEASUREMENT_LEVEL,
    4: _V4_MODEL_CODER,
    5: _TRAINING_AND_DRAWS,
    6: _CODING_CODEBOOK_VERSION,
    7: _TRAINING_PLACEMENT,
}
SCHEMA_VERSION = max(MIGRATIONS)
