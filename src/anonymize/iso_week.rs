//! ISO 8601 week dates (`2026-W48`): the only time information a feedback
//! record carries. Computed from a civil date or from Unix time, parsed and
//! checked (week 53 only exists in long years).

use std::fmt;
use std::str::FromStr;

/// An ISO 8601 week: the ISO week-numbering year and the week `1..=53`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    /// ISO week-numbering year (may differ from the calendar year near 1 January).
    pub year: i32,
    /// Week number, `1..=52` or `53` in long years.
    pub week: u32,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// ISO weekday, Monday = 1 … Sunday = 7, of a day count since 1970-01-01
/// (a Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7) + 1
}

/// Number of ISO weeks (52 or 53) in ISO year `year`.
pub fn weeks_in_year(year: i32) -> u32 {
    // A year is long when 1 January is a Thursday, or a Wednesday in a leap year.
    let jan1 = weekday(days_from_civil(year, 1, 1));
    if jan1 == 4 || (jan1 == 3 && is_leap(year)) {
        53
    } else {
        52
    }
}

impl IsoWeek {
    /// The week containing the civil date; an error names an impossible date.
    pub fn from_date(year: i32, month: u32, day: u32) -> Result<IsoWeek, String> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("date {year:04}-{month:02}-{day:02} does not exist"));
        }
        Ok(Self::from_days(days_from_civil(year, month, day)))
    }

    /// The week containing the UTC day of `millis` since the Unix epoch
    /// (what JavaScript's `Date.now()` returns).
    pub fn from_unix_millis(millis: i64) -> IsoWeek {
        Self::from_days(millis.div_euclid(86_400_000))
    }

    /// The week containing day `days` since 1970-01-01.
    pub fn from_days(days: i64) -> IsoWeek {
        // The Thursday of the same ISO week decides the ISO year.
        let thursday = days - weekday(days) + 4;
        let (year, _, _) = civil_from_days(thursday);
        let ordinal = thursday - days_from_civil(year, 1, 1);
        IsoWeek {
            year,
            week: (ordinal / 7 + 1) as u32,
        }
    }

    /// The Monday starting this week, as `(year, month, day)`.
    pub fn monday(self) -> (i32, u32, u32) {
        // 4 January is always in week 1.
        let jan4 = days_from_civil(self.year, 1, 4);
        let week1_monday = jan4 - weekday(jan4) + 1;
        civil_from_days(week1_monday + 7 * (i64::from(self.week) - 1))
    }

    /// The following week.
    pub fn next(self) -> IsoWeek {
        if self.week >= weeks_in_year(self.year) {
            IsoWeek {
                year: self.year + 1,
                week: 1,
            }
        } else {
            IsoWeek {
                year: self.year,
                week: self.week + 1,
            }
        }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl FromStr for IsoWeek {
    type Err = String;

    /// Parses exactly `YYYY-Www` (four-digit year 2000–2999 is not required:
    /// any year 1970–9999), rejecting weeks the year does not have.
    fn from_str(s: &str) -> Result<IsoWeek, String> {
        let err = || format!("`{s}` is not an ISO week like 2026-W48");
        let b = s.as_bytes();
        if b.len() != 8 || b[4] != b'-' || b[5] != b'W' {
            return Err(err());
        }
        if !b[..4].iter().chain(&b[6..]).all(u8::is_ascii_digit) {
            return Err(err());
        }
        let year: i32 = s[..4].parse().map_err(|_| err())?;
        let week: u32 = s[6..].parse().map_err(|_| err())?;
        if year < 1970 {
            return Err(format!("`{s}`: year before 1970"));
        }
        if week == 0 || week > weeks_in_year(year) {
            return Err(format!(
                "`{s}`: {year} has weeks 1 to {}",
                weeks_in_year(year)
            ));
        }
        Ok(IsoWeek { year, week })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        // Reference values from the ISO 8601 week calendar.
        let cases = [
            ((2026, 11, 27), "2026-W48"),
            ((2026, 1, 1), "2026-W01"),
            ((2027, 1, 1), "2026-W53"),
            ((2021, 1, 3), "2020-W53"),
            ((2021, 1, 4), "2021-W01"),
            ((2024, 12, 30), "2025-W01"),
            ((2008, 12, 29), "2009-W01"),
            ((2010, 1, 3), "2009-W53"),
            ((1970, 1, 1), "1970-W01"),
            ((2000, 2, 29), "2000-W09"),
        ];
        for ((y, m, d), want) in cases {
            assert_eq!(
                IsoWeek::from_date(y, m, d).unwrap().to_string(),
                want,
                "{y}-{m}-{d}"
            );
        }
    }

    #[test]
    fn unix_millis_and_round_trip() {
        // 2026-11-27T23:59:59.999Z
        let ms = days_from_civil(2026, 11, 27) * 86_400_000 + 86_399_999;
        assert_eq!(IsoWeek::from_unix_millis(ms).to_string(), "2026-W48");
        assert_eq!(IsoWeek::from_unix_millis(-1).to_string(), "1970-W01");
        let mut w: IsoWeek = "2019-W50".parse().unwrap();
        for _ in 0..600 {
            let (y, m, d) = w.monday();
            assert_eq!(IsoWeek::from_date(y, m, d).unwrap(), w);
            assert_eq!(w.to_string().parse::<IsoWeek>().unwrap(), w);
            w = w.next();
        }
        for day in -1000..40_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }

    #[test]
    fn parse_rejects_bad_weeks() {
        assert_eq!(weeks_in_year(2026), 53);
        assert_eq!(weeks_in_year(2025), 52);
        assert!("2026-W53".parse::<IsoWeek>().is_ok());
        for bad in [
            "2025-W53",
            "2026-W00",
            "2026-W54",
            "2026-48",
            "2026W48",
            "26-W48",
            "2026-w48",
            "1969-W10",
            "２026-W48",
            "2026-W4a",
        ] {
            assert!(bad.parse::<IsoWeek>().is_err(), "{bad}");
        }
        assert!(IsoWeek::from_date(2026, 2, 29).is_err());
        assert!(IsoWeek::from_date(2026, 13, 1).is_err());
    }
}
