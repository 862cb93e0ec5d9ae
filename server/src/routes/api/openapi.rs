//! `GET /api/v1/openapi.json`: the OpenAPI 3 document of this API, written by hand in
//! `openapi.json`. Tests keep it honest: its paths equal the endpoint table, every status
//! the authorization matrix expects is documented, and each schema lists exactly the fields
//! our types serialise.

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;

pub const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], DOCUMENT)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use app::domain::{
        Department, DisplayName, Email, Login, NewUser, Role, SessionInfo, SetupStatus, User,
        UserChange, UserId,
    };
    use serde::Serialize;
    use serde_json::Value;

    use super::DOCUMENT;
    use crate::error::ErrorBody;

    fn schema_fields(name: &str) -> BTreeSet<String> {
        let doc: Value = serde_json::from_str(DOCUMENT).expect("valid JSON");
        let properties = &doc["components"]["schemas"][name]["properties"];
        let fields = properties
            .as_object()
            .unwrap_or_else(|| panic!("schema {name}"));
        fields.keys().cloned().collect()
    }

    fn fields_of(value: impl Serialize) -> BTreeSet<String> {
        let json = serde_json::to_value(value).expect("serialises");
        json.as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect()
    }

    /// A link as its creation answers it: every field present.
    fn link() -> app::domain::ProgressLink {
        app::domain::ProgressLink {
            id: String::new(),
            department: String::new(),
            created_by: String::new(),
            created_at: 0,
            expires_at: 0,
            revoked_at: Some(0),
            token: Some(String::new()),
        }
    }

    fn user() -> User {
        User {
            id: UserId::new(),
            email: Email::parse("a@b").expect("valid"),
            name: DisplayName::parse("A").expect("valid"),
            role: Role::Manager,
            departments: vec![Department::parse("Logistiek").expect("valid")],
            active: true,
        }
    }

    #[test]
    fn every_schema_lists_exactly_the_fields_our_types_serialise() {
        let cases = [
            ("User", fields_of(user())),
            (
                "Login",
                fields_of(Login {
                    email: "a@b".into(),
                    password: "x".into(),
                }),
            ),
            (
                "NewUser",
                fields_of(NewUser {
                    email: Email::parse("a@b").expect("valid"),
                    name: DisplayName::parse("A").expect("valid"),
                    role: Role::Hr,
                    departments: vec![],
                    password: "x".into(),
                }),
            ),
            (
                "UserChange",
                fields_of(UserChange {
                    role: Some(Role::Hr),
                    departments: Some(vec![]),
                    active: Some(true),
                }),
            ),
            ("SessionInfo", fields_of(SessionInfo { user: Some(user()) })),
            ("SetupStatus", fields_of(SetupStatus { open: true })),
            (
                "ErrorBody",
                fields_of(ErrorBody {
                    error: "x".into(),
                    message: "y".into(),
                }),
            ),
        ];
        for (name, fields) in cases {
            assert_eq!(schema_fields(name), fields, "schema {name}");
        }
    }

    #[test]
    fn the_sync_schemas_list_exactly_the_fields_on_the_wire() {
        use app::domain::{
            AuditAction, AuditEntry, Change, ChangeProblem, Closing, DeviceId, InterviewId,
            InterviewSummary, Op, PullResponse, PushRequest, PushResponse, Rejection, RemoteChange,
            Stamp, Status,
        };
        let stamp = Stamp {
            wall: 1,
            counter: 0,
            device: DeviceId::new(),
        };
        let change = Change {
            seq: 1,
            id: uuid::Uuid::now_v7(),
            stamp,
            interview: InterviewId::new(),
            op: Op::Closing(Closing::default()),
        };
        let remote = RemoteChange {
            interview: InterviewId::new(),
            stamp,
            op: Op::Closing(Closing::default()),
        };
        let figures = app::domain::ModelFigures {
            notes: 1,
            precision: 1.0,
            recall: 1.0,
            micro_f1: 1.0,
            sentiment: 1.0,
        };
        let version = app::domain::ModelVersion {
            id: 1,
            created_at: 0,
            label: String::new(),
            corrections: 0,
            figures,
            active: true,
        };
        let rejection = Rejection {
            id: uuid::Uuid::now_v7(),
            seq: 1,
            problem: ChangeProblem::TooLong,
        };
        let summary = InterviewSummary {
            id: InterviewId::new(),
            leaver: String::new(),
            department: String::new(),
            role: String::new(),
            interviewer: String::new(),
            owner: UserId::new(),
            interview_date: None,
            leaving_date: None,
            status: Status::Concept,
            primary_reason: None,
            notes: 0,
            updated_at: 0,
            anonymised: false,
        };
        let action = app::domain::Action {
            id: app::domain::ActionId::new(),
            title: String::new(),
            description: String::new(),
            themes: vec![],
            departments: vec![],
            owner: None,
            owner_name: String::new(),
            start: chrono::NaiveDate::MIN,
            due: None,
            status: app::domain::ActionStatus::Planned,
            version: 1,
            updates: vec![],
            effect: crate::dashboard::effect::effect(
                None,
                Default::default(),
                Default::default(),
                5,
                crate::dashboard::effect::Reader::Hr,
            ),
        };
        let public = app::domain::PublicAction {
            title: String::new(),
            description: String::new(),
            themes: vec![],
            start: chrono::NaiveDate::MIN,
            due: None,
            status: app::domain::ActionStatus::Planned,
            latest: Some(app::domain::PublicUpdate {
                on: chrono::NaiveDate::MIN,
                text: String::new(),
            }),
            effect: action.effect.clone(),
        };
        let cases = [
            ("Stamp", fields_of(stamp)),
            ("Op", fields_of(Op::Closing(Closing::default()))),
            ("Change", fields_of(change.clone())),
            (
                "PushRequest",
                fields_of(PushRequest {
                    device: DeviceId::new(),
                    changes: vec![change],
                }),
            ),
            ("Rejection", fields_of(rejection.clone())),
            (
                "PushResponse",
                fields_of(PushResponse {
                    applied_upto: 1,
                    rejected: vec![rejection],
                }),
            ),
            ("RemoteChange", fields_of(remote.clone())),
            (
                "PullResponse",
                fields_of(PullResponse {
                    changes: vec![remote],
                    cursor: 0,
                    more: false,
                    guide: vec![],
                    themes: vec![],
                    settings: app::domain::TabletSettings::default(),
                    catalogue: app::themes::Catalogue::default(),
                    gone: vec![],
                    server_time: 0,
                }),
            ),
            (
                "Gone",
                fields_of(app::domain::Gone {
                    interview: InterviewId::new(),
                    reason: app::domain::GoneReason::Erased,
                }),
            ),
            ("InterviewSummary", fields_of(summary)),
            (
                "TabletSettings",
                fields_of(app::domain::TabletSettings::default()),
            ),
            ("Dashboard", fields_of(app::domain::Dashboard::default())),
            ("YesNo", fields_of(app::domain::YesNo::default())),
            ("Retagged", fields_of(app::domain::Retagged { notes: 1 })),
            ("Catalogue", fields_of(app::themes::Catalogue::default())),
            (
                "ThemeSetting",
                fields_of(app::themes::ThemeSetting {
                    key: "parking".into(),
                    label_nl: "Parkeren".into(),
                    label_en: String::new(),
                    enabled: true,
                    keywords: vec![],
                }),
            ),
            (
                "Headcount",
                fields_of(app::domain::Headcount {
                    year: 2026,
                    department: String::new(),
                    headcount: 1,
                }),
            ),
            (
                "ThemeDetail",
                fields_of(app::domain::ThemeDetail {
                    theme: "pay".into(),
                    interviews: 0,
                    notes: 0,
                    groups: vec![],
                    page: 1,
                    pages: 1,
                    kinds: vec![],
                    departments: vec![],
                    truncated: false,
                }),
            ),
            (
                "NoteGroup",
                fields_of(app::domain::NoteGroup {
                    notes: vec![],
                    kinds: vec![],
                    departments: vec![],
                }),
            ),
            (
                "ThemeNote",
                fields_of(app::domain::ThemeNote {
                    note: app::domain::NoteId::new(),
                    interview: InterviewId::new(),
                    department: String::new(),
                    leaving_date: None,
                    kind: app::domain::NoteKind::Quote,
                    text: String::new(),
                    themes: vec![],
                    sentiment: app::themes::Sentiment::Neutral,
                    corrected: false,
                    shared: false,
                    scrubbed: String::new(),
                }),
            ),
            (
                "ActionDraft",
                fields_of(app::domain::ActionDraft {
                    title: String::new(),
                    description: String::new(),
                    themes: vec![],
                    departments: vec![],
                    owner: None,
                    start: chrono::NaiveDate::MIN,
                    due: None,
                    status: app::domain::ActionStatus::Planned,
                    version: 0,
                }),
            ),
            ("Action", fields_of(action.clone())),
            ("Effect", fields_of(action.effect.clone())),
            (
                "ProgressUpdate",
                fields_of(app::domain::ProgressUpdate {
                    on: chrono::NaiveDate::MIN,
                    text: String::new(),
                    by: String::new(),
                }),
            ),
            (
                "NewProgressLink",
                fields_of(app::domain::NewProgressLink {
                    department: String::new(),
                    days: Some(1),
                }),
            ),
            ("ProgressLink", fields_of(link())),
            (
                "ThemeLabel",
                fields_of(app::domain::ThemeLabel {
                    key: String::new(),
                    nl: String::new(),
                    en: String::new(),
                }),
            ),
            ("PublicUpdate", fields_of(public.latest.clone())),
            ("PublicAction", fields_of(public.clone())),
            (
                "ProgressPage",
                fields_of(app::domain::ProgressPage {
                    department: String::new(),
                    today: chrono::NaiveDate::MIN,
                    expires_at: 0,
                    actions: vec![],
                }),
            ),
            (
                "SharedQuote",
                fields_of(app::domain::SharedQuote {
                    kind: app::domain::NoteKind::Quote,
                    text: String::new(),
                    themes: vec![],
                }),
            ),
            (
                "NoteShare",
                fields_of(app::domain::NoteShare {
                    text: String::new(),
                    shared: true,
                }),
            ),
            (
                "ThemeCorrection",
                fields_of(app::domain::ThemeCorrection {
                    text: String::new(),
                    themes: vec![],
                    sentiment: app::themes::Sentiment::Neutral,
                }),
            ),
            (
                "AnonymitySettings",
                fields_of(app::domain::AnonymitySettings::default()),
            ),
            (
                "Insights",
                fields_of(crate::dashboard::anonymity::anonymise(
                    &app::domain::Dashboard::default(),
                    None,
                    &[],
                    5,
                )),
            ),
            (
                "GroupCount",
                fields_of(app::domain::GroupCount {
                    key: String::new(),
                    count: app::domain::Cell::TooFew,
                }),
            ),
            ("ModelFigures", fields_of(figures)),
            ("ModelVersion", fields_of(version.clone())),
            (
                "ModelPreview",
                fields_of(app::domain::ModelPreview {
                    current: None,
                    candidate: version,
                    notes: 0,
                    notes_changed: 0,
                }),
            ),
            (
                "Emergent",
                fields_of(app::domain::Emergent {
                    notes_read: 0,
                    terms: vec![],
                }),
            ),
            (
                "EmergentTerm",
                fields_of(app::domain::EmergentTerm {
                    term: String::new(),
                    keyword: String::new(),
                    interviews: 0,
                    notes: 0,
                    examples: vec![],
                    related: vec![],
                }),
            ),
            (
                "AuditEntry",
                fields_of(AuditEntry {
                    at: 0,
                    user: UserId::new(),
                    user_name: String::new(),
                    interview: InterviewId::new(),
                    action: AuditAction::Read,
                }),
            ),
        ];
        for (name, fields) in cases {
            assert_eq!(schema_fields(name), fields, "schema {name}");
        }
        let doc: Value = serde_json::from_str(DOCUMENT).expect("valid JSON");
        let problems = doc["components"]["schemas"]["ChangeProblem"]["enum"].clone();
        let ours = [
            ChangeProblem::NotYours,
            ChangeProblem::Erased,
            ChangeProblem::LeaverMissing,
            ChangeProblem::DatesOutOfOrder,
            ChangeProblem::EmptyNote,
            ChangeProblem::TooLong,
            ChangeProblem::TooManyQuestions,
            ChangeProblem::Anonymised,
            ChangeProblem::ClockAhead,
            ChangeProblem::Malformed,
            ChangeProblem::BadCharacter,
        ];
        assert_eq!(problems, serde_json::to_value(ours).expect("json"));
    }

    #[test]
    fn the_role_enum_is_documented_in_full() {
        let doc: Value = serde_json::from_str(DOCUMENT).expect("valid JSON");
        let documented: Vec<_> = doc["components"]["schemas"]["Role"]["enum"]
            .as_array()
            .expect("an enum")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let ours: Vec<_> = Role::ALL.iter().map(|r| r.key()).collect();
        assert_eq!(documented, ours);
    }
}
