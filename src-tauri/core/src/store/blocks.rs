//! Fact blocks: a compact copy, column by column, of what the metrics read of every ticket (the
//! fields of `TicketFacts` and the status histories), 4096 tickets by id to a block. A window is
//! then read from a few hundred large values instead of row by row through the indexes (on a
//! million tickets: ~0.1 s instead of ~0.8 s for everything, and a quarter in a fraction).
//!
//! The blocks are derived data, like an index, and never edited: they are written from the
//! tickets table when first needed after the tickets changed, under the stamp of the data they
//! were built from (`stamp`, the data version). Every import adds an import run; new tickets
//! raise the highest id; removed ones (with their histories) are counted by a trigger; replaced
//! status histories come with an import run. Blocks whose stamp is not the data's are never read:
//! the next read takes the table and writes them again.

use super::tickets::Labels;
use crate::metrics::{count, window_holds, OptIndex, TicketFacts};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Tickets with the same `id >> BLOCK_BITS` share a block.
const BLOCK_BITS: u32 = 12;
/// Part of the stamp: blocks written in another encoding (an older `Block`) are rebuilt.
const FORMAT: i64 = 2;

/// One block's tickets in id order, a vector per field. Small numbers encode short (postcard's
/// variable-length integers), so ids and openings are differences from the ticket before and
/// the other moments are seconds after the opening.
#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
struct Block {
    /// The block's strings (priorities, categories, groups, assignees and states); the columns
    /// below hold 1 + their index, 0 for none.
    names: Vec<String>,
    id: Vec<i64>,
    service: Vec<i64>,
    opened: Vec<i64>,
    first_response: Vec<Option<i64>>,
    resolved: Vec<Option<i64>>,
    first_assigned: Vec<Option<i64>>,
    closed: Vec<Option<i64>>,
    reassignments: Vec<i64>,
    reopens: Vec<i64>,
    response_tracked: Vec<bool>,
    priority: Vec<u32>,
    category: Vec<u32>,
    group: Vec<u32>,
    assignee: Vec<u32>,
    /// The number of status changes of each ticket, then all of them in order: seconds after
    /// the opening and the state.
    history_len: Vec<u32>,
    history_at: Vec<i64>,
    history_state: Vec<u32>,
}

