//! HR's headcounts per year and department, and the leavers counted against them.

use app::domain::Headcount;

use super::Dashboards;
use crate::{
    db::on_pool,
    sync::{versions::COUNTER_SQL, SyncError},
};

impl Dashboards {
    /// Leavers per year and department: (year, department, interviews with that leaving year).
    pub(super) async fn leavers(&self) -> Result<Vec<(i32, String, u32)>, SyncError> {
        let sql =
            "SELECT substr(leaving_date, 1, 4) AS year, department, COUNT(*) AS n FROM interviews \
                   WHERE leaving_date IS NOT NULL GROUP BY substr(leaving_date, 1, 4), department";
        let rows: Vec<(String, String, i64)> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(year, dept, n)| Some((year.parse().ok()?, dept, n.max(0) as u32)))
            .collect())
    }

    /// Every headcount HR entered, newest year first.
    pub async fn headcounts(&self) -> Result<Vec<Headcount>, SyncError> {
        let sql =
            "SELECT year, department, headcount FROM headcounts ORDER BY year DESC, department";
        let rows: Vec<(i32, String, i32)> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(year, department, headcount)| Headcount {
                year,
                department,
                headcount: headcount.max(0) as u32,
            })
            .collect())
    }

    /// Replaces every headcount with `all` (checked by [`check_headcounts`]).
    pub async fn set_headcounts(&self, all: &[Headcount]) -> Result<(), SyncError> {
        check_headcounts(all).map_err(SyncError::BadRequest)?;
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            // A new version: the turnover counted before is out of date.
            sqlx::query(COUNTER_SQL).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM headcounts").execute(&mut *tx).await?;
            for h in all {
                sqlx::query("INSERT INTO headcounts (year, department, headcount) VALUES ($1, $2, $3)")
                    .bind(h.year).bind(h.department.trim()).bind(h.headcount as i32)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}

/// Why a list of headcounts cannot be stored, in words for HR.
pub fn check_headcounts(all: &[Headcount]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for h in all {
        if !(1900..=2200).contains(&h.year) {
            return Err(format!("year {} is not a plausible year", h.year));
        }
        if h.headcount == 0 || h.headcount > 10_000_000 {
            return Err(format!(
                "headcount {} is not between 1 and 10000000",
                h.headcount
            ));
        }
        if h.department.chars().count() > app::domain::MAX_SHORT_TEXT {
            return Err("department name too long".into());
        }
        if !seen.insert((h.year, h.department.trim().to_owned())) {
            return Err(format!(
                "{} {:?} is given twice",
                h.year,
                h.department.trim()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headcounts_must_be_plausible_and_unique() {
        let h = |year, department: &str, headcount| Headcount {
            year,
            department: department.into(),
            headcount,
        };
        assert!(check_headcounts(&[h(2025, "", 200), h(2025, "Zorg", 40)]).is_ok());
        assert!(check_headcounts(&[h(2025, "", 0)]).is_err());
        assert!(check_headcounts(&[h(25, "", 10)]).is_err());
        assert!(check_headcounts(&[h(2025, "Zorg", 1), h(2025, " Zorg ", 2)]).is_err());
    }
}
