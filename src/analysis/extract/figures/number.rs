//! Reading one number: digits with each language's separators, and spelled-out numbers.

use crate::lang::{self, Lang};

/// A number read from the text: where it ends, its value, and how it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// Byte offset (into the string scanned) just past the number.
    pub end: usize,
    pub value: f64,
    /// The digits as written, separators removed ("1 000,5" -> "10005").
    pub digits: String,
    /// Digits after the decimal mark.
    pub decimals: u32,
    /// Which thousands separator grouped the digits, if any.
    pub separator: Option<char>,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Reads the digits starting at byte `at` of `s` (which must be an ASCII digit).
///
/// English groups thousands with commas and marks decimals with a point (`1,000.5`); French groups
/// with a space, a no-break space, a narrow no-break space or a point and marks decimals with a
/// comma (`1 000,5`, `1.000`). A group is exactly three digits not followed by another digit.
pub fn read_digits(s: &str, at: usize, lang: Lang) -> Option<Read> {
    let b = s.as_bytes();
    let run = |i: usize| {
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    if !b.get(at)?.is_ascii_digit() {
        return None;
    }
    let mut end = run(at);
    let mut int_digits = s[at..end].to_owned();
    let mut separator = None;
    if end - at <= 3 {
        while let Some(c) = s[end..].chars().next() {
            let ok_sep = match lang {
                Lang::En => c == ',',
                Lang::Fr => is_group_space(c) || c == '.',
            };
            if !ok_sep || separator.is_some_and(|p| p != c && !(is_group_space(p) && is_group_space(c))) {
                break;
            }
            let g = end + c.len_utf8();
            let ge = run(g);
            if ge - g != 3 {
                break;
            }
            // "1.000" groups in French, but "1.000,5" and "2.868,63" too; a lone "3.141" would be
            // ambiguous, and French copy writes decimals with a comma, so the point groups.
            separator = Some(c);
            int_digits.push_str(&s[g..ge]);
            end = ge;
        }
    }
    let mut decimals = 0;
    let mut frac = String::new();
    let dec_marks: &[char] = match lang {
        Lang::En => &['.'],
        Lang::Fr if separator == Some('.') => &[','],
        Lang::Fr => &[',', '.'],
    };
    if let Some(c) = s[end..].chars().next()
        && dec_marks.contains(&c)
    {
        let g = end + 1;
        let ge = run(g);
        if ge > g {
            frac = s[g..ge].to_owned();
            decimals = (ge - g) as u32;
            end = ge;
        }
    }
    let text = if frac.is_empty() {
        int_digits.clone()
    } else {
        format!("{int_digits}.{frac}")
    };
    let value: f64 = text.parse().ok()?;
    Some(Read {
        end,
        value,
        digits: format!("{int_digits}{frac}"),
        decimals,
        separator,
    })
}

/// One number word's value, and whether the word is itself an estimate ("une centaine").
pub fn word_value(word: &str, lang: Lang) -> Option<(f64, bool)> {
    let lower = word.to_lowercase();
    lang::number_words(lang).values(&lower).iter().find_map(|rest| {
        let mut parts = rest.split_whitespace();
        let v: f64 = parts.next()?.parse().ok()?;
        let flag = parts.next();
        (flag != Some("fraction")).then_some((v, flag == Some("approx")))
    })
}

/// A fraction's denominator ("tiers" -> 3, "quarters" -> 4).
pub fn denominator(word: &str, lang: Lang) -> Option<f64> {
    let lower = word.to_lowercase();
    lang::number_words(lang).values(&lower).iter().find_map(|rest| {
        let mut parts = rest.split_whitespace();
        let v: f64 = parts.next()?.parse().ok()?;
        (parts.next() == Some("fraction")).then_some(v)
    })
}

/// Adds up a sequence of number words ("quatre-vingt-dix-neuf", "two hundred and five").
///
/// Returns `None` when the words do not make one number ("five six").
pub fn combine(words: &[(f64, &str)]) -> Option<f64> {
    let mut total = 0.0;
    let mut current: f64 = 0.0;
    let mut last_small: Option<f64> = None;
    for &(v, w) in words {
        let w = w.to_lowercase();
        if w == "dozen" || w.ends_with("aine") || w == "millier" {
            // "a dozen", "une centaine", "deux douzaines": a multiple.
            current = current.max(1.0) * v;
            last_small = None;
        } else if v >= 1000.0 {
            total += current.max(1.0) * v;
            current = 0.0;
            last_small = None;
        } else if v == 100.0 {
            current = current.max(1.0) * 100.0;
            last_small = None;
        } else if v == 20.0 && last_small == Some(4.0) && w.starts_with("vingt") {
            // quatre-vingt(s): four twenties.
            current += 80.0 - 4.0;
            last_small = Some(80.0);
        } else {
            // A unit after a unit ("five six"), or a ten after a ten, is not one number.
            if let Some(prev) = last_small {
                let ok = (prev >= 20.0 && prev % 10.0 == 0.0 && v < 10.0)
                    || ((prev == 60.0 || prev == 80.0) && v < 20.0)
                    || (prev == 10.0 && v < 10.0 && w != "un");
                if !ok {
                    return None;
                }
            }
            current += v;
            last_small = Some(match last_small {
                Some(p) if p == 60.0 || p == 80.0 => p + v,
                _ => v,
            });
        }
    }
    Some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str, lang: Lang) -> (f64, &str) {
        let r = read_digits(s, 0, lang).expect("a number");
        (r.value, &s[..r.end])
    }

    #[test]
    fn separators_of_each_language() {
        assert_eq!(read("1,000.5 people", Lang::En), (1000.5, "1,000.5"));
        assert_eq!(read("3,512,000.", Lang::En), (3_512_000.0, "3,512,000"));
        assert_eq!(read("12, 13", Lang::En), (12.0, "12"));
        assert_eq!(read("1 000,5 km", Lang::Fr), (1000.5, "1 000,5"));
        assert_eq!(read("1\u{a0}000 morts", Lang::Fr), (1000.0, "1\u{a0}000"));
        assert_eq!(read("1\u{202f}400 morts", Lang::Fr), (1400.0, "1\u{202f}400"));
        assert_eq!(read("7.612,52 points", Lang::Fr), (7612.52, "7.612,52"));
        assert_eq!(read("290.000 unités", Lang::Fr), (290_000.0, "290.000"));
        assert_eq!(read("3,5 millions", Lang::Fr), (3.5, "3,5"));
        assert_eq!(read("2014 32 drones", Lang::Fr), (2014.0, "2014"));
        assert_eq!(read("3.5 million", Lang::En), (3.5, "3.5"));
    }

    fn spelled(words: &[&str], lang: Lang) -> Option<f64> {
        let v: Vec<(f64, &str)> = words
            .iter()
            .map(|w| (word_value(w, lang).expect("a number word").0, *w))
            .collect();
        combine(&v)
    }

    #[test]
    fn spelled_numbers() {
        assert_eq!(spelled(&["twenty", "three"], Lang::En), Some(23.0));
        assert_eq!(spelled(&["two", "hundred", "five"], Lang::En), Some(205.0));
        assert_eq!(spelled(&["three", "million"], Lang::En), Some(3e6));
        assert_eq!(spelled(&["five", "six"], Lang::En), None);
        assert_eq!(spelled(&["vingt", "trois"], Lang::Fr), Some(23.0));
        assert_eq!(spelled(&["soixante", "dix"], Lang::Fr), Some(70.0));
        assert_eq!(spelled(&["soixante", "dix", "sept"], Lang::Fr), Some(77.0));
        assert_eq!(spelled(&["quatre", "vingt", "dix", "neuf"], Lang::Fr), Some(99.0));
        assert_eq!(spelled(&["quatre", "vingts"], Lang::Fr), Some(80.0));
        assert_eq!(spelled(&["deux", "cents"], Lang::Fr), Some(200.0));
        assert_eq!(spelled(&["deux", "millions"], Lang::Fr), Some(2e6));
        assert_eq!(spelled(&["vingt", "un"], Lang::Fr), Some(21.0));
        assert_eq!(word_value("centaine", Lang::Fr), Some((100.0, true)));
    }
}
