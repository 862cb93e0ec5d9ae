//! HR teaching the theme detector, through the real server (SQLite, and PostgreSQL when
//! TEST_DATABASE_URL is set): a note's themes and tone corrected on a theme page, a correction
//! that holds while the text stays and goes when the interviewer rewrites it, and a model
//! version trained with corrections, compared and switched to, after which every note and
//! every later push follow.

mod common;

use app::{
    domain::{
        Change, Details, DeviceId, Hlc, Interview, ModelFigures, ModelPreview, ModelVersion, Note,
        NoteKind, Op, ThemeDetail, ThemeId,
    },
    themes::{eval::Labelled, train, Sentiment},
};
use common::{add_user, setup_hr, spawn_app, Client, TestApp};
use serde_json::{json, Value};
use server::{
    db::Db,
    sync::{models::NewVersion, Interviews},
};

/// A tablet pushing one interview's changes, in sequence.
struct Tablet {
    client: Client,
    device: DeviceId,
    seq: u64,
    clock: Hlc,
}

impl Tablet {
    async fn new(app: &TestApp, hr: &Client, email: &str) -> Self {
        add_user(hr, email, "interviewer", &[]).await;
        let client = Client::new(app);
        assert_eq!(client.login(email, common::PASSWORD).await, 200);
        Self {
            client,
            device: DeviceId::new(),
            seq: 0,
            clock: Hlc::default(),
        }
    }

    async fn push(&mut self, iv: &Interview, ops: Vec<Op>) {
        let changes: Vec<Change> = ops
            .into_iter()
            .map(|op| {
                self.seq += 1;
                Change {
                    seq: self.seq,
                    id: uuid::Uuid::now_v7(),
                    stamp: self.clock.tick(10_000 + self.seq as i64, self.device),
                    interview: iv.id,
                    op,
                }
            })
            .collect();
        let body = json!({ "device": self.device, "changes": changes });
        let (status, answer) = self
            .client
            .call("POST", "/api/v1/sync/push", Some(body))
            .await;
        assert_eq!((status, &answer["rejected"]), (200, &json!([])), "{answer}");
    }
}

fn interview(notes: &[&str]) -> Interview {
    let details = Details {
        leaver: "L.".into(),
        department: "Zorg".into(),
        leaving_date: "2026-05-01".parse().ok(),
        ..Details::default()
    };
    let mut iv = Interview::new(details, "", 1_000);
    for (i, text) in notes.iter().enumerate() {
        let q = iv.guide[0].id.clone();
        iv.notes
            .push(Note::new(q, NoteKind::Quote, text, 1_000 + i as i64).expect("note"));
    }
    iv
}

async fn theme_page(hr: &Client, theme: &str) -> ThemeDetail {
    let (status, body) = hr
        .call("GET", &format!("/api/v1/dashboard/themes/{theme}"), None)
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a theme page")
}

/// The texts on a theme page.
async fn texts(hr: &Client, theme: &str) -> Vec<String> {
    let mut texts: Vec<String> = theme_page(hr, theme)
        .await
        .all_notes()
        .map(|n| n.text.clone())
        .collect();
    texts.sort();
    texts
}

