//! `text.repeated`: a passage of about eight words or more that appears twice.

use std::borrow::Cow;
use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use super::{Context, Rule};
use crate::analysis::{Document, Finding, Severity};
use crate::text::Span;

/// How many words in a row make a repeated passage.
const MIN_WORDS: usize = 8;
/// How many of them must be real words (three letters or more, not numbers): parallel phrasing
/// such as "2 in 10 say it describes X better" repeats short words on purpose.
const MIN_CONTENT_WORDS: usize = 6;

pub static RULE: Rule = Rule {
    code: "text.repeated",
    summary: "a passage of about eight words or more that appears twice, whatever its capitalisation",
    summary_fr: "un passage d'au moins huit mots qui figure deux fois, quelle que soit la casse",
    doc: "### What it does\n\
Finds a run of eight words or more that appears again later in the article, even inside another \
sentence and whatever its capitalisation, and reports it on its last occurrence with the earlier \
ones as related locations.\n\n\
### Why it matters\n\
Paragraphs moved during editing leave their old copy behind; readers notice a sentence printed \
twice long before editors do.\n\n\
### Example\n\
`The river rose two metres in the night and flooded the lower town.` … later … `Officials said \
the river rose two metres in the night and flooded the lower town.`",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

struct Run {
    /// Index of the first word of the later occurrence.
    later: usize,
    len: usize,
    /// First-word indices of the earlier occurrences, nearest first.
    earlier: Vec<usize>,
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let doc = ctx.doc;
    let words = word_ids(doc);
    let n = words.len();
    if n < MIN_WORDS * 2 {
        return Vec::new();
    }
    let window = |i: usize| &words[i..i + MIN_WORDS];
    // The latest position at which each eight-word window was seen. Windows are keyed by their
    // hash and a hit is confirmed on the words themselves: a collision could at worst hide a
    // repeat, never report one. The map is a third of the size of one keyed by the words (it was
    // the largest allocation of an analysis).
    let hash = |i: usize| rustc_hash::FxBuildHasher.hash_one(window(i));
    let mut last_seen: FxHashMap<u64, usize> =
        FxHashMap::with_capacity_and_hasher(n - MIN_WORDS + 1, rustc_hash::FxBuildHasher);
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    let mut indexed = 0; // windows before this index are in `last_seen`
    while i + MIN_WORDS <= n {
        while indexed < i {
            last_seen.insert(hash(indexed), indexed);
            indexed += 1;
        }
        let Some(&j) = last_seen.get(&hash(i)).filter(|&&j| window(j) == window(i)) else {
            i += 1;
            continue;
        };
        // Extend as far as both copies agree, never letting them overlap.
        let mut len = MIN_WORDS;
        while i + len < n && j + len < i && words[i + len] == words[j + len] {
            len += 1;
        }
        // A third occurrence: absorb the run whose later copy this one repeats.
        let mut earlier = vec![j];
        if let Some(k) = runs.iter().position(|r| r.later <= j && j < r.later + r.len) {
            let prev = runs.remove(k);
            earlier.extend(prev.earlier);
        }
        if is_passage(doc, i, len) && !is_title_echo(doc, i, j) {
            runs.push(Run { later: i, len, earlier });
        }
        i += len;
    }
    runs.into_iter()
        .map(|r| {
            let span_of = |start: usize| Span::new(doc.words[start].span.start, doc.words[start + r.len - 1].span.end);
            let span = span_of(r.later);
            let times = r.earlier.len() + 1;
            let message = if times == 2 {
                ctx.say(
                    format!("this passage of {} words already appears earlier", r.len),
                    format!("ce passage de {} mots figure déjà plus haut", r.len),
                )
            } else {
                ctx.say(
                    format!("this passage of {} words appears {times} times", r.len),
                    format!("ce passage de {} mots figure {times} fois", r.len),
                )
            };
            let mut f = Finding::new(RULE.code, span, Severity::Warning, message);
            for e in r.earlier {
                f = f.with_related(span_of(e), ctx.say("first written here", "déjà écrit ici"));
            }
            f
        })
        .collect()
}

/// Each word as a small id, equal for the same word whatever its case or apostrophe.
fn word_ids(doc: &Document) -> Vec<u32> {
    let mut ids: FxHashMap<Cow<'_, str>, u32> = FxHashMap::default();
    doc.words
        .iter()
        .map(|w| {
            let t = doc.slice(w.span);
            let key = if t
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            {
                Cow::Borrowed(t)
            } else {
                Cow::Owned(t.to_lowercase().replace('’', "'"))
            };
            let next = ids.len() as u32;
            *ids.entry(key).or_insert(next)
        })
        .collect()
}

/// Enough real words to be a passage rather than a formula.
fn is_passage(doc: &Document, start: usize, len: usize) -> bool {
    let content = doc.words[start..start + len]
        .iter()
        .filter(|w| {
            let t = doc.slice(w.span);
            t.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !t.chars().any(char::is_numeric)
        })
        .count();
    content >= MIN_CONTENT_WORDS
}

/// A headline or heading echoed in the body (a live blog repeats its title; a lede restates the
/// headline) is the form of the genre, not a paste error.
fn is_title_echo(doc: &Document, later: usize, earlier: usize) -> bool {
    let block_of = |w: usize| doc.sentences[doc.words[w].sentence].block;
    let (a, b) = (block_of(earlier), block_of(later));
    a == 0 || doc.is_heading(a) || doc.is_heading(b)
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::{check_rule, run};
    use crate::lang::Lang;

    #[test]
    fn a_sentence_repeated_inside_another_whatever_its_case() {
        check_rule(
            "text.repeated",
            Lang::En,
            None,
            r#"Flood in the valley
The river rose two metres in the night and flooded the lower town.
The mayor spoke at noon.
Officials said the river rose two metres in the night and flooded the lower town, again.
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ text.repeated
"#,
        );
    }

    #[test]
    fn three_copies_make_one_finding_on_the_last() {
        let text = "Reportage\n\
                    Au cœur des combats, dans les ruelles de Mossoul.\n\
                    Au cœur des combats, dans les ruelles de Mossoul Au cœur des combats, dans les ruelles de Mossoul.\n";
        let a = run(text, Lang::Fr, None);
        let f: Vec<_> = a.findings.iter().filter(|f| f.code == "text.repeated").collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].related.len(), 2);
        assert!(f[0].span.unwrap().start > text.rfind("Au cœur").unwrap() - 1);
    }

    #[test]
    fn parallel_phrasing_and_headline_echoes_are_not_slips() {
        check_rule(
            "text.repeated",
            Lang::En,
            None,
            r#"Rivers rise again in the north as rain keeps falling
The north saw more rain. Rivers rise again in the north as rain keeps falling, officials said.
About 3 in 10 say it describes Smith better, while 2 in 10 say it describes Jones better.
Also, 4 in 10 say it is fair, while 2 in 10 say it describes Jones better.
"#,
        );
    }

    #[test]
    fn seven_words_are_not_a_passage() {
        check_rule(
            "text.repeated",
            Lang::Fr,
            None,
            "Le conseil a voté le budget hier.\nPuis le conseil a voté le budget hier soir.\n",
        );
    }
}
