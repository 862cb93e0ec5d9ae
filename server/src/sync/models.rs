//! Versions of the theme model in the database: the one the server tags with (the active
//! version, or the built-in model while none is stored), storing a version trained with HR's
//! corrections, what switching would change, and the switch itself, which tags every stored
//! note again in one transaction (as changing HR's theme settings does).
//!
//! Every push reads which version is active under its lock, so each of several server
//! processes tags with the version HR chose; an artefact is read once per process.

use std::sync::{Arc, RwLock};

use app::{
    domain::{Millis, ModelFigures, ModelPreview, ModelVersion},
    themes::{model::builtin, Model},
};

use super::versions::{self, Access};
use super::{
    catalogue::{count_retagged, retag_all},
    Interviews, SyncError,
};
use crate::db::{args, Tx};

/// The detector's model: the binary's own, or a stored version.
#[derive(Debug, Clone)]
pub(crate) enum Detector {
    Builtin,
    Stored(Arc<Model>),
}

impl Detector {
    pub(crate) fn model(&self) -> &Model {
        match self {
            Detector::Builtin => builtin(),
            Detector::Stored(model) => model,
        }
    }

    /// Surely the same detector: the built-in one twice, or one stored version as this
    /// process loaded it. (One version loaded twice counts as different: harmless, the
    /// caller only works out again what it could have kept.)
    pub(crate) fn same(&self, other: &Detector) -> bool {
        match (self, other) {
            (Detector::Builtin, Detector::Builtin) => true,
            (Detector::Stored(a), Detector::Stored(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The stored version this process read last, by id.
#[derive(Debug, Default)]
pub(crate) struct Loaded(RwLock<Option<(i64, Detector)>>);

const ACTIVE_SQL: &str = "SELECT id FROM theme_models WHERE active";
const ARTEFACT_SQL: &str = "SELECT artefact FROM theme_models WHERE id = $1";
const VERSIONS_SQL: &str =
    "SELECT id, created_at, label, corrections, figures, active FROM theme_models ORDER BY id";
const VERSION_SQL: &str =
    "SELECT id, created_at, label, corrections, figures, active FROM theme_models WHERE id = $1";
const ACTIVE_VERSION_SQL: &str =
    "SELECT id, created_at, label, corrections, figures, active FROM theme_models WHERE active";
const INSERT_SQL: &str = "INSERT INTO theme_models \
     (created_at, label, corrections, artefact, figures, active) VALUES ($1, $2, $3, $4, $5, $6) \
     RETURNING id";
/// The built-in model's row keeps no artefact: the binary has it.
const BUILTIN_ROW_SQL: &str = "SELECT id FROM theme_models WHERE length(artefact) = 0";

type VersionRow = (i64, i64, String, i32, String, bool);

fn version(
    (id, created_at, label, corrections, figures, active): VersionRow,
) -> Result<ModelVersion, SyncError> {
    Ok(ModelVersion {
        id,
        created_at,
        label,
        corrections: corrections.max(0) as u32,
        figures: serde_json::from_str(&figures).map_err(|_| SyncError::Corrupt("model figures"))?,
        active,
    })
}

/// A version to store: the model (`None`: the built-in one), what it learnt from, and its
/// scores on the corpus's test part.
pub struct NewVersion<'a> {
    pub model: Option<&'a Model>,
    pub label: &'a str,
    pub corrections: u32,
    pub figures: ModelFigures,
}

impl Interviews {
    /// The detector of the active version, read inside `tx` (under the push lock for
    /// writers, so a switch is wholly before or after).
    pub(crate) async fn detector(&self, tx: &mut Tx) -> Result<Detector, SyncError> {
        let Some(id) = tx.optional_scalar::<i64>(ACTIVE_SQL, vec![]).await? else {
            return Ok(Detector::Builtin);
        };
        if let Some((loaded, detector)) = &*self.loaded.0.read().expect("lock") {
            if *loaded == id {
                return Ok(detector.clone());
            }
        }
        let detector = Self::version_detector(tx, id).await?;
        *self.loaded.0.write().expect("lock") = Some((id, detector.clone()));
        Ok(detector)
    }

    /// Every stored version, oldest first.
    pub async fn model_versions(&self) -> Result<Vec<ModelVersion>, SyncError> {
        let mut tx = self.db.begin().await?;
        let rows: Vec<VersionRow> = tx.all(VERSIONS_SQL, vec![]).await?;
        rows.into_iter().map(version).collect()
    }

    /// Stores a version, not active, and answers its id. The built-in model is stored once
    /// (as the version in use, when none is), and its figures are refreshed after that.
    pub async fn store_model(&self, new: NewVersion<'_>, now: Millis) -> Result<i64, SyncError> {
        let figures = serde_json::to_string(&new.figures).expect("figures serialise");
        let mut tx = self.db.begin().await?;
        // Under the push lock: whether a version is active is decided once at a time.
        let _ = versions::begin(&mut tx, Access::Exclusive).await?;
        let id = match new.model {
            Some(model) => {
                let args = args![
                    now,
                    new.label,
                    new.corrections as i32,
                    model.to_bytes(),
                    &figures,
                    false
                ];
                tx.scalar(INSERT_SQL, args).await?
            }
            None => match tx.optional_scalar::<i64>(BUILTIN_ROW_SQL, vec![]).await? {
                Some(id) => {
                    let sql = "UPDATE theme_models SET figures = $2, label = $3 WHERE id = $1";
                    tx.execute(sql, args![id, &figures, new.label]).await?;
                    id
                }
                None => {
                    let none_active = tx
                        .optional_scalar::<i64>(ACTIVE_SQL, vec![])
                        .await?
                        .is_none();
                    let args = args![now, new.label, 0, Vec::<u8>::new(), &figures, none_active];
                    tx.scalar(INSERT_SQL, args).await?
                }
            },
        };
        versions::commit(tx).await?;
        Ok(id)
    }

    /// The version in use and version `id` side by side, and how many stored notes
    /// switching would tag otherwise; nothing changes.
    pub async fn preview_model(&self, id: i64) -> Result<ModelPreview, SyncError> {
        let catalogue = self.catalogue().await?;
        let mut tx = self.db.begin().await?;
        let candidate: VersionRow = tx
            .optional(VERSION_SQL, args![id])
            .await?
            .ok_or(SyncError::NotFound)?;
        let candidate = version(candidate)?;
        let current: Option<VersionRow> = tx.optional(ACTIVE_VERSION_SQL, vec![]).await?;
        let current = current.map(version).transpose()?;
        let model = Self::version_detector(&mut tx, id).await?;
        let (notes_changed, notes) = count_retagged(&mut tx, &catalogue, model.model()).await?;
        Ok(ModelPreview {
            current,
            candidate,
            notes,
            notes_changed,
        })
    }

    /// Makes version `id` the one the server tags with and tags every stored note again
    /// with it, in one transaction. Answers how many notes changed.
    pub async fn activate_model(&self, id: i64) -> Result<u64, SyncError> {
        let mut tx = self.db.begin().await?;
        let _ = versions::begin(&mut tx, Access::Exclusive).await?;
        let detector = Self::version_detector(&mut tx, id).await?;
        let catalogue =
            super::catalogue::from_rows(tx.all(super::catalogue::SETTINGS_SQL, vec![]).await?);
        // One active version at a time (a unique index): off first, then on.
        let off = "UPDATE theme_models SET active = FALSE WHERE active";
        tx.execute(off, vec![]).await?;
        let on = "UPDATE theme_models SET active = TRUE WHERE id = $1";
        tx.execute(on, args![id]).await?;
        let changed = retag_all(&mut tx, &catalogue, detector.model()).await?;
        versions::commit(tx).await?;
        *self.loaded.0.write().expect("lock") = Some((id, detector));
        tracing::info!(
            version = id,
            notes = changed,
            "theme model switched; notes tagged again"
        );
        Ok(changed)
    }

    /// The detector of version `id`, whether active or not.
    async fn version_detector(tx: &mut Tx, id: i64) -> Result<Detector, SyncError> {
        let artefact: Vec<u8> = tx
            .optional_scalar(ARTEFACT_SQL, args![id])
            .await?
            .ok_or(SyncError::NotFound)?;
        if artefact.is_empty() {
            return Ok(Detector::Builtin);
        }
        let model = Model::from_bytes(&artefact).map_err(|_| SyncError::Corrupt("theme model"))?;
        Ok(Detector::Stored(Arc::new(model)))
    }
}
