//! One theme's notes as its page shows them (pure): counted per kind and per department for
//! the page's filters, narrowed to the chosen kind and department, grouped by what they say
//! ([`app::themes::similar`]), largest group first, and one page of groups.

use std::collections::BTreeMap;

use app::{
    domain::{Counted, NoteGroup, NoteKind, NotesQuery, ThemeDetail, ThemeNote, GROUPS_PER_PAGE},
    themes::similar::group_alike,
};

/// The kinds a theme page lists, in the order its filter offers them.
const KINDS: [NoteKind; 3] = [NoteKind::Quote, NoteKind::Suggestion, NoteKind::Example];

/// How many notes of one kind a department holds on the theme (all of them, not only those
/// read), for the page's filters and totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub department: String,
    pub kind: NoteKind,
    pub notes: u32,
}

/// `notes` (newest first, at least those of the chosen `department` and `asked` kind) with the
/// theme's `tally`, for the asked page; a page past the last gives the last. The caller
/// fills in the theme, its interviews and `truncated`.
pub fn shape(
    notes: Vec<ThemeNote>,
    tally: &[Tally],
    department: Option<&str>,
    asked: &NotesQuery,
) -> ThemeDetail {
    let in_department = |d: &str| department.is_none_or(|chosen| d == chosen);
    let of_kind = |k: NoteKind| asked.kind.is_none_or(|chosen| k == chosen);
    let kinds = KINDS
        .iter()
        .map(|&kind| Counted {
            value: kind,
            count: tally
                .iter()
                .filter(|t| t.kind == kind && in_department(&t.department))
                .map(|t| t.notes)
                .sum(),
        })
        .filter(|c| c.count > 0 || Some(c.value) == asked.kind)
        .collect();
    let mut per_department: BTreeMap<&str, u32> = BTreeMap::new();
    if let Some(d) = department {
        per_department.insert(d, 0);
    }
    for t in tally.iter().filter(|t| of_kind(t.kind)) {
        *per_department.entry(&t.department).or_insert(0) += t.notes;
    }
    let departments = per_department
        .into_iter()
        .map(|(value, count)| Counted {
            value: value.to_owned(),
            count,
        })
        .collect();
    let total = tally
        .iter()
        .filter(|t| of_kind(t.kind) && in_department(&t.department))
        .map(|t| t.notes)
        .sum();
    let chosen: Vec<ThemeNote> = notes
        .into_iter()
        .filter(|n| in_department(&n.department) && of_kind(n.kind))
        .collect();
    let texts: Vec<&str> = chosen.iter().map(|n| n.text.as_str()).collect();
    let grouped = group_alike(&texts);
    let pages = (grouped.len() as u32).div_ceil(GROUPS_PER_PAGE).max(1);
    let page = asked.page.unwrap_or(1).clamp(1, pages);
    let skip = ((page - 1) * GROUPS_PER_PAGE) as usize;
    let groups = grouped
        .into_iter()
        .skip(skip)
        .take(GROUPS_PER_PAGE as usize)
        .map(|members| group(members.iter().map(|&i| chosen[i].clone()).collect()))
        .collect();
    ThemeDetail {
        theme: String::new(),
        interviews: 0,
        notes: total,
        groups,
        page,
        pages,
        kinds,
        departments,
        truncated: false,
    }
}

fn group(notes: Vec<ThemeNote>) -> NoteGroup {
    let kinds = KINDS
        .into_iter()
        .filter(|k| notes.iter().any(|n| n.kind == *k))
        .collect();
    let mut departments: Vec<String> = notes.iter().map(|n| n.department.clone()).collect();
    departments.sort();
    departments.dedup();
    NoteGroup {
        notes,
        kinds,
        departments,
    }
}

#[cfg(test)]
mod tests {
    use app::{
        domain::{InterviewId, NoteId},
        themes::Sentiment,
    };

    use super::*;

    fn note(text: &str, kind: NoteKind, department: &str) -> ThemeNote {
        ThemeNote {
            note: NoteId::new(),
            interview: InterviewId::new(),
            department: department.into(),
            leaving_date: None,
            kind,
            text: text.into(),
            themes: vec!["workload".into()],
            sentiment: Sentiment::Negative,
            corrected: false,
            shared: false,
            scrubbed: text.into(),
        }
    }

    fn texts(g: &NoteGroup) -> Vec<&str> {
        g.notes.iter().map(|n| n.text.as_str()).collect()
    }

    /// What the database would count of `notes`.
    fn tally(notes: &[ThemeNote]) -> Vec<Tally> {
        let mut per: BTreeMap<(String, usize), u32> = BTreeMap::new();
        for n in notes {
            *per.entry((n.department.clone(), n.kind.index()))
                .or_insert(0) += 1;
        }
        per.into_iter()
            .map(|((department, kind), notes)| Tally {
                department,
                kind: NoteKind::ALL[kind],
                notes,
            })
            .collect()
    }