impl Block {
    /// `tickets` (in id order) with `names` the labels their indexes refer to.
    fn pack<'a>(tickets: &'a [TicketFacts], names: &'a [String]) -> Block {
        let mut b = Block::default();
        let mut local: rustc_hash::FxHashMap<&'a str, u32> = Default::default();
        let mut name = |b: &mut Block, s: Option<&'a str>| -> u32 {
            let Some(s) = s else { return 0 };
            *local.entry(s).or_insert_with(|| {
                b.names.push(s.to_string());
                b.names.len() as u32
            })
        };
        let label = |i: OptIndex| names.get(i.get()? as usize).map(String::as_str);
        // Differences wrap (as the sums in `unpack` do): any stored value round-trips.
        let (mut id, mut opened) = (0i64, 0i64);
        for t in tickets {
            let after = |x: i64| x.wrapping_sub(t.opened);
            b.id.push(t.id.wrapping_sub(id));
            b.opened.push(t.opened.wrapping_sub(opened));
            (id, opened) = (t.id, t.opened);
            b.service.push(t.service_id);
            b.first_response.push(t.first_response.get().map(after));
            b.resolved.push(t.resolved.get().map(after));
            b.first_assigned.push(t.first_assigned.get().map(after));
            b.closed.push(t.closed.get().map(after));
            b.reassignments.push(i64::from(t.reassignment_count));
            b.reopens.push(i64::from(t.reopen_count));
            b.response_tracked.push(t.response_tracked);
            let p = name(&mut b, label(t.priority));
            b.priority.push(p);
            let c = name(&mut b, label(t.category));
            b.category.push(c);
            let g = name(&mut b, label(t.group));
            b.group.push(g);
            let a = name(&mut b, label(t.assignee));
            b.assignee.push(a);
            b.history_len.push(t.history.len() as u32);
            for &(at, state) in &t.history {
                b.history_at.push(after(at));
                let s = name(&mut b, names.get(state as usize).map(String::as_str));
                b.history_state.push(s);
            }
        }
        b
    }

    /// Appends the block's tickets for which `wanted(opened, first_response, resolved)` holds
    /// to `out`, their strings interned in `labels`.
    fn unpack(
        &self,
        wanted: impl Fn(i64, Option<i64>, Option<i64>) -> bool,
        labels: &mut Labels,
        out: &mut Vec<TicketFacts>,
    ) {
        // The block's names, interned (or shared) on first use.
        let mut interned: Vec<Option<u32>> = vec![None; self.names.len()];
        let mut label = |labels: &mut Labels, k: u32| -> OptIndex {
            let Some(i) = k.checked_sub(1) else {
                return OptIndex::NONE;
            };
            let i = i as usize;
            if interned[i].is_none() {
                interned[i] = labels.intern(Some(&self.names[i]));
            }
            interned[i].into()
        };
        let (mut id, mut opened, mut h) = (0i64, 0i64, 0usize);
        for i in 0..self.id.len() {
            id = id.wrapping_add(self.id[i]);
            opened = opened.wrapping_add(self.opened[i]);
            let len = self.history_len[i] as usize;
            let history = h..h + len;
            h += len;
            let first_response = self.first_response[i].map(|f| opened.wrapping_add(f));
            let resolved = self.resolved[i].map(|r| opened.wrapping_add(r));
            if !wanted(opened, first_response, resolved) {
                continue;
            }
            out.push(TicketFacts {
                id,
                service_id: self.service[i],
                opened,
                first_response: first_response.into(),
                resolved: resolved.into(),
                first_assigned: self.first_assigned[i]
                    .map(|a| opened.wrapping_add(a))
                    .into(),
                closed: self.closed[i].map(|c| opened.wrapping_add(c)).into(),
                priority: label(labels, self.priority[i]),
                category: label(labels, self.category[i]),
                group: label(labels, self.group[i]),
                assignee: label(labels, self.assignee[i]),
                reassignment_count: count(self.reassignments[i]),
                reopen_count: count(self.reopens[i]),
                response_tracked: self.response_tracked[i],
                history: history
                    .map(|k| {
                        (
                            opened.wrapping_add(self.history_at[k]),
                            label(labels, self.history_state[k]).get().unwrap_or(0),
                        )
                    })
                    .collect(),
            });
        }
    }

    /// Whether the columns agree in length (a damaged block is not read).
    fn is_whole(&self) -> bool {
        let n = self.id.len();
        [
            self.service.len(),
            self.opened.len(),
            self.first_response.len(),
            self.resolved.len(),
            self.first_assigned.len(),
            self.closed.len(),
            self.reassignments.len(),
            self.reopens.len(),
            self.response_tracked.len(),
            self.priority.len(),
            self.category.len(),
            self.group.len(),
            self.assignee.len(),
            self.history_len.len(),
        ]
        .iter()
        .all(|&l| l == n)
            && self.history_len.iter().map(|&l| l as usize).sum::<usize>() == self.history_at.len()
            && self.history_at.len() == self.history_state.len()
            && [
                &self.priority,
                &self.category,
                &self.group,
                &self.assignee,
                &self.history_state,
            ]
            .iter()
            .all(|c| c.iter().all(|&k| k as usize <= self.names.len()))
    }
}

/// What identifies the tickets' data (see the module's comment): the blocks' encoding format and
/// the data version (`store::data_version`).
pub(super) fn stamp(conn: &Connection) -> Result<String> {
    Ok(format!("{FORMAT}:{}", super::data_version(conn)?))
}

