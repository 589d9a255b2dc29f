//! Two collector processes on one PostgreSQL database: replays sent to the
//! other process at the same moment, one process killed with SIGKILL
//! mid-stream, clients retrying on the survivor. Every acknowledged entry is
//! stored exactly once, and the duplicate policy holds across processes.
//!
//! Needs PostgreSQL, so it is ignored unless run with `--include-ignored`
//! and `TANYA_TEST_POSTGRES` (as `cargo xtask test` does); run that way
//! without a server, it fails and says so.

mod common;

use common::{envelope, export, post, postgres, start_in, workdir, Collector};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};

const ENTRIES: usize = 500;
const CLIENTS: usize = 10;
/// One entry in five is also sent to the other process at the same moment.
const REPLAY_EVERY: usize = 5;
/// Respondents who submit twice at once, one entry to each process.
const RACES: usize = 20;

fn entry(n: usize) -> Value {
    let id = format!("00000000-0000-4000-8000-{n:012x}");
    envelope("block", &id, &format!("r{n}"), json!({"q1": "a", "q2": format!("{n}")}))
}

/// Posts until a process answers, moving to the survivor when one is gone.
fn deliver(addrs: &[String; 2], first: usize, alive: &[AtomicBool; 2], body: &Value) -> u16 {
    for attempt in 0..20 {
        let i = if alive[first].load(Ordering::SeqCst) { first } else { 1 - first };
        let (status, _) = post(&addrs[i], body);
        if status != 0 && status < 500 {
            return status;
        }
        std::thread::sleep(std::time::Duration::from_millis(5 * (attempt + 1)));
    }
    0
}

/// Sends `a` to process `i` and `b` to the other at the same moment.
fn at_once(addrs: &[String; 2], alive: &Arc<[AtomicBool; 2]>, i: usize, a: Value, b: Value) -> [u16; 2] {
    let gate = Arc::new(Barrier::new(2));
    let other = {
        let (addrs, alive, gate) = (addrs.clone(), alive.clone(), gate.clone());
        std::thread::spawn(move || {
            gate.wait();
            deliver(&addrs, 1 - i, &alive, &b)
        })
    };
    gate.wait();
    let mine = deliver(addrs, i, alive, &a);
    [mine, other.join().unwrap_or(0)]
}

