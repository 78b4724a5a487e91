//! Tests for issue 11 (process_store).