    fn sample() -> Vec<ThemeNote> {
        use NoteKind::*;
        vec![
            note("Werkdruk te hoog door onderbezetting", Quote, "Sales"),
            note("Geen tijd voor pauzes", Example, "Zorg"),
            note("werkdruk te hoog door onderbezetting!", Quote, "Zorg"),
            note("Onderbezetting: werkdruk veel te hoog", Suggestion, "Sales"),
            note("Structureel overwerk in het weekend", Quote, "Sales"),
        ]
    }

    #[test]
    fn groups_say_the_same_thing_with_their_kinds_and_departments() {
        let shaped = shape(sample(), &tally(&sample()), None, &NotesQuery::default());
        assert_eq!(shaped.notes, 5);
        assert_eq!((shaped.page, shaped.pages), (1, 1));
        let first = &shaped.groups[0];
        assert_eq!(
            texts(first),
            [
                "Werkdruk te hoog door onderbezetting",
                "werkdruk te hoog door onderbezetting!",
                "Onderbezetting: werkdruk veel te hoog"
            ]
        );
        assert_eq!(first.kinds, [NoteKind::Quote, NoteKind::Suggestion]);
        assert_eq!(first.departments, ["Sales", "Zorg"]);
        assert_eq!(shaped.groups.len(), 3);
    }

    #[test]
    fn filters_narrow_the_notes_and_count_the_other_choices() {
        use NoteKind::*;
        let count =
            |c: &[Counted<NoteKind>]| c.iter().map(|c| (c.value, c.count)).collect::<Vec<_>>();
        let per = |c: &[Counted<String>]| {
            c.iter()
                .map(|c| (c.value.clone(), c.count))
                .collect::<Vec<_>>()
        };
        let all = shape(sample(), &tally(&sample()), None, &NotesQuery::default());
        assert_eq!(
            count(&all.kinds),
            [(Quote, 3), (Suggestion, 1), (Example, 1)]
        );
        assert_eq!(
            per(&all.departments),
            [("Sales".into(), 3), ("Zorg".into(), 2)]
        );

        let quotes = NotesQuery {
            kind: Some(Quote),
            page: None,
        };
        let sales = shape(sample(), &tally(&sample()), Some("Sales"), &quotes);
        assert_eq!(sales.notes, 2);
        assert!(sales
            .groups
            .iter()
            .flat_map(|g| &g.notes)
            .all(|n| n.kind == Quote && n.department == "Sales"));
        // Kinds within Sales; departments among quotes.
        assert_eq!(count(&sales.kinds), [(Quote, 2), (Suggestion, 1)]);
        assert_eq!(
            per(&sales.departments),
            [("Sales".into(), 2), ("Zorg".into(), 1)]
        );

        // A department or kind without notes stays choosable and counts 0.
        let none = shape(
            sample(),
            &tally(&sample()),
            Some("ICT"),
            &NotesQuery {
                kind: Some(Example),
                page: None,
            },
        );
        assert_eq!((none.notes, none.groups.len(), none.pages), (0, 0, 1));
        assert_eq!(count(&none.kinds), [(Example, 0)]);
        assert!(per(&none.departments).contains(&("ICT".into(), 0)));
    }

    #[test]
    fn pages_hold_twenty_groups_and_a_page_past_the_last_gives_the_last() {
        let many: Vec<ThemeNote> = (0..45)
            .map(|i| {
                note(
                    &format!("klacht{i} over onderwerp{i}"),
                    NoteKind::Quote,
                    "Sales",
                )
            })
            .collect();
        let page = |p: Option<u32>| {
            shape(
                many.clone(),
                &tally(&many),
                None,
                &NotesQuery {
                    kind: None,
                    page: p,
                },
            )
        };
        let first = page(None);
        assert_eq!((first.page, first.pages, first.groups.len()), (1, 3, 20));
        let last = page(Some(3));
        assert_eq!(last.groups.len(), 5);
        assert_eq!(texts(&last.groups[4]), ["klacht44 over onderwerp44"]);
        assert_eq!(page(Some(99)).page, 3);
        assert_eq!(page(Some(0)).page, 1);
        // Every note on exactly one page.
        let mut seen: Vec<String> = (1..=3)
            .flat_map(|p| page(Some(p)).groups)
            .flat_map(|g| g.notes)
            .map(|n| n.text)
            .collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 45);
    }

    #[test]
    fn totals_and_filters_count_every_note_not_only_those_read() {
        // The database read only the newest two notes; the theme holds 12 in Sales, 1 in Zorg.
        let read = sample()[..2].to_vec();
        let counted = [
            Tally {
                department: "Sales".into(),
                kind: NoteKind::Quote,
                notes: 12,
            },
            Tally {
                department: "Zorg".into(),
                kind: NoteKind::Example,
                notes: 1,
            },
        ];
        let shaped = shape(read, &counted, None, &NotesQuery::default());
        assert_eq!(shaped.notes, 13);
        assert_eq!(shaped.groups.len(), 2);
        let sales = shape(sample(), &counted, Some("Sales"), &NotesQuery::default());
        assert_eq!(sales.notes, 12);
        assert_eq!(sales.departments.len(), 2);
    }
}
