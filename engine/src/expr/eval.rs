//! Evaluating a parsed tree against answers.

use super::ast::{BinOp, Node, UnaryOp};
use super::date::Ymd;
use super::functions::call;
use super::number::correct_string;
use super::ops;
use super::Value;
use std::collections::BTreeMap;

/// Where variables come from: a map of top-level keys.
pub trait Scope {
    /// The value stored under `key`, matched exactly or else case-insensitively.
    fn get(&self, key: &str) -> Option<&Value>;
}

impl Scope for BTreeMap<String, Value> {
    fn get(&self, key: &str) -> Option<&Value> {
        if let Some(v) = BTreeMap::get(self, key) {
            return Some(v);
        }
        self.iter().find(|(k, _)| eq_ignore_case(k, key)).map(|(_, v)| v)
    }
}

/// Case-insensitive key comparison, as SurveyJS matches variable names.
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.eq_ignore_ascii_case(b)
        || (!a.is_ascii() || !b.is_ascii()) && crate::case::fold(a) == crate::case::fold(b)
}

/// A row of an array, seen first, with the outer scope behind it.
pub struct RowScope<'a> {
    /// The row's own keys.
    pub row: &'a BTreeMap<String, Value>,
    /// The scope the function was called in.
    pub outer: &'a dyn Scope,
}

impl Scope for RowScope<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        Scope::get(self.row, key).or_else(|| self.outer.get(key))
    }
}

/// Everything an evaluation may read: the answers and, for date functions, the time.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// The variables.
    pub scope: &'a dyn Scope,
    /// "Now" in epoch milliseconds, passed in by the caller; date functions
    /// that need the current date give null without it.
    pub now: Option<f64>,
}

impl Env<'_> {
    /// Midnight (UTC) of the current day, if the time was given.
    pub fn today(&self) -> Option<f64> {
        self.now.map(|n| Ymd::from_ms(n).to_ms())
    }
}

/// Evaluates a tree to its raw value.
pub fn eval_node(node: &Node, env: &Env<'_>) -> Value {
    match node {
        Node::Const { value, .. } => value.clone(),
        Node::Var { name, raw } => {
            let v = resolve(env.scope, name);
            match v {
                Some(Value::String(s)) if !raw => correct_string(&s),
                Some(v) => v,
                None if name.contains(':') => object_constant(name),
                None => Value::Null,
            }
        }
        Node::Array(items) => Value::Array(items.iter().map(|n| eval_node(n, env)).collect()),
        Node::Unary { op, arg } => {
            let v = eval_node(arg, env);
            Value::Bool(match op {
                UnaryOp::Not => !v.truthy(),
                UnaryOp::Empty => v.is_empty(),
                UnaryOp::NotEmpty => !v.is_empty(),
            })
        }
        Node::Binary { op, left, right } => {
            let l = eval_node(left, env);
            let r = right.as_ref().map_or(Value::Null, |r| eval_node(r, env));
            binary(*op, l, r)
        }
        Node::Call { func: Some(f), args, .. } => call(*f, args, env),
        Node::Call { func: None, .. } => Value::Null,
    }
}

fn binary(op: BinOp, l: Value, r: Value) -> Value {
    match op {
        BinOp::Or
        | BinOp::And
        | BinOp::Add
        | BinOp::Sub
        | BinOp::Mul
        | BinOp::Div
        | BinOp::Mod
        | BinOp::Pow => {
            let (a, b) = (ops::substitute(&l, &r), ops::substitute(&r, &l));
            match op {
                BinOp::Or => {
                    if a.truthy() {
                        a
                    } else {
                        b
                    }
                }
                BinOp::And => {
                    if a.truthy() {
                        b
                    } else {
                        a
                    }
                }
                BinOp::Add => ops::add(&a, &b),
                _ => ops::arithmetic(op, &a, &b),
            }
        }
        BinOp::Eq => Value::Bool(ops::equal(&l, &r)),
        BinOp::Ne => Value::Bool(!ops::equal(&l, &r)),
        BinOp::Lt => Value::Bool(ops::less(&l, &r)),
        BinOp::Gt => Value::Bool(ops::greater(&l, &r)),
        BinOp::Le => Value::Bool(ops::equal(&l, &r) || ops::less(&l, &r)),
        BinOp::Ge => Value::Bool(ops::equal(&l, &r) || ops::greater(&l, &r)),
        BinOp::Contains => Value::Bool(ops::contains(&l, &r)),
        BinOp::NotContains => Value::Bool(ops::not_contains(&l, &r)),
        BinOp::AnyOf => Value::Bool(ops::any_of(&l, &r)),
        BinOp::AllOf => Value::Bool(ops::all_of(&l, &r)),
        BinOp::NoneOf => Value::Bool(!ops::any_of(&l, &r)),
    }
}

/// `{"key": 1}` written as a variable: parsed as a JSON object.
fn object_constant(name: &str) -> Value {
    serde_json::from_str::<serde_json::Value>(&format!("{{{name}}}")).map_or(Value::Null, Value::from)
}

/// One step of a path: a key, then any `[n]` indexes after it.
fn split_indexes(part: &str) -> (&str, Vec<i64>) {
    let mut idx = Vec::new();
    let mut rest = part;
    while rest.ends_with(']') {
        let Some(open) = rest.rfind('[') else { break };
        let Ok(n) = rest[open + 1..rest.len() - 1].trim().parse::<i64>() else { break };
        idx.push(n);
        rest = &rest[..open];
    }
    idx.reverse();
    (rest, idx)
}

fn index(v: &Value, i: i64) -> Option<Value> {
    let Value::Array(items) = v else { return None };
    let i = if i < 0 { items.len() as i64 + i } else { i };
    usize::try_from(i).ok().and_then(|i| items.get(i)).cloned()
}

/// Resolves a variable name: the longest dotted key that exists wins, then
/// the rest of the path walks into objects and arrays (`.length`, `[n]`, `[-1]`).
pub fn resolve(scope: &dyn Scope, name: &str) -> Option<Value> {
    if let Some(v) = scope.get(name) {
        return Some(v.clone());
    }
    let parts: Vec<&str> = name.split('.').collect();
    for take in (1..=parts.len()).rev() {
        let head = parts[..take].join(".");
        let (key, idx) = split_indexes(&head);
        if take == parts.len() && idx.is_empty() {
            continue;
        }
        let Some(mut v) = scope.get(key).cloned() else { continue };
        for i in idx {
            v = index(&v, i)?;
        }
        return walk(v, &parts[take..]);
    }
    if parts.last() == Some(&"length") {
        return Some(Value::Number(0.0));
    }
    None
}

fn walk(mut v: Value, rest: &[&str]) -> Option<Value> {
    for (n, part) in rest.iter().enumerate() {
        let (key, idx) = split_indexes(part);
        v = match (&v, key) {
            (Value::Array(a), "length") if idx.is_empty() => Value::Number(a.len() as f64),
            (Value::String(s), "length") if idx.is_empty() => Value::Number(s.encode_utf16().count() as f64),
            (Value::Null, "length") if n + 1 == rest.len() => Value::Number(0.0),
            (Value::Object(map), k) => {
                let found = Scope::get(map, k).cloned();
                match found {
                    Some(x) => x,
                    None => {
                        let joined = rest[n..].join(".");
                        return Scope::get(map, &joined).cloned();
                    }
                }
            }
            (Value::Array(_), k) => index(&v, k.parse().ok()?)?,
            _ => return None,
        };
        for i in idx {
            v = index(&v, i)?;
        }
    }
    Some(v)
}
