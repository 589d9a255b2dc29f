//! The collector over real HTTP on loopback, with a real SQLite file.

use serde_json::{json, Map, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use tanya_engine::fingerprint;

/// A running collector, killed on drop.
struct Collector {
    child: Child,
    addr: String,
    dir: PathBuf,
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn survey(id: &str, policy: &str) -> Value {
    json!({
        "tanya": {"id": id, "duplicates": {"policy": policy}},
        "pages": [{"elements": [
            {"type": "radiogroup", "name": "q1", "isRequired": true, "choices": ["a", "b", "c"]},
            {"type": "text", "name": "q2"},
            {"type": "text", "name": "q3"}, {"type": "text", "name": "q4"}, {"type": "text", "name": "q5"},
            {"type": "text", "name": "q6"}, {"type": "text", "name": "q7"}, {"type": "text", "name": "q8"}
        ]}]
    })
}

fn start(name: &str) -> Collector {
    let dir = std::env::temp_dir().join(format!("tanya-collector-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let surveys = dir.join("surveys");
    std::fs::create_dir_all(&surveys).expect("temp dir");
    for policy in ["block", "warn", "allow"] {
        std::fs::write(surveys.join(format!("{policy}.json")), survey(policy, policy).to_string())
            .expect("write");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanya-collector"))
        .args(["--listen", "127.0.0.1:0", "--token", "rahasia", "--allow-origin", "http://portal.example"])
        .arg("--db")
        .arg(dir.join("entries.db"))
        .arg("--surveys")
        .arg(&surveys)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("collector starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines.next().expect("collector printed its address").expect("line");
        if let Some(a) = line.strip_prefix("tanya-collector listening on http://") {
            break a.to_string();
        }
    };
    Collector { child, addr, dir }
}

/// `(status, lower-cased headers, body)`.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).expect("write");
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status =
        lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|c| c.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    let body = if head.to_lowercase().contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, headers, body)
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}

fn envelope(survey_id: &str, id: &str, respondent: &str, answers: Value) -> Value {
    let s = tanya_engine::schema::load(&survey(survey_id, survey_id).to_string()).expect("loads").survey;
    let answers: Map<String, Value> = answers.as_object().cloned().unwrap_or_default();
    json!({
        "survey": {"id": survey_id, "version": fingerprint::survey_version(&s)},
        "submission_id": id,
        "answers": answers,
        "meta": {"started_at": "2026-11-29T10:00:00.000Z", "submitted_at": "2026-11-29T10:05:00.000Z", "lang": "id"},
        "fingerprint": {
            "entry": fingerprint::entry(&s, &answers),
            "device": "d".repeat(64),
            "similarity": format!("{:016x}", fingerprint::similarity(&answers)),
            "respondent": respondent
        },
        "quality": {"duration_ms": 300000, "straightlining": 0, "page_ms": {}}
    })
}

fn post(c: &Collector, body: &Value) -> (u16, Value) {
    let id = body["submission_id"].as_str().unwrap_or_default().to_string();
    let (status, _, text) = http(
        &c.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json"), ("Idempotency-Key", &id)],
        body.to_string().as_bytes(),
    );
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn export(c: &Collector) -> String {
    http(&c.addr, "GET", "/api/export.csv", &[("Authorization", "Bearer rahasia")], b"").2
}

#[test]
fn a_replayed_submission_gets_the_same_receipt_and_no_new_row() {
    let c = start("replay");
    let e =
        envelope("allow", "11111111-1111-4111-8111-111111111111", "r1", json!({"q1": "a", "q2": "Medan"}));
    let (s1, r1) = post(&c, &e);
    assert_eq!(s1, 201, "{r1}");
    assert_eq!(r1["id"], "11111111-1111-4111-8111-111111111111");
    assert!(r1["received_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    let (s2, r2) = post(&c, &e);
    assert_eq!(s2, 200);
    assert_eq!(r1, r2, "the same receipt");
    assert_eq!(export(&c).lines().count(), 2, "header and one row");
}

#[test]
fn each_duplicate_policy() {
    let c = start("policy");
    for (policy, second_status) in [("block", 409), ("warn", 201), ("allow", 201)] {
        let first = envelope(policy, &format!("{policy}-1"), "same-browser", json!({"q1": "a"}));
        let (s, r1) = post(&c, &first);
        assert_eq!(s, 201, "{policy}: {r1}");
        let again = envelope(policy, &format!("{policy}-2"), "same-browser", json!({"q1": "b"}));
        let (s, r) = post(&c, &again);
        assert_eq!(s, second_status, "{policy}: {r}");
        if policy == "block" {
            assert_eq!(r["first"], r1, "409 carries the first receipt");
        }
    }
    let csv = export(&c);
    let flagged: Vec<&str> = csv.lines().filter(|l| l.contains("-2,")).collect();
    assert_eq!(flagged.len(), 2, "warn and allow stored the second entry: {csv}");
    assert!(
        flagged.iter().all(|l| l.contains("warn-1") || l.contains("allow-1")),
        "flagged with the first: {csv}"
    );
    assert!(!csv.contains("block-2"));
}

#[test]
fn bad_requests_get_their_status() {
    let c = start("errors");
    let invalid = envelope("allow", "v-1", "r", json!({"q2": "no q1"}));
    let (s, r) = post(&c, &invalid);
    assert_eq!(s, 422);
    assert_eq!(r["errors"][0]["question"], "q1");
    assert_eq!(r["errors"][0]["rule"], "required");

    let mut tampered = envelope("allow", "v-2", "r", json!({"q1": "a"}));
    tampered["answers"]["q1"] = json!("b");
    assert_eq!(post(&c, &tampered).0, 422, "the entry hash must match the answers");

    let mut unknown = envelope("allow", "v-3", "r", json!({"q1": "a"}));
    unknown["survey"]["version"] = json!("old");
    assert_eq!(post(&c, &unknown).0, 422, "a version not served here");

    let huge = vec![b'x'; 300 * 1024];
    let (s, _, _) = http(&c.addr, "POST", "/api/submissions", &[("Content-Type", "application/json")], &huge);
    assert_eq!(s, 413);
    let (s, _, body) =
        http(&c.addr, "POST", "/api/submissions", &[("Content-Type", "application/json")], b"{not json");
    assert_eq!(s, 400);
    assert!(body.contains("malformed JSON"), "{body}");
    let (s, _, _) = http(&c.addr, "POST", "/api/submissions", &[("Content-Type", "text/plain")], b"{}");
    assert_eq!(s, 415);
    for path in ["/api/export.csv", "/api/duplicates"] {
        assert_eq!(http(&c.addr, "GET", path, &[], b"").0, 401, "{path} without a token");
        assert_eq!(http(&c.addr, "GET", path, &[("Authorization", "Bearer wrong")], b"").0, 401);
        assert_eq!(http(&c.addr, "GET", path, &[("Authorization", "Bearer rahasia")], b"").0, 200);
    }
}

#[test]
fn cors_is_an_allowlist() {
    let c = start("cors");
    let preflight = |origin: &str| {
        http(
            &c.addr,
            "OPTIONS",
            "/api/submissions",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type,idempotency-key"),
            ],
            b"",
        )
    };
    let (_, allowed, _) = preflight("http://portal.example");
    let acao: Vec<&String> =
        allowed.iter().filter(|(k, _)| k == "access-control-allow-origin").map(|(_, v)| v).collect();
    assert_eq!(acao, ["http://portal.example"]);
    let (_, refused, _) = preflight("http://evil.example");
    assert!(refused.iter().all(|(k, _)| !k.starts_with("access-control-allow-origin")), "{refused:?}");
}

#[test]
fn export_has_a_column_per_question_and_the_meta() {
    let c = start("export");
    let e = envelope("allow", "e-1", "r", json!({"q1": "a", "q2": "Jl. Merdeka, \"No. 1\""}));
    assert_eq!(post(&c, &e).0, 201);
    let csv = export(&c);
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("submission_id,survey_id,version,received_at,duplicate_of,q1,q2,q3"),
        "{header}"
    );
    assert!(
        header
            .ends_with("fingerprint.entry,fingerprint.similarity,quality.duration_ms,quality.straightlining"),
        "{header}"
    );
    let row = lines.next().unwrap_or_default();
    assert!(row.starts_with("e-1,allow,"), "{row}");
    assert!(row.contains(",a,\"Jl. Merdeka, \"\"No. 1\"\"\","), "CSV quoting: {row}");
    assert!(row.contains(",id,r,"), "meta.lang and the respondent: {row}");
}

#[test]
fn near_duplicates_cluster_by_similarity() {
    let c = start("clusters");
    let base: Vec<(&str, &str)> = vec![
        ("q1", "a"),
        ("q2", "x"),
        ("q3", "y"),
        ("q4", "z"),
        ("q5", "u"),
        ("q6", "v"),
        ("q7", "w"),
        ("q8", "t"),
    ];
    let as_json = |pairs: &[(&str, &str)]| {
        Value::Object(pairs.iter().map(|(k, v)| (k.to_string(), json!(v))).collect())
    };
    let mut coached = base.clone();
    coached[7] = ("q8", "different");
    let unrelated = as_json(&[
        ("q1", "c"),
        ("q2", "1"),
        ("q3", "2"),
        ("q4", "3"),
        ("q5", "4"),
        ("q6", "5"),
        ("q7", "6"),
        ("q8", "7"),
    ]);
    for (id, answers) in [("n-1", as_json(&base)), ("n-2", as_json(&coached)), ("n-3", unrelated)] {
        assert_eq!(post(&c, &envelope("allow", id, id, answers)).0, 201);
    }
    let (s, _, body) =
        http(&c.addr, "GET", "/api/duplicates?distance=12", &[("Authorization", "Bearer rahasia")], b"");
    assert_eq!(s, 200);
    let v: Value = serde_json::from_str(&body).expect("JSON");
    let near = &v["surveys"]["allow"]["near"];
    assert_eq!(near, &json!([["n-1", "n-2"]]), "{body}");
}
