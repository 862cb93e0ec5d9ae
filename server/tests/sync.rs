//! Sync through the real server (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): the
//! tablets here are the app's own store (in memory) and its own sync code, talking HTTP.
//! Exactly-once under repeats, lost answers and a server killed mid-push; two tablets
//! converging; refused changes kept with their reason; HR reading with an audit trail.

mod common;

use app::{
    domain::{ChangeProblem, Details, DeviceId, InterviewSummary, Note, NoteKind, Op, PushRequest},
    sync::Transport,
    themes::Catalogue,
};
use common::{
    fresh_database, spawn_app, spawn_app_on,
    tablet::{hr_reads, list, live_texts, note, with_interviewers, Http, Tablet},
    Client,
};
use serde_json::json;

#[tokio::test]
async fn an_interview_taken_offline_reaches_hr_with_every_note_and_the_reading_is_audited() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview(
        "Jan de Vries",
        &["te veel overwerk", "geen doorgroei"],
        1_000,
    );
    assert_eq!(tablet.pending(), 8, "six sections and two notes");

    let report = tablet.sync().await.expect("synced");
    assert_eq!((report.pushed, report.refused), (8, 0));
    assert_eq!(tablet.pending(), 0);
    assert_eq!(
        tablet.store().sync_mark(iv.id),
        Ok(app::store::SyncMark::Synced)
    );

    let listed = list(&hr, "").await;
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].leaver.as_str(), listed[0].notes),
        ("Jan de Vries", 2)
    );
    let record = hr_reads(&hr, &iv).await;
    assert_eq!(
        record.interview,
        tablet.load(&iv),
        "the server holds what the tablet holds"
    );

    let (_, audit) = hr.call("GET", "/api/v1/audit", None).await;
    assert_eq!(audit.as_array().map(Vec::len), Some(1), "{audit}");
    assert_eq!(audit[0]["action"], "read");
    assert_eq!(audit[0]["interview"], json!(iv.id));

    // Another interviewer neither sees it in the list nor by its id.
    let bob = Tablet::new(&app, "bob@example.nl").await;
    assert!(list(&bob.client, "").await.is_empty());
    let (status, _) = bob
        .client
        .call("GET", &format!("/api/v1/interviews/{}", iv.id), None)
        .await;
    assert_eq!(status, 404);
    assert!(
        list(&tablet.client, "").await.len() == 1,
        "the interviewer sees their own"
    );
}

#[tokio::test]
async fn the_same_batch_pushed_twice_is_stored_once() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview("J.", &["een", "twee", "drie"], 1_000);
    let request = PushRequest {
        device: tablet.store().device_id().expect("device"),
        changes: tablet.store().take_batch(100).expect("batch"),
    };
    let http = Http(&tablet.client);
    let first = http.push(&request).await.expect("pushed");
    let second = http.push(&request).await.expect("pushed again");
    assert_eq!(first, second);
    assert_eq!(first.applied_upto, 9);
    let record = hr_reads(&hr, &iv).await;
    assert_eq!(live_texts(&record.interview), ["een", "twee", "drie"]);
    assert_eq!(list(&hr, "").await[0].notes, 3);
}

#[tokio::test]
async fn two_changes_of_one_note_in_one_push_keep_the_later_stamp_whatever_their_order() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview("J.", &["een"], 1_000);
    let device = tablet.store().device_id().expect("device");
    let mut changes = tablet.store().take_batch(100).expect("batch");
    let first = changes
        .iter()
        .find(|c| matches!(&c.op, Op::Note(_)))
        .expect("a note change")
        .clone();
    let Op::Note(stored) = &first.op else {
        unreachable!()
    };
    // The note again, twice: the later stamp first, then an earlier one.
    for (text, wall) in [
        ("mijn leidinggevende luisterde nooit", 3_000),
        ("oud", 2_000),
    ] {
        let seq = changes.last().expect("changes").seq + 1;
        changes.push(app::domain::Change {
            seq,
            id: uuid::Uuid::now_v7(),
            stamp: app::domain::Stamp {
                wall,
                counter: 0,
                device,
            },
            interview: iv.id,
            op: Op::Note(Note {
                text: text.into(),
                updated_at: wall,
                ..stored.clone()
            }),
        });
    }
    let answer = Http(&tablet.client)
        .push(&PushRequest { device, changes })
        .await
        .expect("pushed");
    assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
    let record = hr_reads(&hr, &iv).await;
    assert_eq!(
        live_texts(&record.interview),
        ["mijn leidinggevende luisterde nooit"]
    );
    assert_eq!(list(&hr, "").await[0].notes, 1);
}

