//! The finder's index: fingerprint → the paragraphs (entries) holding it, compact because most
//! fingerprints have one holder, and the hasher for keys that are hashes already.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::xxh3_64;

/// A hasher for keys that are hashes already (fingerprints, entry ids).
#[derive(Default, Clone, Copy)]
pub(super) struct Ident(u64);

impl Hasher for Ident {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64(bytes) ^ self.0.rotate_left(17);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(super) type IdHash = BuildHasherDefault<Ident>;

/// Marks a [`Postings`] value that is an index into its lists, not an entry.
pub(super) const MANY: u32 = 1 << 31;

/// Fingerprint → the entries holding it. Most fingerprints have one holder, kept in the map
/// itself; the others point to a list.
#[derive(Default)]
pub(super) struct Postings {
    pub(super) map: HashMap<u64, u32, IdHash>,
    lists: Vec<Vec<u32>>,
    free: Vec<u32>,
}

impl Postings {
    /// The entries holding `h`, in no particular order.
    pub(super) fn holders(&self, h: u64) -> &[u32] {
        match self.map.get(&h) {
            None => &[],
            Some(&v) if v & MANY != 0 => &self.lists[(v & !MANY) as usize],
            Some(v) => std::slice::from_ref(v),
        }
    }

    pub(super) fn count(&self, h: u64) -> usize {
        self.holders(h).len()
    }

    /// Sets the holders of `h`, which has none.
    pub(super) fn insert_run(&mut self, h: u64, holders: impl ExactSizeIterator<Item = u32>) {
        let value = if holders.len() == 1 {
            holders.into_iter().next().expect("one holder")
        } else {
            self.list(holders.collect())
        };
        self.map.insert(h, value);
    }

    pub(super) fn add(&mut self, h: u64, e: u32) {
        match self.map.get(&h).copied() {
            None => {
                self.map.insert(h, e);
            }
            Some(v) if v & MANY != 0 => self.lists[(v & !MANY) as usize].push(e),
            Some(one) => {
                let v = self.list(vec![one, e]);
                self.map.insert(h, v);
            }
        }
    }

    pub(super) fn remove(&mut self, h: u64, e: u32) {
        match self.map.get(&h).copied() {
            None => {}
            Some(v) if v & MANY != 0 => {
                let at = (v & !MANY) as usize;
                let list = &mut self.lists[at];
                if let Some(k) = list.iter().position(|&x| x == e) {
                    list.swap_remove(k);
                }
                if list.len() == 1 {
                    let one = list[0];
                    self.lists[at] = Vec::new();
                    self.free.push(at as u32);
                    self.map.insert(h, one);
                }
            }
            Some(one) if one == e => {
                self.map.remove(&h);
            }
            Some(_) => {}
        }
    }

    fn list(&mut self, holders: Vec<u32>) -> u32 {
        let at = match self.free.pop() {
            Some(at) => {
                self.lists[at as usize] = holders;
                at
            }
            None => {
                self.lists.push(holders);
                (self.lists.len() - 1) as u32
            }
        };
        at | MANY
    }
}
