//! The improvement plan through the real server (SQLite, and PostgreSQL when
//! TEST_DATABASE_URL is set): HR and managers keep actions, managers only for their own
//! departments, and each action's effect compares the months before and after its start.

mod common;

use app::domain::{Action, Cell, Details, Interview, Note, NoteKind, Verdict};
use chrono::{Datelike, Months, NaiveDate};
use common::{push_interviews, two_departments, Client, PASSWORD};
use serde_json::{json, Value};

fn interview(department: &str, leaving: NaiveDate, workload: bool) -> Interview {
    let details = Details {
        leaver: "Marieke Mulder".into(),
        department: department.into(),
        role: "Adviseur".into(),
        leaving_date: Some(leaving),
        interview_date: Some(leaving),
        interviewer: "Ingrid".into(),
        ..Details::default()
    };
    let mut iv = Interview::new(details, "", 1_000);
    let q = iv.guide[0].id.clone();
    let text = if workload {
        "De werkdruk was veel te hoog, elke week overuren"
    } else {
        "Ik ga verhuizen naar een andere stad"
    };
    iv.notes
        .push(Note::new(q, NoteKind::Quote, text, 1_000).expect("note"));
    iv
}

fn action(value: Value) -> Action {
    serde_json::from_value(value).expect("an action")
}

fn draft(title: &str, departments: &[&str], start: NaiveDate) -> Value {
    json!({
        "title": title,
        "description": "Teams plannen samen, met een vaste buffer per sprint.",
        "themes": ["workload"],
        "departments": departments,
        "start": start,
        "status": "underway",
    })
}