#[tokio::test]
async fn a_batch_whose_answer_is_lost_is_sent_again_and_stored_once() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview("J.", &["een"], 1_000);
    // The push arrives, but the answer never reaches the tablet.
    let request = PushRequest {
        device: tablet.store().device_id().expect("device"),
        changes: tablet.store().take_batch(100).expect("batch"),
    };
    Http(&tablet.client).push(&request).await.expect("pushed");
    assert_eq!(tablet.pending(), 7, "unacknowledged, so still pending");
    let iv = tablet.edit(
        &iv,
        Op::Note(
            Note::new(iv.guide[1].id.clone(), NoteKind::Example, "twee", 2_000).expect("note"),
        ),
        2_000,
    );

    let report = tablet.sync().await.expect("synced");
    assert_eq!(report.pushed, 8, "everything pending is sent again");
    assert_eq!(tablet.pending(), 0);
    let record = hr_reads(&hr, &iv).await;
    assert_eq!(live_texts(&record.interview), ["een", "twee"]);
    assert_eq!(record.interview, tablet.load(&iv));
}

#[tokio::test]
async fn two_tablets_editing_one_interview_end_in_the_same_state_whichever_syncs_first() {
    let mut ends = Vec::new();
    for a_first in [true, false] {
        let app = spawn_app().await;
        let hr = with_interviewers(&app).await;
        let a = Tablet::new(&app, "ina@example.nl").await;
        let b = Tablet::new(&app, "ina@example.nl").await;
        let iv = a.interview("J.", &["van a"], 1_000);
        a.sync().await.expect("a synced");
        b.sync().await.expect("b pulled");
        let on_b = b.load(&iv);
        assert_eq!(on_b, a.load(&iv), "b received the interview whole");

        // Both edit the details and add a note while offline; b's edit is the later one.
        let details = |leaver: &str| {
            Op::Details(Details {
                leaver: leaver.into(),
                ..on_b.details.clone()
            })
        };
        a.edit(&a.load(&iv), details("Jan"), 5_000);
        a.edit(&a.load(&iv), note(&on_b, 2, "nog een van a", 5_001), 5_001);
        b.edit(&on_b, details("Jan de Vries"), 6_000);
        b.edit(&b.load(&iv), note(&on_b, 2, "een van b", 6_001), 6_001);

        let (first, second) = if a_first { (&a, &b) } else { (&b, &a) };
        first.sync().await.expect("synced");
        second.sync().await.expect("synced");
        first.sync().await.expect("synced again");

        let server = hr_reads(&hr, &iv).await.interview;
        assert_eq!(a.load(&iv), server, "tablet a converged");
        assert_eq!(b.load(&iv), server, "tablet b converged");
        assert_eq!(server.details.leaver, "Jan de Vries", "the later edit wins");
        let mut texts = live_texts(&server);
        texts.sort();
        assert_eq!(
            texts,
            ["een van b", "nog een van a", "van a"],
            "no note lost"
        );
        ends.push((server.details.leaver.clone(), texts.join("|")));
    }
    assert_eq!(ends[0], ends[1]);
}

