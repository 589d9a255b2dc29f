//! How controls turn input into answers: the rules the views follow, kept
//! here so they are tested natively.

use crate::expr::{ops::equal, Value};
use crate::schema::InputType;
use crate::text::{Builtin, Lang};

/// The value SurveyJS stores for the "other" item.
pub const OTHER: &str = "other";
/// The value SurveyJS stores for the "none" item.
pub const NONE: &str = "none";
/// The value SurveyJS stores for the "refuse to answer" item.
pub const REFUSED: &str = "refused";
/// The value SurveyJS stores for the "don't know" item.
pub const DONT_KNOW: &str = "dontknow";

/// Whether `t` is the value of a built-in item: "other", "none",
/// "refuse to answer", "don't know".
pub fn is_special(t: &str) -> bool {
    [OTHER, NONE, REFUSED, DONT_KNOW].contains(&t)
}

/// Whether `v` is one of the items that exclude every other choice:
/// "none", "refuse to answer", "don't know".
pub fn is_exclusive(v: &Value) -> bool {
    matches!(v, Value::String(s) if s == NONE || s == REFUSED || s == DONT_KNOW)
}

/// What an input's text means: empty is no answer; a number input gives a
/// number when the text reads as one in the form's language (see
/// [`parse_number`]), else the text, so validation can say so. A number is
/// never guessed from text it does not fully read.
pub fn parse_input(raw: &str, input_type: InputType, lang: Lang) -> Value {
    if raw.trim().is_empty() {
        return Value::Null;
    }
    if input_type == InputType::Number {
        if let Some(n) = parse_number(raw, lang) {
            return Value::Number(n);
        }
    }
    Value::String(raw.to_string())
}

/// A number typed by a respondent, read as people write it in `lang`.
///
/// Indonesian writes `2,5` and `1.250.000`; English `2.5` and `1,250,000`.
/// Both separators are read in both languages, because phone keyboards
/// offer the other one: the language's decimal mark is always decimal, and
/// the other mark is a thousands separator only where it groups digits in
/// threes after a first group that does not start with 0 (`1.000` in
/// Indonesian is a thousand, `0.500` a half), else a decimal point (`2.5`
/// in Indonesian is two and a half). Only digits, the two marks and one
/// leading sign are read: anything else, such as `1,2,3`, `2,5.1`, `1e3`
/// or `+-2`, is not a number: `None`, never a different number.
pub fn parse_number(raw: &str, lang: Lang) -> Option<f64> {
    let t = raw.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let (decimal, group) = match lang.builtin() {
        Builtin::Id => (',', '.'),
        Builtin::En => ('.', ','),
    };
    let (sign, unsigned) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = match unsigned.rfind(decimal) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let grouped = |int: &str| {
        let mut parts = int.split(group);
        let first = parts.next().unwrap_or_default();
        // "0.500" is a half in either language, never five hundred.
        (1..=3).contains(&first.len()) && !first.starts_with('0') && parts.all(|p| p.len() == 3)
    };
    let int = if !int.contains(group) {
        int.to_string()
    } else if grouped(int) {
        int.replace(group, "")
    } else if frac.is_none() && int.matches(group).count() == 1 {
        // The other mark once, not grouping threes: a decimal point.
        int.replace(group, ".")
    } else {
        return None;
    };
    let text = match frac {
        Some(f) if f.contains(group) || int.contains('.') => return None,
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    };
    if text.ends_with('.') {
        return None;
    }
    crate::expr::number::parse_decimal(&text).filter(|n| n.is_finite())
}

/// A number as a respondent of `lang` reads it: `2,5` in Indonesian, `2.5`
/// in English (no thousands separators, so it reads back unchanged).
pub fn number_text(n: f64, lang: Lang) -> String {
    let text = Value::Number(n).to_display();
    match lang.builtin() {
        Builtin::Id => text.replace('.', ","),
        Builtin::En => text,
    }
}

/// What a text input shows for an answer: numbers in the form's language.
pub fn input_text(answer: &Value, lang: Lang) -> String {
    match answer {
        Value::Number(n) => number_text(*n, lang),
        other => other.to_display(),
    }
}

/// Whether `answer` holds `value` (one value, or an element of an array).
pub fn holds(answer: &Value, value: &Value) -> bool {
    match answer {
        Value::Array(a) => a.iter().any(|x| equal(x, value)),
        v => !v.is_empty() && equal(v, value),
    }
}

