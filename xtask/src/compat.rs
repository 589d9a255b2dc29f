//! `cargo xtask compat [--seed N] [--cases N] [--show N] [FILES]` (or
//! `--gate`, the bar `cargo xtask test` holds the real questionnaires to): the
//! differential harness `../shared/peer/diff/diff.cjs`, which runs the same
//! random answers through SurveyJS's own engine (npm `survey-core`,
//! installed into `tools/`) and through `tanya run`, and prints how many
//! cases agree per questionnaire. Without FILES it takes every
//! questionnaire in `../shared/peer/wild/`, `../shared/peer/surveys/` and
//! `surveys/`.

use crate::cmd::{run, Result};
use crate::root;
use crate::tools::{ensure_npm_tools, npm_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The JSON files directly in `dir`, sorted.
fn questionnaires(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    files
}

/// The real questionnaires `--gate` holds to: at least this many of the
/// twenty load...
const GATE_LOADED: usize = 18;
/// ...and at least this share of the cases of those that load agree.
const GATE_AGREE: f64 = 0.97;

/// `--gate`: the questionnaires in `../shared/peer/wild/`, 30 cases each
/// with seed 1, held to [`GATE_LOADED`] and [`GATE_AGREE`]. A refused
/// questionnaire counts against the first, not the second: Tanya refuses
/// a question type nobody registered (see `docs/surveyjs-support.md`).
fn gate(root: &Path) -> Result<()> {
    let files = questionnaires(&root.join("../shared/peer/wild"));
    let options: Vec<String> =
        ["--seed", "1", "--cases", "30", "--json"].iter().map(|s| s.to_string()).collect();
    let out = harness_command(root, &options, &files)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("compat --gate: node: {e}"))?;
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("compat --gate: the harness printed no report: {e}"))?;
    let rows = report["report"].as_array().cloned().unwrap_or_default();
    let (mut loaded, mut cases, mut agree) = (0usize, 0u64, 0u64);
    for row in &rows {
        let name = row["survey"].as_str().unwrap_or("?");
        let (n, a) = (row["cases"].as_u64().unwrap_or(0), row["agree"].as_u64().unwrap_or(0));
        match row["load_error"].as_str() {
            Some(e) => println!("  {name:<48} refused: {}", e.chars().take(120).collect::<String>()),
            None => {
                loaded += 1;
                cases += n;
                agree += a;
                println!("  {name:<48} {a:>3}/{n} agree");
            }
        }
    }
    let share = if cases == 0 { 0.0 } else { agree as f64 / cases as f64 };
    println!(
        "xtask compat --gate: {loaded} of {} load (at least {GATE_LOADED}); {agree}/{cases} cases of those agree, {:.1}% (at least {:.0}%)",
        rows.len(),
        share * 100.0,
        GATE_AGREE * 100.0
    );
    if rows.len() < files.len() || loaded < GATE_LOADED || share < GATE_AGREE {
        return Err("compat --gate: below the bar (the table above)".into());
    }
    Ok(())
}

/// Runs the harness; an error when it cannot run or a case differs.
pub fn compat(args: &[String]) -> Result<()> {
    let root = root();
    let shared = root.join("../shared/peer");
    if harness(&root).is_none() {
        println!("xtask compat: skipped: {} is not here", shared.join("diff/diff.cjs").display());
        return Ok(());
    }
    ensure_npm_tools()?;
    run(Command::new("cargo").current_dir(&root).args(["build", "-q", "-p", "tanya-cli"]))?;
    if args.iter().any(|a| a == "--gate") {
        return gate(&root);
    }
    let mut options = Vec::new();
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--gate" => {}
            "--seed" | "--cases" | "--show" => {
                let value = rest.next().ok_or(format!("{a} needs a number"))?;
                options.extend([a.clone(), value.clone()]);
            }
            _ => files.push(PathBuf::from(a)),
        }
    }
    // The table alone unless examples are asked for.
    if !options.iter().any(|o| o == "--show") {
        options.extend(["--show".to_string(), "0".to_string()]);
    }
    if files.is_empty() {
        for dir in [shared.join("wild"), shared.join("surveys"), root.join("surveys")] {
            files.extend(questionnaires(&dir));
        }
    }
    run(&mut harness_command(&root, &options, &files))
        .map_err(|_| "compat: some cases differ from SurveyJS (the table above)".to_string())
}

/// The harness, or `None` when `../shared/peer` is not beside the project.
pub fn harness(root: &Path) -> Option<PathBuf> {
    Some(root.join("../shared/peer/diff/diff.cjs")).filter(|h| h.exists())
}

/// The questionnaires `cargo xtask test` holds to full agreement with
/// SurveyJS, 40 cases each with seed 1: the rosters of the medical history,
/// the product feedback form and every questionnaire in the project's `surveys/`.
pub fn gated(root: &Path) -> Vec<PathBuf> {
    let peer = root.join("../shared/peer/surveys");
    let mut files = vec![peer.join("patient_medical_history.json"), peer.join("product_feedback.json")];
    files.extend(questionnaires(&root.join("surveys")));
    files
}

/// `node diff.cjs --tanya target/debug/tanya OPTIONS FILES` (the CLI must
/// be built), with the widget types registered in SurveyJS as the
/// deployments that use them register them (`xtask/assets/widgets.cjs`).
pub fn harness_command(root: &Path, options: &[String], files: &[PathBuf]) -> Command {
    let table: Vec<(&str, &str, Option<&str>)> = tanya_engine::schema::types::counterparts().to_vec();
    let mut node = Command::new("node");
    node.current_dir(root)
        .env("NODE_PATH", npm_dir().join("node_modules"))
        .env("TANYA_COUNTERPARTS", serde_json::to_string(&table).unwrap_or_default())
        .arg("--require")
        .arg(root.join("xtask/assets/widgets.cjs"))
        .arg(root.join("../shared/peer/diff/diff.cjs"))
        .arg("--tanya")
        .arg(root.join("target/debug/tanya"))
        .args(options)
        .args(files);
    node
}
