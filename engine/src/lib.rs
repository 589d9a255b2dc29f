//! Tanya's engine: everything a survey form decides, with no browser in sight.
//!
//! The same code runs in the browser app, the `tanya` CLI and the collector.
//! Time, randomness and stored state come in as arguments, so every rule is
//! testable natively.
//!
//! - [`schema`] loads a SurveyJS-style questionnaire into a [`schema::Survey`],
//!   or returns every problem located by JSON path.
//! - [`expr`] parses and evaluates SurveyJS expressions and conditions.
//! - [`flow`] decides what is visible, which page comes next and the progress.
//! - [`validate`] checks answers and returns a [`validate::Report`].
//! - [`text`] holds localised strings and the built-in messages.
#![deny(missing_docs)]

pub mod expr;
pub mod flow;
pub mod schema;
pub mod text;
pub mod validate;

pub use serde_json::Value as Json;
