//! Markdown through pulldown-cmark: text events are prose, everything else is blanked.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, blank};
use crate::text::Span;

/// Returns the blanked copy of `body` (same length) and its prose blocks, offset by `base`.
pub(super) fn prose(body: &str, base: usize) -> (String, Vec<Block>) {
    let mut masked = blank(body).into_bytes();
    let mut blocks = Vec::new();
    let mut quote_depth = 0usize;
    let mut image_depth = 0usize;
    let mut code_depth = 0usize;
    // Open list items, and whether a paragraph has been emitted inside each.
    let mut items: Vec<(Span, bool)> = Vec::new();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let push_block = |blocks: &mut Vec<Block>, span: Span, kind: BlockKind| {
        let s = Span::new(span.start + base, span.end + base);
        blocks.push(Block {
            span: trim(body, base, s),
            kind,
        });
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::from(range.clone());
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            Event::Start(Tag::Item) => items.push((span, false)),
            Event::End(TagEnd::Item) => {
                if let Some((item, had_paragraph)) = items.pop()
                    && !had_paragraph
                {
                    push_block(&mut blocks, item, BlockKind::ListItem);
                }
            }
            Event::Start(Tag::Paragraph) => {
                if let Some(last) = items.last_mut() {
                    last.1 = true;
                }
                let kind = if quote_depth > 0 {
                    BlockKind::BlockQuote
                } else {
                    BlockKind::Paragraph
                };
                push_block(&mut blocks, span, kind);
            }
            Event::Start(Tag::Heading { .. }) => push_block(&mut blocks, span, BlockKind::Heading),
            Event::Start(Tag::TableCell) => push_block(&mut blocks, span, BlockKind::Paragraph),
            Event::Text(_) if image_depth == 0 && code_depth == 0 => {
                masked[range.clone()].copy_from_slice(&body.as_bytes()[range]);
            }
            _ => {}
        }
    }
    // Only ASCII spaces were written over whole UTF-8 sequences or copied back whole, so the
    // buffer is valid UTF-8; fall back to blanking everything rather than panic if it were not.
    let masked = String::from_utf8(masked).unwrap_or_else(|_| blank(body));
    // List items that hold nested blocks overlap them; keep blocks in order and disjoint.
    blocks.sort_by_key(|b| (b.span.start, std::cmp::Reverse(b.span.end)));
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if b.span.is_empty() {
            continue;
        }
        if let Some(last) = out.last()
            && last.span.overlaps(b.span)
        {
            continue;
        }
        out.push(b);
    }
    (masked, out)
}

fn trim(body: &str, base: usize, s: Span) -> Span {
    let t = &body[s.start - base..s.end - base];
    let lead = t.len() - t.trim_start().len();
    let kept = t.trim().len();
    Span::new(s.start + lead, s.start + lead + kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(md: &str) -> String {
        prose(md, 0).0
    }

    #[test]
    fn markdown_syntax_is_blanked_text_kept() {
        let md = "> « Citation » dit-elle.\n\n- item *un*\n\n```\ncode \"x\"\n```\n<!-- c -->\n![alt](i.png)";
        let p = prose_of(md);
        assert!(p.contains("« Citation » dit-elle."));
        assert!(p.contains("item  un "));
        assert!(!p.contains("code"));
        assert!(!p.contains("alt"));
        assert!(!p.contains('>'));
    }

    #[test]
    fn blocks_have_kinds() {
        let (_, blocks) = prose("# T\n\n> q\n\n- a\n- b\n\np\n", 0);
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Heading, BlockQuote, ListItem, ListItem, Paragraph]);
    }
}
