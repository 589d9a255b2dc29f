//! Validation: a [`Report`] of `(question, rule, message)`, never a panic.
//!
//! Only visible, enabled questions are checked. Empty answers are checked
//! only for being required; every other rule applies to what was given.

mod fit;
mod rules;

pub use fit::fit;
pub use rules::item_label;

use crate::flow::{At, Flow};
use crate::schema::ElementId;
use crate::text::Lang;
use std::collections::BTreeSet;

/// One failed rule.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// The question's name (for a question inside a roster, the roster's).
    pub question: String,
    /// Where inside a roster the failing question is, as its input is
    /// named: `household[2].age`; empty outside rosters.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cell: String,
    /// For a cell: its question and its item as the respondent reads it
    /// ("2" for the second panel, a row's text), for the error summary.
    #[serde(skip)]
    pub place: Option<(ElementId, String)>,
    /// The question that failed (for a cell, the cell's question), when
    /// the entry is about one: its SurveyJS name may differ from the
    /// answer key in `question` (`valueName`).
    #[serde(skip)]
    pub element: Option<ElementId>,
    /// The rule: `required`, `requiredIf`, `isAllRowRequired`, `min`, `max`,
    /// `minLength`, `maxLength`, `regex`, `email`, `expression`, `answercount`,
    /// `numeric`, `date` or `softRequired`.
    pub rule: String,
    /// The message for the respondent.
    pub message: String,
    /// True for a soft-required notice or a warning or info validator
    /// (`notificationType`), which a confirmed retry lets through.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub soft: bool,
}

impl Entry {
    /// The cell's path inside a roster, else the question's name: what
    /// the form's input for it is keyed by.
    pub fn key(&self) -> &str {
        if self.cell.is_empty() {
            &self.question
        } else {
            &self.cell
        }
    }
}

/// The outcome of a validation.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Failed rules, in document order.
    pub entries: Vec<Entry>,
}

impl Report {
    /// True when nothing failed, soft warnings included.
    pub fn is_ok(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when something other than a soft warning failed.
    pub fn has_blocking(&self) -> bool {
        self.entries.iter().any(|e| !e.soft)
    }

    /// The entries for one question; inside a roster, `name` is the
    /// cell's path (`household[2].age`).
    pub fn for_question<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.key() == name)
    }

    /// The entries that stop the respondent: every one but soft-required notices.
    pub fn blocking(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter().filter(|e| !e.soft)
    }

    /// The names of the soft-required questions warned about.
    pub fn soft_questions(&self) -> Vec<String> {
        self.entries.iter().filter(|e| e.soft).map(|e| e.question.clone()).collect()
    }
}

/// Validates the visible questions of one page. `confirmed` lists the
/// soft-required questions the respondent already chose to leave empty.
pub fn page(flow: &Flow<'_>, page: usize, lang: Lang, confirmed: &BTreeSet<String>) -> Report {
    questions(flow, &flow.visible_questions(page), lang, confirmed)
}

/// The questions of a page a respondent has in front of them: the visible
/// ones, by name. A failed Next remembers them, for [`recheck`].
pub fn shown(flow: &Flow<'_>, page: usize) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for id in flow.visible_questions(page) {
        names.insert(flow.survey().elements[id].name.clone());
    }
    names
}

/// Validates a page again after an answer changed, once the respondent has
/// tried to move on: only the questions `checked` at that try (see
/// [`shown`]) are reported. A question an answer revealed since then is
/// checked at the next Next or Submit, so it never appears already in error
/// before the respondent has seen it.
pub fn recheck(
    flow: &Flow<'_>,
    page: usize,
    lang: Lang,
    confirmed: &BTreeSet<String>,
    checked: &BTreeSet<String>,
) -> Report {
    let ids: Vec<ElementId> = flow
        .visible_questions(page)
        .into_iter()
        .filter(|&id| checked.contains(&flow.survey().elements[id].name))
        .collect();
    questions(flow, &ids, lang, confirmed)
}

/// Where Submit sends the respondent when something still blocks: the page
/// of the first blocking error among every visible page; `None` when
/// nothing blocks, so the entry can go.
pub fn first_blocking_page(flow: &Flow<'_>, lang: Lang, confirmed: &BTreeSet<String>) -> Option<usize> {
    let report = all(flow, lang, confirmed);
    let first = report.blocking().next()?;
    let s = flow.survey();
    // A reported question is always found; were it not, the first page
    // still keeps the entry from going.
    Some(s.find(&first.question).map_or_else(|| flow.first_page().unwrap_or(0), |id| s.elements[id].page))
}

/// Validates every visible question of every visible page (what submit checks).
pub fn all(flow: &Flow<'_>, lang: Lang, confirmed: &BTreeSet<String>) -> Report {
    let ids: Vec<ElementId> =
        flow.visible_pages().into_iter().flat_map(|p| flow.visible_questions(p)).collect();
    questions(flow, &ids, lang, confirmed)
}

/// Validates the given questions (skipping hidden or disabled ones).
pub fn questions(flow: &Flow<'_>, ids: &[ElementId], lang: Lang, confirmed: &BTreeSet<String>) -> Report {
    // An answer naming a choice hidden now counts as cleared, as SurveyJS clears it.
    if let Some(cleared) = flow.without_stale_choices() {
        return questions(&cleared, ids, lang, confirmed);
    }
    let mut report = Report::default();
    for &id in ids {
        if flow.is_visible(id) && flow.is_enabled(id) {
            rules::check(flow, id, &At::top(), lang, confirmed, &mut report.entries);
        }
    }
    report
}
