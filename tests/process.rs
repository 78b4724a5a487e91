//! Tests for issue 11 (process).
