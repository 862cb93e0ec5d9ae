//! Notes that say the same thing: near-duplicates and close paraphrases, found by the stems
//! they share (no model). Two notes are alike when the stems they share weigh at least
//! [`ALIKE`] of all the stems either holds, each stem weighing more the fewer notes use it, so
//! the theme's own word ("werkdruk" on the workload page) ties nothing together. A note joins
//! the first group whose first note it is alike; groups come largest first.

use std::collections::{BTreeSet, HashMap};

use super::{emergent::stopword, text::words_in};

/// The weighted share of stems two notes must share to say the same thing.
pub const ALIKE: f64 = 0.5;
/// Shorter words are left out ("te", "de", "is").
const MIN_WORD: usize = 3;
/// A long note is compared by its first this many stems, so that no note costs more than
/// a short paragraph.
const MAX_STEMS: usize = 64;

/// The stems of `text` that carry meaning; when it has none, its folded words, so that
/// "Te veel." and "te veel" still pair up.
fn stems(text: &str) -> BTreeSet<String> {
    let (_, words) = words_in(text, None);
    let mut meaning: BTreeSet<String> = BTreeSet::new();
    for w in words
        .iter()
        .filter(|w| w.text.chars().count() >= MIN_WORD && !stopword(&w.text))
        .filter(|w| !w.text.chars().all(|c| c.is_ascii_digit()))
    {
        if meaning.len() == MAX_STEMS {
            break;
        }
        meaning.insert(w.stem.clone());
    }
    if meaning.is_empty() && !words.is_empty() {
        let all = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>();
        return BTreeSet::from([all.join(" ")]);
    }
    meaning
}

/// Weighted Jaccard of two increasing lists of stem numbers.
fn alike(a: &[usize], b: &[usize], weight: &[f64]) -> f64 {
    let (mut i, mut j, mut shared, mut all) = (0, 0, 0.0, 0.0);
    while i < a.len() || j < b.len() {
        let (x, y) = (a.get(i), b.get(j));
        match (x, y) {
            (Some(x), Some(y)) if x == y => {
                shared += weight[*x];
                all += weight[*x];
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                all += weight[*x];
                i += 1;
            }
            (Some(x), None) => {
                all += weight[*x];
                i += 1;
            }
            (_, Some(y)) => {
                all += weight[*y];
                j += 1;
            }
            (None, None) => break,
        }
    }
    if all > 0.0 {
        shared / all
    } else {
        0.0
    }
}

/// The rarest stems of `set` that weigh more than `1 - ALIKE` of it together. A note alike
/// to it shares at least [`ALIKE`] of its weight, more than all the other stems weigh, so it
/// shares one of these (prefix filtering).
fn telling(set: &[usize], weight: &[f64]) -> Vec<usize> {
    let mut rarest = set.to_vec();
    rarest.sort_by(|a, b| weight[*b].total_cmp(&weight[*a]).then(a.cmp(b)));
    let total: f64 = set.iter().map(|&s| weight[s]).sum();
    let mut rest = total;
    let mut prefix = Vec::new();
    for s in rarest {
        // A little slack for rounding: a longer prefix only costs comparisons.
        if rest < ALIKE * total * (1.0 - 1e-9) {
            break;
        }
        prefix.push(s);
        rest -= weight[s];
    }
    prefix
}

/// Each note's stems as increasing numbers, and each stem's weight: ln(1 + notes / notes
/// using it).
fn stem_sets(texts: &[&str]) -> (Vec<Vec<usize>>, Vec<f64>) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let sets: Vec<Vec<usize>> = texts
        .iter()
        .map(|t| {
            let mut set: Vec<usize> = stems(t)
                .into_iter()
                .map(|s| {
                    let next = numbers.len();
                    *numbers.entry(s).or_insert(next)
                })
                .collect();
            set.sort_unstable();
            set
        })
        .collect();
    let mut used_by = vec![0usize; numbers.len()];
    for &stem in sets.iter().flatten() {
        used_by[stem] += 1;
    }
    let n = texts.len() as f64;
    let weight: Vec<f64> = used_by
        .iter()
        .map(|&u| (1.0 + n / u.max(1) as f64).ln())
        .collect();
    (sets, weight)
}

