//! Operator semantics, following SurveyJS (see `GRAMMAR.md` §6–§9 in the peer data).

use super::number::{correct_decimals, decimals, sjs_number};
use super::Value;
use std::cmp::Ordering;

/// SurveyJS equality (`=`): trimmed case-insensitive strings, numeric text
/// equal to numbers, arrays compared ignoring order, objects key by key.
pub fn equal(x: &Value, y: &Value) -> bool {
    let undefined = |v: &Value| matches!(v, Value::String(s) if s == "undefined");
    let null = Value::Null;
    let x = if undefined(x) { &null } else { x };
    let y = if undefined(y) { &null } else { y };
    values_equal(x, y)
}

fn values_equal(x: &Value, y: &Value) -> bool {
    use Value::*;
    match (x, y) {
        (Null, Null) => return true,
        (Null, String(s)) | (String(s), Null) if s.is_empty() => return true,
        (Null, Array(a)) | (Array(a), Null) if a.is_empty() => return true,
        (Bool(a), Bool(b)) => return a == b,
        (Number(a), Number(b)) | (Date(a), Date(b)) => return a == b,
        (String(a), String(b)) => {
            return a == b || crate::case::fold(a.trim()) == crate::case::fold(b.trim());
        }
        _ => {}
    }
    if let (Some(a), Some(b)) = (date_of(x, y), date_of(y, x)) {
        return a == b;
    }
    if convertible_to_number(x) && convertible_to_number(y) {
        let (a, b) = (x.to_number(), y.to_number());
        if a == b && js_parse_int(x) == js_parse_int(y) {
            return true;
        }
    }
    if x.is_empty() != y.is_empty() {
        return false;
    }
    match (x, y) {
        (Bool(b), String(s)) | (String(s), Bool(b)) => return b.to_string() == crate::case::fold(s),
        (Array(a), Array(b)) => return arrays_equal(a, b),
        (Object(a), Object(b)) => {
            return a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| values_equal(v, w)));
        }
        (Array(_) | Object(_), _) | (_, Array(_) | Object(_)) => return false,
        _ => {}
    }
    loose_equal(x, y)
}

/// A date for comparing `x` with `other` when either side is a date.
fn date_of(x: &Value, other: &Value) -> Option<f64> {
    match (x, other) {
        (Value::Date(d), _) => Some(*d),
        (Value::String(s), Value::Date(_)) => super::date::parse(s),
        _ => None,
    }
}

fn convertible_to_number(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Array(_)) && !v.to_number().is_nan()
}

/// JavaScript `parseInt` on a value's text: leading integer digits or NaN.
fn js_parse_int(v: &Value) -> f64 {
    let s = v.to_js_string();
    let t = s.trim_start();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    let n: String = digits.chars().take_while(char::is_ascii_digit).collect();
    super::number::parse_decimal(&n).map_or(f64::NAN, |n| sign * n)
}

fn arrays_equal(a: &[Value], b: &[Value]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    fn sorted(v: &[Value]) -> Vec<&Value> {
        let keys: Vec<String> = v.iter().map(Value::to_js_string).collect();
        crate::sorted::sorted_by(0..v.len(), |&a, &b| keys[a] <= keys[b]).into_iter().map(|i| &v[i]).collect()
    }
    sorted(a).iter().zip(sorted(b)).all(|(x, y)| values_equal(x, y))
}

/// JavaScript `==` between primitives.
fn loose_equal(x: &Value, y: &Value) -> bool {
    use Value::*;
    match (x, y) {
        (Null, Null) => true,
        (Null, _) | (_, Null) => false,
        (String(a), String(b)) => a == b,
        _ => x.to_number() == y.to_number(),
    }
}