#[test]
#[ignore = "needs PostgreSQL: run with --include-ignored and TANYA_TEST_POSTGRES (cargo xtask test starts a cluster)"]
fn two_processes_one_database_exactly_once_through_a_sigkill() {
    assert!(
        postgres().is_some(),
        "TANYA_TEST_POSTGRES is not set: this test needs a PostgreSQL server (cargo xtask test starts one)"
    );
    let dir = workdir("cross");
    let procs: [Mutex<Option<Collector>>; 2] =
        [Mutex::new(Some(start_in(dir.clone(), false))), Mutex::new(Some(start_in(dir.clone(), true)))];
    let addrs: [String; 2] = [0, 1]
        .map(|i| procs[i].lock().ok().and_then(|p| p.as_ref().map(|c| c.addr.clone())).unwrap_or_default());
    let alive: Arc<[AtomicBool; 2]> = Arc::new([AtomicBool::new(true), AtomicBool::new(true)]);
    let sent = Arc::new(AtomicUsize::new(0));
    let acked: Arc<Mutex<HashMap<String, u16>>> = Arc::default();

    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (addrs, alive, sent, acked) = (addrs.clone(), alive.clone(), sent.clone(), acked.clone());
            std::thread::spawn(move || {
                for n in (client..ENTRIES).step_by(CLIENTS) {
                    let e = entry(n);
                    let home = n % 2;
                    let statuses = if n % REPLAY_EVERY == 0 {
                        at_once(&addrs, &alive, home, e.clone(), e.clone()).to_vec()
                    } else {
                        vec![deliver(&addrs, home, &alive, &e)]
                    };
                    sent.fetch_add(1, Ordering::SeqCst);
                    if let (Some(&s), Ok(mut a)) =
                        (statuses.iter().find(|s| **s == 201 || **s == 200), acked.lock())
                    {
                        a.insert(e["submission_id"].as_str().unwrap_or_default().to_string(), s);
                    }
                    assert!(
                        statuses.iter().all(|s| *s == 201 || *s == 200),
                        "entry {n}: every copy is acknowledged (created or replayed): {statuses:?}"
                    );
                }
            })
        })
        .collect();

    // SIGKILL process 0 once a third of the entries are in.
    while sent.load(Ordering::SeqCst) < ENTRIES / 3 {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    alive[0].store(false, Ordering::SeqCst);
    if let Some(c) = procs[0].lock().ok().and_then(|mut p| p.take()) {
        c.kill();
    }
    let killed_at = sent.load(Ordering::SeqCst);
    for c in clients {
        assert!(c.join().is_ok(), "a client thread failed (see above)");
    }

    // The duplicate policy across processes: the same respondent, two new
    // entries, one to each process at once. Under `block` exactly one is
    // stored; under `warn` both, the second flagged with the first.
    let survivor = addrs[1].clone();
    let restart = start_in(dir, false);
    let both = [restart.addr.clone(), survivor.clone()];
    let up = Arc::new([AtomicBool::new(true), AtomicBool::new(true)]);
    for policy in ["block", "warn"] {
        for r in 0..RACES {
            let who = format!("race-{policy}-{r}");
            let a = envelope(policy, &format!("{policy}-a-{r}"), &who, json!({"q1": "a", "q2": &who}));
            let b = envelope(policy, &format!("{policy}-b-{r}"), &who, json!({"q1": "b", "q2": &who}));
            let got = at_once(&both, &up, r % 2, a, b);
            let mut sorted = got;
            sorted.sort();
            let want = if policy == "block" { [201, 409] } else { [201, 201] };
            assert_eq!(sorted, want, "{who}: {got:?}");
        }
    }

    let csv = export(&survivor);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or(usize::MAX);
    let (id_col, dup_col) = (col("submission_id"), col("duplicate_of"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let ids: Vec<&str> = rows.iter().filter_map(|r| r.get(id_col).copied()).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "no entry stored twice");

    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();
    assert_eq!(acked.len(), ENTRIES, "every entry was acknowledged by one process or the other");
    for id in acked.keys() {
        assert!(unique.contains(id.as_str()), "acknowledged {id} is stored");
    }
    let main_rows = ids.iter().filter(|i| i.starts_with("00000000-")).count();
    assert_eq!(main_rows, ENTRIES, "each of the {ENTRIES} entries exactly once");

    let dup_of =
        |id: &str| rows.iter().find(|r| r.get(id_col) == Some(&id)).and_then(|r| r.get(dup_col).copied());
    for r in 0..RACES {
        let stored: Vec<&&str> =
            ids.iter().filter(|i| **i == format!("block-a-{r}") || **i == format!("block-b-{r}")).collect();
        assert_eq!(stored.len(), 1, "block race {r}: one entry stored, not {stored:?}");
        let (a, b) = (format!("warn-a-{r}"), format!("warn-b-{r}"));
        let flags = [dup_of(&a), dup_of(&b)];
        let unflagged = flags.iter().filter(|f| f == &&Some("")).count();
        assert_eq!(unflagged, 1, "warn race {r}: exactly one first entry, the other flagged: {flags:?}");
        assert!(
            flags.contains(&Some(a.as_str())) || flags.contains(&Some(b.as_str())),
            "warn race {r}: the flagged one names the first: {flags:?}"
        );
    }
    println!(
        "cross-process: {ENTRIES} entries ({} sent to both processes at once), process 0 killed after {killed_at}; \
         {} rows stored, none doubled; {RACES} block and {RACES} warn races held",
        ENTRIES / REPLAY_EVERY,
        ids.len()
    );
    drop(restart);
}
