//! When two spellings are one name written two ways.

use crate::kb;

/// Are `a` and `b` (single words) likely two spellings of one name: a typo (one letter added,
/// dropped, changed or two swapped), or a transliteration (Zelensky/Zelenskyy, Kadhafi/Khadafi,
/// Mossoul/Mosoul)? Not: the same word with other accents or capitals (Etat/État,
/// SKYNEWS/Skynews), a plural or possessive (Kennedy/Kennedys), or short words (Ed/Ted).
pub fn likely_variant(a: &str, b: &str) -> bool {
    likely_variant_folded(&fold_word(a), &fold_word(b))
}

/// The key [`likely_variant_folded`] compares (hyphens stay: "Nano-Satellite" is one word).
pub fn fold_word(w: &str) -> String {
    kb::fold(w).replace(' ', "-")
}

/// [`likely_variant`] on words already passed through [`fold_word`]. Symmetric: the answer for
/// (`fa`, `fb`) is the answer for (`fb`, `fa`), so callers may judge each pair once.
pub fn likely_variant_folded(fa: &str, fb: &str) -> bool {
    if fa == fb || fa.is_empty() || fb.is_empty() || fa.chars().next() != fb.chars().next() {
        return false;
    }
    // Folded words are nearly always ASCII: one byte, one character.
    let ascii = fa.is_ascii() && fb.is_ascii();
    let (la, lb) = if ascii {
        (fa.len(), fb.len())
    } else {
        (fa.chars().count(), fb.chars().count())
    };
    let shortest = la.min(lb);
    if shortest < 4 || la.abs_diff(lb) > 2 {
        return false;
    }
    // Declined, possessive and derived forms: Kennedy/Kennedys, Jones/Joneses, Africa/African.
    // (A suffix is never empty: words of one length are never one plus a suffix.)
    if la != lb
        && ["s", "es", "'s", "n", "an", "ian", "ese", "i"]
            .iter()
            .any(|suffix| fa.strip_suffix(suffix) == Some(fb) || fb.strip_suffix(suffix) == Some(fa))
    {
        return false;
    }
    // One edit; or two in a long word whose letters mostly stay in place (a transliteration).
    match damerau_levenshtein_within(fa, fb, if shortest >= 7 { 2 } else { 1 }) {
        Some(1) => true,
        Some(2) => jaro_winkler(fa, fb) >= 0.9,
        _ => false,
    }
}

/// Words filed by first letter and length, to find the few words [`likely_variant_folded`] may
/// pair with a query without comparing it with every word.
///
/// [`likely_variant_folded`] only pairs words with the same first letter, lengths at most 2
/// apart, and a Damerau-Levenshtein distance of 1, or 2 for words of 7 letters or more. An edit
/// changes how many times each letter occurs by at most 2 in all (a changed letter), 1 (an added
/// or dropped one) or 0 (a swap), so such words also differ by at most 4 letter counts (2 when
/// either is under 7 letters): a cheap test that rules out most of a bucket. Callers confirm
/// with [`likely_variant_folded`].
#[derive(Debug, Default)]
pub struct VariantIndex {
    /// By first letter: (length in characters, letter counts, id), sorted by length.
    buckets: rustc_hash::FxHashMap<char, Vec<(usize, Letters, u32)>>,
}

/// How many times each letter occurs (letters sharing their last five bits share a count, which
/// can only make two words look closer).
type Letters = [u8; 32];

fn letters(word: &str) -> (usize, Letters) {
    let mut counts = [0u8; 32];
    let mut n = 0;
    for c in word.chars() {
        let slot = &mut counts[c as usize % 32];
        *slot = slot.saturating_add(1);
        n += 1;
    }
    (n, counts)
}

