//! Answers a respondent gave on a prerendered page 1 (`tanya site`) before
//! the app started: what the page's inputs hold, read off the page, as the
//! answers the app then takes over.

use crate::answers::{parse_input, with_key};
use crate::expr::Value;
use crate::schema::{ElementId, InputType, Kind, Survey};
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

/// What the respondent changed on the page for question `id`: the answer
/// its inputs hold `now` (`Value::Null` when they were emptied), when that
/// differs from the one they were `drawn` with (a default, read off the
/// same inputs' `checked` and `value` attributes); `None` when nothing
/// changed there, or the question's inputs are not read. So a default or
/// prefill the page showed is not taken as typed, and one the respondent
/// cleared is cleared.
pub fn typed_change(survey: &Survey, id: ElementId, now: &Typed, drawn: &Typed, lang: Lang) -> Option<Value> {
    let (now, drawn) = (typed_answer(survey, id, now, lang), typed_answer(survey, id, drawn, lang));
    (now != drawn).then(|| now.unwrap_or(Value::Null))
}

/// The answer `typed` gives question `id`, read as the question's own view
/// reads its inputs; `None` when they hold nothing, or nothing it offers.
pub fn typed_answer(survey: &Survey, id: ElementId, typed: &Typed, lang: Lang) -> Option<Value> {
    let e = &survey.elements[id];
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
        kind @ Kind::Choices { choices, style, .. } => {
            // A choice's input, and a drop-down's option, carry the value as text.
            let specials = [
                crate::answers::OTHER,
                crate::answers::NONE,
                crate::answers::REFUSED,
                crate::answers::DONT_KNOW,
            ];
            let by_value = |raw: &str| {
                choices
                    .iter()
                    .map(|c| Value::from(&c.value))
                    .chain(specials.map(Value::from).into_iter().filter(|v| kind.offers_special(v)))
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
