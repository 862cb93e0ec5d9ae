//! What managers see, through the real server (SQLite, and PostgreSQL when TEST_DATABASE_URL
//! is set): interviews pushed from a tablet, then read as a manager of one department, as a
//! manager of another, and as HR opening a manager's view.

mod common;

use app::domain::{
    Answers, Cell, Change, Details, DeviceId, Hlc, Insights, Interview, Note, NoteKind, Op,
    ThemeId, WouldReturn,
};
use common::{push_interviews, Client, PASSWORD};
use serde_json::{json, Value};

/// Leaver names, interviewers and dates that must never reach a manager.
const LEAVERS: [&str; 4] = [
    "Jan Jansen",
    "Fatima el Amrani",
    "Kees de Vries",
    "Wendy Bakker",
];
const INTERVIEWER: &str = "Ingrid Interviewer";

fn interview(n: usize, department: &str, role: &str, leaving: &str) -> Interview {
    let details = Details {
        leaver: LEAVERS[n % LEAVERS.len()].into(),
        department: department.into(),
        role: role.into(),
        leaving_date: leaving.parse().ok(),
        interview_date: leaving.parse().ok(),
        interviewer: INTERVIEWER.into(),
        tenure_years: Some(3),
        ..Details::default()
    };
    let mut iv = Interview::new(details, "", 1_000);
    let q = iv.guide[0].id.clone();
    let text = format!(
        "\"{} vond de werkdruk veel te hoog\"",
        LEAVERS[n % LEAVERS.len()]
    );
    iv.notes
        .push(Note::new(q, NoteKind::Quote, &text, 1_000).expect("note"));
    let mut answers = Answers::default();
    answers.set_primary(Some(if n.is_multiple_of(3) {
        ThemeId::Pay
    } else {
        ThemeId::Workload
    }));
    answers.voluntary = Some(true);
    answers.would_return = Some(if n.is_multiple_of(2) {
        WouldReturn::No
    } else {
        WouldReturn::Maybe
    });
    iv.answers = answers;
    iv
}

async fn insights(client: &Client, query: &str) -> (u16, Value) {
    client
        .call("GET", &format!("/api/v1/insights{query}"), None)
        .await
}

fn parsed(body: Value) -> Insights {
    serde_json::from_value(body).expect("insights")
}

