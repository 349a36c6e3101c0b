//! Dates as the sources give them: a year, a month or a day, or a range between two of those
//! when an event spans several days or the sources disagree.
//!
//! Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian calendar. The calendar
//! maths is written out here rather than taken from a crate: it is a dozen lines and the model
//! needs nothing else from a date library.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// What every date error tells the reader to write instead.
pub const EXPECTED_DATE: &str =
    "a date like 1993, 1993-09 or 1993-09-13, or a range like 1999-05-25/1999-05-26";

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How much of a date the sources give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A year, a month of a year, or a day. Always a real date: the month is 1–12, the day exists
/// in that month (leap years included), and a day never comes without its month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// A date that may be uncertain: the earliest and the latest [`PartialDate`] it can be.
/// A single date has `earliest == latest`; a range "A/B" has A not after B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    pub earliest: PartialDate,
    pub latest: PartialDate,
}

/// Why a text is not a date. Each variant says what was found and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the shape `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or two of those joined by `/`.
    #[error("\"{text}\" is not a date; expected {EXPECTED_DATE}")]
    Malformed { text: String },
    /// The month is not 1–12.
    #[error("\"{text}\" has month {month}, which does not exist; expected a month from 01 to 12")]
    NoSuchMonth { text: String, month: u32 },
    /// The day does not exist in its month.
    #[error(
        "\"{text}\" is not a day: {month_name} {year} has {days} days; expected a day from 01 to {days}"
    )]
    NoSuchDay {
        text: String,
        year: i32,
        month_name: &'static str,
        days: u8,
    },
    /// A range whose first date is after its second.
    #[error(
        "the range \"{text}\" ends before it starts; expected the earlier date first, as in 1999-05-25/1999-05-26"
    )]
    Reversed { text: String },
}

impl DateError {
    /// What was wrong, without the "expected" part (for messages that show it separately).
    pub fn problem(&self) -> String {
        match self {
            Self::Malformed { text } => format!("\"{text}\" is not a date"),
            Self::NoSuchMonth { text, month } => {
                format!("\"{text}\" has month {month}, which does not exist")
            }
            Self::NoSuchDay {
                text,
                year,
                month_name,
                days,
            } => format!("\"{text}\" is not a day: {month_name} {year} has {days} days"),
            Self::Reversed { text } => format!("the range \"{text}\" ends before it starts"),
        }
    }

    /// What would have been accepted.
    pub fn expected(&self) -> String {
        match self {
            Self::Malformed { .. } => EXPECTED_DATE.to_owned(),
            Self::NoSuchMonth { .. } => "a month from 01 to 12".to_owned(),
            Self::NoSuchDay { days, .. } => format!("a day from 01 to {days}"),
            Self::Reversed { .. } => {
                "the earlier date first, as in 1999-05-25/1999-05-26".to_owned()
            }
        }
    }
}

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (1–12) of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date. Months are 1–12; out-of-range days are not checked.
///
/// Howard Hinnant's `days_from_civil`: counting years from March puts the leap day at the end
/// of the year, so every 400-year era has the same shape.
pub fn day_from_ymd(year: i32, month: u8, day: u8) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month 1–12, day 1–31) of a day counted from 1970-01-01. The inverse of
/// [`day_from_ymd`].
pub fn ymd_from_day(day: i64) -> (i32, u8, u8) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = year_of_era + era * 400 + i64::from(m <= 2);
    // The casts cannot truncate: m is 1..=12, d is 1..=31, and y is within i32 for any day an
    // i32 year can produce.
    (y as i32, m as u8, d as u8)
}

/// A day number as "YYYY-MM-DD".
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = ymd_from_day(day);
    format!("{y:04}-{m:02}-{d:02}")
}

