//! The review page (SurveyJS `showPreviewBeforeComplete`): each visible
//! page's visible questions with their answers as the respondent reads
//! them (a choice's text, not its value), before Submit.

use super::{At, Flow, Step};
use crate::answers::{DONT_KNOW, NONE, OTHER, REFUSED};
use crate::expr::{ops::equal, Value};
use crate::schema::{Choice, ElementId, Kind};
use crate::text::{Lang, Text, Ui};

/// One page of the review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewed {
    /// The page.
    pub page: usize,
    /// Its questions in order, each with its answer as lines of text
    /// (none when unanswered).
    pub questions: Vec<(ElementId, Vec<String>)>,
}

/// `own`, else the form's word for it.
/// The questionnaire's own text, else Tanya's word (or the questionnaire's
/// own for it under `tanya.texts`).
fn or_word(own: &Text, word: Ui, lang: Lang, texts: &crate::schema::Settings) -> String {
    match own.get(lang) {
        "" => word.say(lang, texts),
        t => t.to_string(),
    }
}

/// The text of `v` among `choices`, else `v` itself.
fn choice_text(choices: &[Choice], v: &Value, lang: Lang) -> String {
    choices
        .iter()
        .find(|c| equal(&Value::from(&c.value), v))
        .map_or_else(|| v.to_display(), |c| c.text.get(lang).to_string())
}

impl Flow<'_> {
    /// The review: every visible page with its visible questions and their
    /// answers; with `answered_only` ([`crate::schema::Preview::Answered`])
    /// only answered questions, and only pages that have one.
    pub fn review(&self, lang: Lang, answered_only: bool) -> Vec<Reviewed> {
        let mut out = Vec::new();
        for page in self.visible_pages() {
            let questions: Vec<(ElementId, Vec<String>)> = self
                .visible_questions(page)
                .into_iter()
                .map(|id| (id, self.answer_lines(id, &At::top(), lang)))
                .filter(|(_, lines)| !answered_only || !lines.is_empty())
                .collect();
            if !questions.is_empty() {
                out.push(Reviewed { page, questions });
            }
        }
        out
    }

    /// Question `id`'s answer at `at` as lines of text; none when unanswered.
    fn answer_lines(&self, id: ElementId, at: &At, lang: Lang) -> Vec<String> {
        let s = self.survey();
        let e = &s.elements[id];
        let value = match &e.kind {
            Kind::Expression { .. } if at.0.is_empty() => self.computed(&e.name).cloned(),
            _ => self.value_at(id, at).cloned(),
        }
        .unwrap_or(Value::Null);
        if value.is_empty() && !matches!(e.kind, Kind::Roster(_)) {
            return Vec::new();
        }
        let one = |text: String| if text.is_empty() { Vec::new() } else { vec![text] };
        match &e.kind {
            Kind::Choices { other_text, none_text, refuse_text, dont_know_text, .. } => {
                let choices = &self.choices(id);
                let comment = self.answers().get(&format!("{}-Comment", e.name)).map(Value::to_display);
                let text = |v: &Value| match v {
                    Value::String(t) if t == OTHER => match &comment {
                        Some(c) if !c.is_empty() && at.0.is_empty() => {
                            format!("{}: {c}", or_word(other_text, Ui::Other, lang, &s.tanya))
                        }
                        _ => or_word(other_text, Ui::Other, lang, &s.tanya),
                    },
                    Value::String(t) if t == NONE => or_word(none_text, Ui::NoneOfThese, lang, &s.tanya),
                    Value::String(t) if t == REFUSED => or_word(refuse_text, Ui::Refuse, lang, &s.tanya),
                    Value::String(t) if t == DONT_KNOW => {
                        or_word(dont_know_text, Ui::DontKnow, lang, &s.tanya)
                    }
                    v => choice_text(choices, v, lang),
                };
                match &value {
                    Value::Array(items) => one(items.iter().map(text).collect::<Vec<_>>().join(", ")),
                    v => one(text(v)),
                }
            }
            Kind::Rating { values, .. } => one(choice_text(values, &value, lang)),
            Kind::Boolean { label_true, label_false, value_true, value_false } => {
                if equal(&value, &Value::from(value_true)) {
                    one(or_word(label_true, Ui::Yes, lang, &s.tanya))
                } else if equal(&value, &Value::from(value_false)) {
                    one(or_word(label_false, Ui::No, lang, &s.tanya))
                } else {
                    one(value.to_display())
                }
            }
            Kind::Matrix { rows, columns, .. } => rows
                .iter()
                .filter_map(|r| match &value {
                    Value::Object(m) => m.get(&r.key()).filter(|v| !v.is_empty()).map(|v| (r, v)),
                    _ => None,
                })
                .map(|(r, v)| format!("{}: {}", r.text.get(lang), choice_text(columns, v, lang)))
                .collect(),
            Kind::MultipleText { items } => items
                .iter()
                .filter_map(|i| match &value {
                    Value::Object(m) => m.get(&i.name).filter(|v| !v.is_empty()).map(|v| (i, v)),
                    _ => None,
                })
                .map(|(i, v)| format!("{}: {}", i.title.get(lang), v.to_display()))
                .collect(),
            Kind::Roster(_) => self
                .items(id, at)
                .into_iter()
                .filter_map(|slot| {
                    let label =
                        crate::validate::item_label(s, &Step { roster: id, slot: slot.clone() }, lang);
                    let here = at.then(id, slot);
                    let cells: Vec<String> = s
                        .template_questions(id)
                        .into_iter()
                        .filter(|&q| self.is_visible_at(q, &here))
                        .filter_map(|q| {
                            let lines = self.answer_lines(q, &here, lang);
                            (!lines.is_empty())
                                .then(|| format!("{}: {}", s.elements[q].title.get(lang), lines.join("; ")))
                        })
                        .collect();
                    (!cells.is_empty()).then(|| format!("{label}. {}", cells.join("; ")))
                })
                .collect(),
            _ => one(value.to_display()),
        }
    }
}
