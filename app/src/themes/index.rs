//! Patterns compiled once into byte tries by their first part, so matching a note costs one
//! walk per word (and, for parts contained in a word, per position that starts one) instead
//! of a pass over every pattern (see `lexicon` for the syntax). The answers are the same as
//! trying every pattern at every word.

use super::text::Word;

/// One part of a pattern, matched against one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// `=lg`: exactly this word.
    Exact(String),
    /// `*vergoeding`: contained anywhere in the word.
    Contains(String),
    /// `salaris`: the word (or, where stems count, its stem) starts with it.
    Prefix(String),
}

impl Part {
    pub(super) fn parse(part: &str) -> Part {
        if let Some(exact) = part.strip_prefix('=') {
            Part::Exact(exact.to_owned())
        } else if let Some(inner) = part.strip_prefix('*') {
            Part::Contains(inner.to_owned())
        } else {
            Part::Prefix(part.to_owned())
        }
    }

    pub(super) fn matches(&self, word: &Word, stems: bool) -> bool {
        match self {
            Part::Exact(exact) => word.text == *exact,
            Part::Contains(inner) => word.text.contains(inner.as_str()),
            Part::Prefix(p) => {
                word.text.starts_with(p.as_str()) || stems && word.stem.starts_with(p.as_str())
            }
        }
    }
}

/// The parts of a pattern: `met pensioen` → two parts.
pub(super) fn parts(pattern: &str) -> Vec<Part> {
    pattern
        .split(' ')
        .filter(|p| !p.is_empty())
        .map(Part::parse)
        .collect()
}

/// Byte strings, each with the patterns it is the first part of. Walking a word's bytes
/// from the root meets every key that is a prefix of it, in one pass.
struct Trie {
    /// Node 0 is the root.
    nodes: Vec<Node>,
    /// The root's child per first byte (0: none), looked up directly.
    first: [u32; 256],
    /// One bit per byte pair that some key starts with (a one-byte key: every pair it
    /// starts): most positions of a word start no key, and this says so without a walk.
    pairs: Box<[u64; 1024]>,
}

impl Default for Trie {
    fn default() -> Self {
        Self {
            nodes: Vec::new(),
            first: [0; 256],
            pairs: Box::new([0; 1024]),
        }
    }
}

/// The bit of `pairs` for the bytes `a`, `b`.
fn pair(a: u8, b: u8) -> (usize, u64) {
    let n = usize::from(a) << 8 | usize::from(b);
    (n / 64, 1 << (n % 64))
}

/// A trie node: its children (sorted by byte, with their node) and the patterns whose key
/// ends here.
type Node = (Vec<(u8, u32)>, Vec<u32>);

impl Trie {
    fn insert(&mut self, key: &[u8], id: u32) {
        if self.nodes.is_empty() {
            self.nodes.push(Default::default());
        }
        match *key {
            [a, b, ..] => {
                let (word, bit) = pair(a, b);
                self.pairs[word] |= bit;
            }
            [a] => (0..=255).for_each(|b| {
                let (word, bit) = pair(a, b);
                self.pairs[word] |= bit;
            }),
            [] => {}
        }
        let mut node = 0;
        for &b in key {
            node = match self.nodes[node].0.binary_search_by_key(&b, |c| c.0) {
                Ok(i) => self.nodes[node].0[i].1 as usize,
                Err(i) => {
                    let next = self.nodes.len();
                    self.nodes.push(Default::default());
                    self.nodes[node].0.insert(i, (b, next as u32));
                    if node == 0 {
                        self.first[usize::from(b)] = next as u32;
                    }
                    next
                }
            };
        }
        self.nodes[node].1.push(id);
    }

    /// Adds the patterns of every key that `bytes` starts with.
    fn prefixes_of(&self, bytes: &[u8], out: &mut Vec<u32>) {
        let Some((&b, rest)) = bytes.split_first() else {
            return;
        };
        let mut node = self.first[usize::from(b)] as usize;
        if node == 0 {
            return;
        }
        out.extend(&self.nodes[node].1);
        for b in rest {
            let Some(children) = self.nodes.get(node).map(|n| &n.0) else {
                return;
            };
            match children.binary_search_by_key(b, |c| c.0) {
                Ok(i) => node = children[i].1 as usize,
                Err(_) => return,
            }
            out.extend(&self.nodes[node].1);
        }
    }

    /// Adds the patterns of every key contained anywhere in `bytes`.
    fn contained_in(&self, bytes: &[u8], out: &mut Vec<u32>) {
        for from in 0..bytes.len() {
            if let [a, b, ..] = bytes[from..] {
                let (word, bit) = pair(a, b);
                if self.pairs[word] & bit == 0 {
                    continue;
                }
            }
            self.prefixes_of(&bytes[from..], out);
        }
    }

