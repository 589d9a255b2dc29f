//! Answers a respondent gave on a prerendered page 1 (`tanya site`) before
//! the app started: what the page's inputs hold, read off the page, as the
//! answers the app then takes over.

use crate::answers::{parse_input, with_key};
use crate::expr::Value;
use crate::schema::{ElementId, InputType, Kind};
use crate::text::Lang;

/// What one question's inputs hold on the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typed {
    /// The text of its text box or text area, when it has one.
    pub text: Option<String>,
    /// Its ticked radios and boxes: each one's position among them and its
    /// `value` attribute, in page order.
    pub checked: Vec<(usize, String)>,
    /// The value (as text, its `data-value`) of its drop-down's selected
    /// option, when one is selected.
    pub selected: Option<String>,
    /// Every text box's text, in page order (a multiple-text question's items).
    pub texts: Vec<String>,
    /// A matrix's ticked cells: each one's row key (`data-row`) and column
    /// value (`value`), as text.
    pub cells: Vec<(String, String)>,
}

/// A change read off the page for one question.
enum Change {
    /// Its whole answer.
    Whole(Value),
    /// A matrix's rows or a multiple-text question's items that changed,
    /// each with its new value (`Value::Null` when emptied).
    Keys(Vec<(String, Value)>),
}

impl Change {
    /// The answer this change gives a question that holds `current`.
    fn over(&self, current: Option<&Value>) -> Value {
        match self {
            Change::Whole(v) => v.clone(),
            Change::Keys(keys) => {
                keys.iter().fold(current.cloned().unwrap_or(Value::Null), |answer, (key, v)| {
                    with_key(&answer, key, v.clone())
                })
            }
        }
    }
}