impl PartialDate {
    /// A checked date. `text` is only used in the error.
    fn checked(
        text: &str,
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
    ) -> Result<Self, DateError> {
        let month = match month {
            None => None,
            Some(m @ 1..=12) => Some(m as u8),
            Some(m) => {
                return Err(DateError::NoSuchMonth {
                    text: text.to_owned(),
                    month: m,
                });
            }
        };
        let day = match (month, day) {
            (_, None) => None,
            (Some(m), Some(d)) => {
                let days = days_in_month(year, m);
                if d == 0 || d > u32::from(days) {
                    return Err(DateError::NoSuchDay {
                        text: text.to_owned(),
                        year,
                        month_name: MONTH_NAMES[usize::from(m - 1)],
                        days,
                    });
                }
                Some(d as u8)
            }
            (None, Some(_)) => {
                return Err(DateError::Malformed {
                    text: text.to_owned(),
                });
            }
        };
        Ok(Self { year, month, day })
    }

    /// A date from its parts, checked like a parsed one.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, DateError> {
        let text = match (month, day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            (None, Some(d)) => format!("{year:04}-??-{d:02}"),
            (None, None) => format!("{year:04}"),
        };
        Self::checked(&text, year, month.map(u32::from), day.map(u32::from))
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12, if known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The earliest day the date can mean, counted from 1970-01-01.
    pub fn first_day(&self) -> i64 {
        day_from_ymd(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The latest day the date can mean, counted from 1970-01-01.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        day_from_ymd(self.year, month, day)
    }

    /// The date as the data file writes it: `1993`, `1993-09` or `1993-09-13`.
    pub fn to_iso_string(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), _) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with exactly that many digits, so that "21" or
    /// "2021-1-5" are refused rather than guessed at.
    fn parse_simple(part: &str, whole: &str) -> Result<Self, DateError> {
        let malformed = || DateError::Malformed {
            text: whole.to_owned(),
        };
        let fields: Vec<&str> = part.split('-').collect();
        let widths: &[usize] = match fields.len() {
            1 => &[4],
            2 => &[4, 2],
            3 => &[4, 2, 2],
            _ => return Err(malformed()),
        };
        let mut numbers = [0u32; 3];
        for ((field, &width), number) in fields.iter().zip(widths).zip(numbers.iter_mut()) {
            if field.len() != width || !field.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed());
            }
            *number = field.parse().map_err(|_| malformed())?;
        }
        // Four ASCII digits always fit an i32.
        let year = numbers[0] as i32;
        let month = (fields.len() >= 2).then_some(numbers[1]);
        let day = (fields.len() == 3).then_some(numbers[2]);
        Self::checked(whole, year, month, day)
    }
}