    /// The patterns of the key that is exactly `bytes`.
    fn exactly(&self, bytes: &[u8]) -> &[u32] {
        let mut node = 0;
        for b in bytes {
            let Some(children) = self.nodes.get(node).map(|n| &n.0) else {
                return &[];
            };
            match children.binary_search_by_key(b, |c| c.0) {
                Ok(i) => node = children[i].1 as usize,
                Err(_) => return &[],
            }
        }
        self.nodes.get(node).map_or(&[], |n| n.1.as_slice())
    }
}

/// Patterns, each in a group (a theme), indexed by their first part.
pub(super) struct Index {
    patterns: Vec<(usize, Vec<Part>)>,
    exact: Trie,
    prefix: Trie,
    contains: Trie,
    stems: bool,
}

impl Index {
    /// `patterns`: (group, pattern) in the order answers are wanted. With `stems`, a prefix
    /// part also matches a word's stem.
    pub(super) fn new<'a>(
        patterns: impl IntoIterator<Item = (usize, &'a str)>,
        stems: bool,
    ) -> Self {
        let mut index = Index {
            patterns: Vec::new(),
            exact: Trie::default(),
            prefix: Trie::default(),
            contains: Trie::default(),
            stems,
        };
        for (group, pattern) in patterns {
            let parts = parts(pattern);
            let id = index.patterns.len() as u32;
            match parts.first() {
                None => continue,
                Some(Part::Exact(e)) => index.exact.insert(e.as_bytes(), id),
                Some(Part::Prefix(p)) => index.prefix.insert(p.as_bytes(), id),
                Some(Part::Contains(c)) => index.contains.insert(c.as_bytes(), id),
            }
            index.patterns.push((group, parts));
        }
        index
    }

    pub(super) fn group(&self, pattern: u32) -> usize {
        self.patterns[pattern as usize].0
    }

    /// How many words pattern `pattern` spans.
    pub(super) fn span(&self, pattern: u32) -> usize {
        self.patterns[pattern as usize].1.len()
    }

    /// Adds to `out` every pattern that matches at `words[at]` (in any order, maybe twice).
    pub(super) fn starting_at(&self, words: &[Word], at: usize, out: &mut Vec<u32>) {
        let Some(word) = words.get(at) else { return };
        let start = out.len();
        let text = word.text.as_bytes();
        out.extend(self.exact.exactly(text));
        self.prefix.prefixes_of(text, out);
        if self.stems && word.stem != word.text {
            self.prefix.prefixes_of(word.stem.as_bytes(), out);
        }
        if !self.contains.nodes.is_empty() {
            self.contains.contained_in(text, out);
        }
        // Every candidate's first part matched; a pattern of more words is checked whole.
        let mut i = start;
        while i < out.len() {
            let parts = &self.patterns[out[i] as usize].1;
            let whole = parts.iter().enumerate().skip(1).all(|(k, part)| {
                words
                    .get(at + k)
                    .is_some_and(|w| part.matches(w, self.stems))
            });
            if whole {
                i += 1;
            } else {
                out.swap_remove(i);
            }
        }
    }

    /// Whether any pattern matches at `words[at]`.
    pub(super) fn any_at(&self, words: &[Word], at: usize, scratch: &mut Vec<u32>) -> bool {
        scratch.clear();
        self.starting_at(words, at, scratch);
        !scratch.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::text::{words, Lang};

    /// The index answers what trying every pattern at every word answers.
    #[test]
    fn the_index_finds_what_a_full_scan_finds() {
        let patterns = [
            "salaris",
            "*vergoeding",
            "=lg",
            "met pensioen",
            "te =ver",
            "*ow",
            "*n",
            "werkdruk",
            "werk",
        ];
        let index = Index::new(patterns.iter().enumerate().map(|(i, p)| (i, *p)), true);
        let texts = [
            "Salarissen en reiskostenvergoeding, LG ging met pensioen",
            "Woont te ver; werkdrukverlaging, flow, lg'er",
            "n nn ow o w",
            "",
        ];
        for text in texts {
            let ws = words(text, Lang::Nl);
            for at in 0..ws.len() {
                let mut found = Vec::new();
                index.starting_at(&ws, at, &mut found);
                found.sort_unstable();
                found.dedup();
                let scan: Vec<u32> = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        parts(p)
                            .iter()
                            .enumerate()
                            .all(|(k, part)| ws.get(at + k).is_some_and(|w| part.matches(w, true)))
                    })
                    .map(|(i, _)| i as u32)
                    .collect();
                assert_eq!(found, scan, "{text} at {at}");
            }
        }
    }
}
