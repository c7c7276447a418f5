//! Calendar arithmetic and the rules that turn a reading into a date: year inference, weekdays,
//! relative offsets, named days.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::grammar::{Cand, Holiday, Kind, Mode, Unit};
use super::{DateMention, DateValue, Form, Precision, Stated};

/// Days in a month (1 to 12) of a year; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(0)
}

/// How far a date without a year may sit in the recent past (or, in the future tense, the near
/// future) before the neighbouring year is preferred to the article's own.
const NEAR_DAYS: i64 = 183;
/// A date up to this many days after the article's date stays in the article's year.
const SOON_DAYS: i64 = 30;

/// The year of a date written without one: the article's year, or the year before when that
/// puts it in the recent past rather than far ahead ("Dec 30" in an article dated 2 January),
/// or the year before in a clause in the past tense when the article's year puts it ahead, or
/// the year after in a clause in the future tense (or, for a day, when the article's year
/// would put it eleven months back rather than a few weeks ahead).
pub(super) fn infer_year(
    reference: NaiveDate,
    make: impl Fn(i32) -> Option<NaiveDate>,
    tense: (bool, bool),
    precision: Precision,
) -> i32 {
    let (future, past) = tense;
    let y = reference.year();
    let Some(d) = make(y) else { return y };
    let ahead = (d - reference).num_days();
    // "was closed on Dec. 3" in an article dated in March: last December.
    if past
        && ahead > SOON_DAYS
        && let Some(p) = make(y - 1)
        && (reference - p).num_days() <= 366
    {
        return y - 1;
    }
    if !future
        && ahead > SOON_DAYS
        && let Some(p) = make(y - 1)
        && (reference - p).num_days() <= NEAR_DAYS
    {
        return y - 1;
    }
    if future
        && ahead < -SOON_DAYS
        && let Some(n) = make(y + 1)
        && (n - reference).num_days() <= NEAR_DAYS
    {
        return y + 1;
    }
    // "Jan. 8" in an article dated 28 December: a few days ahead, not eleven months back.
    if ahead < -FAR_PAST_DAYS
        && let Some(n) = make(y + 1)
        && (n - reference).num_days() <= NEXT_DAYS
        && precision == Precision::Day
    {
        return y + 1;
    }
    y
}

/// A day this far before the article's date, in its year…
const FAR_PAST_DAYS: i64 = 300;
/// …is read in the next year when that puts it this close ahead.
const NEXT_DAYS: i64 = 65;

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs() as u32))
    }
}

/// The Monday of a date's week.
pub(super) fn monday(d: NaiveDate) -> NaiveDate {
    add_days(d, -(d.weekday().num_days_from_monday() as i64)).unwrap_or(d)
}

/// The most recent `wd` on or before `d`.
fn on_or_before(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    add_days(d, -(back as i64)).unwrap_or(d)
}

/// The first `wd` on or after `d`.
fn on_or_after(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (7 + wd.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
    add_days(d, ahead as i64).unwrap_or(d)
}

/// Easter Sunday (Gregorian, the anonymous algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

fn holiday_date(rule: Holiday, year: i32) -> Option<NaiveDate> {
    match rule {
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d),
        Holiday::Nth(n, wd, m) if n > 0 => NaiveDate::from_weekday_of_month_opt(year, m, wd, n as u8),
        Holiday::Nth(_, wd, m) => {
            let last = NaiveDate::from_ymd_opt(year, m, days_in_month(year, m))?;
            Some(on_or_before(last, wd))
        }
        Holiday::Easter(n) => add_days(easter(year)?, n),
        Holiday::Dated(y, m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Holiday::Election => {
            let first_monday = NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Mon, 1)?;
            add_days(first_monday, 1)
        }
    }
}

fn rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Quarter => 3,
        Precision::Year => 4,
        Precision::Decade => 5,
    }
}

/// The period containing `d` at precision `p`, as its first day.
fn truncate(d: NaiveDate, p: Precision) -> NaiveDate {
    let y = d.year();
    match p {
        Precision::Day => d,
        Precision::Week => monday(d),
        Precision::Month => d.with_day(1).unwrap_or(d),
        Precision::Quarter => NaiveDate::from_ymd_opt(y, d.month0() / 3 * 3 + 1, 1).unwrap_or(d),
        Precision::Year => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(d),
        Precision::Decade => NaiveDate::from_ymd_opt(y - y.rem_euclid(10), 1, 1).unwrap_or(d),
    }
}

