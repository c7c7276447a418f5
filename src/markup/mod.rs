//! From a file's text to the prose copydesk reads.
//!
//! The result keeps every byte offset of the original file: [`Markup::prose`] is a copy of the text
//! of exactly the same length in which everything that is not prose (front matter, code, HTML, link
//! destinations, Markdown punctuation such as `#`, `>`, `*`) is blanked with spaces, newlines kept.
//! Extractors run on that copy, so a match at byte 120 is at byte 120 of the file.

mod front_matter;
mod markdown;
mod suppress;

pub use front_matter::FrontMatter;
pub use suppress::Suppressions;

use crate::text::Span;

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    PlainText,
    Markdown,
}

impl Format {
    /// `.md`/`.markdown` are Markdown; everything else is read as plain text.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else {
            Format::PlainText
        }
    }

    /// From an LSP language id.
    pub fn from_language_id(id: &str) -> Format {
        match id {
            "markdown" | "mdx" => Format::Markdown,
            _ => Format::PlainText,
        }
    }
}

/// What a block of prose is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A paragraph inside a Markdown block quote (`> …`).
    BlockQuote,
    ListItem,
}

/// A block of prose (a paragraph, a heading…): a span of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// The prose of one file.
#[derive(Debug, Clone)]
pub struct Markup {
    /// The file's text with non-prose blanked: same length, same offsets.
    pub prose: String,
    /// Prose blocks in file order.
    pub blocks: Vec<Block>,
    pub front_matter: FrontMatter,
    pub suppressions: Suppressions,
}

impl Markup {
    pub fn parse(text: &str, format: Format) -> Markup {
        let (front_matter, body_start) = front_matter::parse(text);
        let mut prose = String::with_capacity(text.len());
        prose.push_str(&blank(&text[..body_start]));
        let body = &text[body_start..];
        let blocks = match format {
            Format::PlainText => {
                prose.push_str(body);
                plain_blocks(body, body_start)
            }
            Format::Markdown => {
                let (masked, blocks) = markdown::prose(body, body_start);
                prose.push_str(&masked);
                blocks
            }
        };
        debug_assert_eq!(prose.len(), text.len());
        let suppressions = match format {
            Format::Markdown => Suppressions::parse(text),
            Format::PlainText => Suppressions::default(),
        };
        Markup {
            prose,
            blocks,
            front_matter,
            suppressions,
        }
    }
}

/// Every character replaced by as many spaces as it has bytes; line endings kept.
pub(crate) fn blank(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\r' {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

/// In plain text every non-blank line is a paragraph: news copy pasted from a CMS puts one
/// paragraph per line, and a reporter's draft separates them with blank lines.
fn plain_blocks(body: &str, base: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            let start = base + pos + lead;
            blocks.push(Block {
                span: Span::new(start, start + trimmed.len()),
                kind: BlockKind::Paragraph,
            });
        }
        pos += line.len();
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_prose_keeps_every_offset() {
        let text = "---\ndate: 2017-06-26\n---\n# Titre « é »\n\nUn [lien](http://x.fr) et `code` 😀.\n";
        let m = Markup::parse(text, Format::Markdown);
        assert_eq!(m.prose.len(), text.len());
        let at = text.find("lien").unwrap();
        assert_eq!(&m.prose[at..at + 4], "lien");
        assert!(!m.prose.contains("http"));
        assert!(!m.prose.contains("code"));
        assert!(!m.prose.contains("date"));
        assert!(m.prose.contains("Titre « é »"));
        assert_eq!(m.front_matter.date.as_deref(), Some("2017-06-26"));
        let kinds: Vec<_> = m.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Heading, BlockKind::Paragraph]);
    }

    #[test]
    fn plain_text_lines_are_paragraphs() {
        let m = Markup::parse("First line.\r\n\r\n  Second line.\n", Format::PlainText);
        let texts: Vec<_> = m.blocks.iter().map(|b| b.span.text(&m.prose)).collect();
        assert_eq!(texts, ["First line.", "Second line."]);
    }
}
