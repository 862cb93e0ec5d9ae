//! Progress links: HR publishes a department's progress page as a link that needs no login,
//! expires, and can be revoked. The page shows that department's actions exactly as one of
//! its managers reads them (anonymised effect), without owners, authors or other departments.

use app::domain::{
    Action, Millis, NewProgressLink, ProgressLink, ProgressPage, PublicAction, PublicUpdate,
    ThemeLabel, User, MAX_LINK_DAYS, MAX_SHORT_TEXT,
};
use sha2::{Digest, Sha256};
use sqlx::FromRow;

use super::{ActionFilter, Plans, Seen, Viewer};
use crate::{db::args, sync::SyncError};

const DAY: Millis = 24 * 60 * 60 * 1000;

const INSERT_SQL: &str = "INSERT INTO progress_links \
     (id, token_hash, department, created_by, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5, $6)";
const LIST_SQL: &str = "SELECT id, department, created_by, created_at, expires_at, revoked_at \
     FROM progress_links ORDER BY created_at DESC, id";
const REVOKE_SQL: &str =
    "UPDATE progress_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
const EXISTS_SQL: &str = "SELECT COUNT(*) FROM progress_links WHERE id = $1";
const OPEN_SQL: &str = "SELECT department, expires_at FROM progress_links \
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2";

#[derive(FromRow)]
struct LinkRow {
    id: String,
    department: String,
    created_by: String,
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
}

impl From<LinkRow> for ProgressLink {
    fn from(r: LinkRow) -> Self {
        ProgressLink {
            id: r.id,
            department: r.department,
            created_by: r.created_by,
            created_at: r.created_at,
            expires_at: r.expires_at,
            revoked_at: r.revoked_at,
            token: None,
        }
    }
}

