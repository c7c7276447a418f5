//! copydesk reads a news article (English or French, Markdown or plain text) the way a copy desk
//! does and reports what a careful copy editor would catch: quotations nobody is credited with,
//! dates that cannot be right, figures that disagree, names spelled two ways.
//!
//! # Code map
//! - [`text`]: byte spans and the one [`text::LineIndex`] that converts offsets to lines and
//!   UTF-8/UTF-16/UTF-32 columns. Nothing else converts positions.
//! - [`markup`]: plain text and Markdown to prose with offsets back into the file; front matter;
//!   in-file suppression comments.
//! - [`lang`]: English and French, their word lists (data files), language detection.
//! - [`config`]: `copydesk.toml` and the editor's settings, one set of keys.
//! - [`kb`]: the bundled knowledge base (places, organisations, acronyms) and the newsroom's
//!   names file, which the front ends read with [`kb::NamesFile::read`] (an edge helper; the
//!   core only sees the parsed result in the configuration).
//! - [`analysis`]: the core. [`analysis::document`] segments once; [`analysis::extract`] finds
//!   quotes, dates, figures and names; [`analysis::checks`] holds one file per rule and the
//!   registry; [`analysis::hover`] and [`analysis::outline`] serve the editor features.
//! - [`cli`]: `copydesk check | analyze | rules`, human, JSON and SARIF output.
//! - [`lsp`]: the language server over stdio; the rope and the tokio runtime live here.
//!
//! # Architecture invariants
//! - `analysis` never imports `lsp` or `cli`, never reads a file, never reads the clock, and never
//!   prints to stdout: text, configuration and dates go in, an [`analysis::Analysis`] comes out.
//! - All ranges inside are UTF-8 byte offsets into the file exactly as read, half-open.
//! - Only `lsp` uses tower-lsp-server, LSP types or tokio; core types are not `Serialize`: each
//!   front end builds its own output.
//! - A panic inside one extractor or check is caught; the other checks still report.
//!
//! # Glossary
//! - *finding*: one problem reported by a rule (a diagnostic, in LSP words).
//! - *reference date*: the article's date, against which relative dates and weekdays are read.
//! - *cue*: the words that credit a quotation ("a-t-il estimé", "she said").

pub mod analysis;
pub mod cli;
pub mod config;
pub mod kb;
pub mod lang;
pub mod lsp;
pub mod markup;
pub mod text;
