//! Calendar arithmetic without a clock or a time-zone database.
//!
//! Dates are milliseconds since the Unix epoch. The engine has no local time
//! zone: `YYYY-MM-DD` means midnight UTC, and "today" is passed in by the caller.

use super::number::parse_decimal;

const MS_PER_DAY: f64 = 86_400_000.0;

/// The largest instant JavaScript dates hold (±100,000,000 days); beyond it a date is invalid.
pub const MAX_MS: f64 = 8.64e15;

/// `ms` when it is a valid date instant.
pub fn valid(ms: f64) -> Option<f64> {
    (ms.is_finite() && ms.abs() <= MAX_MS).then_some(ms)
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    /// Year, e.g. 2026.
    pub year: i64,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

impl Ymd {
    /// Builds a date, checking that the day exists.
    pub fn new(year: i64, month: u32, day: u32) -> Option<Ymd> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Ymd {
            year,
            month,
            day,
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Ymd> {
        let b = s.as_bytes();
        if b.len() != 10 || !s.is_ascii() || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Ymd::new(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
    }

    /// Midnight UTC of this date, in epoch milliseconds.
    pub fn to_ms(self) -> f64 {
        days_from_civil(self.year, self.month, self.day) as f64 * MS_PER_DAY
    }

    /// The date containing an epoch-milliseconds instant (UTC); instants
    /// beyond [`MAX_MS`] are clamped to it.
    pub fn from_ms(ms: f64) -> Ymd {
        let ms = if ms.is_nan() { 0.0 } else { ms.clamp(-MAX_MS, MAX_MS) };
        let days = (ms / MS_PER_DAY).floor() as i64;
        civil_from_days(days)
    }
}

/// Days in a month of a year.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Ymd { year, month, day }
}

/// Parses `YYYY-MM-DD` or an ISO date-time (`T`, optional seconds,
/// fraction and `Z` or `±HH:MM`) into epoch milliseconds.
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.len() < 10 || !s.is_char_boundary(10) {
        return None;
    }
    let date = Ymd::parse(&s[..10])?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(date.to_ms());
    }
    let rest = rest.strip_prefix(['T', ' '])?;
    let (clock, offset_ms) = split_offset(rest)?;
    let mut parts = clock.splitn(3, ':');
    let h = parse_decimal(parts.next()?)?;
    let m = parse_decimal(parts.next()?)?;
    let sec = match parts.next() {
        Some(x) => parse_decimal(x)?,
        None => 0.0,
    };
    if !(0.0..24.0).contains(&h) || !(0.0..60.0).contains(&m) || !(0.0..61.0).contains(&sec) {
        return None;
    }
    Some(date.to_ms() + (h * 3600.0 + m * 60.0 + sec) * 1000.0 - offset_ms)
}

fn split_offset(s: &str) -> Option<(&str, f64)> {
    if let Some(c) = s.strip_suffix('Z') {
        return Some((c, 0.0));
    }
    if s.len() > 6 && s.is_char_boundary(s.len() - 6) {
        let (c, off) = s.split_at(s.len() - 6);
        let b = off.as_bytes();
        if (b[0] == b'+' || b[0] == b'-') && b[3] == b':' {
            let h = parse_decimal(&off[1..3])?;
            let m = parse_decimal(&off[4..6])?;
            let sign = if b[0] == b'-' { -1.0 } else { 1.0 };
            return Some((c, sign * (h * 3600.0 + m * 60.0) * 1000.0));
        }
    }
    Some((s, 0.0))
}

/// `YYYY-MM-DDTHH:MM:SS.sssZ` of an epoch-milliseconds instant.
pub fn to_iso(ms: f64) -> String {
    if !ms.is_finite() {
        return "Invalid Date".into();
    }
    let d = Ymd::from_ms(ms);
    let in_day = ms - d.to_ms();
    let total = in_day.round() as i64;
    let (h, rem) = (total / 3_600_000, total % 3_600_000);
    let (m, rem) = (rem / 60_000, rem % 60_000);
    let (s, milli) = (rem / 1000, rem % 1000);
    format!("{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z", d.year, d.month, d.day)
}

/// Adds whole months the way JavaScript's `setMonth` does: a day past the
/// end of the target month overflows into the next (2020-02-29 + 2 years is
/// 2022-03-01), as SurveyJS's `dateAdd` gives.
pub fn add_months(ms: f64, months: i64) -> f64 {
    // Past ±300,000 years the result is outside MAX_MS anyway; clamping keeps the arithmetic in range.
    let months = months.clamp(-3_600_000, 3_600_000);
    let d = Ymd::from_ms(ms);
    let in_day = ms - d.to_ms();
    let index = d.year * 12 + i64::from(d.month) - 1 + months;
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    let first = days_from_civil(year, month, 1) as f64 * MS_PER_DAY;
    first + f64::from(d.day - 1) * MS_PER_DAY + in_day
}

/// Whole calendar months from `a` to `b`, counting a month only once its day is reached.
pub fn months_between(a: f64, b: f64) -> i64 {
    let (x, y) = (Ymd::from_ms(a), Ymd::from_ms(b));
    let months = (y.year - x.year) * 12 + i64::from(y.month) - i64::from(x.month);
    // As survey-core counts: a month is not full while the day is earlier,
    // whichever way the dates run.
    if y.day < x.day {
        months - 1
    } else {
        months
    }
}

/// Day of the week, 0 = Sunday.
pub fn weekday(ms: f64) -> i64 {
    ((ms / MS_PER_DAY).floor() as i64 + 4).rem_euclid(7)
}

/// Milliseconds in a day.
pub const DAY_MS: f64 = MS_PER_DAY;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2023, 7, 28), (1900, 3, 1), (2100, 12, 31)] {
            let ymd = Ymd::new(y, m, d).expect("valid date");
            assert_eq!(Ymd::from_ms(ymd.to_ms()), ymd);
        }
        assert_eq!(Ymd::new(2023, 2, 29), None);
    }

    #[test]
    fn parses_dates_and_times() {
        assert_eq!(parse("1970-01-02"), Some(DAY_MS));
        assert_eq!(parse("1970-01-01T01:00:00Z"), Some(3_600_000.0));
        assert_eq!(parse("1970-01-01T01:00:00+01:00"), Some(0.0));
        assert_eq!(parse("2023-13-01"), None);
        assert_eq!(to_iso(DAY_MS + 1500.0), "1970-01-02T00:00:01.500Z");
        assert_eq!(weekday(parse("2023-07-28").unwrap_or(0.0)), 5);
    }

    #[test]
    fn month_arithmetic() {
        let jan31 = parse("2024-01-31").unwrap_or(0.0);
        assert_eq!(to_iso(add_months(jan31, 1))[..10], *"2024-03-02");
        let a = parse("2012-11-10").unwrap_or(0.0);
        let b = parse("2014-12-11").unwrap_or(0.0);
        assert_eq!(months_between(a, b), 25);
    }
}
