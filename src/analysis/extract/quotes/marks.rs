//! Quotation marks: which characters open or close a quotation, how they pair, and which are left
//! unpaired. Apostrophes (l’armée, don’t, ’90s, rock ’n’ roll, the students’ union) and inch or
//! minute marks (5'10", 45") are not quotation marks.
//!
//! Pairing runs paragraph by paragraph with a stack, so nested quotations (‘ ’ in “ ”, “ ” in « »,
//! even « in « ) pair from the inside out. A quotation still open at the end of a paragraph
//! continues into the next one when that paragraph opens with the same kind of mark (English
//! reopens with “ ; French repeats « or »): it stays ONE quotation.

use crate::analysis::document::Document;
use crate::lang::{self, Lang};
use crate::markup::BlockKind;
use crate::text::Span;

/// The kind of marks a quotation is written with; a closing mark only closes its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    /// “ ” and " (mixed " … ” is balanced).
    Double,
    /// « ».
    Guillemet,
    /// ‘ ’ and '.
    Single,
    /// ‹ ›.
    Angle,
}

/// How a quotation is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Marks(Family),
    /// A French dialogue dash opening a paragraph.
    Dash,
    /// A Q&A paragraph (`Q:`, `R :`, `Question :`).
    Interview,
    /// A Markdown block quote without marks of its own.
    BlockQuote,
}

/// A quotation found by its marks, before kinds and sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Raw {
    pub content: Span,
    pub open: Option<Span>,
    pub close: Option<Span>,
    pub form: Form,
}

/// A mark that does not pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unpaired {
    /// The mark.
    pub span: Span,
    /// `true` for an opening mark never closed, `false` for a closing mark never opened.
    pub opening: bool,
}

#[derive(Debug, Clone)]
struct Open {
    family: Family,
    mark: Span,
    /// A quotation of the same family opened inside this one in the current paragraph.
    nested_same: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

fn is_opening_glyph(c: char) -> bool {
    matches!(c, '“' | '«' | '‘' | '‹' | '"' | '\'')
}

/// Characters after which a mark is in opening position.
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => is_space(c) || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '«' | '‘' | '‹' | ':'),
    }
}

/// Characters before which a mark is in closing position.
fn closes_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            is_space(c)
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '…'
                        | '—'
                        | '–'
                        | '-'
                        | '”'
                        | '»'
                        | '’'
                        | '›'
                        | '"'
                        | '\''
                )
        }
    }
}

/// Finds every quotation delimited by marks, dashes, Q&A labels or block quotes, and the marks
/// that do not pair.
pub(super) fn scan(doc: &Document) -> (Vec<Raw>, Vec<Unpaired>) {
    let mut s = Scanner {
        doc,
        verbs: super::source::bundled_verb_forms(doc.lang),
        out: Vec::new(),
        unpaired: Vec::new(),
        stack: Vec::new(),
    };
    let blocks = doc.blocks();
    let mut reopened = false;
    for bi in 0..blocks.len() {
        s.block(bi, reopened);
        reopened = if s.wrapped(bi) {
            // A hard-wrapped line: the paragraph goes on, and so do its quotations.
            false
        } else {
            s.end_of_block(bi)
        };
    }
    s.line_forms();
    s.out
        .sort_by_key(|r| (r.content.start, std::cmp::Reverse(r.content.end)));
    s.out.dedup_by_key(|r| r.content);
    s.unpaired.sort_by_key(|u| u.span.start);
    (s.out, s.unpaired)
}

struct Scanner<'a> {
    doc: &'a Document,
    verbs: &'static rustc_hash::FxHashSet<String>,
    out: Vec<Raw>,
    unpaired: Vec<Unpaired>,
    stack: Vec<Open>,
}