#[tokio::test]
async fn a_server_killed_in_the_middle_of_a_push_keeps_exactly_what_was_pushed_after_the_retry() {
    let (url, dir) = fresh_database().await;
    let app = spawn_app_on(url.clone(), dir).await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview("J.", &["een", "twee"], 1_000);
    let request = PushRequest {
        device: tablet.store().device_id().expect("device"),
        changes: tablet.store().take_batch(100).expect("batch"),
    };
    // Half a request, then the connection drops and the server dies.
    let body = serde_json::to_string(&request).expect("json");
    {
        use tokio::io::AsyncWriteExt;
        let mut raw = tokio::net::TcpStream::connect(app.addr)
            .await
            .expect("connects");
        let head = format!(
            "POST /api/v1/sync/push HTTP/1.1\r\nhost: {}\r\norigin: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            app.addr, app.url(""), body.len()
        );
        raw.write_all(head.as_bytes()).await.expect("head");
        raw.write_all(&body.as_bytes()[..body.len() / 2])
            .await
            .expect("half a body");
    }
    let (stopped, dir) = app.stop_keeping_dir().await;
    stopped.expect("stopped");
    let app = spawn_app_on(url, dir).await;
    let hr2 = Client::new(&app);
    assert_eq!(hr2.login("hr@example.nl", common::PASSWORD).await, 200);
    drop(hr);
    assert!(
        list(&hr2, "").await.is_empty(),
        "nothing of a half request was applied"
    );

    let tablet = tablet.handed_to(&app, "ina@example.nl").await;
    let report = tablet.sync().await.expect("synced after the restart");
    assert_eq!(report.pushed, 8);
    let record = hr_reads(&hr2, &iv).await;
    assert_eq!(record.interview, tablet.load(&iv));
    assert_eq!(live_texts(&record.interview), ["een", "twee"]);
}

#[tokio::test]
async fn refused_changes_come_back_with_their_reason_and_stay_on_the_tablet() {
    let app = spawn_app().await;
    let _hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let iv = ina.interview("J.", &["een"], 1_000);
    ina.sync().await.expect("synced");

    // Bob's tablet somehow holds Ina's interview (a backup) and edits it.
    let bob = Tablet::new(&app, "bob@example.nl").await;
    let backup = ina.store().export(2_000).expect("export");
    bob.store().import(&backup, 2_500).expect("import");
    let mut details = iv.details.clone();
    details.leaver = String::new();
    bob.edit(&bob.load(&iv), Op::Details(details), 3_000);
    let report = bob.sync().await.expect("synced");
    assert!(report.refused >= 1);
    let log = bob.store().pending().expect("log");
    assert!(log.changes.is_empty());
    assert!(
        log.rejected
            .iter()
            .all(|r| r.problem == ChangeProblem::NotYours),
        "{:?}",
        log.rejected
    );

    // Ina's own invalid change: refused with the reason, the valid one next to it applied.
    let mut empty = iv.details.clone();
    empty.leaver = " ".into();
    ina.edit(&ina.load(&iv), Op::Details(empty), 4_000);
    ina.edit(&ina.load(&iv), note(&iv, 0, "twee", 4_001), 4_001);
    let report = ina.sync().await.expect("synced");
    assert_eq!((report.pushed, report.refused), (2, 1));
    let log = ina.store().pending().expect("log");
    assert_eq!(log.rejected.len(), 1);
    assert_eq!(log.rejected[0].problem, ChangeProblem::LeaverMissing);
    assert_eq!(
        ina.store().sync_mark(iv.id),
        Ok(app::store::SyncMark::Refused(1))
    );
}

#[tokio::test]
async fn an_expired_session_keeps_every_change_pending() {
    let app = spawn_app().await;
    let _hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    tablet.interview("J.", &["een"], 1_000);
    tablet.client.call("DELETE", "/api/v1/session", None).await;
    let failure = tablet.sync().await.expect_err("logged out");
    assert!(failure.needs_login(), "{failure:?}");
    assert_eq!(tablet.pending(), 7);
    assert_eq!(
        tablet
            .client
            .login("ina@example.nl", common::PASSWORD)
            .await,
        200
    );
    tablet.sync().await.expect("synced after logging in again");
    assert_eq!(tablet.pending(), 0);
}

