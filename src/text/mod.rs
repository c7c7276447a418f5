//! Byte spans and the one place where positions are converted.
//!
//! Everything inside copydesk speaks UTF-8 byte offsets into the file exactly as read (CRLF kept),
//! as half-open [`Span`]s. Editors speak lines and columns in UTF-16, UTF-8 or UTF-32 code units;
//! the CLI speaks 1-based lines and Unicode-scalar columns. [`LineIndex`] is built once per text
//! version and answers both directions without rescanning the text.

use std::ops::Range;

/// A half-open range of UTF-8 byte offsets into the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Does `offset` fall inside (end inclusive, so a cursor just after a word still hovers it)?
    pub fn touches(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or "" when it does not fall on character boundaries.
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// How a client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    /// Unicode scalar values (LSP's utf-32, and the CLI's columns).
    Utf32,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Byte offset, inside one line's text (its line ending excluded), of column `col` counted in
/// `enc`'s code units. A column past the end clamps to the line's end; a column inside a character
/// (half of a surrogate pair, the middle of a UTF-8 sequence) moves to that character's start.
/// Returns whether clamping happened. [`LineIndex::offset`] uses it, and so does the language
/// server's rope, which finds its lines itself.
pub fn column_offset(line: &str, col: u32, enc: Encoding) -> (usize, bool) {
    let want = col as usize;
    if enc == Encoding::Utf8 || line.is_ascii() {
        let mut o = want.min(line.len());
        while !line.is_char_boundary(o) {
            o -= 1;
        }
        return (o, want > line.len());
    }
    let mut units = 0;
    for (i, c) in line.char_indices() {
        let w = enc.width(c);
        if units + w > want {
            return (i, false);
        }
        units += w;
    }
    (line.len(), units < want)
}

/// A 0-based line and a column in some [`Encoding`]'s code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of one text version. Lines end at `\n` (a preceding `\r` stays on its line but is
/// never counted as a column a position may fall after) and at a lone `\r`, as editors do.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// True when the text is pure ASCII: every encoding's column is then the byte column.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
            ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line` without its line ending; `None` past the last line.
    pub fn line_span(&self, text: &str, line: usize) -> Option<Span> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        if end > start && b.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && b.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(Span::new(start, end))
    }

    /// 0-based line of a byte offset (offsets past the end count as the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset.min(self.len)) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Position of a byte offset. An offset inside a character is moved back to its start.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = if self.ascii || enc == Encoding::Utf8 {
            offset - start
        } else {
            text[start..offset].chars().map(|c| enc.width(c)).sum()
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Byte offset of a position. Positions past the end of a line clamp to the line's end (before
    /// its CRLF); lines past the end mean the end of the text; a column inside a character (half of
    /// a surrogate pair) moves to that character's start. Returns whether clamping happened.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> (usize, bool) {
        let Some(line) = self.line_span(text, pos.line as usize) else {
            return (self.len, true);
        };
        let (o, clamped) = column_offset(&text[line.range()], pos.col, enc);
        (line.start + o, clamped)
    }

    /// 1-based line and 1-based column in Unicode scalar values, as the CLI prints them.
    pub fn human(&self, text: &str, offset: usize) -> (usize, usize) {
        let p = self.position(text, offset, Encoding::Utf32);
        (p.line as usize + 1, p.col as usize + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "« Bonjour », dit-il\u{202f}!\r\nLe 😀 est là.\nfin";

    #[test]
    fn round_trips_every_boundary_in_every_encoding() {
        let idx = LineIndex::new(SAMPLE);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (o, _) in SAMPLE.char_indices() {
                if SAMPLE.as_bytes()[o] == b'\n' && o > 0 && SAMPLE.as_bytes()[o - 1] == b'\r' {
                    continue; // between \r and \n is not a position an editor can name
                }
                let p = idx.position(SAMPLE, o, enc);
                assert_eq!(idx.offset(SAMPLE, p, enc).0, o, "{enc:?} at {o}");
            }
        }
    }

    #[test]
    fn emoji_counts_two_utf16_units_and_one_scalar() {
        let idx = LineIndex::new(SAMPLE);
        let after = SAMPLE.find(" est").unwrap();
        assert_eq!(
            idx.position(SAMPLE, after, Encoding::Utf16),
            LineCol { line: 1, col: 5 }
        );
        assert_eq!(
            idx.position(SAMPLE, after, Encoding::Utf32),
            LineCol { line: 1, col: 4 }
        );
        assert_eq!(idx.position(SAMPLE, after, Encoding::Utf8), LineCol { line: 1, col: 7 });
    }

    #[test]
    fn past_the_end_clamps_before_crlf_and_to_the_end() {
        let idx = LineIndex::new(SAMPLE);
        let crlf = SAMPLE.find("\r\n").unwrap();
        assert_eq!(
            idx.offset(SAMPLE, LineCol { line: 0, col: 999 }, Encoding::Utf16),
            (crlf, true)
        );
        assert_eq!(
            idx.offset(SAMPLE, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            (SAMPLE.len(), true)
        );
        // Half of the emoji's surrogate pair lands on the emoji's start.
        let emoji = SAMPLE.find('😀').unwrap();
        assert_eq!(
            idx.offset(SAMPLE, LineCol { line: 1, col: 4 }, Encoding::Utf16).0,
            emoji
        );
    }

    #[test]
    fn column_offset_clamps_and_snaps_inside_one_line() {
        let line = "é«\u{202f}😀x";
        assert_eq!(column_offset(line, 0, Encoding::Utf16), (0, false));
        assert_eq!(
            column_offset(line, 3, Encoding::Utf16),
            (line.find('😀').unwrap(), false)
        );
        // Inside the emoji's surrogate pair: its start.
        assert_eq!(
            column_offset(line, 4, Encoding::Utf16),
            (line.find('😀').unwrap(), false)
        );
        assert_eq!(
            column_offset(line, 5, Encoding::Utf16),
            (line.find('x').unwrap(), false)
        );
        assert_eq!(
            column_offset(line, 4, Encoding::Utf32),
            (line.find('x').unwrap(), false)
        );
        // Inside "é" in UTF-8: its start.
        assert_eq!(column_offset(line, 1, Encoding::Utf8), (0, false));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(column_offset(line, 99, enc), (line.len(), true), "{enc:?}");
        }
        assert_eq!(column_offset("", 0, Encoding::Utf16), (0, false));
    }

    #[test]
    fn human_columns_count_scalars_from_one() {
        let idx = LineIndex::new(SAMPLE);
        assert_eq!(idx.human(SAMPLE, SAMPLE.find("est").unwrap()), (2, 6));
    }
}