/// JavaScript `a < b` after `ToPrimitive`: strings by code unit, else numbers.
fn js_less(a: &Value, b: &Value) -> bool {
    let prim = |v: &Value| match v {
        Value::Array(_) | Value::Object(_) => Value::String(v.to_js_string()),
        other => other.clone(),
    };
    match (prim(a), prim(b)) {
        (Value::String(x), Value::String(y)) => x.encode_utf16().cmp(y.encode_utf16()) == Ordering::Less,
        (x, y) => x.to_number() < y.to_number(),
    }
}

fn date_pair(x: &Value, y: &Value) -> Option<(Value, Value)> {
    let (a, b) = (date_of(x, y)?, date_of(y, x)?);
    Some((Value::Date(a), Value::Date(b)))
}

/// `x > y`: false when either side is missing.
pub fn greater(x: &Value, y: &Value) -> bool {
    if matches!(x, Value::Null) || matches!(y, Value::Null) {
        return false;
    }
    match date_pair(x, y) {
        Some((a, b)) => js_less(&b, &a),
        None => js_less(y, x),
    }
}

/// `x < y`: false when either side is missing.
pub fn less(x: &Value, y: &Value) -> bool {
    greater(y, x)
}

/// `contains` (and, with `is_contains` false, the core of `notcontains`).
fn contains_core(left: &Value, right: &Value, is_contains: bool) -> bool {
    if matches!(left, Value::Array(a) if a.is_empty()) {
        return !is_contains;
    }
    if !left.truthy() && !matches!(left, Value::Number(_) | Value::Bool(_)) {
        return false;
    }
    match left {
        Value::Array(items) => {
            let rights: &[Value] = match right {
                Value::Array(r) => r,
                single => std::slice::from_ref(single),
            };
            let all = rights.iter().all(|r| items.iter().any(|l| equal(l, r)));
            if all {
                is_contains
            } else {
                !is_contains
            }
        }
        other => {
            if !right.truthy() {
                return false;
            }
            let hay = crate::case::fold(&other.to_js_string());
            let needle = crate::case::fold(&right.to_js_string());
            let found = hay.contains(&needle);
            if is_contains {
                found
            } else {
                !found
            }
        }
    }
}

/// `left contains right`.
pub fn contains(left: &Value, right: &Value) -> bool {
    contains_core(left, right, true)
}

/// `left notcontains right`.
pub fn not_contains(left: &Value, right: &Value) -> bool {
    if !left.truthy() && !right.is_empty() {
        return true;
    }
    contains_core(left, right, false)
}

/// `left anyof right`.
pub fn any_of(left: &Value, right: &Value) -> bool {
    if left.is_empty() && right.is_empty() {
        return true;
    }
    if left.is_empty() {
        return false;
    }
    if right.is_empty() {
        return true;
    }
    match (left, right) {
        (Value::Array(_), Value::Array(items)) => items.iter().any(|r| contains_core(left, r, true)),
        (Value::Array(_), _) => contains_core(left, right, true),
        _ => contains_core(right, left, true),
    }
}

/// `left allof right`.
pub fn all_of(left: &Value, right: &Value) -> bool {
    if !left.truthy() && !right.is_empty() {
        return false;
    }
    match right {
        Value::Array(items) => items.iter().all(|r| contains_core(left, r, true)),
        single => contains_core(left, single, true),
    }
}

/// The empty-operand substitution applied before `and or + - * / % ^`.
pub fn substitute(v: &Value, other: &Value) -> Value {
    if !v.is_empty() {
        return v.clone();
    }
    match (v, other) {
        (_, Value::Number(_)) => Value::Number(0.0),
        (Value::String(_), _) => v.clone(),
        (_, Value::String(_)) => Value::String(String::new()),
        (_, Value::Array(_)) => Value::Array(Vec::new()),
        _ => Value::Number(0.0),
    }
}

/// SurveyJS's `Helpers.isNumber`: a finite number or numeric text.
fn numeric(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_finite(),
        Value::String(s) => sjs_number(s).is_some(),
        _ => false,
    }
}

