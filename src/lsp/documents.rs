//! The text of one open document: a rope kept in step with the editor by incremental edits.
//!
//! Positions arrive in the negotiated [`Encoding`]; the rope finds the line and
//! [`text::column_offset`] (the one place that counts columns) finds the byte inside it. An edit
//! whose range lies past the end is clamped, as [`text::LineIndex::offset`] does: past a line's end
//! means the line's end (before its CRLF), a line past the last means the end of the text. An edit
//! that cannot be applied (an inverted range) leaves the document *out of sync*: no analysis, no
//! answers, until the editor sends the whole text again. Never a guess, never a panic.

use std::borrow::Cow;

use ropey::Rope;

use crate::text::{self, Encoding, LineCol};

/// One content change, in the editor's positions. No range: the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub range: Option<(LineCol, LineCol)>,
    pub text: String,
}

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The range ends before it starts.
    Inverted { start: LineCol, end: LineCol },
    /// An earlier edit failed; only a whole-text change can resynchronise.
    OutOfSync,
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Inverted { start, end } => write!(
                f,
                "edit range ends ({}:{}) before it starts ({}:{})",
                end.line, end.col, start.line, start.col
            ),
            EditError::OutOfSync => f.write_str("the document is out of sync; waiting for its full text"),
        }
    }
}

/// What applying a batch of changes did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    /// Some range lay past the end and was clamped.
    pub clamped: bool,
}

/// An open document's text and version.
#[derive(Debug, Clone)]
pub struct TextDocument {
    rope: Rope,
    version: i32,
    in_sync: bool,
}

impl TextDocument {
    pub fn new(text: &str, version: i32) -> TextDocument {
        TextDocument {
            rope: Rope::from_str(text),
            version,
            in_sync: true,
        }
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    /// False after an edit that could not be applied, until a whole-text change arrives.
    pub fn in_sync(&self) -> bool {
        self.in_sync
    }

    pub fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.rope.len_bytes() == 0
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies the changes of one `didChange` in order and takes its version. On an error the
    /// document is marked out of sync (the changes before the bad one stay applied: they are
    /// discarded anyway when the full text comes).
    pub fn apply(&mut self, changes: &[Change], version: i32, enc: Encoding) -> Result<Applied, EditError> {
        self.version = version;
        let mut applied = Applied::default();
        for change in changes {
            let Some((start, end)) = change.range else {
                self.rope = Rope::from_str(&change.text);
                self.in_sync = true;
                continue;
            };
            if !self.in_sync {
                return Err(EditError::OutOfSync);
            }
            let (a, clamped_a) = self.offset(start, enc);
            let (b, clamped_b) = self.offset(end, enc);
            if a > b {
                self.in_sync = false;
                return Err(EditError::Inverted { start, end });
            }
            applied.clamped |= clamped_a || clamped_b;
            let (ca, cb) = (self.rope.byte_to_char(a), self.rope.byte_to_char(b));
            self.rope.remove(ca..cb);
            self.rope.insert(ca, &change.text);
        }
        Ok(applied)
    }

    /// Byte offset of a position, clamped like [`text::LineIndex::offset`]; true when clamped.
    pub fn offset(&self, pos: LineCol, enc: Encoding) -> (usize, bool) {
        let line = pos.line as usize;
        if line >= self.rope.len_lines() {
            return (self.rope.len_bytes(), true);
        }
        let start = self.rope.line_to_byte(line);
        let slice: Cow<'_, str> = self.rope.line(line).into();
        let content = slice
            .strip_suffix("\r\n")
            .or_else(|| slice.strip_suffix(['\n', '\r']))
            .unwrap_or(&slice);
        let (o, clamped) = text::column_offset(content, pos.col, enc);
        (start + o, clamped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;
    use proptest::prelude::*;

    const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    fn edit(start: LineCol, end: LineCol, text: &str) -> Change {
        Change {
            range: Some((start, end)),
            text: text.to_owned(),
        }
    }

    #[test]
    fn edits_in_each_encoding_land_after_wide_characters() {
        let text = "« Été »\u{202f}😀 fin\r\nsuite";
        // Column of "fin" on line 0 in each encoding.
        for (enc, col) in [(Encoding::Utf8, 19), (Encoding::Utf16, 11), (Encoding::Utf32, 10)] {
            let mut d = TextDocument::new(text, 1);
            d.apply(&[edit(lc(0, col), lc(0, col + 3), "end")], 2, enc).unwrap();
            assert_eq!(d.text(), "« Été »\u{202f}😀 end\r\nsuite", "{enc:?}");
            assert_eq!(d.version(), 2);
        }
    }

    #[test]
    fn ranges_past_the_end_are_clamped() {
        let mut d = TextDocument::new("abc\r\ndef", 1);
        // Past the end of line 0: before its CRLF.
        let r = d.apply(&[edit(lc(0, 10), lc(0, 12), "!")], 2, Encoding::Utf16).unwrap();
        assert!(r.clamped);
        assert_eq!(d.text(), "abc!\r\ndef");
        // A line past the last: the end of the text.
        let r = d.apply(&[edit(lc(7, 0), lc(9, 3), "?")], 3, Encoding::Utf16).unwrap();
        assert!(r.clamped);
        assert_eq!(d.text(), "abc!\r\ndef?");
        // From inside the text to far past its end: everything after the start goes.
        d.apply(&[edit(lc(1, 1), lc(40, 0), "")], 4, Encoding::Utf8).unwrap();
        assert_eq!(d.text(), "abc!\r\nd");
        assert!(d.in_sync());
    }

    #[test]
    fn an_inverted_range_puts_the_document_out_of_sync_until_a_full_text() {
        let mut d = TextDocument::new("one\ntwo", 1);
        let err = d
            .apply(&[edit(lc(1, 2), lc(0, 1), "x")], 2, Encoding::Utf16)
            .unwrap_err();
        assert!(matches!(err, EditError::Inverted { .. }));
        assert!(!d.in_sync());
        assert_eq!(
            d.apply(&[edit(lc(0, 0), lc(0, 0), "y")], 3, Encoding::Utf16),
            Err(EditError::OutOfSync)
        );
        let full = Change {
            range: None,
            text: "fresh".into(),
        };
        d.apply(&[full, edit(lc(0, 5), lc(0, 5), "!")], 4, Encoding::Utf16)
            .unwrap();
        assert!(d.in_sync());
        assert_eq!(d.text(), "fresh!");
    }

    #[test]
    fn lone_cr_breaks_lines_like_the_line_index() {
        let mut d = TextDocument::new("a\rb\nc", 1);
        d.apply(&[edit(lc(1, 1), lc(1, 1), "X")], 2, Encoding::Utf16).unwrap();
        assert_eq!(d.text(), "a\rbX\nc");
    }

    /// Pieces random texts and edits are made of: accents, French quotes and spaces, an emoji,
    /// both line endings.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a", "B", " ", "é", "«", "»", "\u{202f}", "\u{a0}", "😀", "’", "\n", "\r\n", "the ", "et ",
        ])
    }

