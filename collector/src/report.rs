//! The export and the duplicate clusters, computed from stored entries.

use crate::store::{NewEntry, Row};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use tanya_engine::fingerprint::hamming;
use tanya_engine::schema::Survey;

fn cell(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// CSV: the entry columns, one column per question (in questionnaire order,
/// across every served survey), then meta, fingerprint and quality columns.
pub fn csv(rows: &[Row], surveys: &HashMap<(String, String), Survey>) -> String {
    let mut questions: Vec<String> = Vec::new();
    let mut keys: Vec<&(String, String)> = surveys.keys().collect();
    keys.sort();
    for k in keys {
        for (_, e) in surveys[k].questions() {
            if !questions.contains(&e.name) {
                questions.push(e.name.clone());
            }
        }
    }
    let bodies: Vec<Value> =
        rows.iter().map(|r| serde_json::from_str(&r.entry.body).unwrap_or(Value::Null)).collect();
    for b in &bodies {
        if let Some(a) = b.get("answers").and_then(Value::as_object) {
            for k in a.keys() {
                if !questions.contains(k) {
                    questions.push(k.clone());
                }
            }
        }
    }
    let fixed = ["submission_id", "survey_id", "version", "received_at", "duplicate_of"];
    let tail = [
        "meta.started_at",
        "meta.submitted_at",
        "meta.lang",
        "fingerprint.respondent",
        "fingerprint.device",
        "fingerprint.entry",
        "fingerprint.similarity",
        "quality.duration_ms",
        "quality.straightlining",
    ];
    let mut out = String::new();
    let header: Vec<String> = fixed
        .iter()
        .map(|s| s.to_string())
        .chain(questions.iter().cloned())
        .chain(tail.iter().map(|s| s.to_string()))
        .collect();
    out.push_str(&header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for (r, b) in rows.iter().zip(&bodies) {
        let e = &r.entry;
        let mut line: Vec<String> = vec![
            e.submission_id.clone(),
            e.survey_id.clone(),
            e.version.clone(),
            e.received_at.clone(),
            r.duplicate_of.clone().unwrap_or_default(),
        ];
        line.extend(questions.iter().map(|q| text(b.get("answers").and_then(|a| a.get(q)))));
        for path in tail {
            let (group, key) = path.split_once('.').unwrap_or((path, ""));
            line.push(text(b.get(group).and_then(|g| g.get(key))));
        }
        out.push_str(&line.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Groups of two or more entries, per survey: `exact` shares an entry hash or a
/// respondent id; `near` has SimHashes within `distance` bits (linked transitively).
pub fn clusters(rows: &[Row], distance: u32) -> Value {
    let mut by_survey: BTreeMap<&str, Vec<&NewEntry>> = BTreeMap::new();
    for r in rows {
        by_survey.entry(&r.entry.survey_id).or_default().push(&r.entry);
    }
    let mut out = serde_json::Map::new();
    for (survey, rs) in by_survey {
        let mut exact: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for r in &rs {
            if !r.entry.is_empty() {
                exact.entry(format!("entry:{}", r.entry)).or_default().push(&r.submission_id);
            }
            if !r.respondent.is_empty() {
                exact.entry(format!("respondent:{}", r.respondent)).or_default().push(&r.submission_id);
            }
        }
        let exact: Vec<Value> = exact
            .into_iter()
            .filter(|(_, ids)| ids.len() > 1)
            .map(|(key, ids)| json!({"key": key, "ids": ids}))
            .collect();
        // Union-find over near pairs.
        let sims: Vec<Option<u64>> = rs.iter().map(|r| u64::from_str_radix(&r.similarity, 16).ok()).collect();
        let mut parent: Vec<usize> = (0..rs.len()).collect();
        fn find(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        for i in 0..rs.len() {
            for j in (i + 1)..rs.len() {
                if let (Some(a), Some(b)) = (sims[i], sims[j]) {
                    if hamming(a, b) <= distance {
                        let (x, y) = (find(&mut parent, i), find(&mut parent, j));
                        parent[x] = y;
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for (i, r) in rs.iter().enumerate() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(&r.submission_id);
        }
        let near: Vec<Value> = groups.into_values().filter(|g| g.len() > 1).map(|g| json!(g)).collect();
        out.insert(survey.to_string(), json!({"exact": exact, "near": near}));
    }
    json!({"distance": distance, "surveys": out})
}