impl Scanner<'_> {
    fn block(&mut self, bi: usize, carried: bool) {
        let block = self.doc.blocks()[bi];
        let text = block.span.text(&self.doc.markup.prose);
        let base = block.span.start;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut skip_first_reopen = carried;
        for (k, &(at, c)) in chars.iter().enumerate() {
            if !matches!(c, '"' | '“' | '”' | '«' | '»' | '‘' | '’' | '\'' | '‹' | '›') {
                if !is_space(c) {
                    skip_first_reopen = false;
                }
                continue;
            }
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let mark = Span::new(base + at, base + at + c.len_utf8());
            if skip_first_reopen {
                // The continuation paragraph's reopening mark belongs to the carried quotation.
                skip_first_reopen = false;
                continue;
            }
            let opening_pos = opens_after(prev) && next.is_some_and(|n| !is_space(n));
            let closing_pos = prev.is_some_and(|p| !is_space(p)) && closes_before(next);
            match c {
                '«' => self.open(Family::Guillemet, mark),
                '»' => self.close(Family::Guillemet, mark),
                '‹' => self.open(Family::Angle, mark),
                '›' => self.close(Family::Angle, mark),
                '“' => {
                    if closing_pos && !opening_pos && self.has_open(Family::Double) {
                        self.close(Family::Double, mark);
                    } else {
                        self.open(Family::Double, mark);
                    }
                }
                '”' => {
                    // A closing glyph in opening position, right after an opening mark or with
                    // nothing open, opens (”This…, or the doubled “” of a slip).
                    let after_opener = prev.is_some_and(is_opening_glyph);
                    if opening_pos && !closing_pos && (after_opener || !self.has_open(Family::Double)) {
                        self.open(Family::Double, mark);
                    } else {
                        self.close(Family::Double, mark);
                    }
                }
                '"' => {
                    if prev.is_some_and(|p| p.is_ascii_digit()) && (!self.has_open(Family::Double) || inch(&chars, k)) {
                        continue; // 5'10", 45"
                    }
                    // Position decides; when it cannot (spaces on both sides, or none), toggle.
                    let closes = if opening_pos != closing_pos {
                        closing_pos
                    } else {
                        self.has_open(Family::Double)
                    };
                    if closes {
                        self.close(Family::Double, mark);
                    } else {
                        self.open(Family::Double, mark);
                    }
                }
                '‘' | '\'' | '’' => self.single(&chars, k, mark, prev, next),
                _ => {}
            }
        }
    }

    /// Single marks: quotation only when they pair; an apostrophe otherwise.
    fn single(&mut self, chars: &[(usize, char)], k: usize, mark: Span, prev: Option<char>, next: Option<char>) {
        let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if letter(prev) && letter(next) {
            return; // l’armée, don’t
        }
        let opening_pos = opens_after(prev) && letter(next);
        let closing_pos = prev.is_some_and(|p| !is_space(p)) && closes_before(next);
        // ’90s, ’n’, 'tis: an elision after a space.
        let elision = next.is_some_and(|n| n.is_ascii_digit())
            || (next == Some('n') && chars.get(k + 2).is_some_and(|&(_, c)| matches!(c, '’' | '\'')));
        let open_single = self.has_open(Family::Single);
        if opening_pos && !elision && chars[k].1 != '’' {
            // Only open when a closing single mark follows in the paragraph.
            if has_single_closer(chars, k + 1) {
                self.open(Family::Single, mark);
            }
            return;
        }
        if closing_pos && open_single && !letter(next) {
            // "the students’ union": a plural possessive when another closer follows.
            let possessive = prev == Some('s')
                && chars.get(k + 2).is_some_and(|&(_, c)| c.is_lowercase())
                && has_single_closer(chars, k + 1);
            if !possessive {
                self.close(Family::Single, mark);
            }
        }
    }

    fn has_open(&self, family: Family) -> bool {
        self.stack.iter().any(|o| o.family == family)
    }

    fn open(&mut self, family: Family, mark: Span) {
        if let Some(top) = self.stack.last()
            && top.family == family
        {
            let between = &self.doc.markup.prose[top.mark.end..mark.start];
            if between.chars().all(is_space) {
                // “” or « « : the first mark is a slip that opens nothing.
                let stray = self.stack.pop().map(|o| o.mark);
                if let Some(stray) = stray
                    && family != Family::Single
                {
                    self.unpaired.push(Unpaired {
                        span: stray,
                        opening: true,
                    });
                }
            }
        }
        for o in self.stack.iter_mut().filter(|o| o.family == family) {
            o.nested_same = true;
        }
        self.stack.push(Open {
            family,
            mark,
            nested_same: false,
        });
    }

    fn close(&mut self, family: Family, mark: Span) {
        let Some(i) = self.stack.iter().rposition(|o| o.family == family) else {
            if family != Family::Single {
                self.unpaired.push(Unpaired {
                    span: mark,
                    opening: false,
                });
            }
            return;
        };
        for inner in self.stack.drain(i + 1..).collect::<Vec<_>>() {
            self.unclosed(inner, mark.start);
        }
        let Some(o) = self.stack.pop() else { return };
        if let Some(content) = trim(self.doc, o.mark.end, mark.start) {
            self.out.push(Raw {
                content,
                open: Some(o.mark),
                close: Some(mark),
                form: Form::Marks(family),
            });
        }
    }

    /// An opening mark never closed: reported, and read as a quotation up to `end`.
    fn unclosed(&mut self, o: Open, end: usize) {
        if o.family == Family::Single {
            return;
        }
        self.unpaired.push(Unpaired {
            span: o.mark,
            opening: true,
        });
        if let Some(content) = trim(self.doc, o.mark.end, end) {
            self.out.push(Raw {
                content,
                open: Some(o.mark),
                close: None,
                form: Form::Marks(o.family),
            });
        }
    }

    /// Decides whether the quotation open at the end of block `bi` continues into the next one.
    fn end_of_block(&mut self, bi: usize) -> bool {
        if self.stack.is_empty() {
            return false;
        }
        let blocks = self.doc.blocks();
        let block = blocks[bi];
        let bottom = self.stack[0].clone();
        let next_opens = blocks.get(bi + 1).is_some_and(|n| {
            let first = n.span.text(&self.doc.markup.prose).chars().find(|c| !is_space(*c));
            let reopen = match bottom.family {
                Family::Double => matches!(first, Some('“' | '"')),
                Family::Guillemet => matches!(first, Some('«' | '»')),
                _ => false,
            };
            reopen
                && n.kind == block.kind
                && block.kind != BlockKind::Heading
                // Nothing else between the two paragraphs.
                && self.doc.markup.prose[block.span.end..n.span.start].chars().all(is_space)
        });
        // Only a quotation opened at a sentence's start (or after an incise's comma) runs on.
        let sentence_start = bottom.mark.start < block.span.start || {
            let before = self.doc.markup.prose[block.span.start..bottom.mark.start].trim_end_matches(is_space);
            before.is_empty() || before.ends_with(['.', '!', '?', ':', ',', '…', '—', '–'])
        };
        let runs_on = !bottom.nested_same && sentence_start && !self.ends_with_incise(bi);
        let carry = runs_on && next_opens;
        // Some writers do not reopen at each paragraph: the next mark of the family met in the
        // following paragraphs is a closing one.
        let silent = runs_on && !next_opens && self.closer_ahead(bi, &bottom);
        let end = block.span.end;
        let inner: Vec<Open> = self.stack.drain(usize::from(carry || silent)..).collect();
        for o in inner.into_iter().rev() {
            self.unclosed(o, end);
        }
        carry
    }

    /// Is the first mark of `open`'s family in the next few paragraphs a closing one?
    fn closer_ahead(&self, bi: usize, open: &Open) -> bool {
        let blocks = self.doc.blocks();
        let glyph = self.doc.slice(open.mark).chars().next();
        let (opener, closer) = match (open.family, glyph) {
            (Family::Guillemet, _) => ('«', '»'),
            (Family::Double, Some('“')) => ('“', '”'),
            _ => return false,
        };
        for n in blocks.iter().skip(bi + 1).take(4) {
            if n.kind != blocks[bi].kind {
                return false;
            }
            let text = n.span.text(&self.doc.markup.prose);
            if let Some(c) = text
                .chars()
                .find(|&c| c == opener || c == closer || (closer == '”' && c == '"'))
            {
                return c == closer;
            }
        }
        false
    }

    /// Is block `bi` a line of a hard-wrapped paragraph (plain text cut at a fixed width): a long
    /// line without final punctuation, followed on the very next line by more text?
    fn wrapped(&self, bi: usize) -> bool {
        let blocks = self.doc.blocks();
        let (b, Some(n)) = (blocks[bi], blocks.get(bi + 1)) else {
            return false;
        };
        let text = b.span.text(&self.doc.markup.prose);
        let gap = &self.doc.markup.prose[b.span.end..n.span.start];
        b.kind == BlockKind::Paragraph
            && n.kind == BlockKind::Paragraph
            && gap.matches('\n').count() == 1
            && text.chars().count() >= 50
            && !text
                .trim_end()
                .ends_with(['.', '!', '?', ':', ';', '…', '»', '”', '"', '\'', '’', ')'])
    }

    /// Does the paragraph's last sentence read like a quotation whose closing mark was lost before
    /// its cue ("…, minister X told the paper.")? A quotation that runs on does not end that way.
    fn ends_with_incise(&self, bi: usize) -> bool {
        let doc = self.doc;
        let Some(last) = doc.sentences.iter().rposition(|s| s.block == bi) else {
            return false;
        };
        let text = doc.prose(doc.sentences[last].span);
        let Some(comma) = text.rfind(',') else { return false };
        let after = doc.sentences[last].span.start + comma;
        let words: Vec<String> = doc
            .sentence_words(last)
            .iter()
            .filter(|w| w.span.start > after)
            .map(|w| doc.slice(w.span).replace('’', "'"))
            .collect();
        let pronouns = lang::speaker_pronouns(doc.lang);
        let dets = lang::source_determiners(doc.lang);
        // ", he said" / ", minister X told" / ", said X" / ", a-t-il dit": a subject (a capital or
        // a pronoun) next to a speech verb; not ", qui se poursuit".
        let subject =
            |x: &String| x.chars().next().is_some_and(char::is_uppercase) || pronouns.contains(&x.to_lowercase());
        words.iter().enumerate().any(|(k, w)| {
            let lower = w.to_lowercase();
            if lower.contains("-t-") {
                return true;
            }
            let after = |x: &String| subject(x) || dets.contains(&x.to_lowercase());
            self.verbs.contains(&lower) && (words[..k].iter().any(subject) || words.get(k + 1).is_some_and(after))
        })
    }

    /// Dialogue dashes (French), Q&A labels and Markdown block quotes.
    fn line_forms(&mut self) {
        let doc = self.doc;
        let blocks = doc.blocks();
        let mut bi = 0;
        while bi < blocks.len() {
            let b = blocks[bi];
            let text = b.span.text(&doc.markup.prose);
            let lead = text.len() - text.trim_start_matches(is_space).len();
            let body = &text[lead..];
            if b.kind == BlockKind::BlockQuote {
                let mut last = bi;
                while last + 1 < blocks.len() && blocks[last + 1].kind == BlockKind::BlockQuote {
                    last += 1;
                }
                let starts_marked = body.starts_with(['“', '«', '"']);
                // A closing "— Name" line is the source, not the quotation.
                let mut content_end = last;
                if last > bi && dash_len(blocks[last].span.text(&doc.markup.prose).trim_start()).is_some() {
                    content_end = last - 1;
                }
                if !starts_marked {
                    self.out.push(Raw {
                        content: Span::new(b.span.start + lead, blocks[content_end].span.end),
                        open: None,
                        close: None,
                        form: Form::BlockQuote,
                    });
                }
                bi = last + 1;
                continue;
            }
            if b.kind != BlockKind::Heading {
                if doc.lang == Lang::Fr
                    && let Some(n) = dash_len(body)
                    && body.trim_end().ends_with(['.', '!', '?', '…', '»', '"', '”'])
                    && self.dialogue(bi)
                {
                    let start = b.span.start + lead;
                    if let Some(content) = trim(doc, start + n, b.span.end) {
                        self.out.push(Raw {
                            content,
                            open: Some(Span::new(start, start + body.chars().next().map_or(1, char::len_utf8))),
                            close: None,
                            form: Form::Dash,
                        });
                    }
                } else if let Some(n) = interview_label(body) {
                    let start = b.span.start + lead;
                    if let Some(content) = trim(doc, start + n, b.span.end) {
                        self.out.push(Raw {
                            content,
                            open: Some(Span::new(start, start + n)),
                            close: None,
                            form: Form::Interview,
                        });
                    }
                }
            }
            bi += 1;
        }
    }
}

