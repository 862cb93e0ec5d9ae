//! HR's "delen" mark on a quote or suggestion (from a theme page): managers of the note's
//! department then read it, scrubbed of its interview's record, while the note's text is the
//! text HR marked (`shared_text`). A push that rewrites or deletes the note clears the mark
//! (`push::register`), and so does retention: no copy of the text outlives the note's.

use app::domain::{Millis, NoteId, NoteShare, User};

use super::{Interviews, SyncError};
use crate::db::args;

const KIND_SQL: &str = "SELECT kind FROM notes WHERE id = $1 AND NOT deleted AND text <> ''";
const MARK_SQL: &str = "UPDATE notes SET shared_text = $2, shared_by = $3, shared_at = $4 \
     WHERE id = $1 AND NOT deleted AND text = $2 AND text <> '' \
     AND kind IN ('quote', 'suggestion')";
const UNMARK_SQL: &str =
    "UPDATE notes SET shared_text = NULL, shared_by = NULL, shared_at = NULL WHERE id = $1";

/// The kinds of note a manager may read: the leaver's words and proposals. Examples and
/// observations tell too much of one story.
pub const SHAREABLE: &[&str] = &["quote", "suggestion"];

impl Interviews {
    /// Marks note `id` "delen" (or takes the mark back), for the text HR read: a note
    /// rewritten since is refused as a conflict, a deleted or empty one is not found, and
    /// only quotes and suggestions can be marked. A mark can be taken back from any note.
    pub async fn share_note(
        &self,
        by: &User,
        id: NoteId,
        share: NoteShare,
        now: Millis,
    ) -> Result<NoteShare, SyncError> {
        let key = id.to_string();
        let mut tx = self.db.begin().await?;
        if !share.shared {
            // Any note, deleted or emptied too: taking a mark back never fails on the text.
            if tx.execute(UNMARK_SQL, args![&key]).await? == 0 {
                return Err(SyncError::NotFound);
            }
            tx.commit().await?;
            return Ok(share);
        }
        // One conditional write (no read before it that a push could overtake); only when it
        // changes nothing is the note read, to say why.
        let args = args![&key, &share.text, by.id.to_string(), now];
        if tx.execute(MARK_SQL, args).await? == 1 {
            tx.commit().await?;
            return Ok(share);
        }
        let kind: String = tx
            .optional_scalar(KIND_SQL, args![&key])
            .await?
            .ok_or(SyncError::NotFound)?;
        if !SHAREABLE.contains(&kind.as_str()) {
            return Err(SyncError::BadRequest(
                "only quotes and suggestions can be shared with managers".into(),
            ));
        }
        Err(SyncError::Conflict(
            "the note was changed since it was read: read it again and mark that".into(),
        ))
    }
}