async fn correct(hr: &Client, note: &Note, body: Value) -> (u16, Value) {
    hr.call(
        "PUT",
        &format!("/api/v1/notes/{}/themes", note.id),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn a_correction_wins_holds_through_retagging_and_goes_when_the_text_changes() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    let mut tablet = Tablet::new(&app, &hr, "interviewer@example.nl").await;
    let pay = "Het salaris was veel te laag voor dit werk";
    let mut iv = interview(&[pay, "Laptop ingeleverd bij de balie"]);
    tablet.push(&iv, Op::all_of(&iv)).await;
    let page = theme_page(&hr, "pay").await;
    let seen = page
        .all_notes()
        .find(|n| n.text == pay)
        .expect("on the pay page");
    assert_eq!(
        (seen.sentiment, seen.corrected),
        (Sentiment::Negative, false)
    );
    assert!(seen.themes.contains(&"pay".to_owned()), "{:?}", seen.themes);

    // Refused, and nothing changes: an unknown theme, a theme twice, an unreadable tone, a
    // note that does not exist, a note of no text.
    let note = iv.notes[0].clone();
    for bad in [
        json!({ "text": pay, "themes": ["salaris"], "sentiment": "neutral" }),
        json!({ "text": pay, "themes": ["pay", "pay"], "sentiment": "neutral" }),
        json!({ "text": pay, "themes": ["pay"], "sentiment": "furious" }),
        json!({ "text": pay, "themes": "pay", "sentiment": "neutral" }),
        json!({ "themes": ["pay"], "sentiment": "neutral" }),
    ] {
        let (status, body) = correct(&hr, &note, bad.clone()).await;
        assert!(status == 400 || status == 422, "{bad}: {status} {body}");
        assert!(body["error"].is_string(), "{body}");
    }
    let stranger = Note::new(note.question.clone(), NoteKind::Quote, "x", 1).expect("note");
    let body = json!({ "text": "x", "themes": [], "sentiment": "neutral" });
    let (status, _) = correct(&hr, &stranger, body).await;
    assert_eq!(status, 404);
    // Made for another text than the stored one (rewritten since HR read it): refused.
    let stale = json!({ "text": "Het salaris", "themes": ["manager"], "sentiment": "neutral" });
    let (status, body) = correct(&hr, &note, stale).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(texts(&hr, "pay").await, [pay]);

    // HR: not pay, but the manager and the workload; neutral.
    let body = json!({ "text": pay, "themes": ["workload", "manager"], "sentiment": "neutral" });
    let (status, saved) = correct(&hr, &note, body).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        saved,
        json!({ "text": pay, "themes": ["manager", "workload"], "sentiment": "neutral" })
    );
    assert!(texts(&hr, "pay").await.is_empty(), "gone from the pay page");
    let on_manager = theme_page(&hr, "manager").await;
    let corrected = on_manager.all_notes().next().expect("a note");
    assert_eq!(
        (
            corrected.text.as_str(),
            corrected.sentiment,
            corrected.corrected
        ),
        (pay, Sentiment::Neutral, true)
    );
    assert_eq!(texts(&hr, "workload").await, [pay]);

    // Saving HR's theme settings tags every note again, but not a corrected one.
    let (status, _) = hr
        .call("PUT", "/api/v1/themes", Some(json!({ "settings": [] })))
        .await;
    assert_eq!(status, 200);
    assert_eq!(texts(&hr, "manager").await, [pay]);
    assert!(texts(&hr, "pay").await.is_empty());

    // The interviewer moves the note to another kind: the text is the same, the correction holds.
    iv.notes[0].kind = NoteKind::Example;
    iv.notes[0].updated_at += 10;
    tablet.push(&iv, vec![Op::Note(iv.notes[0].clone())]).await;
    assert_eq!(texts(&hr, "manager").await, [pay]);

    // The interviewer rewrites it: HR corrected another text; the detector tags the new one.
    let rewritten = "Het salaris was veel te laag, zeker vergeleken met de markt";
    iv.notes[0].text = rewritten.into();
    iv.notes[0].updated_at += 10;
    tablet.push(&iv, vec![Op::Note(iv.notes[0].clone())]).await;
    assert!(texts(&hr, "manager").await.is_empty());
    let page = theme_page(&hr, "pay").await;
    assert_eq!(page.notes, 1);
    assert!(!page.all_notes().next().expect("a note").corrected);

    // A deleted note cannot be corrected.
    iv.notes[0].deleted = true;
    iv.notes[0].updated_at += 10;
    tablet.push(&iv, vec![Op::Note(iv.notes[0].clone())]).await;
    let body = json!({ "text": rewritten, "themes": [], "sentiment": "neutral" });
    let (status, _) = correct(&hr, &iv.notes[0], body).await;
    assert_eq!(status, 404);
}

