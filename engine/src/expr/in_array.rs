//! `sumInArray`, `countInArray`, `avgInArray`, `minInArray` and
//! `maxInArray`: an aggregate over the rows of an array (or object) answer,
//! with an optional condition evaluated per row.

use super::ast::Node;
use super::eval::{eval_node, Env, RowScope};
use super::functions::{extreme, Func};
use super::number::sjs_number;
use super::ops::add;
use super::Value;

/// The aggregate an `...InArray` function computes.
#[derive(Clone, Copy)]
pub(super) enum Agg {
    Sum,
    Count,
    Avg,
    Min,
    Max,
}

/// The aggregate an `…InArray` function computes; `None` for the others.
pub(super) fn aggregate(f: Func) -> Option<Agg> {
    Some(match f {
        Func::SumInArray => Agg::Sum,
        Func::CountInArray => Agg::Count,
        Func::AvgInArray => Agg::Avg,
        Func::MinInArray => Agg::Min,
        Func::MaxInArray => Agg::Max,
        _ => return None,
    })
}

/// `(arr, 'prop' [, condition])`: the condition is a string to parse, or an
/// expression evaluated per row with the row's keys as variables.
pub(super) fn call(agg: Agg, args: &[Node], env: &Env<'_>) -> Value {
    let rows = match args.first().map(|a| eval_node(a, env)) {
        Some(Value::Array(rows)) => rows,
        Some(Value::Object(rows)) => rows.into_values().collect(),
        _ => Vec::new(),
    };
    let prop = args.get(1).map(|a| eval_node(a, env).to_js_string()).unwrap_or_default();
    // min/max may name a property to return from the winning row: `(arr, 'price', 'name')`.
    let returns = match (agg, args.get(2)) {
        (Agg::Min | Agg::Max, Some(Node::Const { value: Value::String(p), quoted: true }))
            if !p.contains('{') =>
        {
            Some(p.clone())
        }
        _ => None,
    };
    let cond_at = if returns.is_some() { 3 } else { 2 };
    let parsed;
    let cond: Option<&Node> = match args.get(cond_at) {
        Some(Node::Const { value: Value::String(text), .. }) => {
            parsed = super::parser::parse(text).ok();
            parsed.as_ref()
        }
        other => other,
    };
    let mut picked = Vec::new();
    for row in &rows {
        let Value::Object(map) = row else { continue };
        if let Some(c) = cond {
            let scope = RowScope { row: map, outer: env.scope };
            let row_env = Env { scope: &scope, now: env.now };
            if !eval_node(c, &row_env).is_true_condition() {
                continue;
            }
        }
        let cell = map
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&prop))
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Null);
        let cell = match &cell {
            Value::String(s) => sjs_number(s).map_or(cell.clone(), Value::Number),
            _ => cell,
        };
        if cell.is_empty() || (matches!(agg, Agg::Sum | Agg::Avg) && !cell.is_number()) {
            continue;
        }
        picked.push((cell, map));
    }
    if let Some(ret) = returns {
        let values: Vec<Value> = picked.iter().map(|(v, _)| v.clone()).collect();
        let best = extreme(&values, matches!(agg, Agg::Min));
        return picked
            .iter()
            .find(|(v, _)| *v == best)
            .and_then(|(_, row)| {
                row.iter().find(|(k, _)| k.eq_ignore_ascii_case(&ret)).map(|(_, v)| v.clone())
            })
            .unwrap_or(Value::Null);
    }
    let picked: Vec<Value> = picked.into_iter().map(|(v, _)| v).collect();
    match agg {
        Agg::Count => Value::Number(picked.len() as f64),
        Agg::Sum => picked.iter().fold(Value::Number(0.0), |acc, v| add(&acc, v)),
        Agg::Avg if picked.is_empty() => Value::Number(0.0),
        Agg::Avg => {
            let total = picked.iter().fold(Value::Number(0.0), |acc, v| add(&acc, v));
            Value::Number(total.to_number() / picked.len() as f64)
        }
        Agg::Min => extreme(&picked, true),
        Agg::Max => extreme(&picked, false),
    }
}