    fn snippet(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..max).prop_map(|v| v.concat())
    }

    fn encoding() -> impl Strategy<Value = Encoding> {
        prop::sample::select(ENCODINGS.to_vec())
    }

    /// Is `o` a position an editor can name (a char boundary, not between CR and LF)?
    fn nameable(s: &str, o: usize) -> bool {
        s.is_char_boundary(o) && !(o > 0 && s.as_bytes()[o - 1] == b'\r' && s.as_bytes().get(o) == Some(&b'\n'))
    }

    fn nearest_nameable(s: &str, mut o: usize) -> usize {
        o = o.min(s.len());
        while !nameable(s, o) {
            o -= 1;
        }
        o
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Valid edits named by positions computed from a String model: the rope follows exactly.
        #[test]
        fn rope_matches_string_model(
            init in snippet(30),
            enc in encoding(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), snippet(6)), 1..40),
        ) {
            let mut model = init.clone();
            let mut doc = TextDocument::new(&init, 0);
            for (i, (a, b, insert)) in edits.into_iter().enumerate() {
                let x = nearest_nameable(&model, a.index(model.len() + 1));
                let y = nearest_nameable(&model, b.index(model.len() + 1));
                let (x, y) = (x.min(y), x.max(y));
                let idx = LineIndex::new(&model);
                let (px, py) = (idx.position(&model, x, enc), idx.position(&model, y, enc));
                model.replace_range(x..y, &insert);
                let r = doc.apply(&[edit(px, py, &insert)], i as i32 + 1, enc);
                prop_assert_eq!(r, Ok(Applied { clamped: false }));
                prop_assert_eq!(doc.text(), model.clone());
            }
        }

        /// Any positions at all, past the end included: the rope clamps exactly as the line index.
        #[test]
        fn clamping_matches_the_line_index(
            init in snippet(30),
            enc in encoding(),
            edits in prop::collection::vec((0u32..8, 0u32..40, 0u32..8, 0u32..40, snippet(4)), 1..30),
        ) {
            let mut model = init.clone();
            let mut doc = TextDocument::new(&init, 0);
            for (l1, c1, l2, c2, insert) in edits {
                let idx = LineIndex::new(&model);
                let (mut s, mut e) = (lc(l1, c1), lc(l2, c2));
                let (mut x, _) = idx.offset(&model, s, enc);
                let (mut y, _) = idx.offset(&model, e, enc);
                if x > y {
                    std::mem::swap(&mut s, &mut e);
                    std::mem::swap(&mut x, &mut y);
                }
                model.replace_range(x..y, &insert);
                prop_assert!(doc.apply(&[edit(s, e, &insert)], 1, enc).is_ok());
                prop_assert_eq!(doc.text(), model.clone());
            }
        }
    }
}