impl VariantIndex {
    /// Indexes `words` (already passed through [`fold_word`]); a word's id is its position.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> VariantIndex {
        let mut buckets: rustc_hash::FxHashMap<char, Vec<(usize, Letters, u32)>> = Default::default();
        for (id, w) in words.into_iter().enumerate() {
            let (n, counts) = letters(w);
            if let Some(first) = w.chars().next()
                && n >= 4
            {
                buckets.entry(first).or_default().push((n, counts, id as u32));
            }
        }
        for bucket in buckets.values_mut() {
            bucket.sort_by_key(|&(n, _, id)| (n, id));
        }
        VariantIndex { buckets }
    }

    /// The ids of the indexed words that may be likely variants of `word` (a [`fold_word`]),
    /// sorted, each once; `word` itself among them when indexed.
    pub fn candidates(&self, word: &str, out: &mut Vec<u32>) {
        out.clear();
        let (n, counts) = letters(word);
        let Some(bucket) = word.chars().next().and_then(|c| self.buckets.get(&c)) else {
            return;
        };
        if n < 4 {
            return;
        }
        let from = bucket.partition_point(|&(m, _, _)| m + 2 < n);
        for &(m, ref other, id) in bucket[from..].iter().take_while(|&&(m, _, _)| m <= n + 2) {
            let differ: u32 = counts.iter().zip(other).map(|(&a, &b)| u32::from(a.abs_diff(b))).sum();
            if differ <= if n.min(m) >= 7 { 4 } else { 2 } {
                out.push(id);
            }
        }
        out.sort_unstable();
    }
}

/// [`strsim::damerau_levenshtein`] (the true distance, where letters may also be added or
/// dropped between two swapped ones) when it is at most `max` (1 or 2), without allocating for
/// ASCII words.
///
/// The letters both words begin and end with change nothing; between them, a cell of the
/// edit-distance table is at least how far it lies from the diagonal, so only the band of cells
/// at most 2 from it matters, the rest counting as "above `max`". Row `i` is kept as its five
/// cells from column `i - 2` to `i + 2`: cell `k` of row `i` is column `i + k - 2`. Besides a
/// letter added, dropped or changed, a cell may come from a swap of two letters with at most one
/// letter between them (Lowrance and Wagner's recurrence with the swap's cost kept under 3: a
/// swap across more letters costs at least 3).
fn damerau_levenshtein_within(a: &str, b: &str, max: usize) -> Option<usize> {
    debug_assert!(max <= 2);
    if !a.is_ascii() || !b.is_ascii() {
        return Some(strsim::damerau_levenshtein(a, b)).filter(|&d| d <= max);
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Cells above `max` count as one more.
    let far = max as u8 + 1;
    // Rows i - 3, i - 2, i - 1 and i; row 0 is the distance from the empty string.
    let (mut back3, mut back2, mut prev) = ([far; 5], [far; 5], [far; 5]);
    for (k, cell) in prev.iter_mut().enumerate().skip(2) {
        if k - 2 <= b.len() {
            *cell = (k as u8 - 2).min(far);
        }
    }
    // With a[..i] and b[..j] (in letters from 1, a_i and b_j their last ones):
    for i in 1..=a.len() {
        let mut cur = [far; 5];
        for k in 0..5 {
            let Some(j) = (i + k).checked_sub(2).filter(|&j| j <= b.len()) else {
                continue;
            };
            if j == 0 {
                cur[k] = i.min(usize::from(far)) as u8;
                continue;
            }
            let left = if k > 0 { cur[k - 1] } else { far };
            let up = if k < 4 { prev[k + 1] } else { far };
            let mut d = (left + 1).min(up + 1).min(prev[k] + u8::from(a[i - 1] != b[j - 1]));
            // a ends "xy", b ends "yx": one swap after a[..i - 2] and b[..j - 2].
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(back2[k] + 1);
            }
            // a ends "x?y", b ends "yx": a letter dropped and a swap, after a[..i - 3] and b[..j - 2].
            if i > 2 && j > 1 && k < 4 && a[i - 1] == b[j - 2] && a[i - 3] == b[j - 1] {
                d = d.min(back3[k + 1] + 2);
            }
            // a ends "xy", b ends "y?x": a letter added and a swap, after a[..i - 2] and b[..j - 3].
            if i > 1 && j > 2 && k > 0 && a[i - 1] == b[j - 3] && a[i - 2] == b[j - 1] {
                d = d.min(back2[k - 1] + 2);
            }
            cur[k] = d.min(far);
        }
        // Every later cell comes from these three rows (or its left neighbours) plus something:
        // once all exceed `max`, so does the distance.
        if [&cur, &prev, &back2].iter().all(|row| row.iter().all(|&d| d == far)) {
            return None;
        }
        (back3, back2, prev) = (back2, prev, cur);
    }
    // The last cell: column b.len() of row a.len().
    let d = prev[b.len() + 2 - a.len()];
    (d < far).then_some(usize::from(d))
}

