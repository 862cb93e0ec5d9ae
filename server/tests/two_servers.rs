//! Two servers on one database, as behind a load balancer (SQLite here; PostgreSQL when
//! TEST_DATABASE_URL is set, where several machines share one database): a tablet may sync
//! through either, the dashboard of one sees what was pushed through the other, and the
//! login throttle counts the guesses made at both.

mod common;

use app::domain::Dashboard;
use common::{
    spawn_app, spawn_app_on,
    tablet::{with_interviewers, Tablet},
    Client, PASSWORD,
};

#[tokio::test]
async fn two_servers_on_one_database_share_interviews_dashboards_and_the_login_throttle() {
    let a = spawn_app().await;
    let b = spawn_app_on(a.config.database_url.clone(), None).await;
    with_interviewers(&a).await;
    let hr_b = Client::new(&b);
    assert_eq!(hr_b.login("hr@example.nl", PASSWORD).await, 200);
    assert_eq!(interviews(&hr_b).await, 0);

    let on_a = Tablet::new(&a, "ina@example.nl").await;
    let iv = on_a.interview("Jan de Vries", &["te veel overwerk"], 1_000);
    on_a.sync().await.expect("synced through a");
    assert_eq!(
        interviews(&hr_b).await,
        1,
        "b's kept dashboard is out of date after a push through a"
    );
    let on_b = Tablet::new(&b, "ina@example.nl").await;
    on_b.sync().await.expect("synced through b");
    assert_eq!(on_b.load(&iv), on_a.load(&iv));

    // Five wrong passwords are free, wherever they are tried.
    let (guess_a, guess_b) = (Client::new(&a), Client::new(&b));
    for guest in [&guess_a, &guess_a, &guess_a, &guess_b, &guess_b] {
        assert_eq!(guest.login("bob@example.nl", "not the password").await, 401);
    }
    assert_eq!(
        guess_b.login("bob@example.nl", PASSWORD).await,
        429,
        "b counts the guesses made at a"
    );
    assert_eq!(guess_a.login("bob@example.nl", PASSWORD).await, 429);
}

/// How many interviews HR's dashboard counts.
async fn interviews(hr: &Client) -> u32 {
    let (status, body) = hr.call("GET", "/api/v1/dashboard", None).await;
    assert_eq!(status, 200, "{body}");
    let dashboard: Dashboard = serde_json::from_value(body).expect("a dashboard");
    dashboard.interviews
}
