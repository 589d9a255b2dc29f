//! What the form keeps in the browser's storage between visits: the draft
//! and the duplicate guard's record, under keys of the questionnaire's id.
//! Their formats are the engine's (`flow::Draft`, `flow::Submitted`).

use super::state::{Ctx, Stage};
use crate::platform::storage;
use leptos::prelude::*;
use tanya_engine::flow::{Draft, Submitted};
use tanya_engine::schema::Survey;
use tanya_engine::text::Lang;

/// The storage key of the duplicate guard's record.
pub fn submitted_key(survey: &Survey) -> String {
    format!("tanya:submitted:{}", survey.id())
}

/// The record of an earlier submit from this browser, if any.
pub fn earlier_submit(survey: &Survey) -> Option<Submitted> {
    storage::get(&submitted_key(survey)).and_then(|t| Submitted::parse(&t))
}

/// The draft `text` holds, unless it is under an id already submitted: a
/// stale tab wrote that one back after the entry was sent.
pub fn unsent_draft(survey: &Survey, text: &str) -> Option<Draft> {
    let d = Draft::parse(text)?;
    (earlier_submit(survey).map(|e| e.submission_id).as_ref() != Some(&d.submission_id)).then_some(d)
}

/// The storage key of a survey's draft.
pub fn draft_key(survey: &Survey) -> String {
    format!("tanya:draft:{}", survey.id())
}

/// The language a stored draft was being read in, so a reload continues in it.
pub fn draft_lang(survey: &Survey) -> Option<Lang> {
    storage::get(&draft_key(survey)).and_then(|t| Draft::parse(&t))?.lang.as_deref().and_then(Lang::from_code)
}

impl Ctx {
    /// Saves the draft; does nothing when storage is unavailable or the
    /// entry is submitted (a language switch on the thank-you page must not
    /// bring the sent answers back as a draft).
    pub fn save_draft(&self) {
        if self.model.with_untracked(|m| m.stage != Stage::Done) {
            self.write_draft();
        }
    }

    /// Writes the draft whatever the stage: at Submit, until the outbox
    /// has stored the entry, the draft is its only copy.
    /// When the write fails (storage refused or full), the form says the
    /// draft is not kept, until a write succeeds again.
    pub(super) fn write_draft(&self) {
        let text = self.model.with_untracked(|m| {
            let mut answers = serde_json::Map::new();
            answers.extend(m.flow.answers().iter().map(|(k, v)| (k.clone(), v.to_json())));
            Draft {
                page: m.page,
                answers,
                confirmed: m.confirmed.iter().cloned().collect(),
                seed: m.seed,
                started_at: m.started_at,
                page_ms: m.page_ms.clone(),
                submission_id: m.submission_id.clone(),
                lang: Some(self.lang.get_untracked().code().to_string()),
                answered: Some(m.flow.answered().cloned().collect()),
            }
            .to_text()
        });
        let kept = storage::set(&draft_key(self.survey), &text);
        if self.storage_ok.get_untracked() != kept {
            self.storage_ok.set(kept);
        }
    }
}
