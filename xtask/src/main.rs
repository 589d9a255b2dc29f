//! `cargo xtask`: the project's automation.
//!
//! - `demo`: install what is missing, build the app, serve it on 127.0.0.1:8080.
//! - `dist`: build the optimised site into `dist/` and print its size table.
//! - `test`: install what is missing, then run every check and test in order,
//!   ending with one `N passed, N failed` line.
//! - `bench`: the benchmarks.
//! - `postgres`: a throwaway PostgreSQL cluster, for running the collector's
//!   PostgreSQL tests by hand.
//! - `compat`: the differential harness against SurveyJS on the peer
//!   questionnaires (`../shared/peer/diff/diff.cjs`).
//! - `codegen`: regenerate the engine's generated tables from the standard
//!   library (a test checks the committed ones are current).

mod bench;
mod cmd;
mod codegen;
mod compat;
mod dist;
mod pagebench;
mod postgres;
mod summary;
mod testrun;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: cargo xtask <command>\n\n\
         commands:\n  \
         demo   build the app and serve the demo form on http://127.0.0.1:8080\n  \
         dist   build the optimised site into dist/ and print its sizes\n  \
         test   run every check and test (what CI runs)\n  \
         bench  run the benchmarks (or only: engine, page, collector) and print their figures\n  \
         postgres  run a throwaway PostgreSQL cluster for the collector's tests\n  \
         codegen   regenerate the engine's generated tables (case folding)\n  \
         compat    compare tanya run with SurveyJS on the peer questionnaires (../shared/peer)\n"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => dist::demo(),
        Some("dist") => dist::dist().map(|_| ()),
        Some("test") => testrun::test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("postgres") => postgres::serve(),
        Some("codegen") => codegen::codegen(),
        Some("compat") => compat::compat(&args[1..]),
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
