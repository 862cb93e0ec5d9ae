//! `/dashboard/<theme>` (HR): the quotes, suggestions and examples behind one theme, for
//! the dashboard's filter (carried in the query string), in groups of notes that say the
//! same thing, largest first, filtered by kind and department and paged. Each note links to
//! its interview and shows its themes and tone, which HR can correct, and can be shared.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::{use_location, use_navigate, use_params_map};

use super::{archive::encode, dashboard::CorrectableNote, dashboard::ThemeNames};
use crate::{
    api,
    domain::{NoteGroup, NoteKind, ThemeDetail},
    i18n::{use_texts, Texts},
};

/// `search` (the query string without its `?`) with each of `set` given (an empty value
/// removes the key), as `?…`, or empty when nothing is left.
fn with_params(search: &str, set: &[(&str, &str)]) -> String {
    let mut pairs: Vec<String> = search
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default();
            !set.iter().any(|(k, _)| *k == key)
        })
        .map(str::to_owned)
        .collect();
    for (key, value) in set {
        if !value.is_empty() {
            pairs.push(format!("{key}={}", encode(value)));
        }
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// The value of `key` in `search`, still encoded ("" when absent).
fn param(search: &str, key: &str) -> String {
    search
        .split('&')
        .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_default()
        .to_owned()
}

/// "3 notities · quote, suggestie · Sales, Zorg".
fn group_head(t: &Texts, g: &NoteGroup) -> String {
    let kinds: Vec<&str> = g.kinds.iter().map(|k| t.note_kinds[k.index()]).collect();
    format!(
        "{} {} · {} · {}",
        g.notes.len(),
        if g.notes.len() == 1 {
            t.theme_notes_one
        } else {
            t.theme_notes_many
        },
        kinds.join(", "),
        g.departments.join(", ")
    )
}

#[component]
pub fn ThemeNotes() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let location = use_location();
    let navigate = use_navigate();
    let theme = move || params.with(|p| p.get("theme").unwrap_or_default());
    let detail = RwSignal::new(None::<ThemeDetail>);
    let error = RwSignal::new(None::<String>);
    let names = super::dashboard::use_theme_names();
    // The router gives the query string without its `?`.
    let search = move || location.search.get();
    let query = move || with_params(&search(), &[]);
    Effect::new(move |_| {
        let path = format!("/dashboard/themes/{}{}", encode(&theme()), query());
        spawn_local(async move {
            match api::call::<ThemeDetail>("GET", &path, None::<&()>).await {
                Ok(d) => {
                    detail.set(Some(d));
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    // Another kind or department starts at the first page.
    let go = move |key: &'static str, value: String| {
        let to = with_params(&search(), &[(key, &value), ("page", "")]);
        navigate(
            &format!("/dashboard/{}{to}", encode(&theme())),
            Default::default(),
        );
    };
    let go_kind = go.clone();
    let back = move || {
        format!(
            "/dashboard{}",
            with_params(&search(), &[("kind", ""), ("page", "")])
        )
    };
    let filters = move || {
        detail.get().map(|d| {
            let kind_now = param(&search(), "kind");
            let department_now = param(&search(), "department");
            let (go_kind, go_department) = (go_kind.clone(), go.clone());
            let kinds = d
                .kinds
                .iter()
                .map(|c| {
                    let key = kind_key(c.value);
                    let label = format!("{} ({})", t.get().note_kinds[c.value.index()], c.count);
                    view! { <option value=key selected=kind_now == key>{label}</option> }
                })
                .collect_view();
            let departments = d
                .departments
                .iter()
                .map(|c| {
                    let selected = department_now == encode(&c.value);
                    let label = format!("{} ({})", c.value, c.count);
                    view! { <option value=c.value.clone() selected=selected>{label}</option> }
                })
                .collect_view();
            view! {
                <form class="filters no-print" on:submit=|ev| ev.prevent_default()>
                    <label class="field">
                        <span>{t.get().theme_notes_kind}</span>
                        <select on:change=move |ev| go_kind("kind", event_target_value(&ev))>
                            <option value="" selected=kind_now.is_empty()>{t.get().all}</option>
                            {kinds}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t.get().department}</span>
                        <select on:change=move |ev| go_department("department", event_target_value(&ev))>
                            <option value="" selected=department_now.is_empty()>{t.get().all}</option>
                            {departments}
                        </select>
                    </label>
                </form>
            }
        })
    };
    let groups = move || {
        detail.get().map(|d| {
            if d.groups.is_empty() {
                return view! { <p>{t.get().theme_notes_empty}</p> }.into_any();
            }
            let summary = t
                .get()
                .theme_notes_summary
                .replace("{notes}", &d.notes.to_string())
                .replace("{page}", &d.page.to_string())
                .replace("{pages}", &d.pages.to_string());
            let list = d
                .groups
                .into_iter()
                .map(|g| view! { <Group group=g names/> })
                .collect_view();
            let pager = (d.pages > 1).then(|| {
                let link = move |page: u32| {
                    format!(
                        "/dashboard/{}{}",
                        encode(&theme()),
                        with_params(&search(), &[("page", &page.to_string())])
                    )
                };
                view! {
                    <nav class="pager no-print" aria-label=t.get().theme_notes_pages>
                        {(d.page > 1).then(|| view! { <a href=link(d.page - 1) rel="prev">{t.get().previous}</a> })}
                        <span>{t.get().page_of.replace("{page}", &d.page.to_string()).replace("{pages}", &d.pages.to_string())}</span>
                        {(d.page < d.pages).then(|| view! { <a href=link(d.page + 1) rel="next">{t.get().next}</a> })}
                    </nav>
                }
            });
            let truncated = d
                .truncated
                .then(|| view! { <p class="meta">{t.get().theme_notes_truncated}</p> });
            view! {
                <p class="meta">{summary}</p>
                {truncated}
                <ul class="note-groups">{list}</ul>
                {pager}
            }
            .into_any()
        })
    };
    view! {
        <section class="page wide-page">
            <p class="no-print"><a href=back>{move || t.get().back_to_dashboard}</a></p>
            <h1>{move || t.get().theme_notes_title} " " {move || names.name(&theme())}</h1>
            <p>{move || detail.get().map(|d| d.interviews)} " " {move || t.get().dashboard_count}</p>
            <p class="no-print">
                <a href=move || format!("/verbeterplan?thema={}", encode(&theme()))>{move || t.get().plan_actions_on_theme}</a>
                " · "
                <a href=move || format!("/verbeterplan?thema={}&nieuw=1", encode(&theme()))>{move || t.get().plan_start_action}</a>
            </p>
            {filters}
            <p class="error" role="alert">{move || error.get()}</p>
            {groups}
        </section>
    }
}

/// The serialised name of a kind, as the API's `kind` parameter takes it.
fn kind_key(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Example => "example",
        NoteKind::Suggestion => "suggestion",
        NoteKind::Quote => "quote",
        NoteKind::Observation => "observation",
    }
}

/// A group: its first note in full, the others behind "show the other n".
#[component]
fn Group(group: NoteGroup, names: ThemeNames) -> impl IntoView {
    let t = use_texts();
    let head = {
        let group = group.clone();
        move || group_head(t.get(), &group)
    };
    let mut notes = group.notes.into_iter();
    let first = notes
        .next()
        .map(|note| view! { <CorrectableNote note names/> });
    let rest: Vec<_> = notes.collect();
    let others = (!rest.is_empty()).then(|| {
        let count = rest.len().to_string();
        let cards = rest
            .into_iter()
            .map(|note| view! { <CorrectableNote note names/> })
            .collect_view();
        view! {
            <details>
                <summary>{move || t.get().theme_notes_others.replace("{n}", &count)}</summary>
                <ul class="theme-notes">{cards}</ul>
            </details>
        }
    });
    view! {
        <li class="note-group">
            <p class="group-head">{head}</p>
            <ul class="theme-notes">{first}</ul>
            {others}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A query string, the keys to set, and the query string after.
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);

    #[test]
    fn params_are_set_replaced_and_removed() {
        let cases: &[Case] = &[
            ("", &[], ""),
            ("department=Sales", &[], "?department=Sales"),
            (
                "department=Sales",
                &[("kind", "quote")],
                "?department=Sales&kind=quote",
            ),
            (
                "department=Sales&page=3",
                &[("kind", "quote"), ("page", "")],
                "?department=Sales&kind=quote",
            ),
            ("kind=quote&page=2", &[("kind", ""), ("page", "")], ""),
            ("page=2", &[("page", "3")], "?page=3"),
            (
                "department=R%26D",
                &[("department", "Zorg & Welzijn")],
                "?department=Zorg%20%26%20Welzijn",
            ),
        ];
        for (search, set, expected) in cases {
            assert_eq!(with_params(search, set), *expected, "{search} {set:?}");
        }
    }

    #[test]
    fn a_param_is_read_encoded_and_a_longer_key_does_not_match() {
        assert_eq!(param("department=R%26D&kind=quote", "department"), "R%26D");
        assert_eq!(param("kinds=x&kind=quote", "kind"), "quote");
        assert_eq!(param("kinds=x", "kind"), "");
    }

    #[test]
    fn kind_keys_are_the_serialised_names() {
        for kind in NoteKind::ALL {
            let json = serde_json::to_string(&kind).expect("a unit variant");
            assert_eq!(json, format!("\"{}\"", kind_key(kind)));
        }
    }
}
