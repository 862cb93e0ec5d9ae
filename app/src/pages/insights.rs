//! `/inzichten`: what a manager sees of their departments, and HR of any department (to see
//! what its manager sees). Only the anonymised figures the server sends: a figure behind too
//! few interviews reads "te weinig gesprekken". One filter at a time.

use leptos::{either::Either, prelude::*, task::spawn_local};

use super::{
    archive::query_string,
    dashboard::{one_decimal, percent, tenure_key, use_theme_names, with_lang, ThemeNames},
};
use crate::{
    api,
    domain::{Cell, GroupCount, Insights, RatingInsight, Role, YesNoInsight},
    i18n::{use_texts, LangSignal, Texts},
    session::use_session,
};

/// Most themes the trend table shows as columns.
const TREND_THEMES: usize = 5;

/// A count, or "te weinig gesprekken".
fn count_text(t: &Texts, cell: Cell<u32>) -> String {
    match cell {
        Cell::Shown(n) => n.to_string(),
        Cell::TooFew => t.too_few.to_owned(),
    }
}

/// A count with its share of `total`, or "te weinig gesprekken".
fn share_text(t: &Texts, cell: Cell<u32>, total: u32) -> String {
    match cell {
        Cell::Shown(n) => format!("{n} ({})", percent(n, total)),
        Cell::TooFew => t.too_few.to_owned(),
    }
}

/// One filter the manager may choose: (query key, value, how it reads).
fn filter_options(t: &Texts, d: &Insights) -> Vec<(&'static str, String, String)> {
    let c = &d.choices;
    let mut out = Vec::new();
    if d.departments.len() > 1 {
        for dept in &c.departments {
            out.push((
                "department",
                dept.clone(),
                format!("{}: {dept}", t.department),
            ));
        }
    }
    for role in &c.roles {
        out.push(("role", role.clone(), format!("{}: {role}", t.role)));
    }
    for year in &c.years {
        out.push(("year", year.to_string(), format!("{}: {year}", t.year)));
    }
    for band in &c.tenure {
        let label = t.tenure_bands[band.index()];
        out.push((
            "tenure",
            tenure_key(*band).to_owned(),
            format!("{}: {label}", t.tenure),
        ));
    }
    for v in &c.voluntary {
        let answer = if *v { t.yes } else { t.no };
        out.push((
            "voluntary",
            v.to_string(),
            format!("{}: {answer}", t.voluntary),
        ));
    }
    out
}