/// The tickets a read of the window `[start, end)` with a lookback of `lookback` seconds gives
/// (`metrics::window_holds`), in id order, when the blocks were written from the data `stamp`
/// identifies; `None` when they were not (or one cannot be decoded).
pub(super) fn read(
    conn: &Connection,
    stamp: &str,
    (start, end): (i64, i64),
    lookback: i64,
    labels: &mut Labels,
) -> Result<Option<Vec<TicketFacts>>> {
    let written: Option<String> = conn
        .query_row("SELECT stamp FROM fact_blocks_stamp", [], |r| r.get(0))
        .optional()?;
    if written.as_deref() != Some(stamp) {
        return Ok(None);
    }
    // The blocks with a ticket opened in the window or its lookback, or opened before it and
    // resolved in or after its start.
    let mut stmt = conn.prepare_cached(
        "SELECT data, tickets FROM fact_blocks
         WHERE (min_opened < ?2 AND max_opened >= ?3) OR (min_opened < ?1 AND max_resolved >= ?1)
         ORDER BY block",
    )?;
    let (data, counts): (Vec<Vec<u8>>, Vec<usize>) = stmt
        .query_map(params![start, end, start - lookback], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as usize))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    // Decoded on two threads when there is much to decode, each with labels of its own. The
    // output is sized for every ticket of the blocks at once (the window takes most of them):
    // growing it would copy it.
    let decode = |part: &[Vec<u8>], room: usize, labels: &mut Labels| {
        let mut out = Vec::with_capacity(room);
        for bytes in part {
            let block = postcard::from_bytes::<Block>(bytes)
                .ok()
                .filter(Block::is_whole)?;
            block.unpack(
                |o, f, r| window_holds(o, f, r, (start, end), lookback),
                labels,
                &mut out,
            );
        }
        Some(out)
    };
    const MIN_SPLIT: usize = 16;
    let all: usize = counts.iter().sum();
    if data.len() < MIN_SPLIT {
        return Ok(decode(&data, all, labels));
    }
    let half = data.len() / 2;
    let (first, second) = data.split_at(half);
    let (mine, theirs) = std::thread::scope(|scope| {
        let there = scope.spawn(|| {
            let mut their_labels = Labels::default();
            let room = counts[half..].iter().sum();
            decode(second, room, &mut their_labels).map(|v| (v, their_labels))
        });
        (decode(first, all, labels), there.join())
    });
    let theirs =
        theirs.map_err(|_| crate::Error::Invalid("a ticket reader stopped unexpectedly".into()))?;
    let (Some(mut v), Some((theirs, their_labels))) = (mine, theirs) else {
        return Ok(None);
    };
    labels.adopt(&mut v, theirs, &their_labels);
    Ok(Some(v))
}