/// JavaScript `a + b`.
fn js_add(a: &Value, b: &Value) -> Value {
    let stringy =
        |v: &Value| matches!(v, Value::String(_) | Value::Array(_) | Value::Object(_) | Value::Date(_));
    if stringy(a) || stringy(b) {
        Value::String(a.to_js_string() + &b.to_js_string())
    } else {
        Value::Number(a.to_number() + b.to_number())
    }
}

/// `+` (SurveyJS `sumAnyValues`).
pub fn add(a: &Value, b: &Value) -> Value {
    if !(numeric(a) && numeric(b)) {
        match (a, b) {
            (Value::Array(x), Value::Array(y)) => return Value::Array(x.iter().chain(y).cloned().collect()),
            (Value::Array(arr), other) | (other, Value::Array(arr)) => {
                let arr_first = matches!(a, Value::Array(_));
                match other {
                    Value::String(s) => {
                        let joined = arr.iter().map(Value::to_js_string).collect::<Vec<_>>().join(", ");
                        return Value::String(if arr_first { joined + s } else { s.clone() + &joined });
                    }
                    Value::Number(n) => {
                        let mut res = 0.0;
                        for x in arr {
                            if let Value::Number(x) = x {
                                res = plus_minus(res, *x, res + x);
                            }
                        }
                        return Value::Number(plus_minus(res, *n, res + n));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        return js_add(a, b);
    }
    if matches!(a, Value::String(_)) || matches!(b, Value::String(_)) {
        return js_add(a, b);
    }
    let (x, y) = (a.to_number(), b.to_number());
    Value::Number(plus_minus(x, y, x + y))
}

fn plus_minus(a: f64, b: f64, res: f64) -> f64 {
    correct_decimals(res, decimals(a).max(decimals(b)))
}

/// `-`, `*`, `/`, `%`, `^` on numbers, with SurveyJS's decimal correction;
/// division by zero or by an empty value gives null.
pub fn arithmetic(op: super::ast::BinOp, a: &Value, b: &Value) -> Value {
    use super::ast::BinOp;
    let (x, y) = (a.to_number(), b.to_number());
    Value::Number(match op {
        BinOp::Sub => plus_minus(x, y, x - y),
        BinOp::Mul => correct_decimals(x * y, decimals(x) + decimals(y)),
        BinOp::Div | BinOp::Mod if !b.truthy() => return Value::Null,
        BinOp::Div => x / y,
        BinOp::Mod => x % y,
        BinOp::Pow => x.powf(y),
        _ => return Value::Null,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::String(x.into())
    }
    fn n(x: f64) -> Value {
        Value::Number(x)
    }

    #[test]
    fn equality_table() {
        let cases = [
            (s("abc"), s(" ABC "), true),
            (s("1"), n(1.0), true),
            (Value::Null, s(""), true),
            (Value::Null, n(0.0), false),
            (Value::Bool(true), s("True"), true),
            (Value::Array(vec![n(2.0), n(1.0)]), Value::Array(vec![n(1.0), n(2.0)]), true),
            (Value::Array(vec![s("a")]), s("a"), false),
            (s("000"), s("0"), false),
        ];
        for (a, b, want) in cases {
            assert_eq!(equal(&a, &b), want, "{a:?} = {b:?}");
        }
    }

    #[test]
    fn ordering_and_contains() {
        assert!(!greater(&Value::Null, &n(5.0)));
        assert!(!greater(&s("B"), &s("a")));
        assert!(contains(&n(55.0), &n(5.0)));
        assert!(not_contains(&Value::Null, &s("ab")));
        assert!(contains(&Value::Array(vec![s("2")]), &n(2.0)));
    }

    #[test]
    fn addition_rules() {
        assert_eq!(add(&n(0.3), &n(0.6)), n(0.9));
        assert_eq!(add(&s("5"), &n(3.0)), s("53"));
        assert_eq!(add(&Value::Array(vec![n(1.0), n(2.0), n(3.0)]), &n(4.0)), n(10.0));
    }
}