#[tokio::test]
async fn hr_erases_an_interview_completely_and_the_tablet_lets_it_go() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview("J.", &["een"], 1_000);
    tablet.sync().await.expect("synced");
    let path = format!("/api/v1/interviews/{}", iv.id);
    assert_eq!(tablet.client.call("DELETE", &path, None).await.0, 403);
    assert_eq!(hr.call("DELETE", &path, None).await.0, 204);
    assert_eq!(hr.call("GET", &path, None).await.0, 404);
    assert!(list(&hr, "").await.is_empty());

    tablet.edit(
        &tablet.load(&iv),
        Op::Note(
            Note::new(
                iv.guide[0].id.clone(),
                NoteKind::Quote,
                "na het wissen",
                2_000,
            )
            .expect("note"),
        ),
        2_000,
    );
    // The edit is refused as erased; the pull then takes the interview off the tablet, the
    // refused edit with it, and leaves a notice.
    let report = tablet.sync().await.expect("synced");
    assert_eq!((report.refused, report.gone), (1, 1));
    let store = tablet.store();
    assert_eq!(store.load(iv.id), Ok(None));
    let log = store.pending().expect("log");
    assert!(log.changes.is_empty() && log.rejected.is_empty(), "{log:?}");
    let notices = store.sync_state().expect("state").notices;
    assert_eq!(notices.len(), 1);
    assert_eq!(
        (notices[0].reason, notices[0].dropped),
        (app::domain::GoneReason::Erased, 1)
    );
    let (_, audit) = hr.call("GET", "/api/v1/audit", None).await;
    assert_eq!(audit[0]["action"], "erase");
}

#[tokio::test]
async fn the_list_filters_and_searches() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let a = tablet.interview("Anna", &["De werkdruk was 100% te hoog"], 1_000);
    let b = tablet.interview("Bert", &["Fijne collega's"], 2_000);
    let mut details = b.details.clone();
    details.department = "Zorg".into();
    details.leaving_date = "2025-03-01".parse().ok();
    tablet.edit(&tablet.load(&b), Op::Details(details), 3_000);
    let mut answers = a.answers.clone();
    answers.primary_reason = Some(app::domain::ThemeId::Workload);
    tablet.edit(&tablet.load(&a), Op::Answers(answers), 3_001);
    tablet.sync().await.expect("synced");

    let names =
        |list: Vec<InterviewSummary>| list.into_iter().map(|s| s.leaver).collect::<Vec<_>>();
    assert_eq!(names(list(&hr, "?q=WERKDRUK").await), ["Anna"]);
    assert_eq!(
        names(list(&hr, "?q=100%25").await),
        ["Anna"],
        "% is taken literally"
    );
    assert_eq!(names(list(&hr, "?q=1%25%25").await), Vec::<String>::new());
    assert_eq!(names(list(&hr, "?department=Zorg").await), ["Bert"]);
    assert_eq!(names(list(&hr, "?from=2026-01-01").await), ["Anna"]);
    assert_eq!(names(list(&hr, "?to=2025-12-31").await), ["Bert"]);
    assert_eq!(names(list(&hr, "?reason=workload").await), ["Anna"]);
    assert_eq!(
        names(list(&hr, "?status=finished").await),
        Vec::<String>::new()
    );
    let (status, body) = hr
        .call("GET", "/api/v1/interviews?reason=nonsense", None)
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("bad_request")),
        "{body}"
    );
}