impl super::Flow<'_> {
    /// What the respondent changed on the page for question `id`: the answer
    /// its inputs hold `now` (`Value::Null` when they were emptied), when that
    /// differs from the one they were `drawn` with (a default, read off the
    /// same inputs' `checked` and `value` attributes); `None` when nothing
    /// changed there, or the question's inputs are not read. So a default or
    /// prefill the page showed is not taken as typed, and one the respondent
    /// cleared is cleared. A matrix's rows and a multiple-text question's
    /// items change one by one: those left alone keep what the question holds
    /// in the engine (`current`), which may differ from what was drawn (a
    /// prefill, an item's `defaultValueExpression`).
    pub fn typed_change(
        &self,
        id: ElementId,
        now: &Typed,
        drawn: &Typed,
        current: Option<&Value>,
        lang: Lang,
    ) -> Option<Value> {
        Some(self.change_of(id, now, drawn, lang)?.over(current))
    }

    /// What changed on the page for question `id`, to be laid over what it
    /// holds when the change is set (see [`Flow::typed_change`]).
    fn change_of(&self, id: ElementId, now: &Typed, drawn: &Typed, lang: Lang) -> Option<Change> {
        let (now, drawn) = (self.typed_answer(id, now, lang), self.typed_answer(id, drawn, lang));
        if now == drawn {
            return None;
        }
        let by_key = matches!(self.survey.elements[id].kind, Kind::Matrix { .. } | Kind::MultipleText { .. });
        if !by_key {
            return Some(Change::Whole(now.unwrap_or(Value::Null)));
        }
        let entries = |v: &Option<Value>| match v {
            Some(Value::Object(m)) => m.clone(),
            _ => Default::default(),
        };
        let (now, drawn) = (entries(&now), entries(&drawn));
        let keys = now.keys().chain(drawn.keys()).filter(|k| now.get(*k) != drawn.get(*k));
        Some(Change::Keys(keys.map(|k| (k.clone(), now.get(k).cloned().unwrap_or(Value::Null))).collect()))
    }

    /// The answer `typed` gives question `id`, read as the question's own view
    /// reads its inputs; `None` when they hold nothing, or nothing it offers
    /// now (its listed choices, or those it carries from another question's
    /// answers or items, see [`Flow::choices`](super::Flow::choices)).
    pub fn typed_answer(&self, id: ElementId, typed: &Typed, lang: Lang) -> Option<Value> {
        let e = &self.survey.elements[id];
        let value = match &e.kind {
            Kind::Text { input_type, .. } => parse_input(typed.text.as_deref()?, *input_type, lang),
            Kind::Comment { .. } => parse_input(typed.text.as_deref()?, InputType::Text, lang),
            Kind::Boolean { value_true, value_false, .. } => match typed.checked.first()?.1.as_str() {
                "true" => Value::from(value_true),
                "false" => Value::from(value_false),
                _ => return None,
            },
            Kind::Rating { values, .. } => Value::from(&values.get(typed.checked.first()?.0)?.value),
            // A ranking's order is set with buttons, not read off inputs.
            Kind::Choices { style: crate::schema::ChoiceStyle::Ranking, .. } => return None,
            kind @ Kind::Choices { style, .. } => {
                // A choice's input, and a drop-down's option, carry the value as text.
                let offered = self.choices(id);
                let by_value = |raw: &str| {
                    offered
                        .iter()
                        .map(|c| Value::from(&c.value))
                        .chain(kind.specials().map(Value::from))
                        .find(|v| v.to_display() == raw)
                };
                match (style, &typed.selected) {
                    (crate::schema::ChoiceStyle::Dropdown, Some(raw)) => by_value(raw)?,
                    (crate::schema::ChoiceStyle::Checkbox, _) => {
                        let picked: Vec<Value> =
                            typed.checked.iter().filter_map(|(_, raw)| by_value(raw)).collect();
                        Value::Array(picked)
                    }
                    _ => by_value(&typed.checked.first()?.1)?,
                }
            }
            // A cell of a row or column it does not have is no part of its answer.
            Kind::Matrix { rows, columns, .. } => typed
                .cells
                .iter()
                .filter_map(|(row, raw)| {
                    let row = rows.iter().find(|r| r.key() == *row)?;
                    let column =
                        columns.iter().map(|c| Value::from(&c.value)).find(|v| v.to_display() == *raw)?;
                    Some((row.key(), column))
                })
                .fold(Value::Null, |answer, (row, column)| with_key(&answer, &row, column)),
            Kind::MultipleText { items } => {
                items.iter().zip(&typed.texts).fold(Value::Null, |answer, (item, text)| {
                    with_key(&answer, &item.name, parse_input(text, item.input_type, lang))
                })
            }
            _ => return None,
        };
        (!value.is_empty()).then_some(value)
    }

    /// Takes what the respondent changed on a prerendered `page` before the
    /// app started: for each question there (by the path its inputs carry,
    /// rosters' included), its inputs `now` and as `drawn`, read in `lang`.
    /// Each change is set where its question stands ([`Flow::typed_change`]),
    /// in the order of `typed`: the order the respondent gave the answers
    /// in, so the rules one runs (`resetValueIf`, triggers) meet the others
    /// as they would have in the app.
    /// Then, as when answering in the app, the answer of a question that
    /// ends up hidden is cleared where hiding would have cleared it
    /// (`onHidden`: hidden by its own condition; `onHiddenContainer`: by
    /// its panel's too; never on the start page or while a question sharing
    /// its value shows); under the other modes it stays, and conditions
    /// still read it. A question in a roster's item is not cleared: the app
    /// clears those on completion only.
    pub fn take_typed(&mut self, page: usize, typed: &[(String, Typed, Typed)], lang: Lang) {
        // Every input is read against the flow as it is before any change
        // is set (a renamed roster item must not take a carried choice
        // ticked on the page away before that tick is read), then the
        // changes are set.
        let mut taken = Vec::new();
        for (path, now, drawn) in typed {
            let Some((id, at)) = self.locate(page, path) else { continue };
            if let Some(change) = self.change_of(id, now, drawn, lang) {
                taken.push((id, at, change));
            }
        }
        // A matrix's or multiple-text question's changed keys go over what
        // it holds by then: an answer set before may have changed the rest
        // (an item's `defaultValueExpression`, a trigger).
        for (id, at, change) in &taken {
            let v = change.over(self.value_at(*id, at));
            self.set_at(*id, at, v);
        }
        for (id, at, _) in taken {
            if at.0.is_empty() && self.clears_now_hidden(id) {
                if let Some(cleared) = self.cleared_on_hiding(id) {
                    let name = self.survey.elements[id].name.clone();
                    self.set_by_trigger(&name, cleared, 1);
                }
            }
        }
    }
}