#[tokio::test]
async fn managers_see_only_anonymised_figures_of_their_own_departments() {
    let (app, hr, tablet) = common::two_departments().await;
    // Verkoop: 12 interviews, 6 per role, in 2026; Logistiek: 3.
    let mut all = Vec::new();
    for n in 0..12 {
        let role = if n < 6 {
            "Binnendienst"
        } else {
            "Buitendienst"
        };
        all.push(interview(
            n,
            "Verkoop",
            role,
            &format!("2026-0{}-15", 1 + n % 6),
        ));
    }
    for n in 0..3 {
        all.push(interview(n, "Logistiek", "Chauffeur", "2026-03-01"));
    }
    push_interviews(&tablet, &all).await;

    let verkoop = Client::new(&app);
    assert_eq!(verkoop.login("verkoop@example.nl", PASSWORD).await, 200);
    let (status, body) = insights(&verkoop, "").await;
    assert_eq!(status, 200, "{body}");
    let text = body.to_string();
    for secret in LEAVERS
        .iter()
        .chain(&[INTERVIEWER, "2026-0", "werkdruk", "Logistiek"])
    {
        assert!(!text.contains(secret), "{secret} reached a manager: {text}");
    }
    let got = parsed(body);
    assert_eq!(got.departments, ["Verkoop"]);
    assert_eq!(got.interviews, Cell::Shown(12));
    let workload = got
        .themes
        .iter()
        .find(|t| t.key == "workload")
        .expect("workload");
    // All 12 named workload: shown, it would tell each one's answer.
    assert_eq!(workload.count, Cell::TooFew);
    // Primary: pay 4 (below 5) and workload 8; pay's companion is workload.
    assert!(
        got.primary.iter().all(|p| p.count == Cell::TooFew),
        "{:?}",
        got.primary
    );
    // Would return: yes 0 (hidden, and holding fewer than 5 it takes maybe's 6 along), no 6,
    // everyone answered.
    assert_eq!(
        got.would_return,
        [Cell::TooFew, Cell::TooFew, Cell::Shown(6), Cell::Shown(0)]
    );
    assert_eq!(got.choices.roles, ["Binnendienst", "Buitendienst"]);
    assert_eq!(got.choices.years, [2026]);

    // The charts and the CSV show the same figures, hidden ones as "te weinig gesprekken".
    let (status, kind, csv) = verkoop.get_text("/api/v1/insights/export.csv").await;
    assert_eq!(
        (status, kind.as_str()),
        (200, "text/csv; charset=utf-8"),
        "{csv}"
    );
    for want in [
        "interviews,,12",
        "theme,werkdruk & balans,te weinig gesprekken",
        "would_return,ja,te weinig gesprekken",
        "would_return,nee,6",
    ] {
        assert!(csv.lines().any(|l| l == want), "{want} missing: {csv}");
    }
    let (_, _, english) = verkoop
        .get_text("/api/v1/insights/export.csv?lang=en")
        .await;
    assert!(
        english.contains("theme,workload & balance,too few interviews"),
        "{english}"
    );
    for chart in ["themes.svg", "trend.svg"] {
        let (status, kind, svg) = verkoop.get_text(&format!("/api/v1/insights/{chart}")).await;
        assert_eq!(
            (status, kind.as_str()),
            (200, "image/svg+xml; charset=utf-8"),
            "{svg}"
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        for text in [&csv, &english, &svg] {
            for secret in LEAVERS.iter().chain(&[INTERVIEWER, "2026-0", "Logistiek"]) {
                assert!(!text.contains(secret), "{secret} reached a manager: {text}");
            }
        }
    }
    let (_, _, svg) = verkoop.get_text("/api/v1/insights/themes.svg").await;
    // Workload, named in all 12, is hidden: no bar tells its 12 (100 %).
    assert!(svg.contains(">te weinig gesprekken<"), "{svg}");
    assert!(!svg.contains("100 %") && !svg.contains(">12 "), "{svg}");
    for (query, want) in [
        ("?scope=Logistiek", 403),
        ("?department=Logistiek", 403),
        ("?who=everyone", 400),
    ] {
        for file in ["themes.svg", "trend.svg", "export.csv"] {
            let (status, _, body) = verkoop
                .get_text(&format!("/api/v1/insights/{file}{query}"))
                .await;
            assert_eq!(status, want, "{file}{query}: {body}");
        }
    }
    let (status, _) = insights(&verkoop, "?lang=en").await;
    assert_eq!(status, 400, "the figures take no language");

    // One role: 6 interviews.
    let (status, body) = insights(&verkoop, "?role=Binnendienst").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(parsed(body).interviews, Cell::Shown(6));
    // A role that does not occur answers like a group that is too small.
    let (status, body) = insights(&verkoop, "?role=Chauffeur").await;
    assert_eq!(status, 200, "{body}");
    let small = parsed(body);
    assert_eq!(small.interviews, Cell::TooFew);
    assert!(small.themes.is_empty() && small.trend.is_empty());
    // Two conditions at once could be subtracted from each other.
    let (status, body) = insights(&verkoop, "?role=Binnendienst&year=2026").await;
    assert_eq!(status, 400, "{body}");
    // Another department's figures: refused, however asked.
    for query in ["?scope=Logistiek", "?department=Logistiek"] {
        let (status, body) = insights(&verkoop, query).await;
        assert_eq!(status, 403, "{query}: {body}");
    }
    // A manager's own department as scope is a filter like any other.
    let (status, body) = insights(&verkoop, "?scope=Verkoop").await;
    assert_eq!((status, parsed(body).interviews), (200, Cell::Shown(12)));
    let (status, body) = insights(&verkoop, "?scope=Verkoop&department=Verkoop").await;
    assert_eq!(status, 400, "{body}");
    // A manager never pushes interviews: made-up ones with known answers could be subtracted.
    let (status, _) = verkoop
        .call(
            "POST",
            "/api/v1/sync/push",
            Some(json!({ "device": uuid::Uuid::now_v7(), "changes": [] })),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = insights(&verkoop, "?who=everyone").await;
    assert_eq!(status, 400, "unknown parameters are refused, not ignored");

    // Logistiek's 3 interviews are too few to show anything.
    let logistiek = Client::new(&app);
    assert_eq!(logistiek.login("logistiek@example.nl", PASSWORD).await, 200);
    let (status, body) = insights(&logistiek, "").await;
    assert_eq!(status, 200, "{body}");
    let got = parsed(body);
    assert_eq!(got.interviews, Cell::TooFew);
    assert!(got.themes.is_empty() && got.primary.is_empty() && got.recommend.is_none());
    let (status, _, csv) = logistiek.get_text("/api/v1/insights/export.csv").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "\u{feff}figure,group,value",
            "department,,Logistiek",
            "interviews,,te weinig gesprekken"
        ],
        "a group too small has no other figure"
    );

    // HR sees what each manager sees, and sets the group size within bounds.
    let (status, body) = insights(&hr, "?scope=Verkoop").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(parsed(body).interviews, Cell::Shown(12));
    let (status, body) = insights(&hr, "").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(parsed(body).interviews, Cell::Shown(15));
    for bad in [
        json!({ "min_group": 2, "min_quote_group": 8 }),
        json!({ "min_group": 5, "min_quote_group": 4 }),
    ] {
        let (status, body) = hr.call("PUT", "/api/v1/insights/settings", Some(bad)).await;
        assert_eq!(status, 400, "{body}");
    }
    let (status, body) = hr.call("GET", "/api/v1/insights/settings", None).await;
    assert_eq!(
        (status, body),
        (200, json!({ "min_group": 5, "min_quote_group": 8 }))
    );
    let three = json!({ "min_group": 3, "min_quote_group": 8 });
    let (status, body) = hr
        .call("PUT", "/api/v1/insights/settings", Some(three))
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = insights(&logistiek, "").await;
    assert_eq!(parsed(body).interviews, Cell::Shown(3));
    app.stop().await.expect("clean stop");
}