/// HR's correction of a note whose themes the interviewer chose leaves the interviewer's
/// choice as it was: the tablets receive it unchanged, and HR's pages show the correction.
#[tokio::test]
async fn a_correction_leaves_the_interviewers_own_choice_on_the_tablets() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    let mut tablet = Tablet::new(&app, &hr, "interviewer@example.nl").await;
    let text = "Ik had gewoon zin in iets nieuws";
    let mut iv = interview(&[text]);
    iv.notes[0].themes = Some(vec!["culture".into()]);
    tablet.push(&iv, Op::all_of(&iv)).await;
    assert_eq!(texts(&hr, "culture").await, [text]);
    let body = json!({ "text": text, "themes": ["career"], "sentiment": "positive" });
    let (status, _) = correct(&hr, &iv.notes[0], body).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&hr, "career").await, [text]);
    assert!(texts(&hr, "culture").await.is_empty());

    let path = format!("/api/v1/sync/pull?device={}&cursor=0", DeviceId::new());
    let (status, pulled) = tablet.client.call("GET", &path, None).await;
    assert_eq!(status, 200, "{pulled}");
    let pulled: app::domain::PullResponse = serde_json::from_value(pulled).expect("a pull");
    let notes: Vec<Note> = pulled
        .changes
        .into_iter()
        .filter_map(|c| match c.op {
            Op::Note(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].themes, Some(vec!["culture".to_owned()]));
}

fn labelled(id: &str, text: &str, themes: &[ThemeId], sentiment: Sentiment) -> Labelled {
    Labelled {
        id: id.into(),
        lang: "nl".into(),
        text: text.into(),
        themes: themes.to_vec(),
        sentiment,
    }
}

fn figures(micro_f1: f64) -> ModelFigures {
    ModelFigures {
        notes: 10,
        precision: micro_f1,
        recall: micro_f1,
        micro_f1,
        sentiment: 0.5,
    }
}

