//! HR's dashboard through the real server (SQLite, and PostgreSQL when TEST_DATABASE_URL
//! is set): interviews pushed as a tablet pushes them, then counted, filtered, drawn,
//! exported and put beside the headcount.

mod common;

use app::{
    domain::{
        Answers, Change, Dashboard, DashboardFilter, Details, DeviceId, DisplayName, Email,
        Emergent, Hlc, Interview, InterviewId, NewUser, Note, NoteKind, Op, Rating, Recommend,
        Role, TenureBand, ThemeDetail, ThemeId, User, WouldReturn,
    },
    themes::{Catalogue, ThemeSetting},
};
use common::{add_user, setup_hr, spawn_app, Client};
use serde_json::json;
use server::{
    accounts::{hash_password, Users},
    cli::seed::push_generated,
    dashboard::{aggregate::aggregate, Dashboards, Facts, Row, Tally},
    db::{Backend, Db},
    sync::Interviews,
};
use sqlx::migrate::Migrator;

/// Pushes `ops` as changes from `device`, continuing its sequence.
async fn push(
    client: &Client,
    device: DeviceId,
    seq: &mut u64,
    clock: &mut Hlc,
    iv: &Interview,
    ops: Vec<Op>,
) {
    let changes: Vec<Change> = ops
        .into_iter()
        .map(|op| {
            *seq += 1;
            Change {
                seq: *seq,
                id: uuid::Uuid::now_v7(),
                stamp: clock.tick(1_000 + *seq as i64, device),
                interview: iv.id,
                op,
            }
        })
        .collect();
    let body = json!({ "device": device, "changes": changes });
    let (status, answer) = client.call("POST", "/api/v1/sync/push", Some(body)).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["rejected"], json!([]), "{answer}");
}

struct Leaver {
    department: &'static str,
    start: &'static str,
    leaving: &'static str,
    notes: &'static [(NoteKind, &'static str)],
    primary: ThemeId,
    voluntary: bool,
    recommend: Option<u8>,
    regrettable: Option<bool>,
}

fn interview(l: &Leaver) -> Interview {
    let details = Details {
        leaver: "Naam die niet in de export mag".into(),
        department: l.department.into(),
        start_date: l.start.parse().ok(),
        leaving_date: l.leaving.parse().ok(),
        ..Details::default()
    };
    let mut iv = Interview::new(details, "", 1_000);
    for (i, (kind, text)) in l.notes.iter().enumerate() {
        let q = iv.guide[i % iv.guide.len()].id.clone();
        iv.notes
            .push(Note::new(q, *kind, text, 1_000 + i as i64).expect("note"));
    }
    let mut answers = Answers::default();
    answers.set_primary(Some(l.primary));
    answers.voluntary = Some(l.voluntary);
    answers.recommend = l.recommend.and_then(Recommend::new);
    answers.regrettable = l.regrettable;
    answers.would_return = Some(WouldReturn::Maybe);
    answers.ratings[0] = Rating::new(4);
    iv.answers = answers;
    iv
}

async fn dashboard(hr: &Client, query: &str) -> Dashboard {
    let (status, body) = hr
        .call("GET", &format!("/api/v1/dashboard{query}"), None)
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a dashboard")
}

fn counts(d: &Dashboard) -> Vec<(String, u32)> {
    d.themes
        .iter()
        .map(|c| (c.theme.clone(), c.count))
        .collect()
}

/// HR (who set the server up) and a logged-in interviewer's tablet.
async fn hr_and_interviewer(app: &common::TestApp) -> (Client, Client) {
    let hr = setup_hr(app).await;
    add_user(&hr, "interviewer@example.nl", "interviewer", &[]).await;
    let tablet = Client::new(app);
    assert_eq!(
        tablet
            .login("interviewer@example.nl", common::PASSWORD)
            .await,
        200
    );
    (hr, tablet)
}