#[tokio::test]
async fn actions_keep_to_departments_and_show_their_effect() {
    let (app, hr, tablet) = two_departments().await;

    // Started on the 1st six months ago: six whole months on each side.
    let today = app::clock::today().expect("today");
    let this_month = today.with_day(1).expect("1st");
    let start = this_month
        .checked_sub_months(Months::new(6))
        .expect("start");
    let before = start.checked_sub_months(Months::new(3)).expect("before") + chrono::Days::new(9);
    let after = start.checked_add_months(Months::new(2)).expect("after") + chrono::Days::new(9);
    // Verkoop: 15 of 20 named workload before, 6 of 20 after. Logistiek: 3, all after.
    let mut all: Vec<Interview> = (0..20)
        .map(|n| interview("Verkoop", before, n < 15))
        .chain((0..20).map(|n| interview("Verkoop", after, n < 6)))
        .chain((0..3).map(|_| interview("Logistiek", after, true)))
        .collect();
    // One this month: not in any whole month yet.
    all.push(interview("Verkoop", today, true));
    push_interviews(&tablet, &all).await;

    let (status, body) = hr
        .call(
            "POST",
            "/api/v1/actions",
            Some(draft("Werkdruk omlaag", &["Verkoop"], start)),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let made = action(body);
    let (b, a) = (
        made.effect.before.clone().expect("before"),
        made.effect.after.clone().expect("after"),
    );
    assert_eq!(
        (b.interviews, b.mentioning),
        (Cell::Shown(20), Cell::Shown(15))
    );
    assert_eq!(
        (a.interviews, a.mentioning),
        (Cell::Shown(20), Cell::Shown(6))
    );
    assert_eq!(
        (b.from, b.to, a.from, a.to),
        (
            start.checked_sub_months(Months::new(6)).expect("from"),
            start,
            start,
            this_month
        )
    );
    let interval = made.effect.interval.expect("an interval");
    assert!((interval.difference + 0.45).abs() < 1e-9);
    assert!(interval.high < 0.0, "{interval:?}");
    assert_eq!(made.effect.verdict, Verdict::Fewer);

    // Verkoop's manager reads it; Logistiek's neither lists nor opens nor changes it.
    let verkoop = Client::new(&app);
    assert_eq!(verkoop.login("verkoop@example.nl", PASSWORD).await, 200);
    let logistiek = Client::new(&app);
    assert_eq!(logistiek.login("logistiek@example.nl", PASSWORD).await, 200);
    let (status, body) = verkoop.call("GET", "/api/v1/actions", None).await;
    assert_eq!(status, 200, "{body}");
    let seen: Vec<Action> = serde_json::from_value(body).expect("actions");
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].effect.verdict, Verdict::Fewer);
    let path = format!("/api/v1/actions/{}", made.id);
    let (status, body) = logistiek.call("GET", "/api/v1/actions", None).await;
    assert_eq!((status, body), (200, json!([])));
    assert_eq!(logistiek.call("GET", &path, None).await.0, 404);
    let mut change = draft("Werkdruk omlaag", &["Verkoop"], start);
    change["version"] = json!(made.version);
    assert_eq!(
        logistiek.call("PUT", &path, Some(change.clone())).await.0,
        404
    );
    assert_eq!(logistiek.call("DELETE", &path, None).await.0, 404);

    // A manager changes an action of their own department; a stale second save is refused
    // and names who saved first.
    change["status"] = json!("done");
    let (status, body) = verkoop.call("PUT", &path, Some(change.clone())).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(action(body).version, made.version + 1);
    let (status, body) = hr.call("PUT", &path, Some(change.clone())).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("verkoop@example.nl"), "{body}");
    // Keeping the old start while turning the action to another theme would be a new query
    // over past months: refused for a manager.
    change["version"] = json!(made.version + 1);
    change["themes"] = json!(["pay"]);
    let (status, body) = verkoop.call("PUT", &path, Some(change.clone())).await;
    assert_eq!(status, 400, "{body}");
    change["themes"] = json!(["workload"]);

    // Progress, newest first.
    let update = json!({ "text": "Eerste sprint met buffer gedraaid." });
    let (status, body) = verkoop
        .call("POST", &format!("{path}/updates"), Some(update))
        .await;
    assert_eq!(status, 200, "{body}");
    let updated = action(body);
    assert_eq!(updated.updates.len(), 1);
    assert_eq!(updated.updates[0].on, today);
    let (status, _) = verkoop
        .call(
            "POST",
            &format!("{path}/updates"),
            Some(json!({ "text": "  " })),
        )
        .await;
    assert_eq!(status, 400);

    // What a manager may not start: back-dated, another department, or no theme.
    let (status, body) = verkoop
        .call(
            "POST",
            "/api/v1/actions",
            Some(draft("Terug in de tijd", &["Verkoop"], start)),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = verkoop
        .call(
            "POST",
            "/api/v1/actions",
            Some(draft("Niet van mij", &["Logistiek"], today)),
        )
        .await;
    assert_eq!(status, 403);
    let mut themeless = draft("Zonder thema", &["Verkoop"], today);
    themeless["themes"] = json!([]);
    let (status, body) = verkoop
        .call("POST", "/api/v1/actions", Some(themeless))
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.to_string().contains("no_theme"), "{body}");
    let mut unknown = draft("Onbekend thema", &["Verkoop"], today);
    unknown["themes"] = json!(["parkeren"]);
    assert_eq!(
        verkoop
            .call("POST", "/api/v1/actions", Some(unknown))
            .await
            .0,
        400
    );
    // Started this month: nothing to compare yet.
    let (status, body) = verkoop
        .call(
            "POST",
            "/api/v1/actions",
            Some(draft("Nieuw overleg", &["Verkoop"], today)),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(action(body).effect.verdict, Verdict::NoPeriodYet);

    // Logistiek's 3 interviews: a manager sees too few; HR sees the counts, with the same verdict.
    let (status, body) = hr
        .call(
            "POST",
            "/api/v1/actions",
            Some(draft("Rooster", &["Logistiek"], start)),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let small = action(body);
    assert_eq!(small.effect.verdict, Verdict::TooFew);
    assert_eq!(
        small.effect.after.expect("after").interviews,
        Cell::Shown(3)
    );
    let (_, body) = logistiek
        .call("GET", &format!("/api/v1/actions/{}", small.id), None)
        .await;
    let theirs = action(body);
    assert_eq!(theirs.effect.after.expect("after").interviews, Cell::TooFew);
    assert_eq!(theirs.effect.verdict, Verdict::TooFew);

    // Filters; interviewers see no plan.
    let (_, body) = hr.call("GET", "/api/v1/actions?status=done", None).await;
    assert_eq!(
        serde_json::from_value::<Vec<Action>>(body)
            .expect("list")
            .len(),
        1
    );
    let (_, body) = hr
        .call("GET", "/api/v1/actions?department=Logistiek", None)
        .await;
    assert_eq!(
        serde_json::from_value::<Vec<Action>>(body)
            .expect("list")
            .len(),
        1
    );
    assert_eq!(
        hr.call("GET", "/api/v1/actions?colour=red", None).await.0,
        400
    );
    assert_eq!(tablet.call("GET", "/api/v1/actions", None).await.0, 403);

    // HR deletes; gone for everyone.
    assert_eq!(hr.call("DELETE", &path, None).await.0, 204);
    assert_eq!(verkoop.call("GET", &path, None).await.0, 404);
    app.stop().await.expect("clean stop");
}

/// What a published progress page shows, to anyone with the link and nobody after it is
/// revoked: one department's actions as its manager reads them, without names.
#[tokio::test]
async fn a_published_progress_page_shows_one_department_without_names() {
    let (app, hr, tablet) = two_departments().await;
    let today = app::clock::today().expect("today");
    let start = today
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(3)))
        .expect("start");
    let before = start.checked_sub_months(Months::new(2)).expect("before");
    let after = start.checked_add_months(Months::new(1)).expect("after");
    // Each side's month holds at least k = 5 naming the theme and 5 not, so that a manager's
    // growing windows may show it.
    let all: Vec<Interview> = (0..12)
        .map(|n| interview("Verkoop", before, n < 7))
        .chain((0..10).map(|n| interview("Verkoop", after, n < 5)))
        .chain((0..2).map(|_| interview("Logistiek", after, true)))
        .collect();
    push_interviews(&tablet, &all).await;
    let (_, body) = hr.call("GET", "/api/v1/users", None).await;
    let hr_id = body
        .as_array()
        .and_then(|users| users.iter().find(|u| u["role"] == "hr"))
        .map(|u| u["id"].clone())
        .expect("hr in the list");
    let mut shared = draft("Werkdruk omlaag", &["Verkoop", "Logistiek"], start);
    shared["owner"] = hr_id;
    let (status, body) = hr.call("POST", "/api/v1/actions", Some(shared)).await;
    assert_eq!(status, 201, "{body}");
    let shared = action(body);
    let (status, _) = hr
        .call(
            "POST",
            "/api/v1/actions",
            Some(draft("Alleen logistiek", &["Logistiek"], start)),
        )
        .await;
    assert_eq!(status, 201);
    for text in ["Eerste overleg gehouden.", "Buffer per sprint ingevoerd."] {
        let path = format!("/api/v1/actions/{}/updates", shared.id);
        let (status, _) = hr.call("POST", &path, Some(json!({ "text": text }))).await;
        assert_eq!(status, 200);
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    // Bad requests publish nothing.
    for bad in [
        json!({ "department": "", "days": 30 }),
        json!({ "department": "Verkoop", "days": 0 }),
        json!({ "department": "Verkoop", "days": 366 }),
        json!({ "department": "Verkoop", "public": true }),
    ] {
        let (status, body) = hr.call("POST", "/api/v1/progress-links", Some(bad)).await;
        assert_eq!(status, 400, "{body}");
    }
    let (_, body) = hr.call("GET", "/api/v1/progress-links", None).await;
    assert_eq!(body, json!([]));

    let publish = |department: &str| {
        let body = json!({ "department": department });
        let hr = &hr;
        async move {
            let (status, body) = hr.call("POST", "/api/v1/progress-links", Some(body)).await;
            assert_eq!(status, 201, "{body}");
            let link: app::domain::ProgressLink = serde_json::from_value(body).expect("link");
            let days = (link.expires_at - link.created_at) / (24 * 3600 * 1000);
            assert_eq!(days, 30, "thirty days by default");
            link
        }
    };
    let verkoop = publish("Verkoop").await;
    let logistiek = publish("Logistiek").await;
    let stranger = Client::new(&app);
    let read = |link: &app::domain::ProgressLink| {
        format!(
            "/api/v1/public/progress/{}",
            link.token.clone().expect("token")
        )
    };

    // Verkoop's page: the shared action, counted over Verkoop alone, latest update only.
    let (status, body) = stranger.call("GET", &read(&verkoop), None).await;
    assert_eq!(status, 200, "{body}");
    let page: app::domain::ProgressPage = serde_json::from_value(body.clone()).expect("page");
    assert_eq!(page.department, "Verkoop");
    assert_eq!(page.actions.len(), 1);
    let shown = &page.actions[0];
    assert_eq!(shown.title, "Werkdruk omlaag");
    assert_eq!(
        shown.latest.as_ref().map(|u| u.text.as_str()),
        Some("Buffer per sprint ingevoerd.")
    );
    assert_eq!(shown.themes[0].key, "workload");
    let after_cell = shown.effect.after.as_ref().expect("after");
    assert_eq!(
        (after_cell.interviews, after_cell.mentioning),
        (Cell::Shown(10), Cell::Shown(5))
    );
    // Logistiek's page: both of its actions, too few interviews to show any count.
    let (status, body) = stranger.call("GET", &read(&logistiek), None).await;
    assert_eq!(status, 200, "{body}");
    let page: app::domain::ProgressPage = serde_json::from_value(body.clone()).expect("page");
    assert_eq!(page.actions.len(), 2);
    for a in &page.actions {
        assert_eq!(a.effect.verdict, Verdict::TooFew, "{}", a.title);
        let after = a.effect.after.as_ref().expect("after");
        assert_eq!(after.interviews, Cell::TooFew);
    }
    // No names of leavers, interviewers, owners or authors, and no other department.
    let text = body.to_string();
    for secret in [
        "Marieke",
        "Ingrid",
        "Adviseur",
        "Verkoop",
        "hr@example.nl",
        "Hanna",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    // HR lists the links without tokens; revoking closes the page for everyone.
    let (_, body) = hr.call("GET", "/api/v1/progress-links", None).await;
    let links: Vec<app::domain::ProgressLink> = serde_json::from_value(body).expect("links");
    assert_eq!(links.len(), 2);
    assert!(links.iter().all(|l| l.token.is_none()));
    let path = format!("/api/v1/progress-links/{}", verkoop.id);
    let verkoop_manager = Client::new(&app);
    assert_eq!(
        verkoop_manager.login("verkoop@example.nl", PASSWORD).await,
        200
    );
    assert_eq!(verkoop_manager.call("DELETE", &path, None).await.0, 403);
    assert_eq!(hr.call("DELETE", &path, None).await.0, 204);
    let (status, body) = stranger.call("GET", &read(&verkoop), None).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(stranger.call("GET", &read(&logistiek), None).await.0, 200);
    for bad in ["x", "..%2Factions", &"0".repeat(64), &"z".repeat(64)] {
        let path = format!("/api/v1/public/progress/{bad}");
        assert_eq!(stranger.call("GET", &path, None).await.0, 404, "{bad}");
    }
    app.stop().await.expect("clean stop");
}