#[tokio::test]
async fn a_version_trained_with_corrections_is_compared_then_switched_to_and_notes_follow() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    let mut tablet = Tablet::new(&app, &hr, "interviewer@example.nl").await;
    let odd = "De koffieautomaat op de derde verdieping";
    let iv = interview(&[odd, "Het salaris was veel te laag"]);
    tablet.push(&iv, Op::all_of(&iv)).await;
    assert!(texts(&hr, "culture").await.is_empty());

    // No versions until one is trained.
    let (status, body) = hr.call("GET", "/api/v1/themes/models", None).await;
    assert_eq!((status, body), (200, json!([])));

    // A model that learnt "koffieautomaat" means culture (from corrections, say).
    let notes: Vec<Labelled> = (0..12)
        .flat_map(|i| {
            [
                labelled(
                    &format!("k{i}"),
                    &format!("koffieautomaat verdieping {i}"),
                    &[ThemeId::Culture],
                    Sentiment::Negative,
                ),
                labelled(
                    &format!("s{i}"),
                    &format!("salaris te laag {i}"),
                    &[ThemeId::Pay],
                    Sentiment::Negative,
                ),
            ]
        })
        .collect();
    let model = train::train(&notes[..16], &notes[16..], "test model", &train::SETTINGS);
    let db = Db::connect(&app.config.database_url).await.expect("db");
    let store = Interviews::new(db);
    let builtin = NewVersion {
        model: None,
        label: "built in",
        corrections: 0,
        figures: figures(0.8),
    };
    let first = store.store_model(builtin, 1_000).await.expect("stored");
    let trained = NewVersion {
        model: Some(&model),
        label: "with corrections",
        corrections: 12,
        figures: figures(0.9),
    };
    let second = store.store_model(trained, 2_000).await.expect("stored");
    let (status, body) = hr.call("GET", "/api/v1/themes/models", None).await;
    assert_eq!(status, 200);
    let versions: Vec<ModelVersion> = serde_json::from_value(body).expect("versions");
    let summary: Vec<(i64, bool, u32)> = versions
        .iter()
        .map(|v| (v.id, v.active, v.corrections))
        .collect();
    assert_eq!(
        summary,
        [(first, true, 0), (second, false, 12)],
        "the built-in model is in use"
    );

    // Compare: nothing changes yet.
    let (status, body) = hr
        .call(
            "GET",
            &format!("/api/v1/themes/models/{second}/preview"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let preview: ModelPreview = serde_json::from_value(body).expect("a preview");
    assert_eq!(
        preview.current.as_ref().map(|c| c.figures.micro_f1),
        Some(0.8)
    );
    assert_eq!(preview.candidate.figures.micro_f1, 0.9);
    assert_eq!(preview.notes, 2);
    assert!(preview.notes_changed >= 1, "{preview:?}");
    assert!(
        texts(&hr, "culture").await.is_empty(),
        "a preview writes nothing"
    );

    // Switch: as many notes change as the preview said, and the odd note is culture now.
    let (status, body) = hr
        .call(
            "POST",
            &format!("/api/v1/themes/models/{second}/activate"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["notes"], json!(preview.notes_changed));
    assert_eq!(texts(&hr, "culture").await, [odd]);

    // A later push, from any process, tags with the version in use.
    let later = interview(&["Weer die koffieautomaat"]);
    tablet.push(&later, Op::all_of(&later)).await;
    assert_eq!(texts(&hr, "culture").await.len(), 2);

    // And back: the built-in model again.
    let (status, _) = hr
        .call(
            "POST",
            &format!("/api/v1/themes/models/{first}/activate"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert!(texts(&hr, "culture").await.is_empty());
    let (status, _) = hr
        .call("POST", "/api/v1/themes/models/999/activate", None)
        .await;
    assert_eq!(status, 404);
}

/// `server themes train --with-corrections`: HR's corrections join the corpus, the new model
/// is stored as a version (beside the built-in model's, which stays in use), and with no
/// correction yet there is nothing to train.
#[tokio::test]
async fn training_with_corrections_stores_a_version_and_keeps_the_one_in_use() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    let mut tablet = Tablet::new(&app, &hr, "interviewer@example.nl").await;
    let text = "Het salaris was veel te laag";
    let iv = interview(&[text]);
    tablet.push(&iv, Op::all_of(&iv)).await;
    let store = Interviews::new(Db::connect(&app.config.database_url).await.expect("db"));

    // A small corpus of the same shape as app/tests/data.
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("corpus")).expect("dir");
    let line = |id: String, text: String, theme: &str| {
        json!({ "id": id, "lang": "nl", "text": text, "themes": [theme], "sentiment": "negative" })
            .to_string()
    };
    let lines: Vec<String> = (0..40)
        .map(|i| match i % 2 {
            0 => line(format!("p{i}"), format!("salaris te laag {i}"), "pay"),
            _ => line(
                format!("m{i}"),
                format!("leidinggevende luisterde niet {i}"),
                "manager",
            ),
        })
        .collect();
    std::fs::write(dir.path().join("theme-notes-dev.jsonl"), lines.join("\n")).expect("written");

    let refused = server::cli::themes::train_with_corrections(&store, dir.path()).await;
    assert!(
        refused.is_err_and(|e| e.contains("no note")),
        "nothing to learn yet"
    );

    let body = json!({ "text": text, "themes": ["workload"], "sentiment": "neutral" });
    let (status, _) = correct(&hr, &iv.notes[0], body).await;
    assert_eq!(status, 200);
    let report = server::cli::themes::train_with_corrections(&store, dir.path())
        .await
        .expect("trained");
    assert!(report.contains("with 1 correction;"), "{report}");
    let learnt = store.corrections().await.expect("read");
    assert_eq!(learnt.len(), 1);
    assert_eq!(
        (learnt[0].text.as_str(), learnt[0].themes.as_slice()),
        (text, &[ThemeId::Workload][..])
    );

    let versions = store.model_versions().await.expect("versions");
    let summary: Vec<(bool, u32)> = versions.iter().map(|v| (v.active, v.corrections)).collect();
    assert_eq!(summary, [(true, 0), (false, 1)]);
    assert!(versions.iter().all(|v| v.figures.notes > 0), "{versions:?}");
    // Trained again: one more version, the built-in model's row is refreshed, not repeated.
    server::cli::themes::train_with_corrections(&store, dir.path())
        .await
        .expect("trained");
    assert_eq!(store.model_versions().await.expect("versions").len(), 3);
}
