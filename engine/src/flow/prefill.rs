//! Prefill from URL parameters: only the allowlisted questions, only valid values.

use crate::expr::{ops, Value};
use crate::schema::{InputType, Kind, Survey};

/// The answers URL parameters may set. A parameter counts only when it names
/// a question in `tanya.prefill` (or the respondent-group question `group`),
/// and only with a value that question accepts (a listed choice, a number for
/// a number input). Everything else in the URL is ignored.
pub fn prefill(survey: &Survey, params: &[(String, String)]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (key, raw) in params {
        let allowed = key == "group" || survey.tanya.prefill.iter().any(|p| p == key);
        let Some(id) = survey.find(key).filter(|_| allowed) else { continue };
        let e = &survey.elements[id];
        let value = match &e.kind {
            Kind::Choices { choices, .. } => choices
                .iter()
                .find(|c| ops::equal(&Value::from(&c.value), &Value::from(raw.as_str())))
                .map(|c| Value::from(&c.value)),
            Kind::Rating { values, .. } => values
                .iter()
                .find(|c| ops::equal(&Value::from(&c.value), &Value::from(raw.as_str())))
                .map(|c| Value::from(&c.value)),
            Kind::Text { input_type: InputType::Number, .. } => {
                crate::expr::number::parse_decimal(raw.trim()).map(Value::Number)
            }
            Kind::Text { .. } | Kind::Comment { .. } => {
                Some(Value::from(raw.as_str())).filter(|v| !v.is_empty())
            }
            _ => None,
        };
        if let Some(v) = value {
            out.push((e.name.clone(), v));
        }
    }
    out
}
