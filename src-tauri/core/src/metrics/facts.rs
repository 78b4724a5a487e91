//! What the metrics read of a ticket, kept small: a workspace holds one `TicketFacts` (and one
//! `Judged`) per ticket of the window it measures, a million on a large workspace, and the time to
//! load and judge them is mostly the time to touch their memory. Optional moments and label
//! indexes therefore take the width of their value (`OptSecs`, `OptIndex`), not that of an
//! `Option`, and the few status histories are boxed slices.

use std::fmt;

/// What the metrics need of a ticket. Times are local wall-clock seconds as stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TicketFacts {
    pub id: i64,
    pub service_id: i64,
    pub opened: i64,
    pub first_response: OptSecs,
    pub resolved: OptSecs,
    /// First assignment and closing (the process measure's milestones).
    pub first_assigned: OptSecs,
    pub closed: OptSecs,
    /// Priority, category, assignment group and assignee as indexes into `MetricsInput::labels`.
    pub priority: OptIndex,
    pub category: OptIndex,
    pub group: OptIndex,
    pub assignee: OptIndex,
    pub reassignment_count: u32,
    pub reopen_count: u32,
    /// False when the source carries no first responses: response is not measured.
    pub response_tracked: bool,
    /// State changes (local seconds, state as an index into `labels`), oldest first; empty
    /// when the source has no status history.
    pub history: Box<[(i64, u32)]>,
}

/// An optional moment in local seconds, in the width of an `i64` (`i64::MIN` stands for none; a
/// moment given as `i64::MIN` is kept as the next second, 292 billion years before ours).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct OptSecs(i64);

impl OptSecs {
    pub const NONE: OptSecs = OptSecs(i64::MIN);

    pub const fn new(v: Option<i64>) -> Self {
        match v {
            Some(x) if x == i64::MIN => OptSecs(i64::MIN + 1),
            Some(x) => OptSecs(x),
            None => Self::NONE,
        }
    }

    pub const fn get(self) -> Option<i64> {
        if self.0 == i64::MIN {
            None
        } else {
            Some(self.0)
        }
    }

    pub const fn is_some(self) -> bool {
        self.0 != i64::MIN
    }

    pub const fn is_none(self) -> bool {
        self.0 == i64::MIN
    }
}

impl Default for OptSecs {
    fn default() -> Self {
        Self::NONE
    }
}

impl From<Option<i64>> for OptSecs {
    fn from(v: Option<i64>) -> Self {
        Self::new(v)
    }
}

impl fmt::Debug for OptSecs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// An optional index into the labels, in the width of a `u32` (`u32::MAX` stands for none: no
/// workspace has four billion distinct labels).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OptIndex(u32);

impl OptIndex {
    pub const NONE: OptIndex = OptIndex(u32::MAX);

    pub const fn new(v: Option<u32>) -> Self {
        match v {
            Some(i) if i != u32::MAX => OptIndex(i),
            _ => Self::NONE,
        }
    }

    pub const fn get(self) -> Option<u32> {
        if self.0 == u32::MAX {
            None
        } else {
            Some(self.0)
        }
    }

    pub const fn is_none(self) -> bool {
        self.0 == u32::MAX
    }

    /// The label this index names in `labels` (`None`: no value).
    pub fn name_in(self, labels: &[String]) -> Option<&str> {
        labels.get(self.get()? as usize).map(String::as_str)
    }
}

impl Default for OptIndex {
    fn default() -> Self {
        Self::NONE
    }
}

impl From<Option<u32>> for OptIndex {
    fn from(v: Option<u32>) -> Self {
        Self::new(v)
    }
}

impl fmt::Debug for OptIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// A count as the facts keep it: counts are never negative (the import refuses them), and one
/// beyond `u32::MAX` is kept as `u32::MAX`.
pub fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_options_give_back_what_they_were_given() {
        for v in [
            None,
            Some(0),
            Some(-1),
            Some(1),
            Some(i64::MAX),
            Some(i64::MIN + 1),
        ] {
            assert_eq!(OptSecs::new(v).get(), v);
            assert_eq!(OptSecs::from(v).is_some(), v.is_some());
            assert_eq!(format!("{:?}", OptSecs::new(v)), format!("{v:?}"));
        }
        assert_eq!(OptSecs::new(Some(i64::MIN)).get(), Some(i64::MIN + 1));
        assert_eq!(OptSecs::default().get(), None);
        for v in [None, Some(0), Some(7), Some(u32::MAX - 1)] {
            assert_eq!(OptIndex::new(v).get(), v);
            assert_eq!(format!("{:?}", OptIndex::from(v)), format!("{v:?}"));
        }
        assert_eq!(OptIndex::default().get(), None);
        let counts = [(0, 0), (5, 5), (-3, 0), (i64::from(u32::MAX) + 9, u32::MAX)];
        for (n, want) in counts {
            assert_eq!(count(n), want, "{n}");
        }
    }

    #[test]
    fn a_ticket_takes_at_most_104_bytes() {
        // Was 192 with `Option`s, an `Arc<str>` priority and a `Vec` history.
        assert!(std::mem::size_of::<TicketFacts>() <= 104);
    }
}
