//! `cargo xtask bench`: the engine micro-benchmarks and the collector load
//! test: SQLite with one process, then PostgreSQL with one and two.

use crate::cmd::{run, Result, TempDir};
use crate::postgres::Cluster;
use crate::root;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Child;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Concurrent clients in the load test.
const CLIENTS: usize = 32;
/// Requests per client.
const PER_CLIENT: usize = 500;

/// Runs every benchmark, or only those named in `args` (`engine`, `page`,
/// `collector`), and prints their figures.
pub fn bench(args: &[String]) -> Result<()> {
    let want = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    if want("engine") {
        run(Command::new("cargo").current_dir(root()).args([
            "bench",
            "-p",
            "tanya-engine",
            "--bench",
            "flow",
        ]))?;
    }
    if want("page") {
        let tools = crate::tools::ensure(crate::tools::Need::Test)?;
        crate::pagebench::page_bench(&tools)?;
    }
    if want("collector") {
        collector_load()?;
    }
    Ok(())
}

/// A collector started for the load test, killed on drop.
struct Running {
    child: Child,
    addr: String,
    version: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the release collector on `db` (with `extra` arguments) and waits for its address.
fn start(db: &str, surveys: &Path, extra: &[&str]) -> Result<Running> {
    let mut child = Command::new(root().join("target/release/tanya-collector"))
        .args(["--listen", "127.0.0.1:0", "--db", db])
        .args(extra)
        .arg("--device-secret-file")
        .arg(surveys.join("device.secret"))
        .arg("--surveys")
        .arg(surveys)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting the collector: {e}"))?;
    let mut lines = BufReader::new(child.stdout.take().ok_or("no stdout")?).lines();
    let (mut addr, mut version) = (String::new(), String::new());
    for line in lines.by_ref().map_while(|l| l.ok()) {
        if let Some(v) = line.strip_prefix("serving survey 'load' version ") {
            version = v.split_whitespace().next().unwrap_or_default().to_string();
        }
        if let Some(a) = line.strip_prefix("tanya-collector listening on http://") {
            addr = a.to_string();
            break;
        }
    }
    if addr.is_empty() {
        let _ = child.kill();
        return Err(format!("the collector on {db} did not start"));
    }
    Ok(Running { child, addr, version })
}

const SURVEY: &str = r#"{"tanya": {"id": "load", "duplicates": {"policy": "allow"}},
  "pages": [{"elements": [
    {"type": "radiogroup", "name": "q1", "isRequired": true, "choices": ["a", "b", "c", "d"]},
    {"type": "matrix", "name": "m", "rows": ["r1", "r2", "r3", "r4"], "columns": [1, 2, 3, 4]},
    {"type": "comment", "name": "note"}]}]}"#;

/// Reads one HTTP/1.1 response with a Content-Length body; returns its status.
fn read_response(r: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let mut status = 0;
    let mut len = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if status == 0 {
            status = l.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        } else if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok(status)
}

/// The load test on SQLite (one process), then on a durable throwaway
/// PostgreSQL cluster with one and with two collector processes.
fn collector_load() -> Result<()> {
    run(Command::new("cargo").current_dir(root()).args(["build", "--release", "-p", "tanya-collector"]))?;
    let temp = TempDir::new("tanya-bench")?;
    let dir = temp.path();
    let surveys = dir.join("surveys");
    std::fs::create_dir_all(&surveys).map_err(|e| e.to_string())?;
    std::fs::write(surveys.join("load.json"), SURVEY).map_err(|e| e.to_string())?;
    let sqlite = start(&dir.join("load.db").to_string_lossy(), &surveys, &[])?;
    load("SQLite, 1 process", &[&sqlite], "a")?;
    drop(sqlite);
    let pg = Cluster::start(true)?;
    let one = start(&pg.url, &surveys, &[])?;
    load("PostgreSQL, 1 process", &[&one], "b")?;
    let two = start(&pg.url, &surveys, &[])?;
    load("PostgreSQL, 2 processes", &[&one, &two], "c")?;
    drop((one, two));
    // Over TLS, as a database on another machine is always reached.
    if let Some(ca) = pg.ca.as_ref().and_then(|c| c.to_str()) {
        let tls = format!("{}?sslmode=require", pg.url);
        let one = start(&tls, &surveys, &["--db-ca-file", ca])?;
        load("PostgreSQL over TLS, 1 process", &[&one], "d")?;
        let two = start(&tls, &surveys, &["--db-ca-file", ca])?;
        load("PostgreSQL over TLS, 2 processes", &[&one, &two], "e")?;
        drop((one, two));
    } else {
        println!("collector load over TLS: skipped (openssl made no certificate)");
    }
    drop(pg);
    Ok(())
}

