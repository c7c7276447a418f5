//! The integration tests: one binary, one module per front end.

mod lsp;
