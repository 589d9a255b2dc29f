//! A crash test: entries sent concurrently, the collector killed with SIGKILL
//! mid-stream, restarted on the same file; clients retry what was not
//! acknowledged. Every acknowledged entry is present and none is doubled.

mod common;

use common::{envelope, export, post, start_in, workdir};
use serde_json::json;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const CLIENTS: usize = 8;
const PER_CLIENT: usize = 40;

fn entry(client: usize, n: usize) -> serde_json::Value {
    let id = format!("{client:08x}-0000-4000-8000-{n:012x}");
    envelope("allow", &id, &format!("c{client}-{n}"), json!({"q1": "a", "q2": format!("{client}-{n}")}))
}

#[test]
fn acknowledged_entries_survive_a_sigkill_and_retries_do_not_double() {
    let dir = workdir("crash");
    let first = start_in(dir.clone(), false);
    let addr = Arc::new(Mutex::new(first.addr.clone()));
    let acked: Arc<Mutex<HashSet<String>>> = Arc::default();
    let sent = Arc::new(AtomicUsize::new(0));
    let mut unacked: Vec<(usize, usize)> = Vec::new();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (addr, acked, sent) = (addr.clone(), acked.clone(), sent.clone());
            std::thread::spawn(move || {
                let mut missed = Vec::new();
                for n in 0..PER_CLIENT {
                    let e = entry(client, n);
                    let a = addr.lock().map(|a| a.clone()).unwrap_or_default();
                    let ok = std::panic::catch_unwind(|| post(&a, &e).0).unwrap_or(0);
                    sent.fetch_add(1, Ordering::SeqCst);
                    if ok == 201 || ok == 200 {
                        if let Ok(mut set) = acked.lock() {
                            set.insert(e["submission_id"].as_str().unwrap_or_default().to_string());
                        }
                    } else {
                        missed.push((client, n));
                    }
                }
                missed
            })
        })
        .collect();
    while sent.load(Ordering::SeqCst) < CLIENTS * PER_CLIENT / 3 {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let dir = first.kill();
    for h in handles {
        unacked.extend(h.join().unwrap_or_default());
    }
    let acked_before = acked.lock().map(|s| s.len()).unwrap_or(0);
    assert!(
        acked_before > 0 && !unacked.is_empty(),
        "the kill landed mid-stream: {acked_before} acked, {} not",
        unacked.len()
    );

    let second = start_in(dir, true);
    for (client, n) in &unacked {
        let (status, _) = post(&second.addr, &entry(*client, *n));
        assert!(status == 201 || status == 200, "retry of {client}/{n} got {status}");
    }
    // Replaying every acknowledged entry is harmless.
    let ids: Vec<String> = acked.lock().map(|s| s.iter().cloned().collect()).unwrap_or_default();
    for id in ids.iter().take(20) {
        let (client, n) = (
            usize::from_str_radix(&id[..8], 16).unwrap_or(0),
            usize::from_str_radix(&id[24..], 16).unwrap_or(0),
        );
        assert_eq!(post(&second.addr, &entry(client, n)).0, 200, "{id} was stored before the crash");
    }
    let csv = export(&second.addr);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    let stored: HashSet<&str> = rows.iter().filter_map(|r| r.split(',').next()).collect();
    assert_eq!(rows.len(), CLIENTS * PER_CLIENT, "every entry once");
    assert_eq!(stored.len(), rows.len(), "none doubled");
    for id in &ids {
        assert!(stored.contains(id.as_str()), "acknowledged {id} is present");
    }
    println!(
        "crash test: {acked_before} acknowledged before SIGKILL, {} retried after restart, {} stored",
        unacked.len(),
        rows.len()
    );
}

#[test]
fn sigterm_stops_cleanly_and_keeps_what_was_acknowledged() {
    let dir = workdir("sigterm");
    let c = start_in(dir.clone(), false);
    let e = envelope("allow", "t-1", "r", json!({"q1": "a"}));
    assert_eq!(post(&c.addr, &e).0, 201);
    let pid = c.child.id().to_string();
    let sent = std::process::Command::new("kill").args(["-TERM", &pid]).status().map(|s| s.success());
    assert_eq!(sent.ok(), Some(true));
    let mut c = c;
    let status = c.child.wait().expect("the collector exits");
    assert!(status.success(), "a clean exit on SIGTERM: {status}");
    drop(c);
    let again = start_in(dir, true);
    assert_eq!(post(&again.addr, &e).0, 200, "the entry is still there after the restart");
}
