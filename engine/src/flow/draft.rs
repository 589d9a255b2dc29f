//! Drafts: what the browser keeps between reloads, as JSON.

use serde::{Deserialize, Serialize};

/// An unfinished entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The page the respondent was on.
    pub page: usize,
    /// Every answer given so far.
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// Soft-required questions already confirmed as skipped.
    #[serde(default)]
    pub confirmed: Vec<String>,
    /// Seed of the random choice order, so a reload shows the same order.
    #[serde(default)]
    pub seed: u64,
    /// The entry's UUID, fixed when it started: the `Idempotency-Key`.
    #[serde(default)]
    pub submission_id: String,
    /// When the entry started (epoch milliseconds).
    #[serde(default)]
    pub started_at: f64,
    /// Time spent per page in milliseconds, by page name.
    #[serde(default)]
    pub page_ms: std::collections::BTreeMap<String, f64>,
}

impl Draft {
    /// Reads a stored draft; anything unreadable is treated as no draft.
    pub fn parse(text: &str) -> Option<Draft> {
        serde_json::from_str(text).ok()
    }

    /// The stored form.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
