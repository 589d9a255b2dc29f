//! `cargo xtask test`: every check and test, in order, with one closing line.

use crate::cmd::{run_tee, Result};
use crate::dist::build_site;
use crate::postgres::Cluster;
use crate::root;
use crate::summary::{libtest, node_tap, Counts};
use crate::tools::{ensure, npm_dir, Need, CHROMEDRIVER, CHROMIUM};
use std::process::Command;
use std::time::Instant;

/// How a step's output is counted.
#[derive(Clone, Copy)]
enum Kind {
    /// A check with no test count: a failure counts as one failed.
    Check,
    /// libtest output (cargo test, wasm-bindgen-test-runner).
    Libtest,
    /// node --test with the TAP reporter.
    NodeTap,
}

/// Runs every step; `args` may hold `--no-e2e` or `--no-browser` to shorten a local run.
pub fn test(args: &[String]) -> Result<()> {
    let started = Instant::now();
    let skip_browser = args.iter().any(|a| a == "--no-browser");
    let skip_e2e = skip_browser || args.iter().any(|a| a == "--no-e2e");
    let tools = ensure(Need::Test)?;
    let root = root();
    let fresh = std::env::var_os("CI").is_some();
    report_disk(&root, "before");
    let cargo = || {
        let mut c = Command::new("cargo");
        c.current_dir(&root).env("PATH", &tools.path);
        // A fresh checkout never reuses incremental state: writing it only fills the disk.
        if fresh {
            c.env("CARGO_INCREMENTAL", "0");
        }
        c
    };

    let mut run = Run::default();
    run.step("cargo fmt --check", Kind::Check, cargo().args(["fmt", "--all", "--check"]));
    run.step(
        "clippy (native)",
        Kind::Check,
        cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
    );
    run.step(
        "clippy (wasm32)",
        Kind::Check,
        cargo().args([
            "clippy",
            "-p",
            "tanya",
            "-p",
            "tanya-engine",
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
    );
    // The cross-process test needs PostgreSQL: it runs in the next step, not here as "ignored".
    run.step(
        "native tests",
        Kind::Libtest,
        cargo().args(["test", "--workspace", "--no-fail-fast", "--", "--skip", "two_processes_one_database"]),
    );
    // The collector's integration suite again, on a throwaway PostgreSQL
    // cluster, with the tests that only PostgreSQL can run (skipped above).
    match Cluster::start(false) {
        Ok(pg) => {
            let mut suite = cargo();
            suite
                .args(["test", "-p", "tanya-collector", "--test", "*", "--", "--include-ignored"])
                .env("TANYA_TEST_POSTGRES", &pg.url);
            if let Some(ca) = &pg.ca {
                suite.env("TANYA_TEST_POSTGRES_CA", ca);
            }
            run.step("collector suite (PostgreSQL)", Kind::Libtest, &mut suite);
        }
        Err(e) => {
            eprintln!("xtask: the PostgreSQL cluster did not start: {e}");
            run.fail("PostgreSQL cluster (see above)");
        }
    }
    // SurveyJS is the reference: the questionnaires with rosters and the
    // project's own must agree with it on every case (`cargo xtask compat`).
    match crate::compat::harness(&root) {
        Some(_) => {
            let built = run.step(
                "build tanya (harness)",
                Kind::Check,
                cargo().args(["build", "-q", "-p", "tanya-cli"]),
            );
            if built {
                let options: Vec<String> =
                    ["--seed", "1", "--cases", "40", "--show", "2"].iter().map(|s| s.to_string()).collect();
                let mut cmd = crate::compat::harness_command(&root, &options, &crate::compat::gated(&root));
                run.step("SurveyJS differential (40 cases)", Kind::Check, cmd.env("PATH", &tools.path));
                let me = std::env::current_exe().unwrap_or_else(|_| "xtask".into());
                run.step(
                    "SurveyJS, real questionnaires (97%)",
                    Kind::Check,
                    Command::new(me).current_dir(&root).args(["compat", "--gate"]).env("PATH", &tools.path),
                );
            }
        }
        None => run.skip("SurveyJS differential: ../shared/peer is not here"),
    }
    if !skip_browser {
        run.step(
            "browser tests (wasm-bindgen-test)",
            Kind::Libtest,
            cargo()
                .args(["test", "-p", "tanya", "--target", "wasm32-unknown-unknown"])
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
        );
    }
    if !skip_e2e {
        let built = build_site(&tools).is_ok();
        if !built {
            run.fail("build dist/ for e2e");
        } else {
            run.step(
                "end-to-end tests (dist/)",
                Kind::NodeTap,
                Command::new("node")
                    .current_dir(&root)
                    .env("PATH", &tools.path)
                    .env("TANYA_DIST", root.join("dist"))
                    .env("TANYA_NODE_MODULES", npm_dir().join("node_modules"))
                    .env("TANYA_CHROMIUM", CHROMIUM)
                    .env("TANYA_CLI", root.join("target/debug/tanya"))
                    .env("TANYA_COLLECTOR", root.join("target/debug/tanya-collector"))
                    .args([
                        "--test",
                        "--test-reporter=tap",
                        "--test-concurrency=1",
                        "--test-timeout=600000",
                        "--test-force-exit",
                    ])
                    .args(e2e_files()?),
            );
        }
    }

    report_disk(&root, "after");
    let Run { total, lines } = run;
    println!("\nxtask test: steps");
    for l in &lines {
        println!("{l}");
    }
    println!("  total time {:.0}s", started.elapsed().as_secs_f64());
    if total.skipped > 0 {
        println!("{} passed, {} failed, {} skipped", total.passed, total.failed, total.skipped);
    } else {
        println!("{} passed, {} failed", total.passed, total.failed);
    }
    if total.failed > 0 {
        Err(format!("{} failed", total.failed))
    } else {
        Ok(())
    }
}

/// Below this much free space a cold run is likely to fail part-way (a
/// cold CI run left 3.9 GiB under `target/` on 2026-12-02).
const DISK_NEEDED_KB: u64 = 6 * 1024 * 1024;

/// Prints the free disk space and the size of `target/`, so that a run
/// that fails for want of space says so before the first compiler error.
fn report_disk(root: &std::path::Path, when: &str) {
    let free =
        crate::cmd::output(Command::new("df").args(["-Pk"]).arg(root)).and_then(|out| df_available_kb(&out));
    let target = crate::cmd::output(Command::new("du").args(["-sk"]).arg(root.join("target")))
        .and_then(|out| out.split_whitespace().next().and_then(|k| k.parse::<u64>().ok()));
    let gib = |kb: u64| kb as f64 / (1024.0 * 1024.0);
    match free {
        Some(kb) => {
            eprintln!(
                "xtask test: disk {when}: {:.1} GiB free, target/ {:.1} GiB",
                gib(kb),
                gib(target.unwrap_or(0))
            );
            if when == "before" && kb + target.unwrap_or(0) < DISK_NEEDED_KB {
                eprintln!(
                    "xtask test: warning: a cold run writes about {:.0} GiB under target/; \
                     steps may fail with \"No space left on device\"",
                    gib(DISK_NEEDED_KB)
                );
            }
        }
        None => eprintln!("xtask test: disk {when}: free space unknown (df gave nothing readable)"),
    }
}

/// The "Available" column (KiB) of `df -Pk`'s one data line.
fn df_available_kb(out: &str) -> Option<u64> {
    out.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()
}

/// The end-to-end test files, `tests/e2e/*.test.cjs`, in name order.
fn e2e_files() -> Result<Vec<std::path::PathBuf>> {
    let dir = root().join("tests/e2e");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.cjs"))
        .collect();
    files.sort();
    Ok(files)
}

/// The running tally of a test run.
#[derive(Default)]
struct Run {
    total: Counts,
    lines: Vec<String>,
}

impl Run {
    /// Runs one step, echoing its output, and records its counts.
    fn step(&mut self, name: &str, kind: Kind, cmd: &mut Command) -> bool {
        let t = Instant::now();
        let (ok, out) = run_tee(cmd).unwrap_or_else(|e| (false, e));
        let mut c = match kind {
            Kind::Check => Counts::default(),
            Kind::Libtest => libtest(&out),
            Kind::NodeTap => node_tap(&out),
        };
        if !ok && c.failed == 0 {
            c.failed = 1;
        }
        self.total.add(c);
        let verdict = if ok { "ok" } else { "FAILED" };
        self.lines.push(format!(
            "  {name:<34} {verdict:<6} {:>4} passed {:>3} failed {:>3} skipped  {:>5.0}s",
            c.passed,
            c.failed,
            c.skipped,
            t.elapsed().as_secs_f64()
        ));
        ok
    }

    /// Records a step skipped because what it needs is not here.
    fn skip(&mut self, name: &str) {
        self.total.skipped += 1;
        self.lines.push(format!("  {name:<34} skipped"));
    }

    /// Records a step that could not run at all.
    fn fail(&mut self, name: &str) {
        self.total.failed += 1;
        self.lines.push(format!("  {name:<34} FAILED"));
    }
}

#[cfg(test)]
mod tests {
    use super::df_available_kb;

    #[test]
    fn reads_the_available_column_of_df() {
        let cases = [
            (
                "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda 264091588 11534336 83886080 13% /",
                Some(83_886_080),
            ),
            ("Filesystem 1024-blocks Used Available Capacity Mounted on", None),
            ("", None),
            ("header\n/dev/vda 1 2 lots 3% /", None),
        ];
        for (out, want) in cases {
            assert_eq!(df_available_kb(out), want, "{out:?}");
        }
    }
}
