//! `POST /api/v1/sync/push`: a device's changes applied in one transaction. The device's
//! highest applied sequence number is stored in the same transaction, and changes at or
//! below it are skipped, so a batch sent twice (a retry after a lost answer) is applied once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use app::domain::{
    resolve, Answers, ChangeProblem, Details, InterviewId, Millis, Op, PushRequest, PushResponse,
    Rejection, Target, User, PUSH_LIMIT,
};

use super::{
    catalogue::tags, key_of, section as stored_section, theme_bits, theme_list, theme_union,
    Interviews, NoteRow, SyncError, NOTE_COLUMNS,
};
use crate::db::on_pool;

/// Whose an interview is, as seen from the pushing user.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Owner {
    Mine,
    Other,
    Erased,
    New,
}

/// The stored name of a section register; `None` for notes.
pub(crate) fn section_key(target: Target) -> Option<&'static str> {
    Some(match target {
        Target::Details => "details",
        Target::Opening => "opening",
        Target::Guide => "guide",
        Target::Answers => "answers",
        Target::Closing => "closing",
        Target::Status => "status",
        Target::Note(_) => return None,
    })
}

/// A batch must be in increasing sequence order and not too big.
fn check_batch(request: &PushRequest) -> Result<(), SyncError> {
    if request.changes.len() > PUSH_LIMIT {
        return Err(SyncError::BadRequest(format!(
            "at most {PUSH_LIMIT} changes per push"
        )));
    }
    let ordered = request.changes.windows(2).all(|w| w[0].seq < w[1].seq);
    let positive = request.changes.iter().all(|c| c.seq > 0);
    if !ordered || !positive {
        return Err(SyncError::BadRequest(
            "changes must have increasing sequence numbers from 1".into(),
        ));
    }
    Ok(())
}

/// Taken first by every writer that must not interleave with a push: it bumps the sync
/// version, which takes the write lock (SQLite) or the instance row's lock (PostgreSQL).
pub(crate) const LOCK_SQL: &str =
    "UPDATE instance SET sync_version = sync_version + 1 WHERE singleton = 1 RETURNING sync_version";

/// What one push did to an interview's notes, to keep `interviews.themes` right cheaply.
#[derive(Debug, Default)]
struct Touched {
    /// Themes of notes written by this push.
    added: BTreeSet<String>,
    /// A written note lost a theme it had: the interview's themes are gathered again.
    lost: bool,
}