/// Replaces the blocks with `tickets` (every ticket, in id order, their label indexes into
/// `names`), under `stamp` unless the data changed since it was taken.
pub(super) fn write(
    conn: &Connection,
    stamp: &str,
    tickets: &[TicketFacts],
    names: &[String],
) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    if self::stamp(&tx)? != stamp {
        return Ok(());
    }
    tx.execute("DELETE FROM fact_blocks", [])?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO fact_blocks(block, tickets, min_opened, max_opened, max_resolved, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for part in tickets.chunk_by(|a, b| a.id >> BLOCK_BITS == b.id >> BLOCK_BITS) {
            let data = postcard::to_allocvec(&Block::pack(part, names)).map_err(|e| {
                crate::Error::Invalid(format!("cannot encode the fact blocks: {e}"))
            })?;
            insert.execute(params![
                part[0].id >> BLOCK_BITS,
                part.len() as i64,
                part.iter().map(|t| t.opened).min(),
                part.iter().map(|t| t.opened).max(),
                part.iter().filter_map(|t| t.resolved.get()).max(),
                data
            ])?;
        }
    }
    tx.execute(
        "INSERT OR REPLACE INTO fact_blocks_stamp(id, stamp) VALUES (1, ?1)",
        [stamp],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(id: i64, opened: i64, history: Vec<(i64, u32)>) -> TicketFacts {
        TicketFacts {
            id,
            service_id: id % 3,
            priority: (id % 2 == 0).then_some(6).into(),
            opened,
            first_response: (id % 5 != 0).then_some(opened + 60).into(),
            resolved: (id % 7 != 0).then_some(opened + 3600 * id).into(),
            first_assigned: (id % 3 != 0).then_some(opened + 120).into(),
            closed: (id % 7 != 0 && id % 2 == 0)
                .then_some(opened + 3600 * id + 86_400)
                .into(),
            reassignment_count: (id % 4) as u32,
            reopen_count: (id % 2) as u32,
            response_tracked: id % 11 != 0,
            category: Some(0).into(),
            group: (id % 3 == 0).then_some(1).into(),
            assignee: Some((id % 2) as u32 + 2).into(),
            history: history.into(),
        }
    }

    #[test]
    fn a_block_gives_back_what_was_packed() {
        let names: Vec<String> = [
            "Network",
            "Desk",
            "Li Lei",
            "Han Meimei",
            "Active",
            "On Hold",
            "P2",
        ]
        .map(String::from)
        .to_vec();
        let tickets: Vec<TicketFacts> = (1..40)
            .map(|i| {
                let opened = 1_700_000_000 + i * 977 - (i % 5) * 5000;
                let h = if i % 3 == 0 {
                    vec![(opened, 4), (opened + 50, 5), (opened + 90, 4)]
                } else {
                    Vec::new()
                };
                ticket(i * 2, opened, h)
            })
            .collect();
        let bytes = postcard::to_allocvec(&Block::pack(&tickets, &names)).unwrap();
        let block: Block = postcard::from_bytes(&bytes).unwrap();
        assert!(block.is_whole());
        // Unpacked with labels that already hold other names: indexes follow the new labels.
        let mut labels = Labels::default();
        labels.intern(Some("unrelated"));
        let mut out = Vec::new();
        block.unpack(|_, _, _| true, &mut labels, &mut out);
        assert_eq!(out.len(), tickets.len());
        let name = |l: &Labels, i: OptIndex| i.name_in(&l.names).map(str::to_string);
        for (a, b) in tickets.iter().zip(&out) {
            let plain = |t: &TicketFacts| TicketFacts {
                priority: OptIndex::NONE,
                category: OptIndex::NONE,
                group: OptIndex::NONE,
                assignee: OptIndex::NONE,
                history: Box::default(),
                ..t.clone()
            };
            assert_eq!(plain(a), plain(b));
            let orig = |i: OptIndex| i.name_in(&names).map(str::to_string);
            assert_eq!(orig(a.priority), name(&labels, b.priority));
            assert_eq!(orig(a.category), name(&labels, b.category));
            assert_eq!(orig(a.group), name(&labels, b.group));
            assert_eq!(orig(a.assignee), name(&labels, b.assignee));
            let states = |t: &TicketFacts, n: &dyn Fn(OptIndex) -> Option<String>| {
                t.history
                    .iter()
                    .map(|&(at, s)| (at, n(Some(s).into())))
                    .collect::<Vec<_>>()
            };
            assert_eq!(states(a, &orig), states(b, &|i| name(&labels, i)));
        }
        // Only the wanted tickets come out.
        let mut some = Vec::new();
        block.unpack(|o, _, r| r.is_none() && o % 2 == 0, &mut labels, &mut some);
        let expect: Vec<i64> = tickets
            .iter()
            .filter(|t| t.resolved.is_none() && t.opened % 2 == 0)
            .map(|t| t.id)
            .collect();
        assert_eq!(some.iter().map(|t| t.id).collect::<Vec<_>>(), expect);
        assert!(!expect.is_empty());
    }

    #[test]
    fn extreme_moments_round_trip() {
        use crate::metrics::OptSecs;
        let names = vec!["x".to_string()];
        let mut far = ticket(7, 0, vec![(i64::MAX / 2, 0)]);
        (far.id, far.opened) = (i64::MAX - 1, i64::MIN / 2);
        far.resolved = Some(i64::MAX / 2).into();
        far.first_response = Some(i64::MIN / 2 - 1).into();
        // The opening's difference to the ticket before overflows; it wraps and comes back.
        let mut late = ticket(1, 0, Vec::new());
        late.opened = i64::MAX - 5;
        (late.first_response, late.resolved) = (OptSecs::NONE, OptSecs::NONE);
        (late.first_assigned, late.closed) = (OptSecs::NONE, OptSecs::NONE);
        let tickets = vec![late, far];
        let bytes = postcard::to_allocvec(&Block::pack(&tickets, &names)).unwrap();
        let block: Block = postcard::from_bytes(&bytes).unwrap();
        let mut out = Vec::new();
        block.unpack(|_, _, _| true, &mut Labels::default(), &mut out);
        let moments = |t: &TicketFacts| {
            (
                t.id,
                t.opened,
                t.first_response,
                t.resolved,
                t.history[..]
                    .to_vec()
                    .iter()
                    .map(|h| h.0)
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            out.iter().map(moments).collect::<Vec<_>>(),
            tickets.iter().map(moments).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_damaged_block_is_not_whole() {
        let names = vec!["x".to_string()];
        let mut b = Block::pack(&[ticket(1, 100, vec![(100, 0)])], &names);
        assert!(b.is_whole());
        b.history_state.push(0);
        assert!(!b.is_whole());
        let mut b = Block::pack(&[ticket(1, 100, Vec::new())], &names);
        b.category[0] = 9;
        assert!(!b.is_whole());
    }
}