/// Groups of `texts` (indices into it) that say the same thing, largest first (on a tie, the
/// group with the earliest note first), each in input order. Every index is in exactly one
/// group; a note like no other is a group of one.
pub fn group_alike(texts: &[&str]) -> Vec<Vec<usize>> {
    let (sets, weight) = stem_sets(texts);
    // Each group by its first note, and per stem the groups whose first note holds it among
    // its rarest stems (`telling`): only those can be alike, so a stem most notes share (the
    // theme's own word) links few groups.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut led_with: Vec<Vec<usize>> = vec![Vec::new(); weight.len()];
    for (i, set) in sets.iter().enumerate() {
        let mut candidates: Vec<usize> = set.iter().flat_map(|&s| &led_with[s]).copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let home = candidates
            .into_iter()
            .find(|&g| alike(&sets[groups[g][0]], set, &weight) >= ALIKE);
        match home {
            Some(g) => groups[g].push(i),
            None => {
                for s in telling(set, &weight) {
                    led_with[s].push(groups.len());
                }
                groups.push(vec![i]);
            }
        }
    }
    // Stable: equal sizes keep the order of their first notes.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `a` and `b` end up in one group among `others`.
    fn together(a: &str, b: &str, others: &[&str]) -> bool {
        let mut texts = vec![a, b];
        texts.extend_from_slice(others);
        group_alike(&texts)
            .iter()
            .any(|g| g.contains(&0) && g.contains(&1))
    }

    /// Notes from other talks on the same theme, so that weights are as on a theme page.
    const WORKLOAD: &[&str] = &[
        "Werkdruk door slechte planning van de teamleider",
        "Structureel overwerk in het weekend",
        "Werkdruk: geen tijd voor pauzes",
        "Te veel projecten tegelijk, werkdruk",
        "Workload was crazy during the reorganisation",
    ];

    #[test]
    fn near_duplicates_and_paraphrases_group_and_other_complaints_do_not() {
        let cases: &[(&str, &str, bool)] = &[
            // Near-duplicates: case, punctuation, a typo-free word order change.
            (
                "Werkdruk te hoog door onderbezetting",
                "werkdruk te hoog door onderbezetting!",
                true,
            ),
            (
                "Te veel werk, te weinig mensen.",
                "te veel werk te weinig mensen",
                true,
            ),
            // Paraphrases: the same stems in other forms and order.
            (
                "Werkdruk te hoog door onderbezetting",
                "Onderbezetting zorgde voor hoge werkdruk",
                true,
            ),
            (
                "Elke week overwerk, ook in het weekend",
                "Overwerk in het weekend, elke week weer",
                true,
            ),
            (
                "Pay was below market for years",
                "Below-market pay, for years",
                true,
            ),
            // A synonym is no shared stem: only half of what either says is shared.
            (
                "Pay was below market for years",
                "Salary below the market rate, pay never fixed",
                false,
            ),
            // The same theme, another complaint.
            (
                "Werkdruk te hoog door onderbezetting",
                "Werkdruk door slechte planning van de manager",
                false,
            ),
            (
                "Elke week overwerk, ook in het weekend",
                "Geen tijd voor pauzes",
                false,
            ),
            (
                "Pay was below market for years",
                "No bonus despite record year",
                false,
            ),
            // Sharing only function words.
            ("Het was niet te doen", "Het was niet leuk meer", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(together(a, b, WORKLOAD), *same, "{a:?} / {b:?}");
        }
    }

    #[test]
    fn every_note_is_in_exactly_one_group_largest_first() {
        let texts = [
            "Geen doorgroeimogelijkheden",
            "Werkdruk te hoog",
            "geen doorgroeimogelijkheden!",
            "GEEN doorgroeimogelijkheden.",
            "",
            "werkdruk te hoog.",
        ];
        let groups = group_alike(&texts);
        let mut seen: Vec<usize> = groups.concat();
        seen.sort();
        assert_eq!(seen, (0..texts.len()).collect::<Vec<_>>());
        assert!(groups.windows(2).all(|w| w[0].len() >= w[1].len()));
        assert_eq!(groups[0], vec![0, 2, 3]);
        assert_eq!(groups[1], vec![1, 5]);
        assert_eq!(groups[2], vec![4]);
        assert!(group_alike(&[]).is_empty());
    }

    #[test]
    fn identical_notes_always_group_and_the_order_is_stable() {
        let texts = [
            "Zat er helemaal doorheen",
            "x",
            "Zat er helemaal doorheen",
            "y",
            "x",
        ];
        let groups = group_alike(&texts);
        assert_eq!(groups, vec![vec![0, 2], vec![1, 4], vec![3]]);
        assert_eq!(group_alike(&texts), groups);
    }

    /// The same grouping, comparing each note with every group's first note.
    fn every_leader(texts: &[&str]) -> Vec<Vec<usize>> {
        let (sets, weight) = stem_sets(texts);
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..texts.len() {
            match groups
                .iter_mut()
                .find(|g| alike(&sets[g[0]], &sets[i], &weight) >= ALIKE)
            {
                Some(g) => g.push(i),
                None => groups.push(vec![i]),
            }
        }
        groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
        groups
    }

    #[test]
    fn looking_up_by_the_rarest_stems_misses_no_alike_group() {
        // Real notes, each also twice more as an interviewer might retype it.
        let corpus = include_str!("../../tests/data/corpus/batch-01.jsonl");
        let notes: Vec<String> = corpus
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_owned))
            .collect();
        assert!(notes.len() > 100);
        let mut texts: Vec<String> = notes.clone();
        for (i, note) in notes.iter().enumerate() {
            let words: Vec<&str> = note.split_whitespace().collect();
            texts.push(words.iter().rev().copied().collect::<Vec<_>>().join(" "));
            texts.push(words[..words.len() - (i % 3).min(words.len() - 1)].join(" "));
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let grouped = group_alike(&texts);
        assert_eq!(grouped, every_leader(&texts));
        assert!(grouped.len() < texts.len(), "retyped notes group");
    }
}