#[tokio::test]
async fn hr_sees_themes_counted_per_interview_filtered_drawn_exported_and_beside_turnover() {
    let app = spawn_app().await;
    let (hr, tablet) = hr_and_interviewer(&app).await;
    let (device, mut seq, mut clock) = (DeviceId::new(), 0, Hlc::default());

    let leavers = [
        Leaver {
            department: "Zorg",
            start: "2023-01-01",
            leaving: "2026-02-10",
            notes: &[
                (NoteKind::Quote, "\"De werkdruk was niet meer te doen\""),
                (NoteKind::Observation, "Laatste werkdag afgestemd"),
            ],
            primary: ThemeId::Workload,
            voluntary: true,
            recommend: Some(9),
            regrettable: Some(true),
        },
        Leaver {
            department: "Zorg",
            start: "2014-03-01",
            leaving: "2026-05-01",
            notes: &[(NoteKind::Example, "Leidinggevende gaf nooit feedback")],
            primary: ThemeId::Manager,
            voluntary: true,
            recommend: Some(3),
            regrettable: None,
        },
        Leaver {
            department: "ICT, Noord",
            start: "2025-06-01",
            leaving: "2025-11-01",
            notes: &[
                (
                    NoteKind::Suggestion,
                    "Suggestie: het salaris marktconform maken",
                ),
                (NoteKind::Example, "Maakte elke week overuren"),
            ],
            primary: ThemeId::Pay,
            voluntary: false,
            recommend: None,
            regrettable: Some(false),
        },
    ];
    let mut pushed = Vec::new();
    for l in &leavers {
        let iv = interview(l);
        push(&tablet, device, &mut seq, &mut clock, &iv, Op::all_of(&iv)).await;
        pushed.push(iv);
    }

    let all = dashboard(&hr, "").await;
    assert_eq!(all.interviews, 3);
    assert_eq!(
        counts(&all),
        [
            ("workload".into(), 2),
            ("manager".into(), 1),
            ("pay".into(), 1)
        ]
    );
    assert_eq!(all.primary.len(), 3);
    let quarters: Vec<&str> = all.trend.iter().map(|q| q.quarter.as_str()).collect();
    assert_eq!(quarters, ["2025-Q4", "2026-Q1", "2026-Q2"]);
    assert_eq!(
        (
            all.recommend.promoters,
            all.recommend.detractors,
            all.recommend.score
        ),
        (1, 1, Some(0))
    );
    assert_eq!(
        (
            all.regrettable.yes,
            all.regrettable.no,
            all.regrettable.unknown
        ),
        (1, 1, 1)
    );
    assert_eq!(all.ratings[0].average, Some(4.0));
    assert_eq!(all.departments, ["ICT, Noord", "Zorg"]);

    // Filters: department, tenure band (from the start and leaving dates), voluntary, period.
    let filtered = [
        ("?department=Zorg", 2),
        ("?tenure=ten_plus", 1),
        ("?tenure=under_one", 1),
        ("?voluntary=false", 1),
        ("?from=2026-01-01&to=2026-03-31", 1),
    ];
    for (query, want) in filtered {
        assert_eq!(dashboard(&hr, query).await.interviews, want, "{query}");
    }
    let (status, body) = hr
        .call("GET", "/api/v1/dashboard?tenure=forever", None)
        .await;
    assert_eq!(status, 400, "{body}");

    // The notes behind a theme: quotes, suggestions and examples, with their interview.
    let (status, body) = hr
        .call("GET", "/api/v1/dashboard/themes/workload", None)
        .await;
    assert_eq!(status, 200, "{body}");
    let detail: ThemeDetail = serde_json::from_value(body).expect("detail");
    assert_eq!(detail.interviews, 2);
    let texts: Vec<&str> = detail.all_notes().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "\"De werkdruk was niet meer te doen\"",
            "Maakte elke week overuren"
        ]
    );
    let first = detail.all_notes().next().expect("a note");
    assert_eq!(first.interview, pushed[0].id);
    let (status, _) = hr.call("GET", "/api/v1/dashboard/themes/a%25b", None).await;
    assert_eq!(status, 404);

    // Charts are SVG drawn on the server, in the asked language; the export has no names.
    let (status, kind, svg) = hr.get_text("/api/v1/dashboard/themes.svg").await;
    assert_eq!(
        (status, kind.as_str()),
        (200, "image/svg+xml; charset=utf-8")
    );
    assert!(
        svg.starts_with("<svg") && svg.contains("werkdruk &amp; balans"),
        "{svg}"
    );
    let (_, _, svg) = hr.get_text("/api/v1/dashboard/trend.svg?lang=en").await;
    assert!(
        svg.contains(">2026-Q1<") && svg.contains("workload"),
        "{svg}"
    );
    let (status, kind, csv) = hr
        .get_text("/api/v1/dashboard/export.csv?department=Zorg")
        .await;
    assert_eq!((status, kind.as_str()), (200, "text/csv; charset=utf-8"));
    assert_eq!(csv.lines().count(), 3, "header and two interviews: {csv}");
    assert!(!csv.contains("Naam"), "no names in the export");
    let (_, _, csv) = hr
        .get_text("/api/v1/dashboard/export.csv?voluntary=false")
        .await;
    assert!(csv.contains("\"ICT, Noord\""), "{csv}");

    // Turnover: leavers with an interview per year against HR's headcount.
    let headcounts = json!([
        { "year": 2026, "headcount": 20 },
        { "year": 2026, "department": "Zorg", "headcount": 4 }
    ]);
    let (status, body) = hr.call("PUT", "/api/v1/headcounts", Some(headcounts)).await;
    assert_eq!(status, 204, "{body}");
    let turnover: Vec<(String, u32, f64)> = dashboard(&hr, "")
        .await
        .turnover
        .into_iter()
        .map(|t| (t.department, t.leavers, t.percent))
        .collect();
    assert_eq!(
        turnover,
        [(String::new(), 2, 10.0), ("Zorg".into(), 2, 50.0)]
    );
    let bad = json!([{ "year": 2026, "headcount": 0 }]);
    let (status, body) = hr.call("PUT", "/api/v1/headcounts", Some(bad)).await;
    assert_eq!(status, 400, "{body}");
    let (_, kept) = hr.call("GET", "/api/v1/headcounts", None).await;
    assert_eq!(
        kept.as_array().map(Vec::len),
        Some(2),
        "a refused list changes nothing"
    );

    // An edited note is tagged again, and the interview's themes follow.
    let mut note = pushed[0].notes[0].clone();
    note.text = "Het salaris was te laag".into();
    note.updated_at += 10;
    push(
        &tablet,
        device,
        &mut seq,
        &mut clock,
        &pushed[0],
        vec![Op::Note(note)],
    )
    .await;
    assert_eq!(
        counts(&dashboard(&hr, "").await),
        [
            ("pay".into(), 2),
            ("manager".into(), 1),
            ("workload".into(), 1)
        ]
    );

    // HR switches a built-in theme off and adds one of its own: every note is tagged again.
    let settings = json!({ "settings": [
        { "key": "manager", "enabled": false },
        { "key": "feedback", "label_nl": "Feedback", "enabled": true, "keywords": ["feedback"] }
    ] });
    let (status, body) = hr.call("PUT", "/api/v1/themes", Some(settings)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["notes"], 1, "one note changed tags: {body}");
    assert_eq!(
        counts(&dashboard(&hr, "").await),
        [
            ("pay".into(), 2),
            ("feedback".into(), 1),
            ("workload".into(), 1)
        ]
    );
    let (_, _, svg) = hr.get_text("/api/v1/dashboard/themes.svg").await;
    assert!(svg.contains(">Feedback<"), "HR's label in the chart: {svg}");
    let bad = json!({ "settings": [{ "key": "Feed back!", "label_nl": "x", "enabled": true }] });
    let (status, body) = hr.call("PUT", "/api/v1/themes", Some(bad)).await;
    assert_eq!(status, 400, "{body}");
    let (_, kept) = hr.call("GET", "/api/v1/themes", None).await;
    assert_eq!(
        kept["settings"].as_array().map(Vec::len),
        Some(2),
        "a refused catalogue changes nothing"
    );
    // A note pushed later is tagged with HR's settings too.
    let late = Note::new(
        pushed[2].guide[0].id.clone(),
        NoteKind::Example,
        "Kreeg nooit feedback",
        5_000,
    )
    .expect("note");
    push(
        &tablet,
        device,
        &mut seq,
        &mut clock,
        &pushed[2],
        vec![Op::Note(late)],
    )
    .await;
    let feedback = dashboard(&hr, "")
        .await
        .themes
        .into_iter()
        .find(|c| c.theme == "feedback")
        .map(|c| c.count);
    assert_eq!(feedback, Some(2));

    // The interviewer corrected the suggestion on the tablet: their choice wins and stays.
    let mut corrected = Note::new(
        pushed[1].guide[0].id.clone(),
        NoteKind::Quote,
        "De werkdruk was enorm",
        6_000,
    )
    .expect("note");
    corrected.themes = Some(vec!["culture".into()]);
    push(
        &tablet,
        device,
        &mut seq,
        &mut clock,
        &pushed[1],
        vec![Op::Note(corrected.clone())],
    )
    .await;
    let (status, body) = hr
        .call("PUT", "/api/v1/themes", Some(json!({ "settings": [] })))
        .await;
    assert_eq!(status, 200, "{body}");
    let themes = |d: &Dashboard, key: &str| {
        d.themes
            .iter()
            .find(|c| c.theme == key)
            .map_or(0, |c| c.count)
    };
    let after = dashboard(&hr, "").await;
    assert_eq!(
        (themes(&after, "culture"), themes(&after, "workload")),
        (1, 1),
        "{:?}",
        after.themes
    );
    let (status, body) = hr
        .call("GET", &format!("/api/v1/interviews/{}", pushed[1].id), None)
        .await;
    assert_eq!(status, 200, "{body}");
    let record: app::domain::InterviewRecord = serde_json::from_value(body).expect("record");
    let kept = record
        .interview
        .notes
        .iter()
        .find(|n| n.id == corrected.id)
        .expect("the note");
    assert_eq!(kept.themes, Some(vec!["culture".to_owned()]));
    app.stop().await.expect("stops");
}

