//! One segmentation pass over the prose: blocks (paragraphs), sentences and words, all as byte
//! spans of the original file. Every extractor and check reads this instead of re-splitting.

use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::lang::{self, Lang};
use crate::markup::{Block, BlockKind, Format, Markup};
use crate::text::Span;

/// A sentence inside one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Document::blocks`].
    pub block: usize,
}

/// A word: letters, digits and marks, with inner hyphens and apostrophes (`a-t-il`, `don't`);
/// a French elision is its own word (`l'`, `qu'`), so `l'armée` is `l'` + `armée`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
}

/// The segmented article.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's text exactly as read.
    pub text: String,
    pub markup: Markup,
    pub lang: Lang,
    pub sentences: Vec<Sentence>,
    pub words: Vec<Word>,
}

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*").expect("valid regex"));

const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

impl Document {
    /// Segments `text`. `lang` is the language already chosen; `None` detects it.
    pub fn new(text: &str, format: Format, lang: Option<Lang>) -> Document {
        Document::from_markup(text, Markup::parse(text, format), lang)
    }

    /// Segments `text` whose markup is already parsed.
    pub fn from_markup(text: &str, markup: Markup, lang: Option<Lang>) -> Document {
        let lang = lang.unwrap_or_else(|| {
            let sample: String = markup.prose.chars().take(20_000).collect();
            Lang::detect(&sample).unwrap_or_default()
        });
        let mut doc = Document {
            text: text.to_owned(),
            markup,
            lang,
            sentences: Vec::new(),
            words: Vec::new(),
        };
        doc.segment();
        doc
    }

    pub fn blocks(&self) -> &[Block] {
        &self.markup.blocks
    }

    /// The prose (non-prose blanked) under a span.
    pub fn prose(&self, span: Span) -> &str {
        span.text(&self.markup.prose)
    }

    /// The original text under a span.
    pub fn slice(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// Words of a sentence, as a slice of [`Document::words`].
    pub fn sentence_words(&self, sentence: usize) -> &[Word] {
        let start = self.words.partition_point(|w| w.sentence < sentence);
        let end = self.words.partition_point(|w| w.sentence <= sentence);
        &self.words[start..end]
    }

    /// The sentence containing a byte offset, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end < offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The block containing a byte offset, if any.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let blocks = self.blocks();
        let i = blocks.partition_point(|b| b.span.end < offset);
        (i < blocks.len() && blocks[i].span.start <= offset).then_some(i)
    }

    fn segment(&mut self) {
        let prose = &self.markup.prose;
        let abbreviations = lang::abbreviations(self.lang);
        // Blocks are split side by side, each numbering its sentences from 0; the numbers are
        // made document-wide when the blocks are put back in order.
        let blocks: Vec<(Vec<Sentence>, Vec<Word>)> = self
            .markup
            .blocks
            .par_iter()
            .enumerate()
            .map(|(bi, block)| {
                let (mut sentences, mut words) = (Vec::new(), Vec::new());
                for s in split_sentences(block.span.text(prose), abbreviations) {
                    let span = Span::new(block.span.start + s.start, block.span.start + s.end);
                    for m in WORD.find_iter(span.text(prose)) {
                        push_words(&mut words, span.start + m.start(), m.as_str(), sentences.len());
                    }
                    sentences.push(Sentence { span, block: bi });
                }
                (sentences, words)
            })
            .collect();
        self.sentences.reserve(blocks.iter().map(|(s, _)| s.len()).sum());
        self.words.reserve(blocks.iter().map(|(_, w)| w.len()).sum());
        for (sentences, words) in blocks {
            let first = self.sentences.len();
            self.sentences.extend(sentences);
            self.words.extend(words.into_iter().map(|w| Word {
                sentence: first + w.sentence,
                ..w
            }));
        }
    }

    /// Is a block a heading (titles are not sentences of the story)?
    pub fn is_heading(&self, block: usize) -> bool {
        self.blocks().get(block).is_some_and(|b| b.kind == BlockKind::Heading)
    }
}

