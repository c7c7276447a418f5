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
    let d = match strsim::osa_distance(fa, fb) {
        d @ (1 | 2) => d,
        _ if shortest < 7 || strsim::jaro_winkler(fa, fb) < 0.9 => return false,
        _ => strsim::damerau_levenshtein(fa, fb),
    };
    if d == 1 {
        return true;
    }
    d == 2 && shortest >= 7 && strsim::jaro_winkler(fa, fb) >= 0.9
}

/// Words indexed by their deletion neighbourhoods (as in SymSpell), to find the few words
/// [`likely_variant_folded`] may pair with a query without comparing it with every word.
///
/// A word of 4 to 6 letters is filed under itself and every string with one letter deleted; a
/// word of 7 letters or more also under every string with two letters deleted. Two words at
/// Damerau-Levenshtein distance `d` (transpositions unrestricted) have a common subsequence
/// reached from each by at most `d` deletions (a changed letter is deleted from both, an added
/// one from one side, a swapped pair loses one of its letters on both sides), and
/// [`likely_variant_folded`] accepts distance 1, or distance 2 between words of 7 letters or
/// more, never a word under 4 letters: such pairs always share a key. The keys are hashes, so
/// a candidate may be a false one; callers confirm with [`likely_variant_folded`].
#[derive(Debug, Default)]
pub struct VariantIndex {
    /// For each key hash, the range of `ids` filed under it.
    keys: rustc_hash::FxHashMap<u64, (u32, u32)>,
    ids: Vec<u32>,
}

impl VariantIndex {
    /// Indexes `words` (already passed through [`fold_word`]); a word's id is its position.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> VariantIndex {
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        let mut chars = Vec::new();
        for (id, w) in words.into_iter().enumerate() {
            deletion_keys(w, &mut chars, |k| pairs.push((k, id as u32)));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut index = VariantIndex {
            keys: rustc_hash::FxHashMap::default(),
            ids: Vec::with_capacity(pairs.len()),
        };
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let start = index.ids.len() as u32;
            index.ids.extend(run.iter().map(|&(_, id)| id));
            index.keys.insert(run[0].0, (start, index.ids.len() as u32));
        }
        index
    }

    /// The ids of the indexed words that may be likely variants of `word` (a [`fold_word`]),
    /// sorted, each once; `word` itself among them when indexed.
    pub fn candidates(&self, word: &str, out: &mut Vec<u32>) {
        out.clear();
        let mut chars = Vec::new();
        deletion_keys(word, &mut chars, |k| {
            if let Some(&(start, end)) = self.keys.get(&k) {
                out.extend_from_slice(&self.ids[start as usize..end as usize]);
            }
        });
        out.sort_unstable();
        out.dedup();
    }
}

/// Calls `key` with the hash of `word` and of every string made by deleting one letter (two
/// letters too, for words of 7 letters or more); nothing for words under 4 letters.
fn deletion_keys(word: &str, chars: &mut Vec<char>, mut key: impl FnMut(u64)) {
    use std::hash::Hasher;
    chars.clear();
    chars.extend(word.chars());
    let n = chars.len();
    if n < 4 {
        return;
    }
    let hash = |skip1: usize, skip2: usize| {
        let mut h = rustc_hash::FxHasher::default();
        for (i, &c) in chars.iter().enumerate() {
            if i != skip1 && i != skip2 {
                h.write_u32(c as u32);
            }
        }
        h.write_usize(n - usize::from(skip1 < n) - usize::from(skip2 < n));
        h.finish()
    };
    key(hash(n, n));
    for i in 0..n {
        key(hash(i, n));
        if n >= 7 {
            for j in i + 1..n {
                key(hash(i, j));
            }
        }
    }
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
