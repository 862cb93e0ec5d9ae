//! Accounts through the real server (SQLite, and PostgreSQL when TEST_DATABASE_URL is set):
//! first-run setup, login and logout, wrong passwords, disabled users, sessions that
//! outlive a restart, the brake on guessing, and the API's error shape.

mod common;

use common::{
    add_user, fresh_database, setup_hr, spawn_app, spawn_app_on, Client, TestApp, PASSWORD,
};
use serde_json::json;

#[tokio::test]
async fn first_run_setup_creates_one_hr_account_and_then_closes() {
    let app = spawn_app().await;
    let visitor = Client::new(&app);
    assert_eq!(
        visitor.call("GET", "/api/v1/setup", None).await.1,
        json!({ "open": true })
    );

    let not_hr = json!({ "email": "a@example.nl", "name": "A", "role": "interviewer", "password": PASSWORD });
    assert_eq!(
        visitor.call("POST", "/api/v1/setup", Some(not_hr)).await.0,
        400
    );

    let hr = setup_hr(&app).await;
    let (status, me) = hr.call("GET", "/api/v1/me", None).await;
    assert_eq!(status, 200);
    assert_eq!(
        (me["email"].as_str(), me["role"].as_str()),
        (Some("hr@example.nl"), Some("hr"))
    );
    assert!(me.get("password_hash").is_none());

    let again = json!({ "email": "b@example.nl", "name": "B", "role": "hr", "password": PASSWORD });
    assert_eq!(
        visitor.call("POST", "/api/v1/setup", Some(again)).await.0,
        404
    );
    assert_eq!(
        visitor.call("GET", "/api/v1/setup", None).await.1,
        json!({ "open": false })
    );
}

#[tokio::test]
async fn an_interviewer_logs_in_sees_themselves_and_logs_out() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    add_user(&hr, "Anna@Example.nl", "interviewer", &[]).await;

    let anna = Client::new(&app);
    assert_eq!(anna.call("GET", "/api/v1/me", None).await.0, 401);
    assert_eq!(
        anna.login("  anna@example.NL ", PASSWORD).await,
        200,
        "addresses ignore case"
    );
    let (status, me) = anna.call("GET", "/api/v1/me", None).await;
    assert_eq!((status, me["role"].as_str()), (200, Some("interviewer")));
    assert_eq!(anna.call("DELETE", "/api/v1/session", None).await.0, 204);
    assert_eq!(anna.call("GET", "/api/v1/me", None).await.0, 401);
    assert_eq!(
        anna.call("DELETE", "/api/v1/session", None).await.0,
        204,
        "twice is fine"
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = spawn_app().await;
    setup_hr(&app).await;
    let guest = Client::new(&app);
    let wrong = guest
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({ "email": "hr@example.nl", "password": "wrong password" })),
        )
        .await;
    let unknown = guest
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({ "email": "nobody@example.nl", "password": "wrong password" })),
        )
        .await;
    let malformed = guest
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({ "email": "nobody", "password": "x" })),
        )
        .await;
    assert_eq!(wrong.0, 401);
    assert_eq!(wrong, unknown);
    assert_eq!(wrong, malformed);
    assert_eq!(wrong.1["error"], "wrong_credentials");
}

#[tokio::test]
async fn a_disabled_user_cannot_log_in_and_loses_their_session() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    let id = add_user(&hr, "bob@example.nl", "interviewer", &[]).await;
    let bob = Client::new(&app);
    assert_eq!(bob.login("bob@example.nl", PASSWORD).await, 200);

    let (status, user) = hr
        .call(
            "PATCH",
            &format!("/api/v1/users/{id}"),
            Some(json!({ "active": false })),
        )
        .await;
    assert_eq!((status, user["active"].as_bool()), (200, Some(false)));
    assert_eq!(
        bob.call("GET", "/api/v1/me", None).await.0,
        401,
        "the open session ends"
    );
    assert_eq!(
        Client::new(&app).login("bob@example.nl", PASSWORD).await,
        401
    );

    hr.call(
        "PATCH",
        &format!("/api/v1/users/{id}"),
        Some(json!({ "active": true })),
    )
    .await;
    assert_eq!(
        Client::new(&app).login("bob@example.nl", PASSWORD).await,
        200
    );
}