fn push_words(words: &mut Vec<Word>, start: usize, word: &str, sentence: usize) {
    // Split French elisions off: l'armée -> l' + armée, qu'il -> qu' + il.
    if let Some(i) = word.find(['\'', '’']) {
        let head = &word[..i];
        if ELISIONS.contains(&head.to_lowercase().as_str()) {
            let apostrophe = word[i..].chars().next().map_or(1, char::len_utf8);
            let cut = i + apostrophe;
            words.push(Word {
                span: Span::new(start, start + cut),
                sentence,
            });
            push_words(words, start + cut, &word[cut..], sentence);
            return;
        }
    }
    words.push(Word {
        span: Span::new(start, start + word.len()),
        sentence,
    });
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '›')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// Splits one block's text into sentence ranges (byte offsets into `text`, trimmed).
fn split_sentences(text: &str, abbreviations: &lang::WordList) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the whole run of terminal punctuation and closing marks.
            let mut j = i + 1;
            while j < chars.len() && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closer(chars[j].1)) {
                j += 1;
            }
            // Closing marks after spaces (French « … ! »).
            let mut k = j;
            while k < chars.len() && is_space(chars[k].1) {
                k += 1;
            }
            if k < chars.len() && matches!(chars[k].1, '»' | '”') {
                j = k + 1;
                k = j;
                while k < chars.len() && is_space(chars[k].1) {
                    k += 1;
                }
            }
            let had_space = k > j;
            let next = chars.get(k).map(|&(_, n)| n);
            let starts_new = match next {
                None => true,
                Some(n) => {
                    had_space
                        && (n.is_uppercase()
                            || n.is_numeric()
                            || matches!(n, '«' | '“' | '"' | '‘' | '—' | '–' | '-' | '(' | '['))
                }
            };
            if starts_new && !(c == '.' && is_abbreviation(text, at, abbreviations)) {
                let end = chars.get(j).map_or(text.len(), |&(o, _)| o);
                push_trimmed(&mut out, text, start, end);
                start = end;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut out, text, start, text.len());
    out
}

fn push_trimmed(out: &mut Vec<std::ops::Range<usize>>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trimmed = s.trim_matches(is_space);
    if !trimmed.is_empty() {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

/// Is the period at `dot` the end of an abbreviation or an initial (`M.`, `Dr.`, `U.S.`, `J.`)?
fn is_abbreviation(text: &str, dot: usize, abbreviations: &lang::WordList) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '°'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if abbreviations.contains(&lower) {
        return true;
    }
    // "p. ex." and other abbreviations spelled with a space.
    if let Some(prev) = before[..word_start].trim_end().rsplit(' ').next() {
        let two = format!("{} {lower}", prev.to_lowercase());
        if abbreviations.contains(&two) {
            return true;
        }
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    // A single capital (an initial: "J. K. Rowling") or dotted capitals (U.S.).
    let single_capital = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    single_capital || (word.contains('.') && word.chars().all(|c| c.is_uppercase() || c == '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, lang: Lang) -> Vec<String> {
        let d = Document::new(text, Format::PlainText, Some(lang));
        d.sentences.iter().map(|s| d.slice(s.span).to_owned()).collect()
    }

    #[test]
    fn french_abbreviations_guillemets_and_incises() {
        let s = sentences(
            "M. Dupont est arrivé. « C'est fini ! » a-t-il lancé. Mme Durand, p. ex. la maire, part à 3,5 km.",
            Lang::Fr,
        );
        assert_eq!(
            s,
            [
                "M. Dupont est arrivé.",
                "« C'est fini ! » a-t-il lancé.",
                "Mme Durand, p. ex. la maire, part à 3,5 km."
            ]
        );
    }

    #[test]
    fn english_titles_initials_and_quotes() {
        let s = sentences(
            "Gen. J. R. Smith of the U.S. Army spoke. \"We are done.\" She left at 3.5 p.m. on Monday. Then?",
            Lang::En,
        );
        assert_eq!(
            s,
            [
                "Gen. J. R. Smith of the U.S. Army spoke.",
                "\"We are done.\"",
                "She left at 3.5 p.m. on Monday.",
                "Then?"
            ]
        );
    }

    #[test]
    fn elisions_are_words_of_their_own() {
        let d = Document::new(
            "L’armée d'Irak qu'il aujourd’hui don't",
            Format::PlainText,
            Some(Lang::Fr),
        );
        let w: Vec<_> = d.words.iter().map(|w| d.slice(w.span)).collect();
        assert_eq!(w, ["L’", "armée", "d'", "Irak", "qu'", "il", "aujourd’hui", "don't"]);
    }
}