async fn theme_page(hr: &Client, query: &str) -> ThemeDetail {
    let (status, body) = hr
        .call(
            "GET",
            &format!("/api/v1/dashboard/themes/workload{query}"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a theme page")
}

/// A theme page groups notes that say the same thing across kinds and departments, counts
/// the kinds and departments for its filters, narrows to them, and refuses a kind it does not know.
#[tokio::test]
async fn a_theme_page_groups_notes_that_say_the_same_and_filters_by_kind_and_department() {
    use NoteKind::*;
    let app = spawn_app().await;
    let (hr, tablet) = hr_and_interviewer(&app).await;
    let (device, mut seq, mut clock) = (DeviceId::new(), 0, Hlc::default());
    let leaver = |department, leaving, notes| Leaver {
        department,
        start: "2020-01-01",
        leaving,
        notes,
        primary: ThemeId::Workload,
        voluntary: true,
        recommend: None,
        regrettable: None,
    };
    let leavers = [
        leaver(
            "Zorg",
            "2026-01-10",
            &[(Quote, "Werkdruk te hoog door onderbezetting")],
        ),
        leaver(
            "Zorg",
            "2026-02-10",
            &[(Quote, "werkdruk te hoog, door onderbezetting!")],
        ),
        leaver(
            "Sales",
            "2026-03-10",
            &[(Suggestion, "Onderbezetting oplossen, werkdruk te hoog")],
        ),
        leaver(
            "Sales",
            "2026-04-10",
            &[(Quote, "Geen pauzes door de hoge werkdruk")],
        ),
    ];
    for l in &leavers {
        let iv = interview(l);
        push(&tablet, device, &mut seq, &mut clock, &iv, Op::all_of(&iv)).await;
    }

    let all = theme_page(&hr, "").await;
    assert_eq!((all.notes, all.page, all.pages), (4, 1, 1));
    let texts = |g: &app::domain::NoteGroup| -> Vec<String> {
        g.notes.iter().map(|n| n.text.clone()).collect()
    };
    assert_eq!(
        all.groups.len(),
        2,
        "{:?}",
        all.groups.iter().map(texts).collect::<Vec<_>>()
    );
    let same = &all.groups[0];
    assert_eq!(
        texts(same),
        [
            "Onderbezetting oplossen, werkdruk te hoog",
            "werkdruk te hoog, door onderbezetting!",
            "Werkdruk te hoog door onderbezetting",
        ],
        "newest first"
    );
    assert_eq!(same.kinds, [Quote, Suggestion]);
    assert_eq!(same.departments, ["Sales", "Zorg"]);
    let counted = |d: &ThemeDetail| {
        let kinds: Vec<(NoteKind, u32)> = d.kinds.iter().map(|c| (c.value, c.count)).collect();
        let departments: Vec<(String, u32)> = d
            .departments
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect();
        (kinds, departments)
    };
    assert_eq!(
        counted(&all),
        (
            vec![(Quote, 3), (Suggestion, 1)],
            vec![("Sales".into(), 2), ("Zorg".into(), 2)]
        )
    );

    // Quotes of Sales: one note; the filters count the other choices.
    let narrowed = theme_page(&hr, "?kind=quote&department=Sales").await;
    assert_eq!(narrowed.notes, 1);
    assert_eq!(
        texts(&narrowed.groups[0]),
        ["Geen pauzes door de hoge werkdruk"]
    );
    assert_eq!(narrowed.interviews, 2, "interviews of Sales on the theme");
    assert_eq!(
        counted(&narrowed),
        (
            vec![(Quote, 1), (Suggestion, 1)],
            vec![("Sales".into(), 1), ("Zorg".into(), 2)]
        )
    );
    // A page past the last is the last; a kind that is not one is refused.
    assert_eq!(theme_page(&hr, "?page=9").await.page, 1);
    let (status, body) = hr
        .call("GET", "/api/v1/dashboard/themes/workload?kind=gossip", None)
        .await;
    assert_eq!(status, 400, "{body}");
    app.stop().await.expect("stops");
}

/// Emergent themes: a word that recurs across interviews in notes no theme covers is listed
/// with its examples, and once HR makes it a theme, it is counted and no longer emergent.
#[tokio::test]
async fn recurring_words_no_theme_covers_are_listed_and_become_a_theme() {
    let app = spawn_app().await;
    let (hr, tablet) = hr_and_interviewer(&app).await;
    let (device, mut seq, mut clock) = (DeviceId::new(), 0, Hlc::default());
    let notes: [&[(NoteKind, &str)]; 4] = [
        &[
            (NoteKind::Example, "Het eten in de kantine was slecht"),
            (NoteKind::Quote, "\"De werkdruk was te hoog\""),
        ],
        &[(
            NoteKind::Suggestion,
            "Suggestie: gezonder eten in de kantine",
        )],
        &[(NoteKind::Example, "Kantine sluit al om twee uur")],
        // A note with a theme does not count, even when it names the word.
        &[(NoteKind::Example, "Salaris te laag, kantine ook duur")],
    ];
    let mut ids = Vec::new();
    for (i, notes) in notes.into_iter().enumerate() {
        let iv = interview(&Leaver {
            department: if i == 2 { "ICT" } else { "Zorg" },
            start: "2020-01-01",
            leaving: "2026-03-01",
            notes,
            primary: ThemeId::Organisation,
            voluntary: true,
            recommend: None,
            regrettable: None,
        });
        push(&tablet, device, &mut seq, &mut clock, &iv, Op::all_of(&iv)).await;
        ids.push(iv.id);
    }
    let emergent = |query: &'static str| {
        let hr = &hr;
        async move {
            let (status, body) = hr
                .call("GET", &format!("/api/v1/dashboard/emergent{query}"), None)
                .await;
            assert_eq!(status, 200, "{body}");
            serde_json::from_value::<Emergent>(body).expect("emergent themes")
        }
    };
    let found = emergent("").await;
    assert_eq!(found.notes_read, 3, "{found:?}");
    let terms: Vec<(&str, u32, usize)> = found
        .terms
        .iter()
        .map(|t| (t.term.as_str(), t.interviews, t.examples.len()))
        .collect();
    assert_eq!(terms, [("kantine", 3, 3)]);
    assert!(found.terms[0]
        .examples
        .iter()
        .all(|e| e.text.to_lowercase().contains("kantine")));
    // Filtered to one department, the word recurs in two interviews only.
    assert_eq!(emergent("?department=Zorg").await.terms, []);
    let (_, tablet_view) = tablet.call("GET", "/api/v1/dashboard/emergent", None).await;
    assert!(
        tablet_view.get("terms").is_none(),
        "interviewers never see it"
    );

    let (_, catalogue) = hr.call("GET", "/api/v1/themes", None).await;
    let catalogue: app::themes::Catalogue = serde_json::from_value(catalogue).expect("catalogue");
    let term = &found.terms[0];
    let with = catalogue.with_own_theme(&term.term, &term.keyword);
    let (status, body) = hr.call("PUT", "/api/v1/themes", Some(json!(with))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["notes"], 4, "every note naming it is tagged: {body}");
    let counted = dashboard(&hr, "")
        .await
        .themes
        .into_iter()
        .find(|c| c.theme == "kantine")
        .map(|c| c.count);
    assert_eq!(counted, Some(4));
    assert_eq!(emergent("").await.terms, []);

    // The figures are kept between requests only while nothing changes: an erased
    // interview is gone from the next dashboard.
    assert_eq!(dashboard(&hr, "").await.interviews, 4);
    let (status, body) = hr
        .call("DELETE", &format!("/api/v1/interviews/{}", ids[0]), None)
        .await;
    assert!(status < 300, "{status} {body}");
    let after = dashboard(&hr, "").await;
    assert_eq!(after.interviews, 3);
    assert_eq!(
        after
            .themes
            .iter()
            .find(|c| c.theme == "kantine")
            .map(|c| c.count),
        Some(3)
    );
    app.stop().await.expect("stops");
}

/// Every kind of filter the dashboard offers, and none.
fn filters() -> Vec<DashboardFilter> {
    let date = |s: &str| s.parse().ok();
    vec![
        DashboardFilter::default(),
        DashboardFilter {
            department: Some("Zorg".into()),
            ..DashboardFilter::default()
        },
        DashboardFilter {
            from: date("2025-07-01"),
            to: date("2026-03-31"),
            ..DashboardFilter::default()
        },
        DashboardFilter {
            tenure: Some(TenureBand::TwoToFive),
            voluntary: Some(true),
            ..DashboardFilter::default()
        },
        DashboardFilter {
            role: Some("Planner".into()),
            ..DashboardFilter::default()
        },
    ]
}

/// The database's grouped counts equal counting every interview one by one.
async fn assert_counted_alike(dashboards: &Dashboards) -> Tally {
    let mut all = None;
    for filter in filters() {
        let facts: Vec<Facts> = dashboards
            .rows(&filter)
            .await
            .expect("rows")
            .iter()
            .map(Row::facts)
            .collect();
        assert!(!facts.is_empty(), "{filter:?} matches some interviews");
        let counted = dashboards.tally(&filter).await.expect("tally");
        assert_eq!(counted, Tally::of(&facts), "{filter:?}");
        assert_eq!(
            counted.dashboard(),
            aggregate(&facts),
            "{filter:?}: the same figures"
        );
        all.get_or_insert(counted);
    }
    all.expect("the first filter is no filter")
}

/// Evaluates `$body` with `$pool` bound to whichever pool `$db` holds.
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            Db::Sqlite($pool) => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

/// An HR account made straight in `db` (no server running).
async fn hr_account(db: &Db) -> User {
    let new = NewUser {
        email: Email::parse("hr@example.nl").expect("email"),
        name: DisplayName::parse("HR").expect("name"),
        role: Role::Hr,
        departments: vec![],
        password: common::PASSWORD.into(),
    };
    let hash = hash_password(common::PASSWORD.into()).await.expect("hash");
    Users::new(db.clone())
        .create(&new, &hash, 0, false)
        .await
        .expect("user")
        .expect("made")
}

#[tokio::test]
async fn the_database_counts_what_counting_each_interview_counts() {
    let (url, _dir) = common::fresh_database().await;
    let db = Db::connect(&url).await.expect("database");
    db.migrate().await.expect("migrated");
    let hr = hr_account(&db).await;
    let interviews = Interviews::new(db.clone());
    let today = "2026-11-26".parse().expect("date");
    push_generated(&interviews, &hr, 150, 7, today, 1_000, |_| {})
        .await
        .expect("seeded");
    let dashboards = Dashboards::new(db.clone());

    let before = assert_counted_alike(&dashboards).await;
    let themes =
        |t: &Tally| -> Vec<String> { t.dashboard().themes.into_iter().map(|c| c.theme).collect() };
    assert_eq!(before.dashboard().interviews, 150);
    assert!(themes(&before).contains(&"workload".to_owned()));
    let scores = before.answers.recommend.iter().filter(|n| **n > 0).count();
    assert!(scores > 1, "answers differ between interviews");

    // HR switches a theme off and adds one: every interview's themes change with its notes.
    let workload_off = Catalogue {
        settings: vec![ThemeSetting {
            key: "workload".into(),
            label_nl: String::new(),
            label_en: String::new(),
            enabled: false,
            keywords: vec![],
        }],
    };
    interviews
        .set_catalogue(workload_off.with_own_theme("Laptops", "laptop"))
        .await
        .expect("settings stored");
    let after = assert_counted_alike(&dashboards).await;
    assert!(!themes(&after).contains(&"workload".to_owned()));
    assert!(themes(&after).iter().any(|t| t.starts_with("laptop")));

    // An erased interview is counted nowhere.
    let rows = dashboards.rows(&DashboardFilter::default()).await;
    let first = InterviewId::parse(&rows.expect("rows")[0].id).expect("an interview id");
    interviews.erase(&hr, first, 2_000).await.expect("erased");
    let erased = assert_counted_alike(&dashboards).await;
    assert_eq!(erased.dashboard().interviews, 149);
}

/// Interviews stored before `theme_bits` existed get their bits from the migration that adds
/// the column: the database counts their built-in themes as their lists say.
#[tokio::test]
async fn interviews_stored_before_the_theme_bits_are_counted_alike() {
    const BITS_MIGRATION: &str = "20261201000000";
    let (url, _dir) = common::fresh_database().await;
    let db = Db::connect(&url).await.expect("database");
    let backend = match db.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    // The schema as it was: every migration before the bits, from a copy of their files.
    let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let older = tempfile::tempdir().expect("temporary directory");
    for entry in std::fs::read_dir(&all).expect("migrations") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        if name.as_str() < BITS_MIGRATION {
            std::fs::copy(&path, older.path().join(&name)).expect("copied");
        }
    }
    let migrator = Migrator::new(older.path()).await.expect("older migrations");
    assert!(
        migrator.iter().count() >= 7,
        "the older migrations are there"
    );
    with_pool!(&db, pool => migrator.run(pool).await).expect("older schema");

    let hr = hr_account(&db).await;
    let every = ThemeId::ALL.map(ThemeId::key).join(",");
    let lists = [
        "",
        "career",
        "manager,pay,workload",
        "laptops,retirement",
        every.as_str(),
    ];
    let insert = "INSERT INTO interviews (id, owner_id, created_at, updated_at, department, leaving_date, themes) \
                  VALUES ($1, $2, 0, 0, 'Zorg', '2026-03-01', $3)";
    let own = "INSERT INTO theme_settings (key, position, label_nl, label_en, enabled, keywords) \
               VALUES ('laptops', 0, 'Laptops', 'Laptops', TRUE, 'laptop')";
    for themes in lists {
        let id = InterviewId::new().to_string();
        let owner = hr.id.to_string();
        with_pool!(&db, pool => sqlx::query(insert).bind(id).bind(owner).bind(themes).execute(pool).await.map(drop))
        .expect("stored the old way");
    }
    with_pool!(&db, pool => sqlx::query(own).execute(pool).await.map(drop)).expect("an own theme");

    db.migrate().await.expect("the rest of the migrations");
    let dashboards = Dashboards::new(db.clone());
    let facts: Vec<Facts> = dashboards
        .rows(&DashboardFilter::default())
        .await
        .expect("rows")
        .iter()
        .map(Row::facts)
        .collect();
    let counted = dashboards
        .tally(&DashboardFilter::default())
        .await
        .expect("tally");
    assert_eq!(counted, Tally::of(&facts));
    let count = |theme: &str| {
        counted
            .dashboard()
            .themes
            .iter()
            .find(|c| c.theme == theme)
            .map_or(0, |c| c.count)
    };
    let expected = [
        ("career", 2),
        ("manager", 2),
        ("retirement", 2),
        ("laptops", 1),
        ("commute", 1),
        ("workload", 2),
    ];
    for (theme, n) in expected {
        assert_eq!(count(theme), n, "{theme}");
    }
}
