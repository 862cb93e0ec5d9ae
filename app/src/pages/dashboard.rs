//! `/dashboard` (HR): why people leave, across every synced interview. The charts are SVG
//! images drawn by the server for the applied filter; the tables beside them hold the same
//! figures for screen readers and for reading exact numbers. Prints as a clean report.

use leptos::{either::Either, prelude::*, task::spawn_local};

use crate::{
    api,
    domain::{Dashboard, TenureBand},
    i18n::{use_texts, Lang, LangSignal, Texts},
    themes::Catalogue,
};

use super::archive::query_string;

mod answers;
mod correct;
mod emergent;
mod share;
mod turnover;

use answers::AnswersSection;
pub(super) use correct::CorrectableNote;
use emergent::EmergentSection;
use turnover::TurnoverSection;

/// The filter form's values, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DashboardFilters {
    pub from: String,
    pub to: String,
    pub department: String,
    pub role: String,
    pub tenure: String,
    pub voluntary: String,
}

impl DashboardFilters {
    /// `?from=…&department=…` with the filled-in fields only.
    pub fn query(&self) -> String {
        query_string(&[
            ("from", &self.from),
            ("to", &self.to),
            ("department", &self.department),
            ("role", &self.role),
            ("tenure", &self.tenure),
            ("voluntary", &self.voluntary),
        ])
    }
}

/// `count` of `total` as a whole percentage, `0 %` when there is nothing to divide.
pub fn percent(count: u32, total: u32) -> String {
    if total == 0 {
        "0 %".into()
    } else {
        format!("{:.0} %", 100.0 * f64::from(count) / f64::from(total))
    }
}

/// A number with one decimal, with the decimal sign of the language.
pub fn one_decimal(t: &Texts, value: f64) -> String {
    format!("{value:.1}").replace('.', t.decimal_sign)
}

