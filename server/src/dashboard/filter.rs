//! The dashboard's filter as SQL over `interviews i`, and one theme as a `LIKE` pattern.

/// The filter as SQL, over `interviews i`; binds `$1`–`$7`. The answers are only looked at
/// when the filter asks for (in)voluntary leavers.
pub(super) const FILTER: &str = "(CAST($1 AS TEXT) IS NULL OR i.leaving_date >= $1) \
    AND (CAST($2 AS TEXT) IS NULL OR i.leaving_date <= $2) \
    AND (CAST($3 AS TEXT) IS NULL OR i.department = $3) \
    AND (CAST($4 AS TEXT) IS NULL OR TRIM(i.job_role) = $4) \
    AND (CAST($5 AS INTEGER) IS NULL OR i.tenure_years >= $5) \
    AND (CAST($6 AS INTEGER) IS NULL OR i.tenure_years <= $6) \
    AND (CAST($7 AS BOOLEAN) IS NULL OR EXISTS \
         (SELECT 1 FROM answers v WHERE v.interview_id = i.id AND v.voluntary = $7))";

/// Binds [`FILTER`]'s parameters of `$f` to `$query`.
macro_rules! bind_filter {
    ($query:expr, $f:expr) => {{
        let f: &DashboardFilter = $f;
        let (lo, hi) = match f.tenure.map(|t| t.years()) {
            Some((lo, hi)) => (Some(lo as i32), hi.map(|h| h as i32)),
            None => (None, None),
        };
        $query
            .bind(f.from.map(|d| d.to_string()))
            .bind(f.to.map(|d| d.to_string()))
            .bind(given(&f.department))
            .bind(given(&f.role))
            .bind(lo)
            .bind(hi)
            .bind(f.voluntary)
    }};
}

pub(super) use bind_filter;

/// `%,theme,%`, for matching one theme in a stored list with `LIKE … ESCAPE '\'` (`_` is
/// taken literally: `job_content` must not match `jobscontent`); `None` for a key that is
/// not one.
pub(crate) fn theme_pattern(theme: &str) -> Option<String> {
    let valid = !theme.is_empty()
        && theme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    valid.then(|| format!("%,{},%", theme.replace('_', "\\_")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_theme_keys_become_like_patterns() {
        assert_eq!(
            theme_pattern("job_content").as_deref(),
            Some("%,job\\_content,%")
        );
        assert_eq!(theme_pattern("a%b"), None);
        assert_eq!(theme_pattern(""), None);
        assert_eq!(theme_pattern("Pay"), None);
    }
}
