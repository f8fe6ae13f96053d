//! A calendar date (`YYYY-MM-DD`), enough for `as_of`, adequacy windows and waiver expiry.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian date. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A validated date, or `None` when the day does not exist.
    pub const fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
        if valid {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The day `days` after this one.
    pub fn plus_days(self, days: u32) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + i64::from(days))
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The previous calendar day.
    pub fn pred(self) -> Date {
        if self.day > 1 {
            Date {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            let month = self.month - 1;
            Date {
                year: self.year,
                month,
                day: days_in_month(self.year, month),
            }
        } else {
            Date {
                year: self.year - 1,
                month: 12,
                day: 31,
            }
        }
    }

    /// The next calendar day.
    pub fn succ(self) -> Date {
        if let Some(next) = Date::new(self.year, self.month, self.day + 1) {
            next
        } else if self.month < 12 {
            Date {
                year: self.year,
                month: self.month + 1,
                day: 1,
            }
        } else {
            Date {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }
}

const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2015-11-08");
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        // Digits only: `str::parse` would also take a sign (`2024-+1-+1`).
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        Date::new(year, month, day).ok_or_else(|| format!("`{s}` is not a day of the calendar"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            "2015-11-08".parse::<Date>().unwrap().to_string(),
            "2015-11-08"
        );
        assert!("2015-02-29".parse::<Date>().is_err());
        assert!("2016-02-29".parse::<Date>().is_ok());
        assert!("2015-13-01".parse::<Date>().is_err());
        assert!("2015-1-01".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
        for signed in [
            "2024-+1-+1",
            "+024-01-01",
            "-024-01-01",
            "2024-01-+1",
            "2024- 1-01",
        ] {
            assert!(signed.parse::<Date>().is_err(), "{signed}");
        }
    }

    #[test]
    fn epoch_days_round_trip_known_dates() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(16_747).to_string(),
            "2015-11-08"
        );
        assert_eq!(
            Date::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn days_since_epoch_round_trips() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        for s in [
            "1970-01-01",
            "1995-10-24",
            "2000-02-29",
            "2024-12-31",
            "2026-11-30",
        ] {
            assert_eq!(
                Date::from_days_since_epoch(d(s).days_since_epoch()),
                d(s),
                "{s}"
            );
        }
        assert_eq!(d("1970-01-02").days_since_epoch(), 1);
        assert_eq!(d("2015-10-05").plus_days(1), d("2015-10-06"));
        assert_eq!(d("2024-02-28").plus_days(2), d("2024-03-01"));
        assert_eq!(d("2026-11-30").plus_days(365), d("2027-11-30"));
    }

    #[test]
    fn pred_crosses_month_and_year() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2015-10-06").pred(), d("2015-10-05"));
        assert_eq!(d("2021-01-01").pred(), d("2020-12-31"));
        assert_eq!(d("2024-03-01").pred(), d("2024-02-29"));
        assert_eq!(d("2023-03-01").pred(), d("2023-02-28"));
        assert_eq!(d("2013-07-01").pred().succ(), d("2013-07-01"));
    }

    #[test]
    fn succ_crosses_month_and_year() {
        let d: Date = "2015-10-06".parse().unwrap();
        assert_eq!(d.succ().to_string(), "2015-10-07");
        assert_eq!(
            "2015-12-31".parse::<Date>().unwrap().succ().to_string(),
            "2016-01-01"
        );
        assert_eq!(
            "2016-02-28".parse::<Date>().unwrap().succ().to_string(),
            "2016-02-29"
        );
    }
}
