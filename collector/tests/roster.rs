//! Rosters at the collector: a nested answer is re-validated to the cell,
//! refused when it does not fit its question, and exported both flat (one
//! CSV column per leaf path) and nested (NDJSON).

mod common;

use common::{envelope_for, export, http, post, start_in, workdir};
use serde_json::{json, Value};

fn household() -> Value {
    json!({
        "tanya": {"id": "rt", "duplicates": {"policy": "allow"}},
        "pages": [{"elements": [
            {"type": "paneldynamic", "name": "household", "maxPanelCount": 3, "templateElements": [
                {"type": "text", "name": "name", "isRequired": true},
                {"type": "radiogroup", "name": "works", "choices": ["ya", "tidak"]}
            ]},
            {"type": "matrixdropdown", "name": "costs", "rows": ["bus", "ojek"],
             "columns": [{"name": "used", "cellType": "boolean"}]}
        ]}]
    })
}

fn collector(name: &str) -> common::Collector {
    let dir = workdir(name);
    std::fs::write(dir.join("surveys/rt.json"), household().to_string()).expect("write");
    start_in(dir, true)
}

#[test]
fn a_nested_answer_is_checked_to_the_cell_and_refused_when_it_does_not_fit() {
    let c = collector("roster-422");
    let cases = [
        (json!({"household": [{"name": "Siti"}, {"works": "ya"}]}), "household[1].name", "required"),
        (json!({"household": {"name": "Siti"}}), "household", "shape"),
        (
            json!({"household": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}]}),
            "household",
            "shape",
        ),
        (json!({"household": [{"name": "a", "works": "mungkin"}]}), "household[0].works", "shape"),
        (json!({"household": ["Siti"]}), "household[0]", "shape"),
        (json!({"costs": {"kereta": {"used": true}}}), "costs[kereta]", "shape"),
    ];
    for (i, (answers, cell, rule)) in cases.into_iter().enumerate() {
        let (status, body) = post(&c.addr, &envelope_for(&household(), &format!("bad-{i}"), "r", answers));
        assert_eq!(status, 422, "{cell}: {body}");
        let first = &body["errors"][0];
        assert_eq!((first["cell"].as_str(), first["rule"].as_str()), (Some(cell), Some(rule)), "{body}");
        assert_eq!(first["question"], cell.split('[').next().unwrap_or_default(), "{body}");
    }
}

#[test]
fn both_exports_carry_the_roster() {
    let c = collector("roster-export");
    let answers = json!({
        "household": [{"name": "Siti", "works": "ya"}, {"name": "Budi"}],
        "costs": {"ojek": {"used": true}}
    });
    let (status, body) = post(&c.addr, &envelope_for(&household(), "ok-1", "r", answers.clone()));
    assert_eq!(status, 201, "{body}");
    let csv = export(&c.addr);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).map(|i| row[i]);
    assert_eq!(column("household.0.name"), Some("Siti"), "{header:?}");
    assert_eq!(column("household.0.works"), Some("ya"));
    assert_eq!(column("household.1.name"), Some("Budi"));
    assert_eq!(column("household.1.works"), Some(""), "a column per leaf path up to the largest count");
    assert_eq!(column("costs.ojek.used"), Some("true"));
    let (status, _, ndjson) =
        http(&c.addr, "GET", "/api/export.ndjson", &[("Authorization", "Bearer rahasia-panjang-0123")], b"");
    assert_eq!(status, 200);
    let lines: Vec<Value> = ndjson.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["answers"], answers, "the nested shape, as sent");
    assert_eq!(lines[0]["submission_id"], common::id("ok-1"));
    let (status, _, _) = http(&c.addr, "GET", "/api/export.ndjson", &[], b"");
    assert_eq!(status, 401, "the same token as export.csv");
}
