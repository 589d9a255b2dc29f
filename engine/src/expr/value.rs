//! The values expressions compute with, and their JavaScript-like coercions.

use super::number::{format_number, js_to_number};
use std::collections::BTreeMap;

/// A value during evaluation: JSON plus dates, with JavaScript's number model.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A missing value (`null` or `undefined` in SurveyJS).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; may be NaN, as in JavaScript.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object with its keys.
    Object(BTreeMap<String, Value>),
    /// A date as milliseconds since 1970-01-01T00:00:00Z.
    Date(f64),
}

impl Value {
    /// An object of `entries`, a later key replacing an earlier one. Built
    /// by inserting, not by `collect`: collecting into a map sorts first,
    /// and each sort adds its own copy of the standard library's sorts to
    /// the browser build.
    pub fn object(entries: impl IntoIterator<Item = (String, Value)>) -> Value {
        let mut map = BTreeMap::new();
        map.extend(entries);
        Value::Object(map)
    }

    /// SurveyJS's `Helpers.isValueEmpty`: null, `""`, `[]`, or an object whose values are all empty.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.values().all(Value::is_empty),
            Value::Number(_) | Value::Bool(_) | Value::Date(_) => false,
        }
    }

    /// JavaScript truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) | Value::Date(n) => *n != 0.0 && !n.is_nan(),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) => true,
        }
    }

    /// A condition's verdict: JavaScript `value == true`.
    pub fn is_true_condition(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Null | Value::Object(_) | Value::Date(_) => false,
            other => other.to_number() == 1.0,
        }
    }

    /// JavaScript `ToNumber`.
    pub fn to_number(&self) -> f64 {
        match self {
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Number(n) | Value::Date(n) => *n,
            Value::String(s) => js_to_number(s),
            Value::Array(_) => js_to_number(&self.to_js_string()),
            Value::Object(_) => f64::NAN,
        }
    }

    /// JavaScript `String(value)` (arrays join with `,`).
    pub fn to_js_string(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => format_number(*n),
            Value::String(s) => s.clone(),
            Value::Array(a) => a
                .iter()
                .map(|v| if matches!(v, Value::Null) { String::new() } else { v.to_js_string() })
                .collect::<Vec<_>>()
                .join(","),
            Value::Object(_) => "[object Object]".into(),
            Value::Date(ms) => super::date::to_iso(*ms),
        }
    }

    /// Text shown to a person: like [`Value::to_js_string`], but null is empty
    /// and arrays join with `, `.
    pub fn to_display(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Array(a) => a.iter().map(Value::to_display).collect::<Vec<_>>().join(", "),
            Value::Date(ms) => super::date::to_iso(*ms)[..10].to_string(),
            other => other.to_js_string(),
        }
    }

    /// True for numbers (JavaScript `typeof v === "number"`).
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// Converts to JSON: dates become ISO strings, NaN and infinities become null.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => number_json(*n),
            Value::String(s) => J::String(s.clone()),
            Value::Array(a) => J::Array(a.iter().map(Value::to_json).collect()),
            Value::Object(o) => {
                // Inserted one by one: `collect` into a map would sort again
                // what is already sorted, with a sort of its own in the wasm.
                let mut m = serde_json::Map::new();
                for (k, v) in o {
                    m.insert(k.clone(), v.to_json());
                }
                J::Object(m)
            }
            Value::Date(ms) => J::String(super::date::to_iso(*ms)),
        }
    }
}

/// A number as JSON: integers stay integers, NaN and infinities are null.
pub fn number_json(n: f64) -> serde_json::Value {
    if !n.is_finite() {
        serde_json::Value::Null
    } else if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

impl From<&serde_json::Value> for Value {
    fn from(j: &serde_json::Value) -> Self {
        use serde_json::Value as J;
        match j {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Value::String(s.clone()),
            J::Array(a) => Value::Array(a.iter().map(Value::from).collect()),
            J::Object(o) => {
                let mut m = BTreeMap::new();
                for (k, v) in o {
                    m.insert(k.clone(), Value::from(v));
                }
                Value::Object(m)
            }
        }
    }
}

impl From<serde_json::Value> for Value {
    fn from(j: serde_json::Value) -> Self {
        Value::from(&j)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}
