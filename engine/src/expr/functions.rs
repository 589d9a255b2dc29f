//! The built-in functions SurveyJS registers by default.

use super::ast::Node;
use super::date::{self, Ymd, DAY_MS};
use super::eval::{eval_node, Env};
use super::number::sjs_number;
use super::ops::{add, greater, less};
use super::Value;

/// A built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    /// `iif(cond, a, b)`
    Iif,
    /// `sum(...)`
    Sum,
    /// `min(...)`
    Min,
    /// `max(...)`
    Max,
    /// `count(...)`
    Count,
    /// `avg(...)`
    Avg,
    /// `round(x, digits)`
    Round,
    /// `trunc(x, digits)`
    Trunc,
    /// `sumInArray(arr, prop, cond?)`
    SumInArray,
    /// `countInArray(arr, prop, cond?)`
    CountInArray,
    /// `avgInArray(arr, prop, cond?)`
    AvgInArray,
    /// `minInArray(arr, prop, cond?)`
    MinInArray,
    /// `maxInArray(arr, prop, cond?)`
    MaxInArray,
    /// `substring(s, start, end?)`
    Substring,
    /// `getDate(x)`
    GetDate,
    /// `age(date)`
    Age,
    /// `dateDiff(a, b, unit?)`
    DateDiff,
    /// `dateAdd(d, n, unit?)`
    DateAdd,
    /// `diffDays(a, b)`
    DiffDays,
    /// `getYear(d)`
    GetYear,
    /// `year(d?)`
    Year,
    /// `month(d?)`
    Month,
    /// `day(d?)`
    Day,
    /// `weekday(d?)`
    Weekday,
    /// `today(days?)`
    Today,
    /// `currentDate()`
    CurrentDate,
    /// `currentYear()`
    CurrentYear,
}

const NAMES: [(&str, Func); 27] = [
    ("iif", Func::Iif),
    ("sum", Func::Sum),
    ("min", Func::Min),
    ("max", Func::Max),
    ("count", Func::Count),
    ("avg", Func::Avg),
    ("round", Func::Round),
    ("trunc", Func::Trunc),
    ("suminarray", Func::SumInArray),
    ("countinarray", Func::CountInArray),
    ("avginarray", Func::AvgInArray),
    ("mininarray", Func::MinInArray),
    ("maxinarray", Func::MaxInArray),
    ("substring", Func::Substring),
    ("getdate", Func::GetDate),
    ("age", Func::Age),
    ("datediff", Func::DateDiff),
    ("dateadd", Func::DateAdd),
    ("diffdays", Func::DiffDays),
    ("getyear", Func::GetYear),
    ("year", Func::Year),
    ("month", Func::Month),
    ("day", Func::Day),
    ("weekday", Func::Weekday),
    ("today", Func::Today),
    ("currentdate", Func::CurrentDate),
    ("currentyear", Func::CurrentYear),
];

impl Func {
    /// The built-in named `name` (case-insensitive).
    pub fn lookup(name: &str) -> Option<Func> {
        NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, f)| *f)
    }

    /// Every built-in's name, for messages.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().map(|(n, _)| *n)
    }
}

/// Calls `func` on unevaluated `args` (the `...InArray` conditions run per row).
pub fn call(func: Func, args: &[Node], env: &Env<'_>) -> Value {
    if let Some(agg) = super::in_array::aggregate(func) {
        return super::in_array::call(agg, args, env);
    }
    let vals: Vec<Value> = args.iter().map(|a| eval_node(a, env)).collect();
    apply(func, &vals, env)
}

fn arg(vals: &[Value], i: usize) -> &Value {
    vals.get(i).unwrap_or(&Value::Null)
}

fn apply(func: Func, vals: &[Value], env: &Env<'_>) -> Value {
    match func {
        Func::Iif => {
            if vals.len() < 2 {
                Value::Null
            } else if arg(vals, 0).truthy() {
                vals[1].clone()
            } else {
                arg(vals, 2).clone()
            }
        }
        Func::Sum => flat(vals).iter().fold(Value::Number(0.0), |acc, v| add(&acc, v)),
        Func::Min => extreme(&flat(vals), true),
        Func::Max => extreme(&flat(vals), false),
        Func::Count => Value::Number(flat(vals).len() as f64),
        Func::Avg => {
            let items = flat(vals);
            if items.is_empty() {
                return Value::Number(0.0);
            }
            let total = items.iter().fold(Value::Number(0.0), |acc, v| add(&acc, v));
            Value::Number(total.to_number() / items.len() as f64)
        }
        Func::Round => round_like(vals, |x| (x.abs() * (1.0 + f64::EPSILON)).round().copysign(x)),
        Func::Trunc => round_like(vals, f64::trunc),
        Func::Substring => substring(vals),
        Func::GetDate => to_date(arg(vals, 0)).map_or(Value::Null, Value::Date),
        // `age(birthdate, unit)` counts to today as `dateDiff` counts, so a
        // birthdate still to come gives a negative age, as in survey-core.
        Func::Age => match (to_date(arg(vals, 0)), env.today()) {
            (Some(d), Some(t)) => {
                let unit = arg(vals, 1).to_js_string();
                date_diff(d, t, if unit.is_empty() || unit == "null" { "years" } else { &unit })
            }
            _ => Value::Null,
        },
        Func::DateDiff => match (to_date(arg(vals, 0)), to_date(arg(vals, 1))) {
            (Some(a), Some(b)) => date_diff(a, b, &arg(vals, 2).to_js_string()),
            _ => Value::Null,
        },
        Func::DateAdd => date_add(vals),
        Func::DiffDays => match (to_date(arg(vals, 0)), to_date(arg(vals, 1))) {
            (Some(a), Some(b)) => {
                let days = |ms: f64| (Ymd::from_ms(ms).to_ms() / DAY_MS).round();
                Value::Number((days(b) - days(a)).abs())
            }
            _ => Value::Number(0.0),
        },
        Func::GetYear => {
            to_date(arg(vals, 0)).map_or(Value::Null, |d| Value::Number(Ymd::from_ms(d).year as f64))
        }
        Func::Year | Func::Month | Func::Day | Func::Weekday => {
            let d = if vals.is_empty() { env.today() } else { to_date(&vals[0]) };
            let Some(d) = d else { return Value::Null };
            let ymd = Ymd::from_ms(d);
            Value::Number(match func {
                Func::Year => ymd.year as f64,
                Func::Month => f64::from(ymd.month),
                Func::Day => f64::from(ymd.day),
                _ => date::weekday(d) as f64,
            })
        }
        Func::Today => match env.today() {
            Some(t) => {
                let days = arg(vals, 0).to_number();
                let days = if days.is_nan() { 0.0 } else { days.trunc() };
                date::valid(t + days * DAY_MS).map_or(Value::Null, Value::Date)
            }
            None => Value::Null,
        },
        Func::CurrentDate => env.now.map_or(Value::Null, Value::Date),
        Func::CurrentYear => env.today().map_or(Value::Null, |t| Value::Number(Ymd::from_ms(t).year as f64)),
        Func::SumInArray | Func::CountInArray | Func::AvgInArray | Func::MinInArray | Func::MaxInArray => {
            Value::Null
        }
    }
}

