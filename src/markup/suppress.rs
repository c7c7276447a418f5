//! In-file suppressions, as HTML comments a Markdown renderer hides:
//! `<!-- copydesk-disable-next-line CODE… -->`, `<!-- copydesk-disable CODE… -->` …
//! `<!-- copydesk-enable CODE… -->`. No code means every rule.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Region {
    span: Span,
    /// Empty: every rule.
    codes: Vec<String>,
}

/// Byte regions where some or all rules are switched off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    regions: Vec<Region>,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*copydesk-(disable-next-line|disable|enable)\b([^>]*?)-->").expect("valid regex")
});

impl Suppressions {
    pub fn parse(text: &str) -> Suppressions {
        let mut regions = Vec::new();
        // Open `disable` regions: start offset and codes.
        let mut open: Vec<(usize, Vec<String>)> = Vec::new();
        for caps in DIRECTIVE.captures_iter(text) {
            let whole = caps.get(0).map_or(Span::default(), |m| m.range().into());
            let codes: Vec<String> = caps[2]
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            match &caps[1] {
                "disable-next-line" => {
                    // The line after the comment's own line.
                    let next = text[whole.end..].find('\n').map(|i| whole.end + i + 1);
                    if let Some(start) = next {
                        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                        regions.push(Region {
                            span: Span::new(start, end),
                            codes,
                        });
                    }
                }
                "disable" => open.push((whole.end, codes)),
                _ => {
                    // `enable` closes the matching disables (all of them when it names no code).
                    let mut kept = Vec::new();
                    for (start, c) in open.drain(..) {
                        if codes.is_empty() || c.iter().any(|x| codes.contains(x)) || c.is_empty() {
                            regions.push(Region {
                                span: Span::new(start, whole.start),
                                codes: c,
                            });
                        } else {
                            kept.push((start, c));
                        }
                    }
                    open = kept;
                }
            }
        }
        for (start, codes) in open {
            regions.push(Region {
                span: Span::new(start, text.len()),
                codes,
            });
        }
        Suppressions { regions }
    }

    /// Is a finding of `code` starting at `span` switched off?
    pub fn suppresses(&self, code: &str, span: Span) -> bool {
        self.regions.iter().any(|r| {
            r.span.start <= span.start
                && span.start <= r.span.end
                && (r.codes.is_empty() || r.codes.iter().any(|c| c == code))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_and_regions() {
        let t = "a\n<!-- copydesk-disable-next-line text.repeated -->\nb b\nc\n<!-- copydesk-disable -->\nd\n<!-- copydesk-enable -->\ne";
        let s = Suppressions::parse(t);
        let at = |w: &str| Span::new(t.find(w).unwrap(), t.find(w).unwrap() + 1);
        assert!(s.suppresses("text.repeated", at("b b")));
        assert!(!s.suppresses("text.doubled-word", at("b b")));
        assert!(!s.suppresses("text.repeated", at("c\n")));
        assert!(s.suppresses("anything", at("d\n")));
        assert!(!s.suppresses("anything", at("e")));
    }
}
