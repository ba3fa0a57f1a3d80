//! The expression language of filters, formulas and summaries: tokens, syntax tree, values,
//! evaluation and the documented functions.

pub mod eval;
pub mod functions;
pub mod lexer;
pub mod parser;
pub mod value;
