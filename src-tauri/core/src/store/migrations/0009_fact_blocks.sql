-- Fact blocks (store/blocks.rs): what the metrics read of every ticket, 4096 tickets by id to a
-- row, column by column in one encoded value. Derived from the tickets and their status
-- histories, written when first needed after they changed, and read only while `stamp` is the
-- stamp of the current data.
CREATE TABLE fact_blocks (
    block        INTEGER PRIMARY KEY,  -- ticket id >> 12
    tickets      INTEGER NOT NULL,
    min_opened   INTEGER NOT NULL,
    max_opened   INTEGER NOT NULL,
    max_resolved INTEGER,              -- NULL: none of the block's tickets is resolved
    data         BLOB NOT NULL
) STRICT;
CREATE TABLE fact_blocks_stamp (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp TEXT NOT NULL
) STRICT;