#[tokio::test]
async fn a_session_survives_a_server_restart() {
    let (url, dir) = fresh_database().await;
    let first = spawn_app_on(url.clone(), dir).await;
    let hr = setup_hr(&first).await;
    let cookie = hr_cookie(&first).await;
    let (stopped, dir) = first.stop_keeping_dir().await;
    stopped.expect("clean shutdown");
    drop(hr);

    let second = spawn_app_on(url, dir).await;
    let response = reqwest::Client::new()
        .get(second.url("/api/v1/me"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("reaches the server");
    assert_eq!(response.status(), 200);
}

/// Logs in as the setup's hr account and answers the session cookie (`name=value`).
async fn hr_cookie(app: &common::TestApp) -> String {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .json(&json!({ "email": "hr@example.nl", "password": PASSWORD }))
        .send()
        .await
        .expect("reaches the server");
    assert_eq!(response.status(), 200);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    set_cookie.split(';').next().expect("name=value").to_owned()
}

#[tokio::test]
async fn guessing_is_slowed_down_but_the_right_user_gets_back_in() {
    let app = spawn_app().await;
    setup_hr(&app).await;
    let guest = Client::new(&app);
    for _ in 0..5 {
        assert_eq!(guest.login("hr@example.nl", "not the password").await, 401);
    }
    let (status, body) = guest
        .call(
            "POST",
            "/api/v1/session",
            Some(json!({ "email": "hr@example.nl", "password": PASSWORD })),
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (429, Some("too_many_attempts"))
    );
    // The first wait is one second; after it the right password works again.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(guest.login("hr@example.nl", PASSWORD).await, 200);
}

#[tokio::test]
async fn fifty_parallel_wrong_passwords_get_no_more_tries_than_one_after_another() {
    let app = spawn_app().await;
    setup_hr(&app).await;
    let guesses: Vec<_> = (0..50)
        .map(|_| {
            let guest = Client::new(&app);
            tokio::spawn(async move { guest.login("hr@example.nl", "not the password").await })
        })
        .collect();
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.expect("request ran"));
    }
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let slowed = statuses.iter().filter(|s| **s == 429).count();
    // Five are free; the sixth waits a second after the fifth, which a slow machine may
    // reach while the fifty are still arriving.
    assert!(
        checked <= 6,
        "{checked} passwords were checked: {statuses:?}"
    );
    assert_eq!(checked + slowed, 50, "{statuses:?}");
}

/// A login as `email` that a proxy forwarded for `client`.
async fn login_via_proxy(app: &TestApp, email: &str, password: &str, client: &str) -> u16 {
    reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", client)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .expect("reaches the server")
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_an_attacker_elsewhere_does_not_slow_the_real_user_down() {
    let app =
        common::spawn_app_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")])
            .await;
    setup_hr(&app).await;
    let attacker = "203.0.113.9";
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(login_via_proxy(&app, "hr@example.nl", "not the password", attacker).await);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
    assert_eq!(
        login_via_proxy(&app, "hr@example.nl", PASSWORD, "198.51.100.7").await,
        200,
        "the real user, from their own address"
    );
}

#[tokio::test]
async fn a_forged_forwarded_address_from_an_untrusted_peer_changes_nothing() {
    let app = spawn_app().await;
    setup_hr(&app).await;
    let mut statuses = Vec::new();
    for i in 0..7 {
        let forged = format!("203.0.113.{i}");
        statuses.push(login_via_proxy(&app, "hr@example.nl", "not the password", &forged).await);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429]);
}

#[tokio::test]
async fn bad_bodies_get_a_400_or_413_in_our_error_shape() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    let post = |body: Vec<u8>| {
        http.post(app.url("/api/v1/session"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    for (body, status) in [
        (b"{not json".to_vec(), 400),
        (b"{\"email\": 1}".to_vec(), 400),
        (vec![b' '; server::API_BODY_LIMIT + 1], 413),
    ] {
        let response = post(body).await.expect("reaches the server");
        assert_eq!(response.status(), status);
        let error: server::error::ErrorBody = response.json().await.expect("our error shape");
        assert!(!error.message.is_empty());
    }
}

#[tokio::test]
async fn a_request_from_another_site_cannot_log_in_or_out() {
    let app = spawn_app().await;
    setup_hr(&app).await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .header("origin", "https://evil.example")
        .json(&json!({ "email": "hr@example.nl", "password": PASSWORD }))
        .send()
        .await
        .expect("reaches the server");
    assert_eq!(response.status(), 403);
    assert!(response.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn pages_carry_a_csp_whose_nonce_is_on_their_scripts() {
    let app = spawn_app().await;
    let response = app.get("/gesprekken").await;
    let headers = response.headers().clone();
    let html = response.text().await.expect("html");
    let csp = headers["content-security-policy"].to_str().expect("ascii");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce");
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "{html}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let again = app.get("/gesprekken").await;
    assert!(
        !again.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains(nonce),
        "fresh per page"
    );
}

#[tokio::test]
async fn over_https_every_answer_asks_the_browser_to_stay_on_https() {
    let app = common::spawn_app_with(|c| c.secure_cookies = true).await;
    let response = app.get("/gesprekken").await;
    let hsts = response.headers()["strict-transport-security"]
        .to_str()
        .expect("ascii");
    assert!(hsts.starts_with("max-age="), "{hsts}");
    let plain = spawn_app().await;
    let response = plain.get("/gesprekken").await;
    assert!(response
        .headers()
        .get("strict-transport-security")
        .is_none());
}

#[tokio::test]
async fn the_session_endpoint_says_who_is_logged_in_or_null() {
    let app = spawn_app().await;
    let hr = setup_hr(&app).await;
    let (status, info) = hr.call("GET", "/api/v1/session", None).await;
    assert_eq!(
        (status, info["user"]["email"].as_str()),
        (200, Some("hr@example.nl"))
    );
    let (status, info) = Client::new(&app).call("GET", "/api/v1/session", None).await;
    assert_eq!((status, info), (200, json!({ "user": null })));
}

#[tokio::test]
async fn every_request_pushes_the_session_expiry_on() {
    let app = spawn_app().await;
    setup_hr(&app).await;
    let cookie = hr_cookie(&app).await;
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("reaches the server");
    assert_eq!(response.status(), 200);
    let renewed = response.headers()["set-cookie"].to_str().expect("ascii");
    let thirty_days = 30 * 24 * 60 * 60;
    assert!(
        renewed.contains(&format!("Max-Age={thirty_days}")),
        "{renewed}"
    );
}