impl Interviews {
    pub async fn push(
        &self,
        user: &User,
        request: PushRequest,
        now: Millis,
    ) -> Result<PushResponse, SyncError> {
        check_batch(&request)?;
        let device = request.device.to_string();
        let user_id = user.id.to_string();
        let applied_sql = "SELECT applied_seq FROM devices WHERE id = $1";
        let owner_sql = "SELECT owner_id FROM interviews WHERE id = $1";
        let erased_sql = "SELECT COUNT(*) FROM erased_interviews WHERE id = $1";
        let new_sql =
            "INSERT INTO interviews (id, owner_id, created_at, updated_at) VALUES ($1, $2, $3, $3)";
        let section_sql =
            "SELECT stamp, value FROM interview_sections WHERE interview_id = $1 AND section = $2";
        let put_section = "INSERT INTO interview_sections (interview_id, section, stamp, value, version) VALUES ($1, $2, $3, $4, $5) \
                           ON CONFLICT (interview_id, section) DO UPDATE SET stamp = excluded.stamp, value = excluded.value, version = excluded.version";
        let note_sql = format!("SELECT {NOTE_COLUMNS} FROM notes n WHERE n.id = $1");
        let put_note = "INSERT INTO notes (id, interview_id, question, kind, text, deleted, created_at, updated_at, themes, sentiment, stamp, version, themes_fixed) \
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                        ON CONFLICT (id) DO UPDATE SET question = excluded.question, kind = excluded.kind, text = excluded.text, \
                        deleted = excluded.deleted, updated_at = excluded.updated_at, themes = excluded.themes, \
                        sentiment = excluded.sentiment, stamp = excluded.stamp, version = excluded.version, themes_fixed = excluded.themes_fixed";
        let details_sql =
            "UPDATE interviews SET leaver = $2, department = $3, job_role = $4, interviewer = $5, \
                           interview_date = $6, leaving_date = $7, tenure_years = $8 WHERE id = $1";
        let status_sql = "UPDATE interviews SET status = $2 WHERE id = $1";
        let reason_sql = "UPDATE interviews SET primary_reason = $2 WHERE id = $1";
        let answers_sql = "INSERT INTO answers (interview_id, primary_reason, secondary_reasons, voluntary, would_return, recommend, \
                           rating_culture, rating_manager, rating_growth, rating_workload, rating_pay, regrettable) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (interview_id) DO UPDATE SET \
                           primary_reason = excluded.primary_reason, secondary_reasons = excluded.secondary_reasons, \
                           voluntary = excluded.voluntary, would_return = excluded.would_return, recommend = excluded.recommend, \
                           rating_culture = excluded.rating_culture, rating_manager = excluded.rating_manager, \
                           rating_growth = excluded.rating_growth, rating_workload = excluded.rating_workload, rating_pay = excluded.rating_pay, \
                           regrettable = excluded.regrettable";
        let log_sql = "INSERT INTO applied_changes (id, device_id, seq, interview_id, outcome, problem, received_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING";
        let device_sql = "INSERT INTO devices (id, user_id, applied_seq, first_seen, last_seen) VALUES ($1, $2, 0, $3, $3) \
                          ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, last_seen = excluded.last_seen";
        let applied_upto_sql = "UPDATE devices SET applied_seq = $2 WHERE id = $1";
        let note_themes_sql = "SELECT themes FROM notes WHERE interview_id = $1 AND themes <> ''";
        let themes_sql = "SELECT themes FROM interviews WHERE id = $1";
        let touch_sql =
            "UPDATE interviews SET updated_at = $2, themes = $3, theme_bits = $4 WHERE id = $1";

        let (applied_upto, rejected) = on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            // Taking the version first takes the write lock first (no SQLite upgrade deadlock)
            // and orders pushes: a pull never misses a row committed after it looked.
            let version: i64 = sqlx::query_scalar(LOCK_SQL).fetch_one(&mut *tx).await?;
            // Read under the lock, so HR's change of settings is either all before or all after.
            let rows: Vec<super::catalogue::SettingRow> = sqlx::query_as(super::catalogue::SETTINGS_SQL).fetch_all(&mut *tx).await?;
            let catalogue = super::catalogue::from_rows(rows);
            let applied: Option<i64> = sqlx::query_scalar(applied_sql).bind(&device).fetch_optional(&mut *tx).await?;
            let already = applied.unwrap_or(0).max(0) as u64;
            let mut upto = already;
            sqlx::query(device_sql).bind(&device).bind(&user_id).bind(now).execute(&mut *tx).await?;
            let mut owners: HashMap<InterviewId, Owner> = HashMap::new();
            let mut rejected = Vec::new();
            let mut touched: BTreeMap<String, Touched> = BTreeMap::new();
            for change in request.changes.into_iter().filter(|c| c.seq > already) {
                let interview = change.interview.to_string();
                let owner = match owners.get(&change.interview) {
                    Some(owner) => *owner,
                    None => {
                        let stored: Option<String> = sqlx::query_scalar(owner_sql).bind(&interview).fetch_optional(&mut *tx).await?;
                        let owner = match stored {
                            Some(o) if o == user_id => Owner::Mine,
                            Some(_) => Owner::Other,
                            None => {
                                let erased: i64 = sqlx::query_scalar(erased_sql).bind(&interview).fetch_one(&mut *tx).await?;
                                if erased > 0 { Owner::Erased } else { Owner::New }
                            }
                        };
                        owners.insert(change.interview, owner);
                        owner
                    }
                };
                let mut problem = match owner {
                    Owner::Other => Some(ChangeProblem::NotYours),
                    Owner::Erased => Some(ChangeProblem::Erased),
                    Owner::Mine | Owner::New => change.op.problem(),
                };
                if problem.is_none() && owner == Owner::New {
                    sqlx::query(new_sql).bind(&interview).bind(&user_id).bind(now).execute(&mut *tx).await?;
                    owners.insert(change.interview, Owner::Mine);
                }
                let target = change.op.target();
                if problem.is_none() {
                    if let Some(section) = section_key(target) {
                        let row: Option<(String, String)> = sqlx::query_as(section_sql).bind(&interview).bind(section).fetch_optional(&mut *tx).await?;
                        let current = row.map(|(stamp, value)| stored_section(&stamp, &value)).transpose()?;
                        let incoming = (change.stamp, change.op.clone());
                        let winner = match current { Some(c) => resolve(c, incoming), None => incoming };
                        if winner.0 == change.stamp {
                            let value = serde_json::to_string(&winner.1).map_err(|_| SyncError::Corrupt("section"))?;
                            sqlx::query(put_section).bind(&interview).bind(section).bind(winner.0.key()).bind(value).bind(version).execute(&mut *tx).await?;
                            match &winner.1 {
                                Op::Details(d) => {
                                    let Details { leaver, department, role, interviewer, interview_date, leaving_date, .. } = d;
                                    sqlx::query(details_sql).bind(&interview).bind(leaver).bind(department).bind(role).bind(interviewer)
                                        .bind(interview_date.map(|d| d.to_string())).bind(leaving_date.map(|d| d.to_string()))
                                        .bind(d.tenure().map(|y| y.min(100) as i32))
                                        .execute(&mut *tx).await?;
                                }
                                Op::Status { status, .. } => {
                                    sqlx::query(status_sql).bind(&interview).bind(key_of(status)).execute(&mut *tx).await?;
                                }
                                Op::Answers(a) => {
                                    let Answers { primary_reason, secondary_reasons, voluntary, would_return, recommend, ratings, regrettable } = a;
                                    let reason = primary_reason.map(|r| key_of(&r));
                                    let secondary: Vec<String> = secondary_reasons.iter().map(key_of).collect();
                                    let rating = |i: usize| ratings[i].map(|r| i32::from(r.get()));
                                    sqlx::query(reason_sql).bind(&interview).bind(&reason).execute(&mut *tx).await?;
                                    sqlx::query(answers_sql).bind(&interview).bind(&reason).bind(secondary.join(","))
                                        .bind(*voluntary).bind(would_return.map(|w| key_of(&w)))
                                        .bind(recommend.map(|r| i32::from(r.get())))
                                        .bind(rating(0)).bind(rating(1)).bind(rating(2)).bind(rating(3)).bind(rating(4)).bind(*regrettable)
                                        .execute(&mut *tx).await?;
                                }
                                _ => {}
                            }
                            touched.entry(interview.clone()).or_default();
                        }
                    } else if let Op::Note(note) = &change.op {
                        let row: Option<NoteRow> = sqlx::query_as(&note_sql).bind(note.id.to_string()).fetch_optional(&mut *tx).await?;
                        let old_themes = row.as_ref().map(|r| r.themes.clone()).unwrap_or_default();
                        let current = match row.map(NoteRow::into_register).transpose()? {
                            Some((owner, ..)) if owner != change.interview => {
                                problem = Some(ChangeProblem::NotYours);
                                None
                            }
                            Some((_, stamp, note)) => Some((stamp, Op::Note(note))),
                            None => None,
                        };
                        if problem.is_none() {
                            let incoming = (change.stamp, change.op.clone());
                            let winner = match current.clone() { Some(c) => resolve(c, incoming), None => incoming };
                            if Some(&winner) != current.as_ref() {
                                let Op::Note(mut kept) = winner.1 else { unreachable!("a note register holds notes") };
                                // A deleted note keeps no text: the deletion is what is synced.
                                if kept.deleted {
                                    kept.text.clear();
                                }
                                let (themes, sentiment) = tags(&catalogue, &kept.text, kept.themes.as_deref());
                                sqlx::query(put_note).bind(kept.id.to_string()).bind(&interview).bind(kept.question.as_str())
                                    .bind(key_of(&kept.kind)).bind(&kept.text).bind(kept.deleted).bind(kept.created_at)
                                    .bind(kept.updated_at).bind(&themes).bind(sentiment).bind(winner.0.key()).bind(version)
                                    .bind(kept.themes.is_some()).execute(&mut *tx).await?;
                                let t = touched.entry(interview.clone()).or_default();
                                t.lost |= theme_list(&old_themes).any(|o| !theme_list(&themes).any(|n| n == o));
                                t.added.extend(theme_list(&themes).map(str::to_owned));
                            }
                        }
                    }
                }
                let outcome = if problem.is_some() { "rejected" } else { "applied" };
                sqlx::query(log_sql).bind(change.id.to_string()).bind(&device).bind(change.seq as i64).bind(&interview)
                    .bind(outcome).bind(problem.map(|p| key_of(&p))).bind(now).execute(&mut *tx).await?;
                if let Some(problem) = problem {
                    rejected.push(Rejection { id: change.id, seq: change.seq, problem });
                }
                upto = change.seq;
            }
            sqlx::query(applied_upto_sql).bind(&device).bind(upto as i64).execute(&mut *tx).await?;
            for (interview, t) in &touched {
                let themes = if t.lost {
                    let lists: Vec<String> = sqlx::query_scalar(note_themes_sql).bind(interview).fetch_all(&mut *tx).await?;
                    theme_union(lists.iter().map(String::as_str))
                } else {
                    let stored: String = sqlx::query_scalar(themes_sql).bind(interview).fetch_one(&mut *tx).await?;
                    theme_union([stored.as_str()].into_iter().chain(t.added.iter().map(String::as_str)))
                };
                sqlx::query(touch_sql).bind(interview).bind(now).bind(&themes).bind(theme_bits(&themes)).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            (upto, rejected)
        });
        Ok(PushResponse {
            applied_upto,
            rejected,
        })
    }
}

#[cfg(test)]
mod tests {
    use app::domain::{Change, Closing, DeviceId, Stamp};

    use super::*;

    fn change(seq: u64) -> Change {
        Change {
            seq,
            id: uuid::Uuid::now_v7(),
            stamp: Stamp {
                wall: 1,
                counter: 0,
                device: DeviceId::NIL,
            },
            interview: InterviewId::new(),
            op: Op::Closing(Closing::default()),
        }
    }

    #[test]
    fn batches_must_be_ordered_positive_and_bounded() {
        let request = |seqs: &[u64]| PushRequest {
            device: DeviceId::new(),
            changes: seqs.iter().map(|s| change(*s)).collect(),
        };
        assert!(check_batch(&request(&[])).is_ok());
        assert!(check_batch(&request(&[1, 2, 5])).is_ok());
        assert!(check_batch(&request(&[2, 1])).is_err());
        assert!(check_batch(&request(&[1, 1])).is_err());
        assert!(check_batch(&request(&[0])).is_err());
        let many: Vec<u64> = (1..=PUSH_LIMIT as u64 + 1).collect();
        assert!(check_batch(&request(&many)).is_err());
    }
}