fn value(d: NaiveDate, p: Precision) -> DateValue {
    DateValue {
        date: truncate(d, p),
        precision: p,
    }
}

/// `n` units from `base`, at the precision the expression gives.
fn offset(base: NaiveDate, unit: Unit, n: i64, exact: bool, future: bool) -> Option<DateValue> {
    Some(match unit {
        Unit::Day => value(add_days(base, n)?, Precision::Day),
        Unit::Week if exact => value(add_days(base, 7 * n)?, Precision::Day),
        Unit::Week => value(add_days(base, 7 * n)?, Precision::Week),
        Unit::Weekend => {
            let weekend_now = matches!(base.weekday(), Weekday::Sat | Weekday::Sun);
            let recent = on_or_before(base, Weekday::Sat);
            let sat = match n {
                0 if future && !weekend_now => on_or_after(base, Weekday::Sat),
                0 => recent,
                n if n < 0 && weekend_now => add_days(recent, -7)?,
                n if n < 0 => recent,
                _ if weekend_now => add_days(recent, 7)?,
                _ => on_or_after(base, Weekday::Sat),
            };
            value(sat, Precision::Week)
        }
        Unit::Month => value(add_months(base, n)?, Precision::Month),
        Unit::Year if exact => value(add_months(base, 12 * n)?, Precision::Month),
        Unit::Year => value(add_months(base, 12 * n)?, Precision::Year),
        Unit::Decade => value(add_months(base, 120 * n)?, Precision::Year),
    })
}

