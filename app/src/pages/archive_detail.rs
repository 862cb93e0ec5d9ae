//! `/archief/:id`: one synced interview in reading form — details, the opening, each
//! question with its notes by kind, the structured answers and the closing. Opening it is
//! recorded in the audit log (the server does that); HR can erase it on the leaver's request.

use leptos::{either::Either, prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::{
    api,
    domain::{Interview, InterviewRecord, NoteKind, QuestionText, Role, ThemeId},
    i18n::{use_texts, Texts},
    session::use_session,
};

#[component]
pub fn ArchiveDetail() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let session = use_session();
    let record = RwSignal::new(None::<InterviewRecord>);
    let error = RwSignal::new(None::<String>);
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    Effect::new(move |_| {
        session.user.track();
        let path = format!("/interviews/{}", super::archive::encode(&id()));
        spawn_local(async move {
            match api::call::<InterviewRecord>("GET", &path, None::<&()>).await {
                Ok(found) => {
                    record.set(Some(found));
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    let is_hr = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Hr))
    };

    let body = move || {
        record.get().map(|r| {
            let s = r.summary;
            let heading = if s.anonymised {
                t.get().anonymised.to_owned()
            } else {
                s.leaver.clone()
            };
            let leaving = s
                .leaving_date
                .map(|d| d.format("%d-%m-%Y").to_string())
                .unwrap_or_default();
            let status = s.status.index();
            view! {
                <h1>{heading}</h1>
                <p class="meta">
                    {s.department} " · " {s.role} " · " {s.interviewer} " · " {leaving} " · "
                    {move || t.get().status_labels[status]}
                </p>
                <p class="hint">{move || t.get().audit_notice}</p>
                <Reading interview=r.interview/>
            }
        })
    };
    view! {
        <section class="page reading">
            <p><a href="/archief">{move || t.get().back_to_list}</a></p>
            <p class="error" role="alert">{move || error.get()}</p>
            {body}
            <Show when=move || is_hr() && record.with(Option::is_some)>
                <Erase id=id()/>
            </Show>
        </section>
    }
}

fn question_text(t: &Texts, text: &QuestionText) -> String {
    match text {
        QuestionText::Standard(s) => t.standard_questions[s.index()].to_owned(),
        QuestionText::Custom(text) => text.clone(),
    }
}

/// The interview's content, read-only.
#[component]
fn Reading(interview: Interview) -> impl IntoView {
    let t = use_texts();
    let iv = StoredValue::new(interview);
    let questions = move || {
        let t = t.get();
        iv.with_value(|iv| {
            iv.guide
                .iter()
                .filter(|q| !q.skipped)
                .map(|q| {
                    let notes: Vec<(NoteKind, String)> = iv
                        .notes_for(&q.id)
                        .map(|n| (n.kind, n.text.clone()))
                        .collect();
                    let listed = if notes.is_empty() {
                        Either::Left(view! { <p class="muted">{t.no_notes}</p> })
                    } else {
                        Either::Right(view! {
                            <ul class="notes">
                                {notes.into_iter().map(|(kind, text)| view! {
                                    <li class=format!("note kind-{}", kind.index())>
                                        <span class="kind">{t.note_kinds[kind.index()]}</span>
                                        <span class="text">{text}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    };
                    view! {
                        <article class="card">
                            <h3>{question_text(t, &q.text)}</h3>
                            {listed}
                        </article>
                    }
                })
                .collect_view()
        })
    };
    let answers = move || {
        let t = t.get();
        iv.with_value(|iv| {
            let a = &iv.answers;
            let theme = |id: ThemeId| t.themes[id.index()];
            let secondary: Vec<&str> = a.secondary_reasons.iter().map(|id| theme(*id)).collect();
            let yes_no = |b: Option<bool>| b.map(|b| if b { t.yes } else { t.no }).unwrap_or("—");
            let ratings: Vec<String> = crate::domain::RatingTopic::ALL
                .iter()
                .filter_map(|topic| {
                    let r = a.ratings[topic.index()]?;
                    Some(format!("{}: {}", t.rating_topics[topic.index()], r.get()))
                })
                .collect();
            view! {
                <dl class="answers">
                    <dt>{t.primary_reason}</dt><dd>{a.primary_reason.map(theme).unwrap_or("—")}</dd>
                    <dt>{t.secondary_reasons}</dt><dd>{secondary.join(", ")}</dd>
                    <dt>{t.voluntary}</dt><dd>{yes_no(a.voluntary)}</dd>
                    <dt>{t.would_return}</dt><dd>{a.would_return.map(|w| t.would_return_labels[w.index()]).unwrap_or("—")}</dd>
                    <dt>{t.recommend}</dt><dd>{a.recommend.map(|r| r.get().to_string()).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{t.ratings}</dt><dd>{ratings.join(" · ")}</dd>
                    <dt>{t.regrettable}</dt><dd>{yes_no(a.regrettable)}</dd>
                </dl>
            }
        })
    };
    let closing = move || {
        let t = t.get();
        iv.with_value(|iv| {
            let c = &iv.closing;
            let check = |b: bool| if b { "✓" } else { "—" };
            view! {
                <h2>{t.closing_title}</h2>
                <p>
                    {t.thanked} " " {check(c.thanked)} " · " {t.last_thoughts} " " {check(c.last_thoughts_asked)}
                    " · " {t.door_open} " " {check(c.door_kept_open)}
                </p>
            }
        })
    };
    let opening = move || {
        let t = t.get();
        iv.with_value(|iv| {
            let o = &iv.opening;
            let check = |b: bool| if b { "✓" } else { "—" };
            view! {
                <h2>{t.opening_title}</h2>
                <p class="confidentiality">{o.confidentiality_text.clone()}</p>
                <p>{t.discussed} " " {check(o.discussed)} " · " {t.consent} " " {check(o.consent)}</p>
            }
        })
    };
    view! {
        {opening}
        <h2>{move || t.get().questions_title}</h2>
        {questions}
        <h2>{move || t.get().answers_title}</h2>
        {answers}
        {closing}
    }
}

/// "Volledig wissen", confirmed in a second step.
#[component]
fn Erase(id: String) -> impl IntoView {
    let t = use_texts();
    let navigate = use_navigate();
    let asked = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = move |_| {
        let path = format!("/interviews/{}", super::archive::encode(&id));
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::call::<()>("DELETE", &path, None::<&()>).await {
                Ok(()) => navigate("/archief?gewist=1", Default::default()),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    view! {
        <div class="erase">
            <Show when=move || !asked.get()>
                <button type="button" class="danger" on:click=move |_| asked.set(true)>{move || t.get().erase}</button>
            </Show>
            <Show when=move || asked.get()>
                <div role="alertdialog" class="confirm">
                    <p>{move || t.get().erase_confirm}</p>
                    <button type="button" class="danger" on:click=confirm.clone()>{move || t.get().erase}</button>
                    <button type="button" on:click=move |_| asked.set(false)>{move || t.get().cancel}</button>
                </div>
            </Show>
            <p class="error" role="alert">{move || error.get()}</p>
        </div>
    }
}