fn theme_notes(body: Value) -> Vec<app::domain::ThemeNote> {
    serde_json::from_value::<app::domain::ThemeDetail>(body)
        .expect("theme detail")
        .all_notes()
        .cloned()
        .collect()
}

#[tokio::test]
async fn marked_quotes_reach_managers_scrubbed_and_only_from_large_enough_departments() {
    let (app, hr, tablet) = common::two_departments().await;
    let mut all: Vec<Interview> = (0..8)
        .map(|n| interview(n, "Verkoop", "Binnendienst", "2026-03-15"))
        .chain((0..3).map(|n| interview(n, "Logistiek", "Chauffeur", "2026-03-01")))
        .collect();
    for iv in &mut all {
        // The quote names the leaver, role, department and a date; a manager reads none.
        iv.notes[0].text = format!(
            "\"{} ({}, {}) zei op 15-03-2026: de werkdruk was veel te hoog\"",
            iv.details.leaver, iv.details.role, iv.details.department
        );
        let q = iv.guide[0].id.clone();
        let example = format!(
            "Op 15-03-2026 moest {} van {} als {} elke avond overwerken",
            iv.details.leaver, iv.details.department, iv.details.role
        );
        iv.notes
            .push(Note::new(q, NoteKind::Example, &example, 1_000).expect("note"));
    }
    push_interviews(&tablet, &all).await;

    // HR's theme page shows each note as a manager would read it.
    let (status, body) = hr
        .call("GET", "/api/v1/dashboard/themes/workload", None)
        .await;
    assert_eq!(status, 200, "{body}");
    let notes = theme_notes(body);
    let example = notes
        .iter()
        .find(|n| n.kind == NoteKind::Example && n.department == "Verkoop")
        .expect("an example");
    assert_eq!(
        example.scrubbed, "Op […] moest […] als […] elke avond overwerken",
        "name, \"van\" and department are one gap"
    );
    let quote = |department: &str| {
        notes
            .iter()
            .find(|n| n.kind == NoteKind::Quote && n.department == department)
            .expect("a quote")
            .clone()
    };
    let (verkoop_quote, logistiek_quote) = (quote("Verkoop"), quote("Logistiek"));
    assert_eq!(
        verkoop_quote.scrubbed,
        "\"[…] ([…], […]) zei op […]: de werkdruk was veel te hoog\""
    );
    assert!(notes.iter().all(|n| !n.shared));

    let share = |id: app::domain::NoteId, text: &str, shared: bool| {
        let body = json!({ "text": text, "shared": shared });
        let path = format!("/api/v1/notes/{id}/share");
        let hr = &hr;
        async move { hr.call("PUT", &path, Some(body)).await.0 }
    };
    let verkoop = Client::new(&app);
    assert_eq!(verkoop.login("verkoop@example.nl", PASSWORD).await, 200);
    assert!(parsed(insights(&verkoop, "").await.1).quotes.is_empty());
    // Not the text HR read, not a quote or suggestion, not a note, not HR.
    assert_eq!(share(verkoop_quote.note, "iets anders", true).await, 409);
    assert_eq!(share(example.note, &example.text, true).await, 400);
    assert_eq!(share(app::domain::NoteId::new(), "x", true).await, 404);
    let (status, _) = verkoop
        .call(
            "PUT",
            &format!("/api/v1/notes/{}/share", verkoop_quote.note),
            Some(json!({ "text": verkoop_quote.text, "shared": true })),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        share(verkoop_quote.note, &verkoop_quote.text, true).await,
        200
    );
    assert_eq!(
        share(logistiek_quote.note, &logistiek_quote.text, true).await,
        200
    );

    let (status, body) = insights(&verkoop, "").await;
    assert_eq!(status, 200, "{body}");
    let text = body.to_string();
    for secret in LEAVERS.iter().chain(&[INTERVIEWER]) {
        assert!(!text.contains(secret), "{secret} reached a manager: {text}");
    }
    // The figures name the role and year a manager may filter by; the quotes name nothing.
    let quotes = body["quotes"].to_string();
    for secret in ["2026", "03-15", "Binnendienst", "Verkoop", "interview"] {
        assert!(!quotes.contains(secret), "{secret} in {quotes}");
    }
    let got = parsed(body);
    assert_eq!(got.quotes.len(), 1, "{:?}", got.quotes);
    assert_eq!(
        got.quotes[0].text,
        "\"[…] ([…], […]) zei op […]: de werkdruk was veel te hoog\""
    );
    assert_eq!(got.quotes[0].kind, NoteKind::Quote);
    // Under a filter, a quote would say whose group it came from.
    let (_, body) = insights(&verkoop, "?role=Binnendienst").await;
    assert!(parsed(body).quotes.is_empty());
    // Logistiek has 3 interviews: fewer than the 8 its quotes need, though HR marked one.
    let logistiek = Client::new(&app);
    assert_eq!(logistiek.login("logistiek@example.nl", PASSWORD).await, 200);
    let (_, body) = insights(&logistiek, "").await;
    assert!(parsed(body).quotes.is_empty());
    // HR's whole-organisation view holds Verkoop's quote, not Logistiek's.
    let (_, body) = insights(&hr, "").await;
    assert_eq!(parsed(body).quotes.len(), 1);

    // The interviewer rewrites the note: the mark no longer holds, nothing unread is shared.
    let device = DeviceId::new();
    let mut edited = all
        .iter()
        .flat_map(|iv| iv.notes.iter().map(move |n| (iv.id, n)))
        .find(|(_, n)| n.id == verkoop_quote.note)
        .map(|(iv, n)| (iv, n.clone()))
        .expect("the marked note");
    let leaver = &all
        .iter()
        .find(|iv| iv.id == edited.0)
        .expect("its interview")
        .details
        .leaver;
    edited.1.text = format!("\"{leaver}: de werkdruk was onmenselijk\"");
    let change = Change {
        seq: 1,
        id: uuid::Uuid::now_v7(),
        stamp: Hlc::default().tick(app::clock::now(), device),
        interview: edited.0,
        op: Op::Note(edited.1),
    };
    let body = json!({ "device": device, "changes": [change] });
    let (status, answer) = tablet.call("POST", "/api/v1/sync/push", Some(body)).await;
    assert_eq!(status, 200, "{answer}");
    let (_, body) = insights(&verkoop, "").await;
    assert!(
        parsed(body).quotes.is_empty(),
        "an edited note is not shared"
    );
    let (_, body) = hr
        .call("GET", "/api/v1/dashboard/themes/workload", None)
        .await;
    let again = theme_notes(body);
    let rewritten = again
        .iter()
        .find(|n| n.note == verkoop_quote.note)
        .expect("still there");
    assert!(!rewritten.shared);
    assert_eq!(rewritten.scrubbed, "\"[…]: de werkdruk was onmenselijk\"");
    // Marked again, then taken back.
    assert_eq!(share(rewritten.note, &rewritten.text, true).await, 200);
    assert_eq!(parsed(insights(&verkoop, "").await.1).quotes.len(), 1);
    assert_eq!(share(rewritten.note, "", false).await, 200);
    assert!(parsed(insights(&verkoop, "").await.1).quotes.is_empty());
    app.stop().await.expect("clean stop");
}
