//! Only what the questionnaire asks is stored: answer keys it does not
//! have, values its questions cannot hold, hidden answers and client-made
//! computed values, over real HTTP. Rules are checked as of the entry's own
//! time, and a version not served here is retried, not refused.

mod common;

use common::{envelope_for, http, post, start_in, workdir};
use serde_json::{json, Value};

fn questionnaire() -> Value {
    json!({
        "tanya": {"id": "shape", "duplicates": {"policy": "allow"}},
        "calculatedValues": [
            {"name": "total", "expression": "{age} * 2", "includeIntoResult": true},
            {"name": "hidden_total", "expression": "{age} * 3"}
        ],
        "pages": [{"elements": [
            {"type": "radiogroup", "name": "group", "choices": ["pegawai", "pengguna"], "hasOther": true},
            {"type": "checkbox", "name": "services", "choices": ["ktp", "kk", "akta"], "showRefuseItem": true},
            {"type": "text", "name": "unit", "visibleIf": "{group} = 'pegawai'", "maxLength": 20},
            {"type": "text", "name": "age", "inputType": "number"},
            {"type": "text", "name": "visit", "inputType": "date", "maxValueExpression": "today()"},
            {"type": "boolean", "name": "consent"},
            {"type": "rating", "name": "score", "rateMin": 1, "rateMax": 5},
            {"type": "matrix", "name": "likert", "rows": ["r1", "r2"], "columns": [1, 2, 3]},
            {"type": "multipletext", "name": "contact", "items": [{"name": "city", "maxLength": 10}]},
            {"type": "expression", "name": "double", "expression": "{age} * 2"},
            {"type": "expression", "name": "stamp", "expression": "currentDate()"},
            {"type": "comment", "name": "note"}
        ]}]
    })
}

fn collector(name: &str) -> common::Collector {
    let dir = workdir(name);
    std::fs::write(dir.join("surveys/shape.json"), questionnaire().to_string()).expect("write");
    start_in(dir, true)
}

/// The stored answers of the one entry in the NDJSON export.
fn stored(addr: &str) -> Value {
    let (_, _, body) =
        http(addr, "GET", "/api/export.ndjson", &[("Authorization", "Bearer rahasia-panjang-0123")], b"");
    let line = body.lines().next().unwrap_or_default();
    serde_json::from_str::<Value>(line).map(|v| v["answers"].clone()).unwrap_or(Value::Null)
}

#[test]
fn answers_the_questionnaire_does_not_ask_for_are_refused_and_located() {
    let c = collector("shape-422");
    let many: Vec<String> = (0..2000).map(|i| format!("made_up_{i}")).collect();
    let mut flood = serde_json::Map::new();
    for k in &many {
        flood.insert(k.clone(), json!("x"));
    }
    let ktp_many: Vec<&str> = std::iter::repeat_n("ktp", 25_000).collect();
    // (answers, the located key, what the message says)
    let cases = [
        (json!({"q9": "x"}), "q9", "is not a question"),
        (Value::Object(flood), "made_up_0", "is not a question"),
        (json!({"group": "nobody"}), "group", "not among its choices"),
        (json!({"services": ktp_many}), "services", "more than once"),
        (json!({"services": ["ktp", "paspor"]}), "services", "not among its choices"),
        (json!({"services": "ktp"}), "services", "array"),
        (json!({"services": ["refused", "kk"]}), "services", "chosen alone"),
        (json!({"consent": "yes"}), "consent", "not one of its two values"),
        (json!({"score": 9}), "score", "rating values"),
        (json!({"likert": {"r3": 1}}), "likert", "not a row"),
        (json!({"likert": {"r1": 7}}), "likert", "not among its columns"),
        (json!({"contact": {"phone": "1"}}), "contact", "not an item"),
        (json!({"contact": {"city": "Kota Administrasi Jakarta"}}), "contact", "longer"),
        (json!({"note": {"a": 1}}), "note", "single value"),
        (json!({"unit-Comment": "x"}), "unit-Comment", "is not a question"),
        (json!({"hidden_total": 3}), "hidden_total", "is not a question"),
    ];
    for (i, (answers, key, says)) in cases.into_iter().enumerate() {
        let e = envelope_for(&questionnaire(), &format!("shape-{i}"), "r", answers);
        let (status, body) = post(&c.addr, &e);
        assert_eq!(status, 422, "{key}: {body}");
        let first = &body["errors"][0];
        assert_eq!(first["question"], key, "{body}");
        assert_eq!(first["rule"], "shape", "{body}");
        assert!(first["message"].as_str().is_some_and(|m| m.contains(says)), "{key}: {body}");
    }
    let ok =
        json!({"group": "other", "group-Comment": "tamu", "services": ["refused"], "total": 4, "score": 5});
    let (status, body) = post(&c.addr, &envelope_for(&questionnaire(), "shape-ok", "r", ok));
    assert_eq!(status, 201, "an other text, an included calculated value: {body}");
}

