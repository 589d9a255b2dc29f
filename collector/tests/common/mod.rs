//! Shared helpers: start the binary, speak HTTP over a socket, build envelopes.
//!
//! The suite runs on SQLite by default. With `TANYA_TEST_POSTGRES` set to a
//! server URL (`cargo xtask test` starts a throwaway cluster and sets it),
//! every collector these helpers start uses a fresh PostgreSQL database
//! instead, one per test folder.
#![allow(dead_code)]

use serde_json::{json, Map, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use tanya_engine::fingerprint;

/// A running collector, killed on drop.
pub struct Collector {
    /// The process.
    pub child: Child,
    /// `host:port` it listens on.
    pub addr: String,
    /// Its folder (database, questionnaires).
    pub dir: PathBuf,
    owns: bool,
}

impl Collector {
    /// Kills the process with SIGKILL, keeping its folder.
    pub fn kill(mut self) -> PathBuf {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.owns = false;
        self.dir.clone()
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.owns {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

pub fn survey(id: &str, policy: &str) -> Value {
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

/// The PostgreSQL server to test against, from `TANYA_TEST_POSTGRES`.
pub fn postgres() -> Option<String> {
    std::env::var("TANYA_TEST_POSTGRES").ok().filter(|u| !u.is_empty())
}

/// The database name for a test folder: its name, made safe as an identifier.
fn database_name(dir: &std::path::Path) -> String {
    let name = dir.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// The `--db` value for a test folder: its own database on the PostgreSQL
/// server when one is named, otherwise a SQLite file inside it.
pub fn db_for(dir: &std::path::Path) -> String {
    match postgres() {
        Some(base) => {
            // Keep the scheme, credentials, host and any `?options`; swap
            // only the database path, which may also be absent.
            let (url, query) = base.split_once('?').map_or((base.as_str(), None), |(u, q)| (u, Some(q)));
            let authority = url.find("://").map_or(0, |i| i + 3);
            let server = &url[..url[authority..].find('/').map_or(url.len(), |i| authority + i)];
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            format!("{server}/{}{query}", database_name(dir))
        }
        None => dir.join("entries.db").to_string_lossy().to_string(),
    }
}

/// Drops and creates the test folder's PostgreSQL database (when testing on PostgreSQL).
fn fresh_database(dir: &std::path::Path) {
    let Some(base) = postgres() else { return };
    let mut admin = postgres::Client::connect(&base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("TANYA_TEST_POSTGRES={base} does not answer: {e}"));
    let name = database_name(dir);
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).expect("drop database");
    admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create database");
}

/// A fresh folder (and database) with the three policy surveys, for one test.
pub fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tanya-collector-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    fresh_database(&dir);
    let surveys = dir.join("surveys");
    std::fs::create_dir_all(&surveys).expect("temp dir");
    for policy in ["block", "warn", "allow"] {
        std::fs::write(surveys.join(format!("{policy}.json")), survey(policy, policy).to_string())
            .expect("write");
    }
    dir
}

/// Starts a collector in a fresh folder, removed on drop.
pub fn start(name: &str) -> Collector {
    start_in(workdir(name), true)
}

/// Starts a collector on `dir`'s database; `owns` removes the folder on drop.
pub fn start_in(dir: PathBuf, owns: bool) -> Collector {
    start_with(dir, owns, &[])
}

/// Like [`start_in`], with extra command-line arguments.
pub fn start_with(dir: PathBuf, owns: bool, extra: &[&str]) -> Collector {
    let surveys = dir.join("surveys");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanya-collector"))
        .args(extra)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--token",
            "rahasia-panjang-0123",
            "--allow-origin",
            "http://portal.example",
        ])
        .arg("--db")
        .arg(db_for(&dir))
        .arg("--device-secret-file")
        .arg(dir.join("device.secret"))
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
    Collector { child, addr, dir, owns }
}

/// `(status, lower-cased headers, body)`.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, String) {
    // A refused connection reads as status 0, so a caller can retry elsewhere.
    let Ok(mut s) = TcpStream::connect(addr) else { return (0, vec![], String::new()) };
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

pub fn dechunk(body: &str) -> String {
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

pub fn envelope(survey_id: &str, id: &str, respondent: &str, answers: Value) -> Value {
    envelope_for(&survey(survey_id, survey_id), id, respondent, answers)
}

/// The `submission_id` a test calls `label`: the label itself when it is
/// a UUID, else a UUID made from it (the same label, the same UUID), so
/// tests can name their entries and find them in exports.
pub fn id(label: &str) -> String {
    let is_uuid = label.len() == 36
        && label.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    if is_uuid {
        return label.to_string();
    }
    // FNV-1a, twice with different offsets, for 128 bits.
    let fnv = |seed: u64| label.bytes().fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142));
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

/// An entry for the questionnaire `json`, whose `tanya.id` names it; `id`
/// is a label turned into its UUID by [`id`].
pub fn envelope_for(json: &Value, id: &str, respondent: &str, answers: Value) -> Value {
    let id = self::id(id);
    let s = tanya_engine::schema::load(&json.to_string()).expect("loads").survey;
    let survey_id = s.id();
    let answers: Map<String, Value> = answers.as_object().cloned().unwrap_or_default();
    json!({
        "survey": {"id": survey_id, "version": fingerprint::survey_version(&s)},
        "submission_id": id,
        "answers": answers,
        "meta": {"started_at": "2026-11-29T10:00:00.000Z", "submitted_at": "2026-11-29T10:05:00.000Z", "lang": "id"},
        "fingerprint": {
            "entry": fingerprint::entry(&s, &answers),
            "device": "d".repeat(64),
            "similarity": fingerprint::similarity_hex(&answers),
            "respondent": respondent
        },
        "quality": {"duration_ms": 300000, "straightlining": 0, "page_ms": {}}
    })
}

pub fn post(addr: &str, body: &Value) -> (u16, Value) {
    let id = body["submission_id"].as_str().unwrap_or_default().to_string();
    let (status, _, text) = http(
        addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json"), ("Idempotency-Key", &id)],
        body.to_string().as_bytes(),
    );
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

pub fn export(addr: &str) -> String {
    http(addr, "GET", "/api/export.csv", &[("Authorization", "Bearer rahasia-panjang-0123")], b"").2
}
