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
    let d = strsim::damerau_levenshtein(fa, fb);
    if d == 1 {
        return true;
    }
    d == 2 && shortest >= 7 && strsim::jaro_winkler(fa, fb) >= 0.9
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
}