#[component]
pub fn InsightsPage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let names = use_theme_names();
    let is_hr = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Hr))
    };
    // HR: whose view (empty: the whole organisation) and every department to choose from.
    let scope = RwSignal::new(String::new());
    let departments = RwSignal::new(Vec::<String>::new());
    // The one filter: (key, value), empty for none.
    let filter = RwSignal::new((String::new(), String::new()));
    let figures = RwSignal::new(None::<Insights>);
    // The query the shown figures answer, for their charts and CSV.
    let shown_query = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Answers to an earlier choice that arrive late are dropped.
    let asked = StoredValue::new(0u32);

    Effect::new(move |_| {
        let (key, value) = filter.get();
        let query = query_string(&[("scope", &scope.get()), (&key, &value)]);
        let whole = scope.with(String::is_empty) && key.is_empty();
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        spawn_local(async move {
            let answer =
                api::call::<Insights>("GET", &format!("/insights{query}"), None::<&()>).await;
            if asked.get_value() != this {
                return;
            }
            match answer {
                Ok(d) => {
                    if whole {
                        departments.set(d.departments.clone());
                    }
                    shown_query.set(query);
                    figures.set(Some(d));
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    // The options of the figures first shown for this scope, so a filter never removes itself.
    let options = Memo::new(move |_| {
        figures.with(|d| {
            d.as_ref()
                .map(|d| filter_options(t.get(), d))
                .unwrap_or_default()
        })
    });
    let pick = move |ev: leptos::ev::Event| {
        let i: Option<usize> = event_target_value(&ev).parse().ok();
        let chosen = i.and_then(|i| options.with(|o| o.get(i).cloned()));
        filter.set(chosen.map_or_else(Default::default, |(k, v, _)| (k.to_owned(), v)));
    };
    // The select shows the filter in force (also after HR changed the scope).
    let chosen = move || {
        filter.with(|(key, value)| {
            options
                .with(|o| o.iter().position(|(k, v, _)| k == key && v == value))
                .map_or(String::new(), |i| i.to_string())
        })
    };
    let pick_scope = move |ev: leptos::ev::Event| {
        filter.set(Default::default());
        scope.set(event_target_value(&ev));
    };

    view! {
        <section class="page wide-page insights">
            <h1>{move || t.get().insights_title}</h1>
            <p class="lead">{move || {
                let k = figures.with(|d| d.as_ref().map_or(5, |d| d.min_group));
                t.get().insights_rule.replace("{k}", &k.to_string())
            }}</p>
            <form class="filters" on:submit=|ev| ev.prevent_default()>
                <Show when=is_hr>
                    <label class="field">
                        <span>{move || t.get().insights_view_as}</span>
                        <select on:change=pick_scope prop:value=move || scope.get()>
                            <option value="">{move || t.get().whole_organisation}</option>
                            {move || departments.get().into_iter().map(|d| {
                                let value = d.clone();
                                view! { <option value=value>{d}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
                <label class="field">
                    <span>{move || t.get().insights_filter}</span>
                    <select on:change=pick prop:value=chosen>
                        <option value="">{move || t.get().all}</option>
                        {move || options.get().into_iter().enumerate().map(|(i, (_, _, label))| {
                            view! { <option value=i.to_string()>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </form>
            <p class="error" role="alert">{move || error.get()}</p>
            {move || figures.get().map(|d| view! { <Figures d names query=shown_query.get_untracked()/> })}
        </section>
    }
}

#[component]
fn Figures(d: Insights, names: ThemeNames, query: String) -> impl IntoView {
    let t = use_texts();
    let lang = use_context::<LangSignal>().map(|l| l.0);
    let lang_code = move || lang.map_or("nl", |l| l.get().code());
    let file = {
        let query = query.clone();
        move |name: &str| format!("/api/v1/insights/{name}{}", with_lang(&query, lang_code()))
    };
    let chart = file.clone();
    // A chart without lines tells nothing: only when a quarter and a theme are shown.
    let trend_shown = d.trend.iter().any(|q| q.interviews != Cell::TooFew)
        && d.themes.iter().any(|g| g.count != Cell::TooFew);
    let scope = d.departments.join(", ");
    let Cell::Shown(total) = d.interviews else {
        return Either::Left(view! {
            <p class="scope">{move || t.get().department} ": " {scope}</p>
            <p class="too-small">{move || t.get().insights_too_small}</p>
            <Quotes d names/>
        });
    };
    Either::Right(view! {
        <div class="page-head">
            <p class="scope">{move || t.get().department} ": " {scope}</p>
            <a class="button no-print" href=move || file("export.csv") download="inzichten.csv">
                {move || t.get().export_csv}
            </a>
        </div>
        <p class="big-number"><strong>{total}</strong> " " {move || t.get().dashboard_count}</p>
        <figure class="chart">
            <img src={let chart = chart.clone(); move || chart("themes.svg")} alt=move || t.get().dashboard_themes_title/>
        </figure>
        <div class="tables">
            <CountTable title=|t| t.dashboard_themes_title rows=d.themes.clone() total names/>
            <CountTable title=|t| t.insights_primary_title rows=d.primary.clone() total names
                rest=(|t: &Texts| t.insights_no_primary, d.no_primary)/>
        </div>
        {trend_shown.then(|| view! {
            <figure class="chart">
                <img src=move || chart("trend.svg") alt=move || t.get().dashboard_trend_title/>
            </figure>
        })}
        <TrendTable d=d.clone() names/>
        <InsightAnswers d=d.clone()/>
        <Quotes d names/>
    })
}

/// The quotes and suggestions HR marked "delen", as the server scrubbed and shuffled them.
#[component]
fn Quotes(d: Insights, names: ThemeNames) -> impl IntoView {
    let t = use_texts();
    let filtered = d.filter.conditions() > 0;
    let n = d.min_quote_group;
    let empty = d.quotes.is_empty();
    let items = d
        .quotes
        .into_iter()
        .map(|q| {
            let kind = q.kind.index();
            let themes = q
                .themes
                .into_iter()
                .map(|k| view! { <li class="chip">{names.name(&k)}</li> })
                .collect_view();
            view! {
                <li class="theme-note">
                    <span class="kind">{move || t.get().note_kinds[kind]}</span>
                    <blockquote>{q.text}</blockquote>
                    <ul class="chips" aria-label=move || t.get().dashboard_theme>{themes}</ul>
                </li>
            }
        })
        .collect_view();
    let status = move || {
        let t = t.get();
        if filtered {
            Some(t.quotes_filtered)
        } else if empty {
            Some(t.quotes_none)
        } else {
            None
        }
    };
    view! {
        <section class="shared-quotes">
            <h2>{move || t.get().quotes_title}</h2>
            <p class="hint">{move || t.get().quotes_rule.replace("{n}", &n.to_string())}</p>
            <p>{status}</p>
            <ul class="theme-notes">{items}</ul>
        </section>
    }
}

/// How a fixed text of the page is picked from the language's texts.
type Label = fn(&Texts) -> &'static str;

#[component]
fn CountTable(
    title: Label,
    rows: Vec<GroupCount>,
    total: u32,
    names: ThemeNames,
    #[prop(optional)] rest: Option<(Label, Cell<u32>)>,
) -> impl IntoView {
    let t = use_texts();
    let rows = rows
        .into_iter()
        .map(|g| {
            let key = g.key.clone();
            view! {
                <tr>
                    <th scope="row">{move || names.name(&key)}</th>
                    <td class:too-few=g.count == Cell::TooFew>{move || share_text(t.get(), g.count, total)}</td>
                </tr>
            }
        })
        .collect_view();
    let rest = rest.map(|(label, cell)| {
        view! {
            <tr>
                <th scope="row">{move || label(t.get())}</th>
                <td class:too-few=cell == Cell::TooFew>{move || share_text(t.get(), cell, total)}</td>
            </tr>
        }
    });
    view! {
        <table class="figures">
            <caption>{move || title(t.get())}</caption>
            <thead><tr>
                <th scope="col">{move || t.get().dashboard_theme}</th>
                <th scope="col">{move || t.get().insights_interviews}</th>
            </tr></thead>
            <tbody>{rows}{rest}</tbody>
        </table>
    }
}

#[component]
fn TrendTable(d: Insights, names: ThemeNames) -> impl IntoView {
    let t = use_texts();
    if d.trend.iter().all(|q| q.interviews == Cell::TooFew) {
        return Either::Left(view! {
            <p class="too-small">{move || t.get().dashboard_trend_title} ": " {move || t.get().insights_trend_hidden}</p>
        });
    }
    // The most mentioned shown themes become columns.
    let columns: Vec<String> = d
        .themes
        .iter()
        .filter(|g| g.count != Cell::TooFew)
        .take(TREND_THEMES)
        .map(|g| g.key.clone())
        .collect();
    let head = columns
        .iter()
        .map(|key| {
            let key = key.clone();
            view! { <th scope="col">{move || names.name(&key)}</th> }
        })
        .collect_view();
    let rows = d
        .trend
        .into_iter()
        .map(|q| {
            let cells = columns
                .iter()
                .map(|key| {
                    let cell = q
                        .themes
                        .iter()
                        .find(|g| &g.key == key)
                        .map_or(Cell::TooFew, |g| g.count);
                    let of = q.interviews.shown().unwrap_or(0);
                    view! { <td class:too-few=cell == Cell::TooFew>{move || share_text(t.get(), cell, of)}</td> }
                })
                .collect_view();
            let interviews = q.interviews;
            view! {
                <tr>
                    <th scope="row">{q.quarter}</th>
                    <td class:too-few=interviews == Cell::TooFew>{move || count_text(t.get(), interviews)}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    Either::Right(view! {
        <table class="figures trend">
            <caption>{move || t.get().dashboard_trend_title}</caption>
            <thead><tr>
                <th scope="col">{move || t.get().insights_quarter}</th>
                <th scope="col">{move || t.get().insights_interviews}</th>
                {head}
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    })
}

fn rating_line(t: &Texts, r: &RatingInsight) -> String {
    let average = match r.average {
        Cell::Shown(a) => one_decimal(t, a),
        Cell::TooFew => t.too_few.to_owned(),
    };
    let topic = t.rating_topics[r.topic.index()];
    match r.answered {
        Cell::Shown(n) => format!("{topic}: {average} ({n} {})", t.dashboard_answered),
        Cell::TooFew => format!("{topic}: {average}"),
    }
}

fn yes_no_lines(t: &Texts, y: &YesNoInsight, total: u32) -> Vec<String> {
    [(t.yes, y.yes), (t.no, y.no), (t.not_answered, y.unknown)]
        .into_iter()
        .map(|(label, cell)| format!("{label}: {}", share_text(t, cell, total)))
        .collect()
}

/// The answers' lines: ratings, would return, eNPS, voluntary, regrettable.
fn answer_lists(t: &Texts, d: &Insights) -> [Vec<String>; 5] {
    let total = d.interviews.shown().unwrap_or(0);
    let ratings = d.ratings.iter().map(|r| rating_line(t, r)).collect();
    let would_return = d
        .would_return
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let label = t
                .would_return_labels
                .get(i)
                .copied()
                .unwrap_or(t.not_answered);
            format!("{label}: {}", share_text(t, *cell, total))
        })
        .collect();
    let enps = d
        .recommend
        .as_ref()
        .map(|r| {
            let score = match r.score {
                Cell::Shown(s) => s.to_string(),
                Cell::TooFew => t.too_few.to_owned(),
            };
            let mut lines = vec![format!("eNPS: {score}")];
            for (label, cell) in t
                .enps_groups
                .iter()
                .zip([r.promoters, r.passives, r.detractors])
            {
                lines.push(format!("{label}: {}", share_text(t, cell, total)));
            }
            lines.push(format!(
                "{}: {}",
                t.not_answered,
                share_text(t, r.unanswered, total)
            ));
            lines
        })
        .unwrap_or_default();
    let yes_no = |y: &Option<YesNoInsight>| {
        y.as_ref()
            .map(|y| yes_no_lines(t, y, total))
            .unwrap_or_default()
    };
    [
        ratings,
        would_return,
        enps,
        yes_no(&d.voluntary),
        yes_no(&d.regrettable),
    ]
}

#[component]
fn InsightAnswers(d: Insights) -> impl IntoView {
    let t = use_texts();
    let panels = move || {
        let texts = t.get();
        let titles = [
            texts.ratings,
            texts.would_return,
            texts.enps,
            texts.voluntary,
            texts.regrettable_title,
        ];
        titles
            .into_iter()
            .zip(answer_lists(texts, &d))
            .map(|(title, lines)| {
                view! {
                    <div class="panel">
                        <h3>{title}</h3>
                        <ul class="counts">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="answers-grid">
            <h2>{move || t.get().dashboard_answers}</h2>
            {panels}
        </section>
    }
}