#[test]
fn hidden_answers_are_dropped_and_computed_values_are_the_collectors() {
    let c = collector("shape-kept");
    let answers = json!({
        "group": "pengguna", "unit": "Dukcapil", "age": 30,
        "double": 999, "total": 999
    });
    let (status, body) = post(&c.addr, &envelope_for(&questionnaire(), "kept-1", "r", answers));
    assert_eq!(status, 201, "{body}");
    let kept = stored(&c.addr);
    assert_eq!(kept.get("unit"), None, "the answer to a hidden question is not stored: {kept}");
    assert_eq!(kept["double"], 60, "the expression's own result: {kept}");
    assert_eq!(kept["total"], 60, "the calculated value's own result: {kept}");
    assert_eq!(kept["group"], "pengguna");
    assert_eq!(kept["age"], 30);
}

#[test]
fn rules_run_as_of_when_the_entry_was_made_and_an_unknown_version_is_retried() {
    let c = collector("shape-time");
    // Filled in offline yesterday evening, arriving today: `today()` was then.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let day = |secs: u64| {
        let days = secs / 86_400;
        // Civil date from days since the epoch (Howard Hinnant's algorithm).
        let z = days as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!("{y:04}-{m:02}-{d:02}")
    };
    let (yesterday, today) = (day(now - 86_400), day(now));
    let mut e = envelope_for(&questionnaire(), "time-1", "r", json!({"visit": today}));
    e["meta"]["submitted_at"] = json!(format!("{yesterday}T20:00:00.000Z"));
    let (status, body) = post(&c.addr, &e);
    assert_eq!(status, 422, "a visit after the day it was entered: {body}");
    let mut e = envelope_for(&questionnaire(), "time-2", "r", json!({"visit": yesterday}));
    e["meta"]["submitted_at"] = json!(format!("{yesterday}T20:00:00.000Z"));
    let (status, body) = post(&c.addr, &e);
    assert_eq!(status, 201, "yesterday's visit entered yesterday: {body}");

    let mut e = envelope_for(&questionnaire(), "time-3", "r", json!({}));
    e["survey"]["version"] = json!("not-deployed-yet");
    let (status, headers, body) = http(
        &c.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json")],
        e.to_string().as_bytes(),
    );
    assert_eq!(status, 503, "retryable, so the form keeps the entry: {body}");
    assert!(headers.iter().any(|(k, v)| k == "retry-after" && v == "300"), "{headers:?}");
}

#[test]
fn a_retry_from_a_phone_whose_clock_is_ahead_is_acknowledged_as_a_replay() {
    let c = collector("shape-ahead");
    // The phone's clock is ahead of the collector's: the entry is judged as
    // of its arrival, which differs for each attempt, and so does `stamp`.
    let ahead = |answers: Value| {
        let mut e = envelope_for(&questionnaire(), "ahead-1", "r", answers);
        e["meta"]["submitted_at"] = json!("2099-01-01T00:00:00.000Z");
        e
    };
    let (status, first) = post(&c.addr, &ahead(json!({"age": 30})));
    assert_eq!(status, 201, "{first}");
    let stamp = stored(&c.addr)["stamp"].clone();
    assert!(stamp.is_string(), "computed here: {stamp}");
    std::thread::sleep(std::time::Duration::from_millis(20));
    // The response was lost; the form sends the same entry again.
    let (status, again) = post(&c.addr, &ahead(json!({"age": 30})));
    assert_eq!(status, 200, "a retry, not a reused id: {again}");
    assert_eq!(again, first, "the same receipt");
    assert_eq!(stored(&c.addr)["stamp"], stamp, "what was stored first stays");
    // Another entry under the same id is still refused.
    let (status, body) = post(&c.addr, &ahead(json!({"age": 31})));
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["rule"], "submission_id", "{body}");
}
