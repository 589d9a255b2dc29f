//! Fingerprints: stable under formatting, sensitive to answers, near for near entries.

use serde_json::{json, Map, Value as Json};
use tanya_engine::fingerprint::{canonical_answers, device, entry, hamming, similarity, DeviceSignals};
use tanya_engine::schema::{load, Survey};

fn survey() -> Survey {
    load(
        r#"{"tanya": {"id": "spi"}, "elements": [
        {"type": "checkbox", "name": "tags", "choices": ["a", "b", "c"]},
        {"type": "text", "name": "age", "inputType": "number"},
        {"type": "text", "name": "city"},
        {"type": "matrix", "name": "m", "rows": ["r1", "r2", "r3"], "columns": [1, 2, 3, 4]}
    ]}"#,
    )
    .expect("loads")
    .survey
}

fn answers(text: &str) -> Map<String, Json> {
    serde_json::from_str(text).expect("answers JSON")
}

#[test]
fn same_answers_in_another_order_or_format_give_the_same_entry() {
    let s = survey();
    let cases = [
        (
            r#"{"age": 30, "city": "Medan", "tags": ["a", "b"]}"#,
            r#"{"tags": ["b", "a"], "city": " Medan ", "age": 30.0}"#,
        ),
        (r#"{"m": {"r1": 1, "r2": 2}}"#, r#"{"m": {"r2": 2.0, "r1": 1e0}}"#),
    ];
    for (a, b) in cases {
        assert_eq!(entry(&s, &answers(a)), entry(&s, &answers(b)), "{a} vs {b}");
        assert_eq!(canonical_answers(&s, &answers(a)), canonical_answers(&s, &answers(b)));
    }
    assert_eq!(canonical_answers(&s, &answers(cases[0].0)), r#"{"age":30,"city":"Medan","tags":["a","b"]}"#);
}

#[test]
fn one_changed_answer_changes_entry_but_not_much_similarity() {
    let s = survey();
    let base = answers(
        r#"{"age": 30, "city": "Medan", "tags": ["a", "b"],
        "m": {"r1": 1, "r2": 2, "r3": 3}, "q5": "x", "q6": "y", "q7": "z", "q8": 4, "q9": 5, "q10": 6}"#,
    );
    let mut changed = base.clone();
    changed.insert("city".into(), json!("Padang"));
    assert_ne!(entry(&s, &base), entry(&s, &changed));
    let d = hamming(similarity(&base), similarity(&changed));
    assert!(d <= 16, "one of 14 features changed moved {d} bits");
}

/// A deterministic generator for the distribution test.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn unrelated_entries_land_far_apart() {
    let mut state = 7u64;
    let entries: Vec<u64> = (0..1000)
        .map(|_| {
            let mut a = Map::new();
            for q in 0..20 {
                a.insert(format!("q{q}"), json!(next(&mut state) % 4 + 1));
            }
            similarity(&a)
        })
        .collect();
    let mut distances: Vec<u32> = Vec::new();
    for i in 0..entries.len() {
        for j in (i + 1)..entries.len().min(i + 50) {
            distances.push(hamming(entries[i], entries[j]));
        }
    }
    #[allow(clippy::disallowed_methods)] // a native test, never in the wasm
    distances.sort_unstable();
    let pct = |p: usize| distances[(distances.len() - 1) * p / 100];
    let mean = distances.iter().map(|d| f64::from(*d)).sum::<f64>() / distances.len() as f64;
    println!(
        "similarity distance over {} pairs of 1,000 random 20-answer entries: min {} p1 {} p50 {} p99 {} max {} mean {mean:.1}",
        distances.len(),
        distances[0],
        pct(1),
        pct(50),
        pct(99),
        distances[distances.len() - 1]
    );
    assert!(mean > 20.0, "random entries are far apart on average: {mean}");
    assert!(pct(1) > 8, "and hardly ever close: p1 = {}", pct(1));
}

#[test]
fn device_hash_depends_on_salt_and_signals() {
    let signals = DeviceSignals {
        languages: vec!["id-ID".into()],
        time_zone: "Asia/Jakarta".into(),
        screen_width: 390,
        ..Default::default()
    };
    let a = device("survey-a", &signals);
    assert_eq!(a, device("survey-a", &signals.clone()));
    assert_ne!(a, device("survey-b", &signals), "salts differ per survey, so hashes cannot be joined");
    let other = DeviceSignals { screen_width: 412, ..signals };
    assert_ne!(a, device("survey-a", &other));
    assert_eq!(a.len(), 64);
}

#[test]
fn nested_answers_hash_as_documented() {
    let s = tanya_engine::schema::load(
        r#"{"tanya": {"id": "rt", "version": "1"}, "elements": [
            {"type": "matrixdynamic", "name": "m", "columns": [
                {"name": "tags", "cellType": "checkbox", "choices": ["a", "b"]},
                {"name": "n", "cellType": "text"}]},
            {"type": "matrixdropdown", "name": "d", "rows": ["r1", "r2", "r3"],
             "columns": [{"name": "c", "choices": [1, 2]}]}]}"#,
    )
    .expect("loads")
    .survey;
    let nested = |tags: &str| {
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&format!(
            r#"{{"m": [{{"tags": {tags}, "n": " x "}}, {{}}], "d": {{"r1": {{"c": 1}}, "r2": {{"c": 1}}}}}}"#
        ))
        .expect("json")
    };
    assert_eq!(
        tanya_engine::fingerprint::canonical_answers(&s, &nested(r#"["b", "a"]"#)),
        r#"{"d":{"r1":{"c":1},"r2":{"c":1}},"m":[{"n":"x","tags":["a","b"]},{}]}"#,
        "a checkbox cell is a set; rows keep their order"
    );
    assert_eq!(
        tanya_engine::fingerprint::entry(&s, &nested(r#"["b", "a"]"#)),
        tanya_engine::fingerprint::entry(&s, &nested(r#"["a", "b"]"#))
    );
    let q = tanya_engine::fingerprint::quality(&s, &nested("[]"), 1.0, Default::default());
    assert_eq!(q.straightlining, 1.0, "the dropdown matrix's two answered rows are the same");
    assert_ne!(
        tanya_engine::fingerprint::similarity(&nested(r#"["a"]"#)),
        tanya_engine::fingerprint::similarity(&nested(r#"["b"]"#)),
        "a cell is a feature of its own"
    );
}
