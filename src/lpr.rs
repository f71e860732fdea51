//! Keeping the quoted rates current: the 1-year LPR is published monthly
//! (on the 20th, or the next working day), so a catalogue whose LPR date is
//! more than [`MAX_AGE_DAYS`] days old probably quotes a stale rate.
//! [`age_warning`] says so; the CLI prints it from `validate-catalogue`
//! with today's date from the system clock. Dates are ISO `YYYY-MM-DD`
//! (proleptic Gregorian), compared as day numbers.

use crate::anonymize::iso_week::{civil_from_days, days_from_civil, days_in_month};

/// The oldest an LPR date may be before `validate-catalogue` warns.
pub const MAX_AGE_DAYS: i64 = 35;

/// Days since 1970-01-01 of a valid `YYYY-MM-DD` date (`None` otherwise).
pub fn day_number(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        date.get(r)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse().ok())
    };
    let (y, m, d) = (i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?);
    if d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// The `YYYY-MM-DD` date of a day number (days since 1970-01-01), e.g. of
/// `SystemTime::now()` seconds / 86,400.
pub fn date_of_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A one-line warning when the LPR dated `lpr_date` is more than
/// [`MAX_AGE_DAYS`] days older than `today` (both `YYYY-MM-DD`); `None`
/// when it is recent enough or a date cannot be read.
pub fn age_warning(lpr_date: &str, today: &str) -> Option<String> {
    let age = day_number(today)? - day_number(lpr_date)?;
    (age > MAX_AGE_DAYS).then(|| {
        format!(
            "warning: lpr.date {lpr_date} is {age} days before {today} (more than {MAX_AGE_DAYS}): check the latest 1-year LPR and update lpr.rate and lpr.date"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_by_hand() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("1970-02-01"), Some(31));
        // 2000 is a leap year: 2000-03-01 is 29 days after 2000-02-01.
        assert_eq!(
            day_number("2000-03-01").unwrap() - day_number("2000-02-01").unwrap(),
            29
        );
        // 1900 is not.
        assert_eq!(day_number("1900-02-29"), None);
        // 2025-09-22 → 2025-10-27 is 9 + 26 = 35 days.
        assert_eq!(
            day_number("2025-10-27").unwrap() - day_number("2025-09-22").unwrap(),
            35
        );
        for bad in [
            "2025-13-01",
            "2025-02-30",
            "2025-9-22",
            "2025/09/22",
            "",
            "２０２５-09-22",
        ] {
            assert_eq!(day_number(bad), None, "{bad}");
        }
        for day in [-1, 0, 59, 10_957, 20_353, 20_423] {
            assert_eq!(day_number(&date_of_day(day)), Some(day));
        }
        assert_eq!(date_of_day(20_353), "2025-09-22");
    }

    #[test]
    fn warns_after_35_days_only() {
        assert_eq!(age_warning("2025-09-22", "2025-10-27"), None);
        assert_eq!(age_warning("2025-09-22", "2025-09-22"), None);
        assert_eq!(
            age_warning("2025-09-22", "2025-10-28").as_deref(),
            Some(
                "warning: lpr.date 2025-09-22 is 36 days before 2025-10-28 (more than 35): check the latest 1-year LPR and update lpr.rate and lpr.date"
            )
        );
        assert!(
            age_warning("2025-09-22", "2026-11-30")
                .unwrap()
                .contains(" 434 days ")
        );
        assert_eq!(age_warning("someday", "2025-10-28"), None);
    }
}