impl Scanner<'_> {
    /// Is block `bi` in a run of dash paragraphs that holds a question (a dialogue or an
    /// interview), rather than a list of items?
    fn dialogue(&self, bi: usize) -> bool {
        let blocks = self.doc.blocks();
        let dash = |i: usize| {
            let t = blocks[i].span.text(&self.doc.markup.prose).trim_start_matches(is_space);
            dash_len(t).is_some().then_some(t)
        };
        let mut a = bi;
        while a > 0 && dash(a - 1).is_some() {
            a -= 1;
        }
        let mut b = bi;
        while b + 1 < blocks.len() && dash(b + 1).is_some() {
            b += 1;
        }
        (a..=b).any(|i| dash(i).is_some_and(|t| t.contains('?')))
    }
}

/// A dialogue dash and the spaces after it: its length in bytes.
fn dash_len(body: &str) -> Option<usize> {
    let mut it = body.char_indices();
    let (_, c) = it.next()?;
    if !matches!(c, '—' | '–') {
        return None;
    }
    let (i, sp) = it.next()?;
    is_space(sp).then(|| i + body[i..].len() - body[i..].trim_start_matches(is_space).len())
}

/// `Q:`, `A:`, `R :`, `Question :`, `Réponse :`, `Answer:`: the label's length with its spaces.
fn interview_label(body: &str) -> Option<usize> {
    for label in ["Question", "Réponse", "Answer", "Q", "R", "A"] {
        if let Some(rest) = body.strip_prefix(label) {
            let trimmed = rest.trim_start_matches(is_space);
            if let Some(after) = trimmed.strip_prefix(':').or_else(|| trimmed.strip_prefix('–')) {
                let after_trim = after.trim_start_matches(is_space);
                if after.len() != after_trim.len() && after_trim.chars().next().is_some_and(char::is_uppercase) {
                    return Some(body.len() - after_trim.len());
                }
            }
        }
    }
    None
}

/// Is the `"` at `k` the seconds mark of a measure like 5'10"?
fn inch(chars: &[(usize, char)], k: usize) -> bool {
    let mut j = k;
    while j > 0 && chars[j - 1].1.is_ascii_digit() {
        j -= 1;
    }
    j > 0 && matches!(chars[j - 1].1, '\'' | '’') && j >= 2 && chars[j - 2].1.is_ascii_digit()
}

/// Is there a single closing mark (not an apostrophe inside a word) at or after `from`?
fn has_single_closer(chars: &[(usize, char)], from: usize) -> bool {
    (from..chars.len()).any(|k| {
        let c = chars[k].1;
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        matches!(c, '’' | '\'')
            && prev.is_some_and(|p| !is_space(p))
            && !next.is_some_and(char::is_alphanumeric)
            && closes_before(next)
    })
}

/// The span between two offsets without its surrounding spaces; `None` when empty.
fn trim(doc: &Document, start: usize, end: usize) -> Option<Span> {
    if end <= start {
        return None;
    }
    let s = &doc.markup.prose[start..end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let t = s.trim_matches(is_space);
    (!t.is_empty()).then(|| Span::new(start + lead, start + lead + t.len()))
}
