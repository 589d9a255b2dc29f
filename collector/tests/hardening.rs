//! The collector's own edges against hostile or careless use: a wildcard
//! origin, a database the site would serve, dotfiles, headers that keep
//! answers out of caches and sniffing, and a database file only its owner
//! reads. Over real HTTP on loopback, each rule failing against the code
//! before it.

mod common;

use common::{db_for, http, postgres, start_with, workdir};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the collector with `args`; `Some(stderr)` when it refused to start
/// (exited non-zero within five seconds), `None` when it kept running.
fn refused(args: &[&str]) -> Option<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanya-collector"))
        .args(["--listen", "127.0.0.1:0", "--token", "rahasia-panjang-0123"])
        .arg("--device-secret-file")
        .arg(std::env::temp_dir().join(format!("tanya-refused-{}.secret", std::process::id())))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the collector runs");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            use std::io::Read;
            let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
            return (!status.success()).then_some(err);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn header(hs: &[(String, String)], name: &str) -> Option<String> {
    hs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

#[test]
fn a_wildcard_origin_is_refused_at_start_with_a_message() {
    let dir = workdir("wildcard");
    let surveys = dir.join("surveys").to_string_lossy().into_owned();
    let db = db_for(&dir);
    let err = refused(&["--db", &db, "--surveys", &surveys, "--allow-origin", "*"]);
    let err = err.expect("refused, not started (and not a panic)");
    assert!(err.contains("--allow-origin '*' is refused"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_database_inside_the_site_is_refused_at_start() {
    let dir = workdir("db-in-site");
    let site = dir.join("site");
    std::fs::create_dir_all(&site).expect("site dir");
    let surveys = dir.join("surveys").to_string_lossy().into_owned();
    let db = site.join("tanya.db").to_string_lossy().into_owned();
    let err = refused(&["--db", &db, "--surveys", &surveys, "--site", &site.to_string_lossy()]);
    let err = err.expect("refused, not started");
    assert!(err.contains("lies inside --site"), "{err}");
    assert!(!site.join("tanya.db").exists(), "nothing was created in the site");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_site_serves_no_dotfile_and_every_response_is_not_sniffed() {
    let dir = workdir("dotfiles");
    let site = dir.join("site");
    std::fs::create_dir_all(site.join(".git")).expect("site dir");
    std::fs::write(site.join("index.html"), "<!doctype html><title>t</title>").expect("write");
    std::fs::write(site.join(".env"), "TANYA_TOKEN=secret").expect("write");
    std::fs::write(site.join(".git").join("config"), "[core]").expect("write");
    let c = start_with(
        dir.clone(),
        true,
        &["--site", &site.to_string_lossy(), "--allow-origin", "https://portal.example.go.id"],
    );
    for path in ["/.env", "/.git/config", "/x/../.env"] {
        let (status, _, body) = http(&c.addr, "GET", path, &[], b"");
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("secret") && !body.contains("[core]"), "{path}: {body}");
    }
    let (status, page, _) = http(&c.addr, "GET", "/", &[], b"");
    assert_eq!(status, 200);
    assert_eq!(header(&page, "x-content-type-options").as_deref(), Some("nosniff"));
    let csp = header(&page, "content-security-policy").unwrap_or_default();
    assert!(csp.contains("frame-ancestors 'self' https://portal.example.go.id"), "{csp}");
    assert!(csp.contains("base-uri 'none'"), "{csp}");
    let (_, api, _) = http(&c.addr, "POST", "/api/submissions", &[("Content-Type", "text/plain")], b"x");
    assert_eq!(header(&api, "x-content-type-options").as_deref(), Some("nosniff"), "{api:?}");
}

#[test]
fn exports_are_never_cached() {
    let c = common::start("no-store");
    for path in ["/api/export.csv", "/api/duplicates"] {
        let (status, hs, _) =
            http(&c.addr, "GET", path, &[("Authorization", "Bearer rahasia-panjang-0123")], b"");
        assert_eq!(status, 200, "{path}");
        assert_eq!(header(&hs, "cache-control").as_deref(), Some("no-store"), "{path}");
    }
}

#[test]
fn the_database_file_is_readable_by_its_owner_only() {
    if postgres().is_some() {
        eprintln!("skipped: the database is PostgreSQL, not a file");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let c = common::start("owner-only");
    let db = std::path::PathBuf::from(db_for(&c.dir));
    let mode = std::fs::metadata(&db).expect("the database file").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}: {mode:o}", db.display());
}

#[test]
fn the_same_device_and_answers_is_flagged_never_refused_even_under_block() {
    // Two respondents on the same phone model (the same device hash) who
    // give the same answers: evidence of a duplicate, not proof.
    let c = common::start("same-device");
    let answers = serde_json::json!({"q1": "a", "q2": "Ya"});
    let first = common::envelope("block", "11111111-1111-4111-8111-000000000001", "r-one", answers.clone());
    let second = common::envelope("block", "11111111-1111-4111-8111-000000000002", "r-two", answers);
    assert_eq!(first["fingerprint"]["device"], second["fingerprint"]["device"]);
    assert_eq!(first["fingerprint"]["entry"], second["fingerprint"]["entry"]);
    let (s1, r1) = common::post(&c.addr, &first);
    assert_eq!(s1, 201, "{r1}");
    let (s2, r2) = common::post(&c.addr, &second);
    assert_eq!(s2, 201, "the second respondent's answers are stored: {r2}");
    let csv = common::export(&c.addr);
    let flagged = csv.lines().find(|l| l.starts_with("11111111-1111-4111-8111-000000000002,"));
    assert!(
        flagged.is_some_and(|l| l.contains(",11111111-1111-4111-8111-000000000001,")),
        "stored flagged with the first entry: {csv}"
    );
}

#[test]
fn the_device_hash_is_stored_keyed_with_the_servers_secret() {
    if postgres().is_some() {
        eprintln!("skipped: this test reads the SQLite file");
        return;
    }
    let c = common::start("keyed-device");
    let e = common::envelope(
        "allow",
        "11111111-1111-4111-8111-00000000000d",
        "r",
        serde_json::json!({"q1": "a"}),
    );
    let sent = e["fingerprint"]["device"].as_str().expect("a device hash").to_string();
    let (status, body) = common::post(&c.addr, &e);
    assert_eq!(status, 201, "{body}");
    let db = rusqlite::Connection::open(db_for(&c.dir)).expect("open the database");
    let (device, stored): (String, String) = db
        .query_row("SELECT device, body FROM submissions", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("the entry");
    assert_eq!(device.len(), 64, "{device}");
    assert_ne!(device, sent, "never the hash the phone sent");
    assert!(!stored.contains(&sent), "nor inside the stored envelope: {stored}");
    // The secret file is readable by its owner only.
    let secret = c.dir.join("device.secret");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&secret).expect("the secret file").permissions(),
    ) & 0o777;
    assert_eq!(mode, 0o600, "{}: {mode:o}", secret.display());
}

#[test]
fn a_submission_id_is_a_uuid_and_a_reused_one_is_refused() {
    let c = common::start("uuid");
    let mut e = common::envelope("allow", "e-1", "r", serde_json::json!({"q1": "a"}));
    e["submission_id"] = serde_json::json!("e-1");
    let (status, _, body) = http(
        &c.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json")],
        e.to_string().as_bytes(),
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("UUID"), "{body}");

    let first = common::envelope(
        "allow",
        "11111111-2222-4333-8444-555555555555",
        "r",
        serde_json::json!({"q1": "a"}),
    );
    let (s1, r1) = common::post(&c.addr, &first);
    assert_eq!(s1, 201, "{r1}");
    let (s2, r2) = common::post(&c.addr, &first);
    assert_eq!((s2, &r2), (200, &r1), "an identical retry gets the first receipt");
    let other = common::envelope(
        "allow",
        "11111111-2222-4333-8444-555555555555",
        "r",
        serde_json::json!({"q1": "b"}),
    );
    let (s3, r3) = common::post(&c.addr, &other);
    assert_eq!(s3, 422, "another entry under a used id is refused, not acknowledged: {r3}");
    assert_eq!(r3["errors"][0]["rule"], "submission_id", "{r3}");
    assert_eq!(r3["first"], r1);
    assert_eq!(common::export(&c.addr).lines().count(), 2, "header and the first entry");
}

#[test]
fn a_short_token_is_refused_at_start() {
    let dir = workdir("short-token");
    let surveys = dir.join("surveys").to_string_lossy().into_owned();
    let db = db_for(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanya-collector"))
        .args(["--listen", "127.0.0.1:0", "--token", "rahasia", "--db", &db, "--surveys", &surveys])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the collector runs");
    let status = child.wait().expect("it exits");
    let mut err = String::new();
    use std::io::Read;
    let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
    assert!(!status.success(), "refused, not started");
    assert!(err.contains("--token is 7 characters; use at least 16"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_store_failure_is_a_generic_retryable_503_and_the_details_go_to_the_log() {
    if postgres().is_some() {
        eprintln!("skipped: this test breaks a SQLite file");
        return;
    }
    let c = common::start("store-fails");
    // The table disappears under the running collector.
    let db = rusqlite::Connection::open(db_for(&c.dir)).expect("open the database");
    db.execute_batch("DROP TABLE submissions").expect("drop");
    let e = common::envelope("allow", "store-1", "r", serde_json::json!({"q1": "a"}));
    let (status, headers, body) = http(
        &c.addr,
        "POST",
        "/api/submissions",
        &[("Content-Type", "application/json")],
        e.to_string().as_bytes(),
    );
    assert_eq!(status, 503, "{body}");
    assert_eq!(header(&headers, "retry-after").as_deref(), Some("5"), "{headers:?}");
    assert!(
        !body.contains("submissions") && !body.contains("table"),
        "no database detail to clients: {body}"
    );
}

/// Writes `sent` to a new connection and reads until the server closes
/// it; returns what it answered and how long that took.
fn stall(addr: &str, sent: &[u8]) -> (String, Duration) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let started = Instant::now();
    s.write_all(sent).expect("write");
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    (String::from_utf8_lossy(&got).to_string(), started.elapsed())
}

#[test]
fn a_client_that_stalls_is_cut_off() {
    let dir = workdir("stall");
    let c = common::start_with(dir, true, &["--stall-timeout", "2"]);
    // Half a request header, then nothing.
    let (answer, took) = stall(&c.addr, b"POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Ty");
    assert!(took < Duration::from_secs(6), "cut off after {took:?}: {answer:?}");
    // A whole header, then a body that stops a tenth of the way.
    let head = "POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"survey\"";
    let (answer, took) = stall(&c.addr, head.as_bytes());
    assert!(took < Duration::from_secs(6), "cut off after {took:?}: {answer:?}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    // The server still answers others.
    let (status, _, _) = http(&c.addr, "GET", "/api/export.csv", &[], b"");
    assert_eq!(status, 401);
}

/// The collector on `db` (with `extra` arguments), its address once it
/// listens, or its error output when it refused to start.
fn start_on(
    dir: &std::path::Path,
    db: &str,
    extra: &[&str],
) -> Result<(std::process::Child, String), String> {
    use std::io::{BufRead, BufReader, Read};
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanya-collector"))
        .args(["--listen", "127.0.0.1:0", "--token", "rahasia-panjang-0123", "--db", db])
        .arg("--device-secret-file")
        .arg(dir.join("device.secret"))
        .arg("--surveys")
        .arg(dir.join("surveys"))
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the collector runs");
    let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    for line in lines.map_while(Result::ok) {
        if let Some(a) = line.strip_prefix("tanya-collector listening on http://") {
            return Ok((child, a.to_string()));
        }
    }
    let mut err = String::new();
    let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
    let _ = child.wait();
    Err(err)
}

#[test]
#[ignore = "needs PostgreSQL with TLS: run with --include-ignored, TANYA_TEST_POSTGRES and TANYA_TEST_POSTGRES_CA (cargo xtask test starts one)"]
fn postgres_over_tls_is_verified_against_the_roots_given() {
    if postgres().is_none() {
        eprintln!("skipped: TANYA_TEST_POSTGRES is not set");
        return;
    }
    let ca = std::env::var("TANYA_TEST_POSTGRES_CA")
        .expect("TANYA_TEST_POSTGRES_CA: cargo xtask test makes the cluster's certificate");
    let dir = workdir("pg-tls");
    let db = db_for(&dir);
    let tls = format!("{db}{}sslmode=require", if db.contains('?') { '&' } else { '?' });
    // The server's certificate is its own: without its CA the collector refuses to start.
    let refused = start_on(&dir, &tls, &[]).expect_err("an untrusted certificate is refused");
    assert!(refused.to_lowercase().contains("certificate") || refused.contains("TLS"), "{refused}");
    // With it, entries go over TLS.
    let (mut child, addr) = start_on(&dir, &tls, &["--db-ca-file", &ca]).expect("starts over TLS");
    let e = common::envelope(
        "allow",
        "11111111-1111-4111-8111-0000000000a1",
        "r",
        serde_json::json!({"q1": "a"}),
    );
    let (status, body) = common::post(&addr, &e);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(status, 201, "{body}");
}
