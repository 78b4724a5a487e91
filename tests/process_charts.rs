//! Tests for issue 11 (process_charts).
