//! True line numbers for a streamed CSV. `csv::Position::line()` cannot serve: a record's
//! position is where the reader stopped after the previous record — before blank lines and,
//! with CRLF line ends, before the LF — so its line falls behind the file's (Excel saves CRLF).
//! The reader below notes every CR and LF offset as the bytes stream past; a record's line is
//! then 1 + the LFs before its first byte of content.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::rc::Rc;

#[derive(Default)]
struct State {
    /// Offsets and bytes (CR or LF) not yet behind the last record asked about.
    ends: VecDeque<(u64, u8)>,
    /// LFs before the front of `ends`.
    lines_before: u64,
}

/// Shared with the reader; ask it in record order.
#[derive(Clone, Default)]
pub(super) struct Tracker(Rc<RefCell<State>>);

impl Tracker {
    /// The 1-based line of the record whose position is `byte`: line ends and blank lines
    /// right at `byte` belong before the record.
    pub(super) fn line_of(&self, byte: u64) -> u64 {
        let mut s = self.0.borrow_mut();
        while let Some(&(off, b)) = s.ends.front() {
            if off >= byte {
                break;
            }
            s.lines_before += u64::from(b == b'\n');
            s.ends.pop_front();
        }
        let mut extra = 0;
        for (pos, &(off, b)) in (byte..).zip(s.ends.iter()) {
            if off != pos {
                break;
            }
            extra += u64::from(b == b'\n');
        }
        s.lines_before + extra + 1
    }
}

/// A reader that notes where the line ends are.
pub(super) struct Counting<R> {
    inner: R,
    offset: u64,
    tracker: Tracker,
}

impl<R: Read> Counting<R> {
    pub(super) fn new(inner: R) -> (Self, Tracker) {
        let tracker = Tracker::default();
        (
            Counting {
                inner,
                offset: 0,
                tracker: tracker.clone(),
            },
            tracker,
        )
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut s = self.tracker.0.borrow_mut();
        for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
            s.ends.push_back((self.offset + i as u64, buf[i]));
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, expected line of each record after the header).
    #[test]
    fn lines_of_records() {
        let cases: &[(&str, &[u64])] = &[
            ("h\na\nb\n", &[2, 3]),
            ("h\r\na\r\nb\r\n", &[2, 3]),
            ("h\r\na\r\n\r\n\r\nb\r\n", &[2, 5]),
            ("h\n\na\n\n\nb", &[3, 6]),
            ("h\n\"x\ny\"\nb\n", &[2, 4]),
            ("h\r\n\"x\r\ny\"\r\nb\r\n", &[2, 4]),
        ];
        for (text, want) in cases {
            let (counting, tracker) = Counting::new(text.as_bytes());
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(std::io::BufReader::with_capacity(3, counting));
            let got: Vec<u64> = rdr
                .records()
                .map(|r| tracker.line_of(r.unwrap().position().unwrap().byte()))
                .collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }
}