impl fmt::Display for PartialDate {
    /// "13 Sep 1993", "Sep 1993" or "1993".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d} {} {}", month_abbreviation(m), self.year),
            (Some(m), None) => write!(f, "{} {}", month_abbreviation(m), self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

fn month_abbreviation(month: u8) -> &'static str {
    MONTH_ABBREVIATIONS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

impl FuzzyDate {
    /// A date known exactly to its precision.
    pub fn single(date: PartialDate) -> Self {
        Self {
            earliest: date,
            latest: date,
        }
    }

    /// Parses a date as the data file writes it: `1993`, `1993-09`, `1993-09-13`, or a range
    /// `A/B` of two of those with A not after B.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('/');
        let (first, second) = match (parts.next(), parts.next(), parts.next()) {
            (Some(a), b, None) => (a, b),
            _ => {
                return Err(DateError::Malformed {
                    text: text.to_owned(),
                });
            }
        };
        let earliest = PartialDate::parse_simple(first, text)?;
        let Some(second) = second else {
            return Ok(Self::single(earliest));
        };
        let latest = PartialDate::parse_simple(second, text)?;
        // "Not after" means the first may neither begin nor end later than the second, which
        // refuses 2020/2020-03 (a year cannot be the earlier end of a range inside it).
        if earliest.first_day() > latest.first_day() || earliest.last_day() > latest.last_day() {
            return Err(DateError::Reversed {
                text: text.to_owned(),
            });
        }
        Ok(Self { earliest, latest })
    }

    /// The first day the date can mean.
    pub fn start_day(&self) -> i64 {
        self.earliest.first_day()
    }

    /// The last day the date can mean.
    pub fn end_day(&self) -> i64 {
        self.latest.last_day()
    }

    /// The start as a fractional year (1993-09-13 is about 1993.70), for placing on a timeline.
    pub fn year_fraction(&self) -> f64 {
        let (year, _, _) = ymd_from_day(self.start_day());
        let into_year = self.start_day() - day_from_ymd(year, 1, 1);
        let year_length = if is_leap_year(year) { 366.0 } else { 365.0 };
        f64::from(year) + into_year as f64 / year_length
    }

    /// Whether this is a range of two different dates.
    pub fn is_range(&self) -> bool {
        self.earliest != self.latest
    }

    /// The date as the data file writes it, e.g. `1999-05-25/1999-05-26`.
    pub fn to_iso_string(&self) -> String {
        if self.is_range() {
            format!(
                "{}/{}",
                self.earliest.to_iso_string(),
                self.latest.to_iso_string()
            )
        } else {
            self.earliest.to_iso_string()
        }
    }
}

impl FromStr for FuzzyDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for FuzzyDate {
    /// "13 Sep 1993"; a range within one month as "25–26 May 1999"; a range of years as
    /// "2015–2016"; any other range as "Mar 2020 – Jun 2020".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.earliest, self.latest);
        if !self.is_range() {
            return write!(f, "{a}");
        }
        match (a.precision(), b.precision()) {
            (Precision::Day, Precision::Day) if a.year == b.year && a.month == b.month => {
                let (Some(m), Some(da), Some(db)) = (a.month, a.day, b.day) else {
                    return write!(f, "{a} – {b}");
                };
                write!(f, "{da}–{db} {} {}", month_abbreviation(m), a.year)
            }
            (Precision::Year, Precision::Year) => write!(f, "{}–{}", a.year, b.year),
            _ => write!(f, "{a} – {b}"),
        }
    }
}

impl Ord for FuzzyDate {
    /// By first day, then last day. Dates covering the same days but written differently
    /// ("2020" and "2020-01/2020-12") are then ordered by how they are written, so that the
    /// order agrees with `==`.
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl FuzzyDate {
    /// What dates are ordered by (see `Ord`), to compute once per item when sorting many:
    /// working out the days each time two are compared dominated sorting ten thousand.
    pub fn sort_key(&self) -> (i64, i64, Option<u8>, Option<u8>, Option<u8>, Option<u8>) {
        (
            self.start_day(),
            self.end_day(),
            self.earliest.month,
            self.earliest.day,
            self.latest.month,
            self.latest.day,
        )
    }
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for FuzzyDate {
    /// As the data file writes it, so exports read back with the same parser.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso_string())
    }
}

impl<'de> serde::Deserialize<'de> for FuzzyDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> FuzzyDate {
        FuzzyDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn day_numbers_round_trip_across_four_centuries() {
        assert_eq!(day_from_ymd(1970, 1, 1), 0);
        assert_eq!(day_from_ymd(2000, 3, 1), 11_017);
        assert_eq!(day_from_ymd(1969, 12, 31), -1);
        for day in (day_from_ymd(1800, 1, 1)..day_from_ymd(2200, 1, 1)).step_by(7) {
            let (y, m, d) = ymd_from_day(day);
            assert_eq!(day_from_ymd(y, m, d), day);
        }
    }