/// Applies the article's date (and the date mentioned just before) to a reading.
pub(super) fn resolve(c: Cand, reference: Option<NaiveDate>, anchor: Option<DateValue>) -> DateMention {
    let mut m = DateMention {
        span: c.span,
        value: None,
        relative: false,
        weekday: c.weekday,
        stated: Stated::default(),
        inferred: false,
        form: match c.kind {
            Kind::Calendar { .. } | Kind::WeekdayDay { .. } => Form::Calendar,
            Kind::Weekday { .. } => Form::Weekday,
            Kind::Offset {
                unit: Unit::Day,
                approx: false,
                ..
            } => Form::RelativeDay,
            Kind::Offset { .. } => Form::Relative,
            Kind::Year { .. } | Kind::Period { .. } => Form::Period,
            Kind::Holiday { .. } => Form::Named,
        },
    };
    match c.kind {
        Kind::Calendar { stated, shift } => {
            m.stated = stated;
            m.relative = shift != 0;
            let Some(month) = stated.month else { return m };
            let (precision, day) = match stated.day {
                Some(d) => (Precision::Day, d),
                None => (Precision::Month, 1),
            };
            let make = |y: i32| NaiveDate::from_ymd_opt(y, month, day);
            let year = match (stated.year, shift) {
                (Some(y), _) => Some(y),
                (None, 0) => {
                    m.inferred = true;
                    reference.map(|r| infer_year(r, make, (c.future, c.past), precision))
                }
                (None, s) => reference.map(|r| match (s < 0, month < r.month(), month > r.month()) {
                    (true, true, _) => r.year(),
                    (true, false, _) => r.year() - 1,
                    (false, _, true) => r.year(),
                    (false, _, false) => r.year() + 1,
                }),
            };
            m.value = year.and_then(make).map(|d| value(d, precision));
        }
        Kind::WeekdayDay { day } => {
            m.stated = Stated {
                day: Some(day),
                ..Stated::default()
            };
            m.inferred = true;
            if let Some(r) = reference {
                let wd = c.weekday.map(|(w, _)| w);
                let first = r.with_day(1).unwrap_or(r);
                let options: Vec<NaiveDate> = [-1, 0, 1]
                    .iter()
                    .filter_map(|&k| add_months(first, k)?.with_day(day))
                    .collect();
                let pick = options
                    .iter()
                    .filter(|d| Some(d.weekday()) == wd)
                    .min_by_key(|d| (**d - r).num_days().abs())
                    .or_else(|| options.iter().find(|d| d.month() == r.month()));
                m.value = pick.map(|d| DateValue::day(*d));
            }
        }
        Kind::Year { year, precision } => {
            m.stated = Stated {
                year: Some(year),
                ..Stated::default()
            };
            m.value = NaiveDate::from_ymd_opt(year, 1, 1).map(|d| value(d, precision));
        }
        Kind::Period { year, month, precision } => {
            let make = |y: i32| NaiveDate::from_ymd_opt(y, month, 1);
            let y = year.or_else(|| {
                m.inferred = true;
                reference.map(|r| infer_year(r, make, (c.future, c.past), precision))
            });
            m.value = y.and_then(make).map(|date| DateValue { date, precision });
        }
        Kind::Offset {
            unit,
            n,
            anchored,
            exact,
            ..
        } => {
            m.relative = true;
            let base = match anchor.filter(|_| anchored) {
                Some(a) => Some((a.date, a.precision)),
                None => reference.map(|r| (r, Precision::Day)),
            };
            m.value = base.and_then(|(b, p)| {
                let v = offset(b, unit, n, exact, c.future)?;
                Some(if rank(p) > rank(v.precision) {
                    value(v.date, p)
                } else {
                    v
                })
            });
        }
        Kind::Weekday { wd, mode } => {
            m.relative = true;
            let anchor_day = anchor.filter(|a| a.precision == Precision::Day).map(|a| a.date);
            m.value = reference.and_then(|r| {
                let d = match mode {
                    Mode::Recent => on_or_before(r, wd),
                    Mode::Coming => on_or_after(r, wd),
                    Mode::Last => on_or_before(add_days(r, -1)?, wd),
                    Mode::NextWeek => add_days(monday(r), 7 + wd.num_days_from_monday() as i64)?,
                    Mode::AnchorNext => on_or_after(add_days(anchor_day.unwrap_or(r), 1)?, wd),
                    Mode::AnchorPrev => on_or_before(add_days(anchor_day.unwrap_or(r), -1)?, wd),
                };
                Some(DateValue::day(d))
            });
        }
        Kind::Holiday {
            rule: Holiday::Dated(y, mo, d),
            ..
        } => {
            m.stated = Stated {
                year: Some(y),
                month: Some(mo),
                day: Some(d),
            };
            m.value = NaiveDate::from_ymd_opt(y, mo, d).map(DateValue::day);
        }
        Kind::Holiday { rule, year } => {
            let y = year.or_else(|| {
                m.inferred = true;
                reference.map(|r| infer_year(r, |y| holiday_date(rule, y), (c.future, c.past), Precision::Day))
            });
            m.value = y.and_then(|y| holiday_date(rule, y)).map(DateValue::day);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_and_named_days() {
        assert_eq!(easter(2024), Some(d("2024-03-31")));
        assert_eq!(easter(2017), Some(d("2017-04-16")));
        assert_eq!(holiday_date(Holiday::Election, 2024), Some(d("2024-11-05")));
        assert_eq!(
            holiday_date(Holiday::Nth(1, Weekday::Mon, 9), 2024),
            Some(d("2024-09-02"))
        );
        assert_eq!(
            holiday_date(Holiday::Nth(-1, Weekday::Mon, 5), 2024),
            Some(d("2024-05-27"))
        );
    }

    #[test]
    fn year_inference_prefers_the_recent_past() {
        let r = d("2018-01-02");
        assert_eq!(
            infer_year(
                r,
                |y| NaiveDate::from_ymd_opt(y, 12, 30),
                (false, false),
                Precision::Day
            ),
            2017
        );
        assert_eq!(
            infer_year(
                r,
                |y| NaiveDate::from_ymd_opt(y, 3, 1),
                (false, false),
                Precision::Month
            ),
            2018
        );
        let r = d("2019-11-19");
        assert_eq!(
            infer_year(
                r,
                |y| NaiveDate::from_ymd_opt(y, 5, 1),
                (false, false),
                Precision::Month
            ),
            2019
        );
        let r = d("2019-12-20");
        assert_eq!(
            infer_year(r, |y| NaiveDate::from_ymd_opt(y, 1, 5), (true, false), Precision::Day),
            2020
        );
        assert_eq!(
            infer_year(r, |y| NaiveDate::from_ymd_opt(y, 1, 8), (false, false), Precision::Day),
            2020
        );
        assert_eq!(
            infer_year(
                r,
                |y| NaiveDate::from_ymd_opt(y, 1, 1),
                (false, false),
                Precision::Month
            ),
            2019
        );
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2024, 13), 0);
    }
}