/// [`strsim::jaro_winkler`], the same number computed the same way, without allocating for
/// ASCII words of up to 64 letters (which letters are matched is kept in bit sets).
fn jaro_winkler(a: &str, b: &str) -> f64 {
    if !a.is_ascii() || !b.is_ascii() || a.len() > 64 || b.len() > 64 {
        return strsim::jaro_winkler(a, b);
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let sim = jaro_ascii(a, b);
    if sim > 0.7 {
        let prefix_length = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix_length as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// [`strsim::jaro`] on ASCII words of up to 64 letters.
fn jaro_ascii(a: &[u8], b: &[u8]) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    let search_range = (a_len.max(b_len) / 2).saturating_sub(1);
    // Bit i: letter i is matched.
    let (mut a_flags, mut b_flags) = (0u64, 0u64);
    let mut matches = 0_usize;
    for (i, &x) in a.iter().enumerate() {
        let from = i.saturating_sub(search_range);
        let to = b_len.min(i + search_range + 1);
        if let Some(j) = (from..to).find(|&j| b[j] == x && b_flags & (1 << j) == 0) {
            a_flags |= 1 << i;
            b_flags |= 1 << j;
            matches += 1;
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // The matched letters of each word in order: a pair that differs is half a transposition.
    let transpositions = matched(a, a_flags)
        .zip(matched(b, b_flags))
        .filter(|(x, y)| x != y)
        .count()
        / 2;
    ((matches as f64 / a_len as f64)
        + (matches as f64 / b_len as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

/// The letters of `w` whose bits are set in `flags`, in order.
fn matched(w: &[u8], flags: u64) -> impl Iterator<Item = u8> + '_ {
    w.iter()
        .enumerate()
        .filter(move |&(i, _)| flags & (1 << i) != 0)
        .map(|(_, &x)| x)
}

/// Is `b` `a` with two neighbouring letters swapped (the commonest typing slip)?
pub fn is_transposition(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    diff.len() == 2 && diff[1] == diff[0] + 1 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_non_variants() {
        for (a, b) in [
            ("Zelensky", "Zelenskyy"),
            ("Kadhafi", "Khadafi"),
            ("Mossoul", "Mosoul"),
            ("Starship", "Starhip"),
            ("Bonucci", "Bonnucci"),
            ("Holloway", "Hollowya"),
        ] {
            assert!(likely_variant(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Ed", "Ted"),
            ("Etat", "État"),
            ("SKYNEWS", "Skynews"),
            ("Kennedy", "Kennedys"),
            ("Harris", "Morris"),
        ] {
            assert!(!likely_variant(a, b), "{a} / {b}");
        }
        // A swap with a letter added between: 2 edits, where the restricted distance says 3.
        assert_eq!(damerau_levenshtein_within("ca", "abc", 2), Some(2));
        assert_eq!(damerau_levenshtein_within("abcdefgh", "abdxcefgh", 2), Some(2));
        assert_eq!(damerau_levenshtein_within("abcdefgh", "abdxcefgh", 1), None);
        assert!(!is_transposition("Trump", "Tmurp"));
        assert!(is_transposition("Trump", "Trmup"));
    }

    /// [`likely_variant_folded`] as first written, with the true distance for every pair.
    fn likely_variant_reference(fa: &str, fb: &str) -> bool {
        if fa == fb || fa.is_empty() || fb.is_empty() {
            return false;
        }
        let (la, lb) = (fa.chars().count(), fb.chars().count());
        let shortest = la.min(lb);
        if shortest < 4 || fa.chars().next() != fb.chars().next() {
            return false;
        }
        for suffix in ["s", "es", "'s", "n", "an", "ian", "ese", "i"] {
            if fa.strip_suffix(suffix) == Some(fb) || fb.strip_suffix(suffix) == Some(fa) {
                return false;
            }
        }
        if la.abs_diff(lb) > 2 {
            return false;
        }
        let d = strsim::damerau_levenshtein(fa, fb);
        d == 1 || d == 2 && shortest >= 7 && strsim::jaro_winkler(fa, fb) >= 0.9
    }

    /// [`damerau_levenshtein_within`] agrees with strsim for both caps.
    fn within_is_strsims(a: &str, b: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let d = strsim::damerau_levenshtein(a, b);
        for max in [1, 2] {
            proptest::prop_assert_eq!(damerau_levenshtein_within(a, b, max), Some(d).filter(|&d| d <= max));
        }
        Ok(())
    }

    /// `a` after a few edits, each (kind, place, letter): insert, delete, change, or swap with
    /// the next letter.
    fn edited(a: &str, edits: Vec<(u8, usize, String)>) -> String {
        let mut b: Vec<char> = a.chars().collect();
        for (kind, at, c) in edits {
            let c = c.chars().next().unwrap_or('a');
            let at = at.min(b.len().saturating_sub(1));
            match kind {
                0 => b.insert(at, c),
                1 if b.len() > 1 => {
                    b.remove(at);
                }
                2 if !b.is_empty() => b[at] = c,
                _ if at + 1 < b.len() => b.swap(at, at + 1),
                _ => {}
            }
        }
        b.into_iter().collect()
    }

    proptest::proptest! {
        #[test]
        fn the_distance_within_is_strsims(a in "[abc]{0,12}|[aé]{0,3}", b in "[abc]{0,12}|[aé]{0,3}") {
            within_is_strsims(&a, &b)?;
        }

        #[test]
        fn likely_variant_is_the_reference(
            a in "[abc][abcd]{2,9}",
            edits in proptest::collection::vec((0..4u8, 0..12usize, "[abcd]"), 0..4),
        ) {
            // b is a few insertions, deletions, changes and swaps away from a.
            let b = edited(&a, edits);
            proptest::prop_assert_eq!(likely_variant_folded(&a, &b), likely_variant_reference(&a, &b));
            proptest::prop_assert_eq!(likely_variant_folded(&b, &a), likely_variant_reference(&b, &a));
        }

        #[test]
        fn the_distance_within_is_strsims_for_long_words(a in "[ab]{20,40}", start in "[abc]{0,4}", end in "[abc]{0,4}") {
            // b is a with its ends changed (a few edits at most).
            let b = format!("{start}{}{end}", &a[start.len()..a.len() - end.len()]);
            within_is_strsims(&a, &b)?;
        }

        /// Words a few edits apart, where swaps across a letter are common.
        #[test]
        fn the_distance_within_is_strsims_near_the_cap(
            a in "[abcd]{0,10}",
            edits in proptest::collection::vec((0..4u8, 0..12usize, "[abcd]"), 0..4),
        ) {
            let b = edited(&a, edits);
            within_is_strsims(&a, &b)?;
        }

        #[test]
        fn jaro_winkler_is_strsims(a in "[abcd]{0,14}|[ab]{60,70}|[aé]{0,4}", b in "[abcd]{0,14}|[ab]{60,70}|[aé]{0,4}") {
            proptest::prop_assert_eq!(jaro_winkler(&a, &b).to_bits(), strsim::jaro_winkler(&a, &b).to_bits());
        }

        /// Words with apostrophes, hyphens, accents and the suffixes that make inflections.
        #[test]
        fn likely_variant_is_the_reference_both_ways(
            a in "[ab][abens'é-]{3,12}",
            edits in proptest::collection::vec((0..4u8, 0..14usize, "[abens'é-]"), 0..4),
        ) {
            let b = edited(&a, edits);
            proptest::prop_assert_eq!(likely_variant_folded(&a, &b), likely_variant_reference(&a, &b));
            proptest::prop_assert_eq!(likely_variant_folded(&b, &a), likely_variant_folded(&a, &b));
        }

        /// The index finds every pair [`likely_variant_folded`] accepts.
        #[test]
        fn the_index_misses_no_variant(words in proptest::collection::vec("[abc]{1,3}[abcd-]{0,7}", 1..40)) {
            let folded: Vec<String> = words.iter().map(|w| fold_word(w)).collect();
            let index = VariantIndex::new(folded.iter().map(String::as_str));
            let mut found = Vec::new();
            for a in &folded {
                index.candidates(a, &mut found);
                for (i, b) in folded.iter().enumerate() {
                    if likely_variant_folded(a, b) || likely_variant_folded(b, a) {
                        proptest::prop_assert!(found.contains(&(i as u32)), "{a} / {b}");
                    }
                }
            }
        }
    }
}