/// A checkbox toggle: "none", "refuse to answer" and "don't know" each
/// exclude the rest, the rest exclude them; an empty selection is no answer.
pub fn toggle(answer: &Value, value: &Value, on: bool) -> Value {
    let mut list: Vec<Value> = match answer {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        v => vec![v.clone()],
    };
    list.retain(|x| !equal(x, value));
    if on {
        if is_exclusive(value) {
            list.clear();
        } else {
            list.retain(|x| !is_exclusive(x));
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
            ("", InputType::Number, Lang::ID, Value::Null),
            (" 41 ", InputType::Number, Lang::ID, Value::Number(41.0)),
            ("4,5", InputType::Number, Lang::ID, Value::Number(4.5)),
            ("4,5", InputType::Number, Lang::EN, Value::Number(4.5)),
            ("4,5x", InputType::Number, Lang::ID, s("4,5x")),
            ("41", InputType::Text, Lang::ID, s("41")),
            ("2,5", InputType::Text, Lang::ID, s("2,5")),
        ];
        for (raw, t, lang, want) in cases {
            assert_eq!(parse_input(raw, t, lang), want, "{raw:?} {lang:?}");
        }
    }

    #[test]
    fn numbers_read_as_the_language_writes_them() {
        let id = Lang::ID;
        let en = Lang::EN;
        let cases: [(&str, Lang, Option<f64>); 36] = [
            ("2,5", id, Some(2.5)),
            ("2.5", id, Some(2.5)),
            ("2,5", en, Some(2.5)),
            ("2.5", en, Some(2.5)),
            ("1.000", id, Some(1000.0)),
            ("1,000", en, Some(1000.0)),
            ("1.250.000", id, Some(1_250_000.0)),
            ("1.250.000,75", id, Some(1_250_000.75)),
            ("1,250,000.75", en, Some(1_250_000.75)),
            ("-0,5", id, Some(-0.5)),
            ("+3", en, Some(3.0)),
            ("0,25", id, Some(0.25)),
            (",5", id, Some(0.5)),
            ("12", id, Some(12.0)),
            ("0.500", id, Some(0.5)),
            ("0.125", id, Some(0.125)),
            ("0,125", en, Some(0.125)),
            ("012.345", id, Some(12.345)),
            ("1e3", en, None),
            ("1,5e3", id, None),
            ("1.5e3", id, None),
            ("2,5e3", en, None),
            ("+-2", id, None),
            ("Infinity", en, None),
            ("9".repeat(400).leak(), en, None),
            ("1,2,3", id, None),
            ("1.2.3", en, None),
            ("2,5.1", id, None),
            ("1.25.000", id, None),
            ("1.000,5,5", id, None),
            ("2,", id, None),
            ("2.", en, None),
            ("abc", en, None),
            ("", id, None),
            ("1 000", id, None),
            ("--2", id, None),
        ];
        for (raw, lang, want) in cases {
            assert_eq!(parse_number(raw, lang), want, "{raw:?} in {lang:?}");
        }
    }

    #[test]
    fn numbers_shown_read_back_unchanged() {
        for n in [2.5, -0.125, 1_250_000.0, 3.0, 123_456_789.25, 0.1 + 0.2] {
            for lang in [Lang::ID, Lang::EN] {
                let shown = number_text(n, lang);
                assert_eq!(parse_number(&shown, lang), Some(n), "{n} shown as {shown:?}");
            }
        }
        assert_eq!(number_text(2.5, Lang::ID), "2,5");
        assert_eq!(input_text(&Value::Number(2.5), Lang::EN), "2.5");
        assert_eq!(input_text(&s("2,5x"), Lang::ID), "2,5x");
    }

    #[test]
    fn refuse_and_dont_know_exclude_the_rest_as_none_does() {
        // (answer before, item ticked, answer after)
        let cases = [
            (Value::Array(vec![s("x"), s("y")]), REFUSED, Value::Array(vec![s(REFUSED)])),
            (Value::Array(vec![s(REFUSED)]), DONT_KNOW, Value::Array(vec![s(DONT_KNOW)])),
            (Value::Array(vec![s(DONT_KNOW)]), "x", Value::Array(vec![s("x")])),
            (Value::Array(vec![s(NONE)]), REFUSED, Value::Array(vec![s(REFUSED)])),
        ];
        for (before, ticked, after) in cases {
            assert_eq!(toggle(&before, &s(ticked), true), after, "{ticked}");
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