#[tokio::test]
async fn after_the_retention_period_names_and_free_text_are_gone_but_answers_stay() {
    let (url, dir) = fresh_database().await;
    let app = spawn_app_on(url.clone(), dir).await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview(
        "Jan de Vries",
        &["Mijn leidinggevende Piet luisterde niet"],
        1_000,
    );
    let mut details = iv.details.clone();
    details.leaving_date = "2023-06-30".parse().ok();
    details.interviewer = "Ina".into();
    let mut answers = iv.answers.clone();
    answers.primary_reason = Some(app::domain::ThemeId::Manager);
    tablet.edit(&tablet.load(&iv), Op::Details(details), 2_000);
    tablet.edit(&tablet.load(&iv), Op::Answers(answers), 2_001);
    tablet.sync().await.expect("synced");

    let db = server::db::Db::connect(&url).await.expect("db");
    let interviews = server::sync::Interviews::new(db);
    let today = "2026-11-26".parse().expect("date");
    assert_eq!(
        interviews
            .anonymise_due(today, 24, 3_000)
            .await
            .expect("ran"),
        1
    );
    assert_eq!(
        interviews
            .anonymise_due(today, 24, 3_001)
            .await
            .expect("ran"),
        0,
        "once"
    );

    let record = hr_reads(&hr, &iv).await;
    assert!(record.summary.anonymised);
    assert_eq!(
        (
            record.summary.leaver.as_str(),
            record.interview.details.leaver.as_str()
        ),
        ("", "")
    );
    assert_eq!(record.interview.details.interviewer, "");
    assert!(record.interview.notes.iter().all(|n| n.text.is_empty()));
    assert_eq!(
        record.interview.answers.primary_reason,
        Some(app::domain::ThemeId::Manager)
    );
    assert_eq!(record.summary.department, "Logistiek");

    // The tablet that still holds it lets it go with its next pull.
    assert_eq!(tablet.sync().await.expect("synced").gone, 1);
    assert_eq!(tablet.store().load(iv.id), Ok(None));
}

#[tokio::test]
async fn with_hrs_setting_finished_interviews_leave_the_tablet_after_sync_and_stay_on_the_server() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let finished = tablet.interview("Klaar", &["een"], 1_000);
    let open = tablet.interview("Nog bezig", &["twee"], 1_100);
    let mut done = tablet.load(&finished);
    done.finish();
    tablet.edit(&done, Op::status_of(&done), 2_000);
    assert_eq!(
        tablet.sync().await.expect("synced").removed,
        0,
        "off by default"
    );

    let body = json!({ "remove_after_sync": true });
    assert_eq!(
        tablet
            .client
            .call("PATCH", "/api/v1/settings", Some(body.clone()))
            .await
            .0,
        403
    );
    assert_eq!(
        hr.call("PATCH", "/api/v1/settings", Some(body)).await.0,
        200
    );
    assert_eq!(tablet.sync().await.expect("synced").removed, 1);
    assert_eq!(tablet.store().load(finished.id), Ok(None));
    assert!(
        tablet.store().load(open.id).expect("read").is_some(),
        "unfinished ones stay"
    );
    assert_eq!(
        hr_reads(&hr, &finished).await.interview.notes.len(),
        1,
        "still on the server"
    );
}

/// The themes the tablet suggests for `text` under `catalogue`.
fn suggested(text: &str, catalogue: &Catalogue) -> Vec<String> {
    catalogue
        .tag(text, None)
        .0
        .into_iter()
        .map(|t| t.theme)
        .collect()
}

