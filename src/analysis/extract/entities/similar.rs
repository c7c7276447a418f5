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

/// [`likely_variant`] on words already passed through [`fold_word`].
pub fn likely_variant_folded(fa: &str, fb: &str) -> bool {
    if fa == fb || fa.is_empty() || fb.is_empty() {
        return false;
    }
    let (la, lb) = (fa.chars().count(), fb.chars().count());
    let shortest = la.min(lb);
    if shortest < 4 {
        return false;
    }
    if fa.chars().next() != fb.chars().next() {
        return false;
    }
    // Declined, possessive and derived forms: Kennedy/Kennedys, Jones/Joneses, Africa/African.
    for suffix in ["s", "es", "'s", "n", "an", "ian", "ese", "i"] {
        if fa.strip_suffix(suffix) == Some(fb) || fb.strip_suffix(suffix) == Some(fa) {
            return false;
        }
    }
    if la.abs_diff(lb) > 2 {
        return false;
    }
    // The restricted distance (no edit between two swapped letters) is much cheaper and never
    // below the true Damerau-Levenshtein distance; at 1 or 2 they agree (one edit is one edit
    // for both). Only above 2 may the true distance still be 2.
    let d = match osa_distance_capped(fa, fb) {
        d @ (1 | 2) => d,
        _ if shortest < 7 || strsim::jaro_winkler(fa, fb) < 0.9 => return false,
        _ => strsim::damerau_levenshtein(fa, fb),
    };
    if d == 1 {
        return true;
    }
    d == 2 && shortest >= 7 && strsim::jaro_winkler(fa, fb) >= 0.9
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

/// [`strsim::osa_distance`], but 3 for any distance above 2, and without allocating for the
/// short ASCII words names are made of (stopping as soon as two rows of the table exceed 2).
fn osa_distance_capped(a: &str, b: &str) -> usize {
    const MAX: usize = 32;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > MAX || b.len() > MAX || !a.is_ascii() || !b.is_ascii() {
        return strsim::osa_distance(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        )
        .min(3);
    }
    // Three rows of the edit-distance table, used in turn: row `i` lives in `rows[i % 3]`.
    let mut rows = [[0usize; MAX + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    let mut prev_min = 0;
    for i in 1..=a.len() {
        let [r0, r1, r2] = &mut rows;
        // (row i - 2, row i - 1, row i)
        let (back2, prev, cur) = match i % 3 {
            0 => (&*r1, &*r2, r0),
            1 => (&*r2, &*r0, r1),
            _ => (&*r0, &*r1, r2),
        };
        cur[0] = i;
        let mut min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (cur[j - 1] + 1).min(prev[j] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != b[j - 1] {
                d = d.min(back2[j - 2] + 1);
            }
            cur[j] = d;
            min = min.min(d);
        }
        // Every later cell comes from one of these two rows (or its left neighbour) plus
        // something: once both exceed 2, so does the distance.
        if min > 2 && prev_min > 2 {
            return 3;
        }
        prev_min = min;
    }
    rows[a.len() % 3][b.len()].min(3)
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

    proptest::proptest! {
        #[test]
        fn the_restricted_distance_is_strsims(a in "[abc]{0,12}|[aé]{0,3}", b in "[abc]{0,12}|[aé]{0,3}") {
            proptest::prop_assert_eq!(osa_distance_capped(&a, &b), strsim::osa_distance(&a, &b).min(3));
        }

        #[test]
        fn the_restricted_distance_first_changes_nothing(
            a in "[abc][abcd]{2,9}",
            edits in proptest::collection::vec((0..4u8, 0..12usize, "[abcd]"), 0..4),
        ) {
            // b is a few insertions, deletions, changes and swaps away from a.
            let mut b: Vec<char> = a.chars().collect();
            for (kind, at, c) in edits {
                let c = c.chars().next().unwrap_or('a');
                let at = at.min(b.len().saturating_sub(1));
                match kind {
                    0 => b.insert(at, c),
                    1 if b.len() > 1 => { b.remove(at); }
                    2 if !b.is_empty() => b[at] = c,
                    _ if at + 1 < b.len() => b.swap(at, at + 1),
                    _ => {}
                }
            }
            let b: String = b.into_iter().collect();
            proptest::prop_assert_eq!(likely_variant_folded(&a, &b), likely_variant_reference(&a, &b));
            proptest::prop_assert_eq!(likely_variant_folded(&b, &a), likely_variant_reference(&b, &a));
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
