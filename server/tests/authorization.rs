//! The role × endpoint matrix: every endpoint of the JSON API called as anonymous,
//! interviewer, manager and hr, each answer checked. An endpoint missing from the matrix
//! fails the test, so nobody adds a route without deciding who may call it.

mod common;

use common::{add_user, setup_hr, spawn_app, Client, PASSWORD};
use serde_json::{json, Value};

/// Expected status per caller: (anonymous, interviewer, manager, hr).
type Expect = (u16, u16, u16, u16);

/// One call of the matrix: method, path (`{id}` = the interviewer's user id, or under
/// `/interviews` the id of an interview the interviewer synced; `{theme}` = `workload`; `{token}` = a token never published), query, body maker.
struct Row {
    method: &'static str,
    path: &'static str,
    query: &'static str,
    expect: Expect,
    body: fn(caller: &str, n: usize) -> Option<Value>,
}

/// An empty push from a new device.
fn empty_push(_: &str, _: usize) -> Option<Value> {
    Some(json!({ "device": uuid::Uuid::now_v7(), "changes": [] }))
}

fn none(_: &str, _: usize) -> Option<Value> {
    None
}

const MATRIX: &[Row] = &[
    Row {
        method: "GET",
        path: "/me",
        query: "",
        expect: (401, 200, 200, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/session",
        query: "",
        expect: (200, 200, 200, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/setup",
        query: "",
        expect: (200, 200, 200, 200),
        body: none,
    },
    Row {
        method: "POST",
        path: "/setup",
        query: "",
        expect: (404, 404, 404, 404),
        body: |caller, n| {
            Some(
                json!({ "email": format!("setup{n}-{caller}@example.nl"), "name": "X", "role": "hr", "password": PASSWORD }),
            )
        },
    },
    Row {
        method: "GET",
        path: "/users",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "POST",
        path: "/users",
        query: "",
        expect: (401, 403, 403, 201),
        body: |caller, n| {
            Some(
                json!({ "email": format!("new{n}-{caller}@example.nl"), "name": "New", "role": "interviewer", "password": PASSWORD }),
            )
        },
    },
    Row {
        method: "PATCH",
        path: "/users/{id}",
        query: "",
        expect: (401, 403, 403, 200),
        body: |_, _| Some(json!({ "active": true })),
    },
    Row {
        method: "POST",
        path: "/session",
        query: "",
        expect: (401, 200, 200, 200),
        body: |caller, _| {
            Some(json!({ "email": format!("{caller}@example.nl"), "password": PASSWORD }))
        },
    },
    Row {
        method: "GET",
        path: "/openapi.json",
        query: "",
        expect: (200, 200, 200, 200),
        body: none,
    },
    Row {
        method: "POST",
        path: "/sync/push",
        query: "",
        expect: (401, 200, 403, 200),
        body: empty_push,
    },
    Row {
        method: "GET",
        path: "/sync/pull",
        query: "?device=0190f3a4-5b6c-7d8e-9f00-112233445566&cursor=0",
        expect: (401, 200, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/interviews",
        query: "",
        expect: (401, 200, 200, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/interviews/{id}",
        query: "",
        // Only its interviewer and HR; to anyone else it does not exist.
        expect: (401, 200, 404, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/audit",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/settings",
        query: "",
        expect: (401, 200, 200, 200),
        body: none,
    },
    Row {
        method: "PATCH",
        path: "/settings",
        query: "",
        expect: (401, 403, 403, 200),
        body: |_, _| Some(json!({ "remove_after_sync": false })),
    },
    Row {
        method: "GET",
        path: "/dashboard",
        query: "?department=Logistiek&tenure=two_to_five",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/dashboard/themes.svg",
        query: "?lang=en",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/dashboard/trend.svg",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/dashboard/export.csv",
        query: "?voluntary=true",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/dashboard/themes/{theme}",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/dashboard/emergent",
        query: "?department=Zorg",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights",
        query: "",
        expect: (401, 403, 200, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights",
        query: "?scope=Verkoop",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights/themes.svg",
        query: "?lang=en",
        expect: (401, 403, 200, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights/themes.svg",
        query: "?scope=Verkoop",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights/trend.svg",
        query: "?lang=en",
        expect: (401, 403, 200, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights/trend.svg",
        query: "?scope=Verkoop",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights/export.csv",
        query: "?lang=en",
        expect: (401, 403, 200, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights/export.csv",
        query: "?scope=Verkoop",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/insights/settings",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "PUT",
        path: "/insights/settings",
        query: "",
        expect: (401, 403, 403, 200),
        body: |_, _| Some(json!({ "min_group": 5, "min_quote_group": 8 })),
    },
    Row {
        method: "GET",
        path: "/headcounts",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "PUT",
        path: "/headcounts",
        query: "",
        expect: (401, 403, 403, 204),
        body: |_, _| Some(json!([{ "year": 2026, "headcount": 120 }])),
    },
    Row {
        method: "GET",
        path: "/themes",
        query: "",
        expect: (401, 200, 200, 200),
        body: none,
    },
    Row {
        method: "PUT",
        path: "/themes",
        query: "",
        expect: (401, 403, 403, 200),
        body: |_, _| Some(json!({ "settings": [{ "key": "retirement", "enabled": true }] })),
    },
    // `{id}` is a user id: no such note, no such model version.
    Row {
        method: "PUT",
        path: "/notes/{id}/themes",
        query: "",
        expect: (401, 403, 403, 404),
        body: |_, _| Some(json!({ "text": "x", "themes": [], "sentiment": "neutral" })),
    },
    Row {
        method: "PUT",
        path: "/notes/{id}/share",
        query: "",
        expect: (401, 403, 403, 404),
        body: |_, _| Some(json!({ "text": "x", "shared": true })),
    },
    // `{id}` is a user id: no such action. An empty title is refused before anything else.
    Row {
        method: "GET",
        path: "/actions",
        query: "",
        expect: (401, 403, 200, 200),
        body: none,
    },
    Row {
        method: "POST",
        path: "/actions",
        query: "",
        expect: (401, 403, 400, 400),
        body: |_, _| {
            Some(
                json!({ "title": "", "themes": ["pay"], "departments": ["Logistiek"], "start": "2030-01-01", "status": "planned" }),
            )
        },
    },
    Row {
        method: "GET",
        path: "/actions/{id}",
        query: "",
        expect: (401, 403, 404, 404),
        body: none,
    },
    Row {
        method: "PUT",
        path: "/actions/{id}",
        query: "",
        expect: (401, 403, 404, 404),
        body: |_, _| {
            Some(
                json!({ "title": "x", "themes": ["pay"], "departments": ["Logistiek"], "start": "2030-01-01", "status": "planned" }),
            )
        },
    },
    Row {
        method: "DELETE",
        path: "/actions/{id}",
        query: "",
        expect: (401, 403, 404, 404),
        body: none,
    },
    Row {
        method: "POST",
        path: "/actions/{id}/updates",
        query: "",
        expect: (401, 403, 404, 404),
        body: |_, _| Some(json!({ "text": "x" })),
    },
    // `{id}` is a user id: no such link; `{token}` is well formed but was never published.
    Row {
        method: "GET",
        path: "/progress-links",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "POST",
        path: "/progress-links",
        query: "",
        expect: (401, 403, 403, 201),
        body: |_, _| Some(json!({ "department": "Logistiek", "days": 7 })),
    },
    Row {
        method: "DELETE",
        path: "/progress-links/{id}",
        query: "",
        expect: (401, 403, 403, 404),
        body: none,
    },
    Row {
        method: "GET",
        path: "/public/progress/{token}",
        query: "",
        expect: (404, 404, 404, 404),
        body: none,
    },
    Row {
        method: "GET",
        path: "/themes/models",
        query: "",
        expect: (401, 403, 403, 200),
        body: none,
    },
    Row {
        method: "GET",
        path: "/themes/models/{id}/preview",
        query: "",
        expect: (401, 403, 403, 404),
        body: none,
    },
    Row {
        method: "POST",
        path: "/themes/models/{id}/activate",
        query: "",
        expect: (401, 403, 403, 404),
        body: none,
    },
    // Erases the interview: after every other row that reads it.
    Row {
        method: "DELETE",
        path: "/interviews/{id}",
        query: "",
        expect: (401, 403, 403, 204),
        body: none,
    },
    // Last: it ends each caller's session.
    Row {
        method: "DELETE",
        path: "/session",
        query: "",
        expect: (204, 204, 204, 204),
        body: none,
    },
];

#[test]
fn every_endpoint_has_a_row_in_the_matrix() {
    for (method, path) in server::ENDPOINTS {
        assert!(
            MATRIX
                .iter()
                .any(|r| r.method == *method && r.path == *path),
            "{method} /api/v1{path} is not in the authorization matrix"
        );
    }
    for row in MATRIX {
        assert!(
            server::ENDPOINTS.contains(&(row.method, row.path)),
            "{} {} is in the matrix but not an endpoint",
            row.method,
            row.path
        );
    }
}

/// The OpenAPI document names exactly the endpoints, and every status the matrix expects.
#[test]
fn the_openapi_document_matches_the_endpoints_and_the_matrix() {
    let doc: Value = serde_json::from_str(server::OPENAPI).expect("valid JSON");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    let mut documented = Vec::new();
    for (path, operations) in paths {
        for method in operations.as_object().expect("operations").keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    let mut endpoints: Vec<_> = server::ENDPOINTS
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    documented.sort();
    endpoints.sort();
    assert_eq!(documented, endpoints, "paths in openapi.json");

    for row in MATRIX {
        let (a, i, m, h) = row.expect;
        let responses = &doc["paths"][row.path][row.method.to_lowercase()]["responses"];
        for status in [a, i, m, h] {
            assert!(
                responses.get(status.to_string()).is_some(),
                "{} {} answers {status} but openapi.json does not say so",
                row.method,
                row.path
            );
        }
    }
}

#[tokio::test]
async fn each_role_gets_exactly_the_expected_answer_from_every_endpoint() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    let interviewer_id = add_user(&hr, "interviewer@example.nl", "interviewer", &[]).await;
    add_user(&hr, "manager@example.nl", "manager", &["Logistiek"]).await;

    let anonymous = Client::new(&app);
    let interviewer = Client::new(&app);
    let manager = Client::new(&app);
    assert_eq!(
        interviewer.login("interviewer@example.nl", PASSWORD).await,
        200
    );
    assert_eq!(manager.login("manager@example.nl", PASSWORD).await, 200);
    // `setup_hr` logged in as hr@example.nl.
    let callers = [
        ("anonymous", &anonymous),
        ("interviewer", &interviewer),
        ("manager", &manager),
        ("hr", &hr),
    ];

    let interview_id = synced_interview(&interviewer).await;

    let mut wrong = Vec::new();
    for (n, row) in MATRIX.iter().enumerate() {
        let (a, i, m, h) = row.expect;
        let id = if row.path.starts_with("/interviews/") {
            &interview_id
        } else {
            &interviewer_id
        };
        let path = row
            .path
            .replace("{id}", id)
            .replace("{theme}", "workload")
            .replace("{token}", &"ab".repeat(32));
        let path = format!("/api/v1{path}{}", row.query);
        for ((name, client), want) in callers.iter().zip([a, i, m, h]) {
            let (status, body) = client.call(row.method, &path, (row.body)(name, n)).await;
            if status != want {
                wrong.push(format!(
                    "{} {path} as {name}: {status} (want {want}) {body}",
                    row.method
                ));
            }
            if status >= 400 {
                let code = body["error"].as_str().unwrap_or_default();
                assert!(
                    !code.is_empty(),
                    "{} {path} as {name}: no error body",
                    row.method
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Pushes a new interview as `interviewer`; answers its id.
async fn synced_interview(interviewer: &Client) -> String {
    use app::domain::{Details, DeviceId, Hlc, Interview, Op};
    let device = DeviceId::new();
    let details = Details {
        leaver: "J.".into(),
        ..Details::default()
    };
    let interview = Interview::new(details, "", 1_000);
    let mut clock = Hlc::default();
    let changes: Vec<_> = Op::all_of(&interview)
        .into_iter()
        .enumerate()
        .map(|(i, op)| app::domain::Change {
            seq: i as u64 + 1,
            id: uuid::Uuid::now_v7(),
            stamp: clock.tick(1_000, device),
            interview: interview.id,
            op,
        })
        .collect();
    let body = json!({ "device": device, "changes": changes });
    let (status, answer) = interviewer
        .call("POST", "/api/v1/sync/push", Some(body))
        .await;
    assert_eq!(
        (status, answer["rejected"].as_array().map(Vec::len)),
        (200, Some(0)),
        "{answer}"
    );
    interview.id.to_string()
}
