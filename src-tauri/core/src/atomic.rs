//! Writing an output file so that a crash, a full disk or a read-only folder never leaves a
//! partly written file in place of a good one: the bytes go to a temporary file in the same
//! directory, are flushed to disk, and only then renamed over the destination.

use crate::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (same-directory temp file, fsync, rename).
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".sqm-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| not_written(path, e))?;
    tmp.as_file_mut()
        .write_all(bytes)
        .map_err(|e| not_written(path, e))?;
    tmp.as_file().sync_all().map_err(|e| not_written(path, e))?;
    tmp.persist(path).map_err(|e| not_written(path, e.error))?;
    Ok(())
}

/// The system's words (no space left, read-only, …), and that the old file is still there: the
/// temporary file is removed when `tmp` drops.
fn not_written(path: &Path, e: std::io::Error) -> Error {
    Error::io(
        path,
        std::io::Error::new(
            e.kind(),
            format!("{e}; nothing was written, a file already there is unchanged"),
        ),
    )
}