#[tokio::test]
async fn the_tablet_suggests_themes_under_hrs_settings_after_a_sync() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let text = "De werkdruk was te hoog en de laptop te traag";
    let shipped = tablet.store().catalogue().expect("read");
    assert_eq!(
        shipped,
        Catalogue::default(),
        "the shipped themes before a sync"
    );
    assert_eq!(suggested(text, &shipped), ["workload"]);

    // HR switches workload off and makes a theme of its own.
    let settings = json!({ "settings": [
        { "key": "workload", "enabled": false },
        { "key": "laptops", "label_nl": "Laptops", "enabled": true, "keywords": ["Laptop"] },
    ]});
    assert_eq!(
        hr.call("PUT", "/api/v1/themes", Some(settings)).await.0,
        200
    );
    tablet.sync().await.expect("synced");
    let catalogue = tablet.store().catalogue().expect("read");
    assert_eq!(suggested(text, &catalogue), ["laptops"]);
    assert_eq!(catalogue.name("laptops", app::i18n::Lang::Nl), "Laptops");
    assert!(!catalogue.enabled_keys().contains(&"workload".to_owned()));

    // What the tablet suggests is what the server tags.
    let iv = tablet.interview("Sam", &[text], 1_000);
    tablet.sync().await.expect("synced");
    let note = &hr_reads(&hr, &iv).await.interview.notes[0];
    assert_eq!(note.themes, None, "the interviewer did not correct it");
    let (status, body) = hr
        .call("GET", "/api/v1/dashboard/themes/laptops", None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["interviews"], 1, "{body}");
}

#[tokio::test]
async fn a_cross_site_request_can_neither_open_an_interview_nor_write_the_access_log() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    let iv = tablet.interview("Jan", &["een"], 1_000);
    tablet.sync().await.expect("synced");
    let path = format!("/api/v1/interviews/{}", iv.id);

    // A link on another site, followed in HR's browser, carries HR's cookie.
    let response = hr
        .get_with(&path, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(response.status(), 403);
    let (_, audit) = hr.call("GET", "/api/v1/audit", None).await;
    assert_eq!(audit.as_array().map(Vec::len), Some(0), "{audit}");

    // The app's own request is answered, and never kept in a cache.
    let response = hr
        .get_with(&path, &[("sec-fetch-site", "same-origin")])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    for path in ["/api/v1/interviews", "/api/v1/audit", "/api/v1/dashboard"] {
        let response = hr.get_with(path, &[]).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let pull = format!("/api/v1/sync/pull?device={}&cursor=0", DeviceId::new());
    let response = tablet.client.get_with(&pull, &[]).await;
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn a_theme_key_with_an_underscore_counts_only_its_own_interviews() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    // As a LIKE pattern, the built-in `job_content` also matches HR's own `jobscontent`.
    let settings = json!({ "settings": [
        { "key": "jobscontent", "label_nl": "Jobs content", "enabled": true, "keywords": ["laptop"] },
    ]});
    assert_eq!(
        hr.call("PUT", "/api/v1/themes", Some(settings)).await.0,
        200
    );
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    tablet.interview("Sam", &["De laptop was te traag"], 1_000);
    tablet.sync().await.expect("synced");

    let (_, own) = hr
        .call("GET", "/api/v1/dashboard/themes/jobscontent", None)
        .await;
    assert_eq!(own["interviews"], 1, "{own}");
    let (_, built_in) = hr
        .call("GET", "/api/v1/dashboard/themes/job_content", None)
        .await;
    assert_eq!(built_in["interviews"], 0, "{built_in}");
}

#[tokio::test]
async fn hrs_lock_period_for_tablets_is_checked_and_reaches_them_with_a_pull() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let tablet = Tablet::new(&app, "ina@example.nl").await;
    for minutes in [0, 241] {
        let body = json!({ "remove_after_sync": false, "lock_after_minutes": minutes });
        let (status, answer) = hr.call("PATCH", "/api/v1/settings", Some(body)).await;
        assert_eq!(status, 400, "{minutes}: {answer}");
    }
    let body = json!({ "remove_after_sync": false, "lock_after_minutes": 15 });
    assert_eq!(
        hr.call("PATCH", "/api/v1/settings", Some(body)).await.0,
        200
    );
    let report = tablet.sync().await.expect("synced");
    assert_eq!(report.settings.map(|s| s.lock_after_minutes), Some(15));
}