/// `CLIENTS` keep-alive clients spread over `procs` POST envelopes, 10% of
/// them replays; ids start with `round` so rounds on one database never meet.
fn load(label: &str, procs: &[&Running], round: &str) -> Result<()> {
    let latencies: Arc<Mutex<Vec<f64>>> = Arc::default();
    let errors = Arc::new(Mutex::new(0usize));
    let started = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let target = procs[c % procs.len()];
            let (addr, version) = (target.addr.clone(), target.version.clone());
            let (latencies, errors, round) = (latencies.clone(), errors.clone(), round.to_string());
            std::thread::spawn(move || {
                let Ok(stream) = TcpStream::connect(&addr) else { return };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let Ok(mut writer) = stream.try_clone() else { return };
                let mut reader = BufReader::new(stream);
                let mut mine = Vec::with_capacity(PER_CLIENT);
                for n in 0..PER_CLIENT {
                    // Every tenth request replays the previous entry.
                    let k = if n % 10 == 9 { n - 1 } else { n };
                    let id = format!("{round}{c:07x}-0000-4000-8000-{k:012x}");
                    let body = format!(
                        r#"{{"survey":{{"id":"load","version":"{version}"}},"submission_id":"{id}","answers":{{"q1":"b","m":{{"r1":1,"r2":2,"r3":3,"r4":4}},"note":"catatan {c} {k}"}},"meta":{{"lang":"id"}},"fingerprint":{{"respondent":"{id}","device":"5d41402abc4b2a76b9719d911017c592ae2b5c1c4f6b9e8d3a2f1e0d9c8b7a69","similarity":"0000000000000000"}},"quality":{{"duration_ms":60000}}}}"#
                    );
                    let req = format!(
                        "POST /api/submissions HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nIdempotency-Key: {id}\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let t = Instant::now();
                    let ok = writer.write_all(req.as_bytes()).is_ok()
                        && matches!(read_response(&mut reader), Ok(200 | 201));
                    mine.push(t.elapsed().as_secs_f64() * 1000.0);
                    if !ok {
                        if let Ok(mut e) = errors.lock() {
                            *e += 1;
                        }
                    }
                }
                if let Ok(mut l) = latencies.lock() {
                    l.extend(mine);
                }
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut l = latencies.lock().map(|l| l.clone()).unwrap_or_default();
    l.sort_by(f64::total_cmp);
    let pct = |p: f64| l.get(((l.len() as f64 - 1.0) * p) as usize).copied().unwrap_or(0.0);
    println!(
        "\ncollector load ({label}, {CLIENTS} keep-alive clients, 10% replays): {} requests in {elapsed:.2}s = {:.0}/s; \
         p50 {:.2} ms, p99 {:.2} ms; {} errors",
        l.len(),
        l.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        errors.lock().map(|e| *e).unwrap_or(0)
    );
    // A load test whose requests fail measures nothing.
    match errors.lock().map(|e| *e).unwrap_or(usize::MAX) {
        0 => Ok(()),
        n => Err(format!("collector load ({label}): {n} requests failed")),
    }
}
