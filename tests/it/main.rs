//! The one integration-test binary (one link step instead of one per file), one module per front end.

mod cli;
mod corpus;
mod lsp;