/// `getParamsAsArray`: flattens nested arrays, drops nulls, turns numeric text into numbers.
fn flat(vals: &[Value]) -> Vec<Value> {
    fn walk(v: &Value, out: &mut Vec<Value>) {
        match v {
            Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
            Value::Null => {}
            Value::String(s) => out.push(sjs_number(s).map_or_else(|| v.clone(), Value::Number)),
            other => out.push(other.clone()),
        }
    }
    let mut out = Vec::new();
    vals.iter().for_each(|v| walk(v, &mut out));
    out
}

pub(super) fn extreme(items: &[Value], min: bool) -> Value {
    let mut res: Option<&Value> = None;
    for v in items {
        res = match res {
            None => Some(v),
            Some(r) if (min && greater(r, v)) || (!min && less(r, v)) => Some(v),
            keep => keep,
        };
    }
    res.cloned().unwrap_or(Value::Null)
}

fn as_number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => *n,
        Value::String(s) => sjs_number(s).unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

fn round_like(vals: &[Value], f: impl Fn(f64) -> f64) -> Value {
    let x = as_number(arg(vals, 0));
    let digits = match vals.get(1) {
        None | Some(Value::Null) => 0.0,
        Some(p) => as_number(p),
    };
    if x.is_nan() || digits.is_nan() {
        return Value::Number(f64::NAN);
    }
    let scale = 10f64.powi(digits.trunc().clamp(0.0, 15.0) as i32);
    Value::Number(f(x * scale) / scale)
}

fn substring(vals: &[Value]) -> Value {
    let Value::String(s) = arg(vals, 0) else { return Value::String(String::new()) };
    let units: Vec<u16> = s.encode_utf16().collect();
    let clamp = |v: &Value, default: usize| match v {
        Value::Null => default,
        v => {
            let n = v.to_number();
            if n.is_nan() {
                0
            } else {
                n.clamp(0.0, units.len() as f64) as usize
            }
        }
    };
    let start = clamp(arg(vals, 1), 0);
    let end = clamp(arg(vals, 2), units.len());
    let (a, b) = if start <= end { (start, end) } else { (end, start) };
    Value::String(String::from_utf16_lossy(&units[a..b]))
}

/// A date from a date value, ISO text or epoch milliseconds; `None` for empty input.
pub fn to_date(v: &Value) -> Option<f64> {
    match v {
        Value::Date(d) => date::valid(*d),
        Value::String(s) if !s.is_empty() => date::parse(s).and_then(date::valid),
        Value::Number(n) => date::valid(*n),
        _ => None,
    }
}

fn date_diff(a: f64, b: f64, unit: &str) -> Value {
    let ms = b - a;
    Value::Number(match crate::case::fold(unit).as_str() {
        "years" => (date::months_between(a, b) / 12) as f64,
        "months" => date::months_between(a, b) as f64,
        "hours" => (ms / 3_600_000.0).trunc(),
        "minutes" => (ms / 60_000.0).trunc(),
        "seconds" => (ms / 1000.0).trunc(),
        _ => (ms / DAY_MS).trunc(),
    })
}

fn date_add(vals: &[Value]) -> Value {
    let Some(d) = to_date(arg(vals, 0)) else { return Value::Null };
    let n = arg(vals, 1);
    if !n.truthy() {
        return Value::Null;
    }
    let n = n.to_number();
    let unit = match arg(vals, 2) {
        Value::Null => "days".to_string(),
        u => crate::case::fold(&u.to_js_string()),
    };
    let added = match unit.as_str() {
        "years" => date::add_months(d, (n * 12.0) as i64),
        "months" => date::add_months(d, n as i64),
        "hours" => d + n * 3_600_000.0,
        "minutes" => d + n * 60_000.0,
        "seconds" => d + n * 1000.0,
        _ => d + n * DAY_MS,
    };
    date::valid(added).map_or(Value::Null, Value::Date)
}
