//! Any text as an expression: parsing returns Ok or a located error, and
//! evaluating what parsed never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use tanya_engine::expr::{Env, Expression, Value};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(expr) = Expression::parse(text) {
            let mut values = BTreeMap::new();
            values.insert("a".to_string(), Value::Number(1.5));
            values.insert("b".to_string(), Value::from("x"));
            values.insert("c".to_string(), Value::Array(vec![Value::Number(1.0), Value::from("2")]));
            let _ = expr.eval(&Env { scope: &values, now: Some(1.7e12) });
            let _ = expr.to_string();
        }
    }
});