    #[test]
    fn a_day_number_prints_as_an_iso_date() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(day_from_ymd(2000, 2, 29)), "2000-02-29");
        assert_eq!(iso_date(-1), "1969-12-31");
    }

    #[test]
    fn a_day_a_month_and_a_year_parse_with_their_precision() {
        let day = date("1993-09-13");
        assert_eq!(day.earliest.precision(), Precision::Day);
        assert_eq!(day.start_day(), day.end_day());
        assert_eq!(day.to_string(), "13 Sep 1993");

        let month = date("2020-03");
        assert_eq!(month.earliest.precision(), Precision::Month);
        assert_eq!(month.start_day(), day_from_ymd(2020, 3, 1));
        assert_eq!(month.end_day(), day_from_ymd(2020, 3, 31));
        assert_eq!(month.to_string(), "Mar 2020");

        let year = date("2015");
        assert_eq!(year.earliest.precision(), Precision::Year);
        assert_eq!(year.start_day(), day_from_ymd(2015, 1, 1));
        assert_eq!(year.end_day(), day_from_ymd(2015, 12, 31));
        assert_eq!(year.to_string(), "2015");
    }

    #[test]
    fn a_leap_day_exists_only_in_leap_years() {
        assert!(FuzzyDate::parse("2020-02-29").is_ok());
        assert!(FuzzyDate::parse("2000-02-29").is_ok());
        assert!(FuzzyDate::parse("1900-02-29").is_err());
        assert!(FuzzyDate::parse("2021-02-29").is_err());
        assert_eq!(date("2020-02").end_day(), day_from_ymd(2020, 2, 29));
    }

    #[test]
    fn a_range_spans_from_its_first_to_its_last_day() {
        let range = date("1999-05-25/1999-05-26");
        assert!(range.is_range());
        assert_eq!(range.start_day(), day_from_ymd(1999, 5, 25));
        assert_eq!(range.end_day(), day_from_ymd(1999, 5, 26));
        assert_eq!(range.to_string(), "25–26 May 1999");
        assert_eq!(range.to_iso_string(), "1999-05-25/1999-05-26");

        let years = date("2015/2016");
        assert_eq!(years.end_day(), day_from_ymd(2016, 12, 31));
        assert_eq!(years.to_string(), "2015–2016");
        assert_eq!(date("2020-03/2020-06").to_string(), "Mar 2020 – Jun 2020");
        assert!(!date("2020").is_range());
    }

    #[test]
    fn impossible_or_sloppy_dates_are_refused_with_what_was_expected() {
        let message = |text: &str| match FuzzyDate::parse(text) {
            Ok(d) => panic!("{text} parsed as {d:?}"),
            Err(e) => e.to_string(),
        };
        assert_eq!(
            message("2021-02-30"),
            "\"2021-02-30\" is not a day: February 2021 has 28 days; expected a day from 01 to 28"
        );
        assert!(message("2021-13").contains("month 13"));
        for sloppy in [
            "21",
            "2021-1-5",
            "",
            "2021-",
            "2021/",
            "1993-09-13T00:00",
            " 2021",
            "2021/2022/2023",
            "+202",
        ] {
            assert_eq!(
                message(sloppy),
                format!("\"{sloppy}\" is not a date; expected {EXPECTED_DATE}")
            );
        }
        assert!(message("1999-05-26/1999-05-25").contains("ends before it starts"));
        assert!(message("2021-00").contains("month 0"));
        assert!(message("2021-04-00").contains("not a day"));
    }

    #[test]
    fn dates_order_by_start_then_end() {
        let mut dates: Vec<FuzzyDate> =
            ["2020-03-02", "2020", "2019-12-31", "2020-03", "2020-01-01"]
                .into_iter()
                .map(date)
                .collect();
        dates.sort();
        let sorted: Vec<String> = dates.iter().map(FuzzyDate::to_iso_string).collect();
        assert_eq!(
            sorted,
            ["2019-12-31", "2020-01-01", "2020", "2020-03", "2020-03-02"]
        );
        assert_ne!(date("2020").cmp(&date("2020-01/2020-12")), Ordering::Equal);
    }

    #[test]
    fn a_start_becomes_a_fractional_year() {
        let fraction = date("1993-09-13").year_fraction();
        assert!((fraction - 1993.70).abs() < 0.01, "{fraction}");
        assert_eq!(date("2015").year_fraction(), 2015.0);
    }

    #[test]
    fn dates_serialise_as_the_file_writes_them() {
        let range = date("2020-06-11/2020-06-14");
        let json = serde_json::to_string(&range).unwrap();
        assert_eq!(json, "\"2020-06-11/2020-06-14\"");
        assert_eq!(serde_json::from_str::<FuzzyDate>(&json).unwrap(), range);
    }
}
