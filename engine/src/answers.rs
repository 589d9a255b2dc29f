//! How controls turn input into answers: the rules the views follow, kept
//! here so they are tested natively.

use crate::expr::{ops::equal, Value};
use crate::schema::InputType;

/// The value SurveyJS stores for the "other" item.
pub const OTHER: &str = "other";
/// The value SurveyJS stores for the "none" item.
pub const NONE: &str = "none";

/// What an input's text means: empty is no answer; a number input gives a
/// number when the text is one (else the text, so validation can say so).
pub fn parse_input(raw: &str, input_type: InputType) -> Value {
    if raw.trim().is_empty() {
        return Value::Null;
    }
    if input_type == InputType::Number {
        if let Some(n) = crate::expr::number::parse_decimal(raw.trim()) {
            return Value::Number(n);
        }
    }
    Value::String(raw.to_string())
}

/// Whether `answer` holds `value` (one value, or an element of an array).
pub fn holds(answer: &Value, value: &Value) -> bool {
    match answer {
        Value::Array(a) => a.iter().any(|x| equal(x, value)),
        v => !v.is_empty() && equal(v, value),
    }
}

/// A checkbox toggle: "none" excludes the rest, the rest exclude "none";
/// an empty selection is no answer.
pub fn toggle(answer: &Value, value: &Value, on: bool) -> Value {
    let mut list: Vec<Value> = match answer {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        v => vec![v.clone()],
    };
    list.retain(|x| !equal(x, value));
    if on {
        let none = Value::from(NONE);
        if equal(value, &none) {
            list.clear();
        } else {
            list.retain(|x| !equal(x, &none));
        }
        list.push(value.clone());
    }
    if list.is_empty() {
        Value::Null
    } else {
        Value::Array(list)
    }
}

/// Sets one key of an object answer (a matrix row, a multiple-text item),
/// removing it when the value is empty; an empty object is no answer.
pub fn with_key(answer: &Value, key: &str, v: Value) -> Value {
    let mut map = match answer {
        Value::Object(m) => m.clone(),
        _ => Default::default(),
    };
    if v.is_empty() {
        map.remove(key);
    } else {
        map.insert(key.to_string(), v);
    }
    if map.is_empty() {
        Value::Null
    } else {
        Value::Object(map)
    }
}

/// Moves the item at `from` to `to` (a ranking step or drop); out-of-range moves change nothing.
pub fn moved(order: &[Value], from: usize, to: usize) -> Value {
    let mut list = order.to_vec();
    if from < list.len() && to < list.len() {
        let item = list.remove(from);
        list.insert(to, item);
    }
    Value::Array(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::from(x)
    }

    #[test]
    fn input_text_becomes_answers() {
        let cases = [
            ("", InputType::Number, Value::Null),
            (" 41 ", InputType::Number, Value::Number(41.0)),
            ("4,5", InputType::Number, s("4,5")),
            ("41", InputType::Text, s("41")),
        ];
        for (raw, t, want) in cases {
            assert_eq!(parse_input(raw, t), want, "{raw:?}");
        }
    }

    #[test]
    fn none_excludes_the_rest() {
        let a = toggle(&Value::Null, &s("x"), true);
        let b = toggle(&a, &s("y"), true);
        assert_eq!(b, Value::Array(vec![s("x"), s("y")]));
        let c = toggle(&b, &s(NONE), true);
        assert_eq!(c, Value::Array(vec![s(NONE)]));
        let d = toggle(&c, &s("x"), true);
        assert_eq!(d, Value::Array(vec![s("x")]));
        assert_eq!(toggle(&d, &s("x"), false), Value::Null);
        assert!(holds(&d, &s("X")), "SurveyJS equality");
    }

    #[test]
    fn object_answers_and_ranking() {
        let m = with_key(&Value::Null, "r1", Value::Number(2.0));
        assert_eq!(with_key(&m, "r1", Value::Null), Value::Null);
        let order = [s("a"), s("b"), s("c")];
        assert_eq!(moved(&order, 0, 2), Value::Array(vec![s("b"), s("c"), s("a")]));
        assert_eq!(moved(&order, 0, 9), Value::Array(order.to_vec()));
    }
}