/// `query` plus `lang=…`, for the chart images.
pub fn with_lang(query: &str, lang: &str) -> String {
    let sep = if query.is_empty() { '?' } else { '&' };
    format!("{query}{sep}lang={lang}")
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_context::<LangSignal>().map(|l| l.0);
    let filters = RwSignal::new(DashboardFilters::default());
    let applied = RwSignal::new(String::new());
    let figures = RwSignal::new(None::<Dashboard>);
    let error = RwSignal::new(None::<String>);
    let reload = RwSignal::new(0u32);
    let names = use_theme_names();

    Effect::new(move |_| {
        let query = applied.get();
        reload.track();
        spawn_local(async move {
            match api::call::<Dashboard>("GET", &format!("/dashboard{query}"), None::<&()>).await {
                Ok(d) => {
                    figures.set(Some(d));
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        applied.set(filters.get_untracked().query());
    };
    let lang_code = move || lang.map_or("nl", |l| l.get().code());
    // A new image address after a change of themes, so the browser draws the chart again.
    let chart = move |name: &'static str| {
        let mut query = with_lang(&applied.get(), lang_code());
        let version = reload.get();
        if version > 0 {
            query.push_str(&format!("&v={version}"));
        }
        format!("/api/v1/dashboard/{name}{query}")
    };
    let choices = move |pick: fn(&Dashboard) -> Vec<String>| {
        figures.with(|d| d.as_ref().map(pick).unwrap_or_default())
    };

    view! {
        <section class="page wide-page dashboard">
            <div class="page-head">
                <h1>{move || t.get().dashboard_title}</h1>
                <div class="actions no-print">
                    <a class="button" href=move || format!("/api/v1/dashboard/export.csv{}", applied.get()) download="exitgesprekken.csv">
                        {move || t.get().export_csv}
                    </a>
                    <button type="button" on:click=move |_| { let _ = window().print(); }>{move || t.get().print}</button>
                </div>
            </div>
            <form class="filters" on:submit=submit>
                <DateField label=|t| t.leaving_from filters get=|f| f.from.clone() set=|f, v| f.from = v/>
                <DateField label=|t| t.leaving_to filters get=|f| f.to.clone() set=|f, v| f.to = v/>
                <ChoiceField label=|t| t.department filters set=|f, v| f.department = v
                    options=Signal::derive(move || choices(|d| d.departments.clone()))/>
                <ChoiceField label=|t| t.role filters set=|f, v| f.role = v
                    options=Signal::derive(move || choices(|d| d.roles.clone()))/>
                <label class="field">
                    <span>{move || t.get().tenure}</span>
                    <select on:change=move |ev| filters.update(|f| f.tenure = event_target_value(&ev))>
                        <option value="">{move || t.get().all}</option>
                        {TenureBand::ALL.iter().map(|band| {
                            let (i, key) = (band.index(), tenure_key(*band));
                            view! { <option value=key>{move || t.get().tenure_bands[i]}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().voluntary}</span>
                    <select on:change=move |ev| filters.update(|f| f.voluntary = event_target_value(&ev))>
                        <option value="">{move || t.get().all}</option>
                        <option value="true">{move || t.get().yes}</option>
                        <option value="false">{move || t.get().no}</option>
                    </select>
                </label>
                <button type="submit" class="primary">{move || t.get().filter}</button>
            </form>
            <p class="error" role="alert">{move || error.get()}</p>
            {move || figures.get().map(|d| {
                if d.interviews == 0 {
                    return Either::Left(view! { <p>{t.get().dashboard_no_data}</p> });
                }
                Either::Right(view! {
                    <p class="big-number"><strong>{d.interviews}</strong> " " {t.get().dashboard_count}</p>
                    <ThemesFigure d=d.clone() chart=Signal::derive(move || chart("themes.svg")) query=applied.into() names/>
                    <figure class="chart">
                        <img src=move || chart("trend.svg") alt=move || t.get().dashboard_trend_title/>
                    </figure>
                    <AnswersSection d=d.clone()/>
                    <TurnoverSection turnover=d.turnover reload/>
                })
            })}
            <EmergentSection query=applied.into() reload names/>
        </section>
    }
}

/// Theme names as HR set them (built-in labels otherwise), in the chosen language.
#[derive(Clone, Copy)]
pub struct ThemeNames {
    catalogue: RwSignal<Catalogue>,
    lang: Option<RwSignal<Lang>>,
}

impl ThemeNames {
    /// After HR changed the settings on this page.
    pub fn set(&self, catalogue: Catalogue) {
        self.catalogue.set(catalogue);
    }

    pub fn name(&self, key: &str) -> String {
        let lang = self.lang.map_or(Lang::Nl, |l| l.get());
        self.catalogue.with(|c| c.name(key, lang))
    }

    /// The themes a note can be given now.
    pub fn enabled_keys(&self) -> Vec<String> {
        self.catalogue.with(Catalogue::enabled_keys)
    }
}

/// Loads HR's theme settings once, for naming themes on a page.
pub fn use_theme_names() -> ThemeNames {
    let catalogue = RwSignal::new(Catalogue::default());
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(c) = api::call::<Catalogue>("GET", "/themes", None::<&()>).await {
                catalogue.set(c);
            }
        });
    });
    ThemeNames {
        catalogue,
        lang: use_context::<LangSignal>().map(|l| l.0),
    }
}

/// The serde key of a tenure band, for the query string.
pub(super) fn tenure_key(band: TenureBand) -> &'static str {
    [
        "under_one",
        "one_to_two",
        "two_to_five",
        "five_to_ten",
        "ten_plus",
    ][band.index()]
}

#[component]
fn DateField(
    label: fn(&Texts) -> &'static str,
    filters: RwSignal<DashboardFilters>,
    get: fn(&DashboardFilters) -> String,
    set: fn(&mut DashboardFilters, String),
) -> impl IntoView {
    let t = use_texts();
    view! {
        <label class="field">
            <span>{move || label(t.get())}</span>
            <input type="date" prop:value=move || filters.with(get)
                on:input=move |ev| filters.update(|f| set(f, event_target_value(&ev)))/>
        </label>
    }
}

#[component]
fn ChoiceField(
    label: fn(&Texts) -> &'static str,
    filters: RwSignal<DashboardFilters>,
    set: fn(&mut DashboardFilters, String),
    options: Signal<Vec<String>>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <label class="field">
            <span>{move || label(t.get())}</span>
            <select on:change=move |ev| filters.update(|f| set(f, event_target_value(&ev)))>
                <option value="">{move || t.get().all}</option>
                {move || options.get().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The bar chart of themes and primary reasons, and the same figures as a table with a
/// link to the notes behind each theme.
#[component]
fn ThemesFigure(
    d: Dashboard,
    chart: Signal<String>,
    query: Signal<String>,
    names: ThemeNames,
) -> impl IntoView {
    let t = use_texts();
    let total = d.interviews;
    let primary = d.primary.clone();
    let rows = d
        .themes
        .into_iter()
        .map(|c| {
            let main = primary
                .iter()
                .find(|p| p.theme == c.theme)
                .map_or(0, |p| p.count);
            let key = c.theme.clone();
            let href = move || format!("/dashboard/{key}{}", query.get());
            let label = c.theme.clone();
            view! {
                <tr>
                    <th scope="row"><a href=href>{move || names.name(&label)}</a></th>
                    <td>{c.count} " (" {percent(c.count, total)} ")"</td>
                    <td>{main} " (" {percent(main, total)} ")"</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <img src=move || chart.get() alt=move || t.get().dashboard_themes_title/>
            <table class="figures">
                <thead><tr>
                    <th scope="col">{move || t.get().dashboard_theme}</th>
                    <th scope="col">{move || t.get().dashboard_mentioned}</th>
                    <th scope="col">{move || t.get().dashboard_primary}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_a_query_and_charts_get_the_language() {
        let f = DashboardFilters {
            department: "R&D".into(),
            tenure: "ten_plus".into(),
            ..DashboardFilters::default()
        };
        assert_eq!(f.query(), "?department=R%26D&tenure=ten_plus");
        assert_eq!(with_lang("", "en"), "?lang=en");
        assert_eq!(with_lang("?role=x", "nl"), "?role=x&lang=nl");
        for band in TenureBand::ALL {
            let json = serde_json::to_string(&band).expect("json");
            assert_eq!(json, format!("\"{}\"", tenure_key(band)));
        }
    }

    #[test]
    fn shares_are_whole_percentages() {
        assert_eq!(percent(1, 3), "33 %");
        assert_eq!(percent(0, 0), "0 %");
        let nl = crate::i18n::Lang::Nl.texts();
        assert_eq!(one_decimal(nl, 3.25), "3,2");
    }
}
