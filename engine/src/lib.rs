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
//! - [`answers`] turns control input into answers (checkbox sets, matrix rows, ranking moves).
//! - [`validate`] checks answers and returns a [`validate::Report`].
//! - [`text`] holds localised strings and the built-in messages.
//! - [`fingerprint`] hashes entries and devices and scores answer quality.
//! - [`outbox`] builds the payload and decides when to send, retry or give up.
#![deny(missing_docs)]

pub mod answers;
pub mod case;
pub mod expr;
pub mod fingerprint;
pub mod flow;
pub mod outbox;
pub mod schema;
mod sorted;
pub mod text;
pub mod validate;

pub use serde_json::Value as Json;