/// A new token: 64 hex digits from two random UUIDs (244 random bits).
fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// What is stored of a token. Anything but 64 hex digits is no token.
fn token_hash(token: &str) -> Option<String> {
    let well_formed = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    well_formed.then(|| {
        Sha256::digest(token.to_ascii_lowercase().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

/// An action as the public page shows it.
fn public(action: Action, label: &impl Fn(&str) -> ThemeLabel) -> PublicAction {
    PublicAction {
        themes: action.themes.iter().map(|k| label(k)).collect(),
        latest: action.updates.into_iter().next().map(|u| PublicUpdate {
            on: u.on,
            text: u.text,
        }),
        title: action.title,
        description: action.description,
        start: action.start,
        due: action.due,
        status: action.status,
        effect: action.effect,
    }
}

impl Plans {
    /// Publishes `asked.department`'s progress page; the answer carries the token, once.
    pub async fn publish(
        &self,
        by: &User,
        asked: NewProgressLink,
        now: Millis,
    ) -> Result<ProgressLink, SyncError> {
        let department = asked.department.trim();
        if department.is_empty() || department.chars().count() > MAX_SHORT_TEXT {
            return Err(SyncError::BadRequest(format!(
                "a department has 1 to {MAX_SHORT_TEXT} characters"
            )));
        }
        let days = asked.lifetime().ok_or_else(|| {
            SyncError::BadRequest(format!("a link lives 1 to {MAX_LINK_DAYS} days"))
        })?;
        let token = new_token();
        let hash = token_hash(&token).ok_or(SyncError::Corrupt("token"))?;
        let link = ProgressLink {
            id: uuid::Uuid::now_v7().to_string(),
            department: department.to_owned(),
            created_by: by.name.to_string(),
            created_at: now,
            expires_at: now + i64::from(days) * DAY,
            revoked_at: None,
            token: None,
        };
        let mut tx = self.db.begin().await?;
        let args = args![
            &link.id,
            hash,
            &link.department,
            &link.created_by,
            link.created_at,
            link.expires_at
        ];
        tx.execute(INSERT_SQL, args).await?;
        tx.commit().await?;
        Ok(ProgressLink {
            token: Some(token),
            ..link
        })
    }

    /// Every link ever published, newest first, without tokens.
    pub async fn links(&self) -> Result<Vec<ProgressLink>, SyncError> {
        let mut tx = self.db.begin().await?;
        let rows: Vec<LinkRow> = tx.all(LIST_SQL, vec![]).await?;
        Ok(rows.into_iter().map(ProgressLink::from).collect())
    }

    /// Revokes link `id` for good; revoking it again changes nothing.
    pub async fn revoke(&self, id: &str, now: Millis) -> Result<(), SyncError> {
        let mut tx = self.db.begin().await?;
        if tx.execute(REVOKE_SQL, args![id, now]).await? == 0 {
            let n: i64 = tx.scalar(EXISTS_SQL, args![id]).await?;
            if n == 0 {
                return Err(SyncError::NotFound);
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The link behind `token` at `now`: `NotFound` for an unknown, expired or revoked one.
    /// Checked before anything else is read, so a guess costs one indexed lookup.
    pub async fn open_link(&self, token: &str, now: Millis) -> Result<OpenLink, SyncError> {
        let hash = token_hash(token).ok_or(SyncError::NotFound)?;
        let mut tx = self.db.begin().await?;
        let (department, expires_at): (String, i64) = tx
            .optional(OPEN_SQL, args![hash, now])
            .await?
            .ok_or(SyncError::NotFound)?;
        Ok(OpenLink {
            department,
            expires_at,
        })
    }

    /// The page of an open link: its department's actions as one of its managers reads them.
    pub async fn progress_page(
        &self,
        link: OpenLink,
        seen: Seen,
        label: impl Fn(&str) -> ThemeLabel,
    ) -> Result<ProgressPage, SyncError> {
        let viewer = Viewer::Manager(vec![link.department.clone()]);
        let filter = ActionFilter {
            department: Some(link.department.clone()),
            ..ActionFilter::default()
        };
        let actions = self.list(&viewer, &filter, seen).await?;
        Ok(ProgressPage {
            department: link.department,
            today: seen.today,
            expires_at: link.expires_at,
            actions: actions.into_iter().map(|a| public(a, &label)).collect(),
        })
    }
}

/// A published link that is open now.
#[derive(Debug)]
pub struct OpenLink {
    department: String,
    expires_at: Millis,
}

#[cfg(test)]
mod tests {
    use app::domain::{DisplayName, Email, Role, UserId};
    use chrono::NaiveDate;

    use super::*;
    use crate::db::{DatabaseUrl, Db};

    async fn plans() -> Plans {
        let url = DatabaseUrl::parse("sqlite::memory:").expect("url");
        let db = Db::connect(&url).await.expect("in-memory sqlite opens");
        db.migrate().await.expect("migrations");
        Plans::new(db)
    }

    fn hr() -> User {
        User {
            id: UserId::new(),
            email: Email::parse("hr@example.nl").expect("email"),
            name: DisplayName::parse("Hanna de Vries").expect("name"),
            role: Role::Hr,
            departments: vec![],
            active: true,
        }
    }

    fn seen() -> Seen {
        Seen {
            today: NaiveDate::from_ymd_opt(2026, 12, 4).expect("date"),
            k: 5,
        }
    }

    fn label(key: &str) -> ThemeLabel {
        ThemeLabel {
            key: key.into(),
            nl: key.into(),
            en: key.into(),
        }
    }

    /// What the public endpoint does: the link first, then its page.
    async fn public_page(
        plans: &Plans,
        token: &str,
        now: Millis,
    ) -> Result<ProgressPage, SyncError> {
        let link = plans.open_link(token, now).await?;
        plans.progress_page(link, seen(), label).await
    }

    #[tokio::test]
    async fn a_link_opens_its_page_until_it_expires_or_is_revoked() {
        let plans = plans().await;
        let asked = |days| NewProgressLink {
            department: " Verkoop ".into(),
            days: Some(days),
        };
        let link = plans.publish(&hr(), asked(1), 0).await.expect("published");
        let token = link.token.clone().expect("the token, once");
        assert_eq!(link.department, "Verkoop");
        assert_eq!(link.expires_at, DAY);
        let page = public_page(&plans, &token, DAY - 1).await;
        assert_eq!(page.expect("open").department, "Verkoop");
        for (what, at) in [("expired", DAY), ("long expired", 10 * DAY)] {
            let page = public_page(&plans, &token, at).await;
            assert!(matches!(page, Err(SyncError::NotFound)), "{what}");
        }
        let other = plans.publish(&hr(), asked(30), 0).await.expect("published");
        let other_token = other.token.expect("token");
        plans.revoke(&other.id, 5).await.expect("revoked");
        plans
            .revoke(&other.id, 6)
            .await
            .expect("revoking again is fine");
        let page = public_page(&plans, &other_token, 7).await;
        assert!(matches!(page, Err(SyncError::NotFound)), "revoked");
        assert!(matches!(
            plans.revoke("no-such-link", 8).await,
            Err(SyncError::NotFound)
        ));
        let listed = plans.links().await.expect("list");
        assert_eq!(listed.len(), 2);
        assert!(listed.iter().all(|l| l.token.is_none()), "never listed");
        let revoked = listed.iter().find(|l| l.id == other.id).expect("listed");
        assert_eq!(revoked.revoked_at, Some(5), "the first revocation counts");
        for bad in [asked(0), asked(MAX_LINK_DAYS + 1)] {
            let refused = plans.publish(&hr(), bad, 0).await;
            assert!(matches!(refused, Err(SyncError::BadRequest(_))));
        }
        let nameless = NewProgressLink {
            department: "  ".into(),
            days: None,
        };
        let refused = plans.publish(&hr(), nameless, 0).await;
        assert!(matches!(refused, Err(SyncError::BadRequest(_))));
    }

    #[test]
    fn only_64_hex_digits_are_a_token_and_case_does_not_matter() {
        let token = new_token();
        assert_eq!(token.len(), 64);
        assert_ne!(token, new_token());
        let hash = token_hash(&token).expect("a new token is well formed");
        assert_eq!(token_hash(&token.to_uppercase()), Some(hash.clone()));
        assert_ne!(hash, token, "the hash is stored, not the token");
        for bad in [
            "",
            "abc",
            &token[1..],
            &format!("{token}0"),
            &"g".repeat(64),
        ] {
            assert_eq!(token_hash(bad), None, "{bad}");
        }
    }
}
