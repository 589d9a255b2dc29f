//! The page benchmark: Tanya's `dist/`, SurveyJS and a static-HTML floor,
//! loading the same questionnaire on an emulated slow phone, interleaved in
//! one run (the method of `../shared/bench/README.md`, reproduced here), and
//! the large-form answer-change test. The npm packages go into a temporary
//! folder, never into the repository.

use crate::cmd::{run, run_tee, Result, TempDir};
use crate::dist::build_site;
use crate::root;
use crate::tools::{npm_dir, Tools, CHROMIUM};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The SurveyJS release the shared figures were measured with.
const SURVEYJS: &str = "2.5.38";
/// Loads per target.
const RUNS: usize = 5;

const LIKERT: [&str; 4] = ["Sangat tidak setuju", "Tidak setuju", "Setuju", "Sangat setuju"];

/// The benchmark questionnaire: `pages` × `per` required 4-point Likert
/// radiogroups, a note shown when the page's first answer is at most 2, a
/// bounded number, and every page after the first shown only when the
/// previous page's first answer is at least 2.
pub fn bench_survey(pages: usize, per: usize) -> Value {
    let choices: Vec<Value> =
        LIKERT.iter().enumerate().map(|(i, t)| json!({"value": i + 1, "text": t})).collect();
    let pages: Vec<Value> = (0..pages)
        .map(|p| {
            let mut elements: Vec<Value> = (0..per)
                .map(|q| {
                    json!({"type": "radiogroup", "name": format!("p{p}q{q}"), "isRequired": true, "choices": choices,
                           "title": format!("Pernyataan {p}.{q}: pelayanan di unit ini bebas dari gratifikasi")})
                })
                .collect();
            elements.push(json!({"type": "text", "name": format!("p{p}note"), "title": "Catatan",
                                 "visibleIf": format!("{{p{p}q0}} <= 2")}));
            elements.push(json!({"type": "text", "inputType": "number", "name": format!("p{p}num"),
                                 "title": "Berapa kali?", "min": 0, "max": 100}));
            let mut page = json!({"name": format!("page{p}"), "elements": elements});
            if p > 0 {
                page["visibleIf"] = json!(format!("{{p{}q0}} >= 2", p - 1));
            }
            page
        })
        .collect();
    json!({"title": "Survei Penilaian Integritas (benchmark)", "showProgressBar": "top", "pages": pages})
}

/// The large form: 40 pages × 20 questions, each with a `visibleIf`; every
/// question but the first hides when the first answer is 4.
pub fn large_survey() -> Value {
    let choices: Vec<Value> = (1..=4).map(|v| json!(v)).collect();
    let pages: Vec<Value> = (0..40)
        .map(|p| {
            let elements: Vec<Value> = (0..20)
                .map(|q| {
                    let mut e = json!({"type": "radiogroup", "name": format!("p{p}q{q}"), "choices": choices,
                                       "title": format!("Pertanyaan {p}.{q}")});
                    if (p, q) != (0, 0) {
                        e["visibleIf"] =
                            json!(if q % 2 == 0 { "{p0q0} <> 4" } else { "{p0q0} < 4 or {p0q0} empty" });
                    }
                    e
                })
                .collect();
            json!({"name": format!("page{p}"), "elements": elements})
        })
        .collect();
    json!({"pages": pages})
}

/// A roster of 50 panels × 10 questions: `q0` a choice, every other
/// question shown by a condition on its own panel's `q0`.
pub fn roster_survey() -> Value {
    let mut template = vec![json!({"type": "radiogroup", "name": "q0", "choices": [1, 2, 3, 4]})];
    for i in 1..10 {
        let cond = if i % 2 == 0 { "{panel.q0} <> 4" } else { "{panel.q0} < 4 or {panel.q0} empty" };
        template.push(json!({"type": "text", "name": format!("q{i}"), "visibleIf": cond}));
    }
    json!({"elements": [{"type": "paneldynamic", "name": "roster", "panelCount": 50, "maxPanelCount": 50,
                         "templateElements": template}]})
}

/// The floor: the first page as hand-written static HTML, with one line of
/// script for its one condition. No framework can send or render less.
pub fn floor_page() -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>floor</title>\
         <style>fieldset{border:0;margin:1em 0}label{display:block;padding:.4em}</style></head><body><form>",
    );
    for q in 0..12 {
        out.push_str(&format!(
            "<fieldset data-question=\"p0q{q}\"><legend>Pernyataan 0.{q}: pelayanan di unit ini bebas dari gratifikasi</legend>"
        ));
        for (i, t) in LIKERT.iter().enumerate() {
            out.push_str(&format!(
                "<label><input type=\"radio\" name=\"p0q{q}\" value=\"{}\" required> {t}</label>",
                i + 1
            ));
        }
        out.push_str("</fieldset>");
    }
    out.push_str(
        "<fieldset data-question=\"p0note\" hidden><legend>Catatan</legend><input name=\"p0note\"></fieldset>\
         <fieldset data-question=\"p0num\"><legend>Berapa kali?</legend><input name=\"p0num\" type=\"number\" min=\"0\" max=\"100\"></fieldset>\
         <button>Berikutnya</button></form><script>for(const e of document.querySelectorAll('input[name=p0q0]'))\
         e.onchange=()=>{document.querySelector('[data-question=p0note]').hidden=+e.value>2}</script></body></html>",
    );
    out
}

const SURVEYJS_PAGE: &str = r#"<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>SurveyJS</title>
<link rel="stylesheet" href="survey-core.min.css">
<script src="survey.core.min.js"></script><script src="survey-js-ui.min.js"></script>
</head><body><div id="root"></div>
<script>
fetch("survey.json").then((r) => r.json()).then((json) => new Survey.Model(json).render(document.getElementById("root")));
</script></body></html>"#;

/// `dist/` with its config pointed at `/survey.json`, fetched in parallel
/// with the wasm through a preload link, as an agency would deploy it.
fn tanya_site(dist: &Path, out: &Path, survey: &Value) -> Result<()> {
    crate::dist::copy_dir(dist, out)?;
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = crate::dist::set_config(&html, &json!({"survey": "/survey.json"}))
        .ok_or("dist/index.html has no #tanya-config block")?;
    let html = crate::dist::preload_survey(&html).unwrap_or(html);
    std::fs::write(&index, html).map_err(|e| e.to_string())?;
    std::fs::write(out.join("survey.json"), survey.to_string()).map_err(|e| e.to_string())
}

/// SurveyJS from npm, installed into `npm/` under the temporary folder.
fn surveyjs_site(tmp: &Path, out: &Path, survey: &Value) -> Result<()> {
    let npm = tmp.join("npm");
    std::fs::create_dir_all(&npm).map_err(|e| e.to_string())?;
    std::fs::write(npm.join("package.json"), "{\"private\": true}").map_err(|e| e.to_string())?;
    run(Command::new("npm").current_dir(&npm).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        &format!("survey-core@{SURVEYJS}"),
        &format!("survey-js-ui@{SURVEYJS}"),
    ]))?;
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let modules = npm.join("node_modules");
    for (pkg, file) in [
        ("survey-core", "survey.core.min.js"),
        ("survey-core", "survey-core.min.css"),
        ("survey-js-ui", "survey-js-ui.min.js"),
    ] {
        let from =
            find_file(&modules.join(pkg), file).ok_or(format!("npm {pkg}@{SURVEYJS} has no {file}"))?;
        std::fs::copy(&from, out.join(file)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    std::fs::write(out.join("index.html"), SURVEYJS_PAGE).map_err(|e| e.to_string())?;
    std::fs::write(out.join("survey.json"), survey.to_string()).map_err(|e| e.to_string())
}

/// The first file called `name` under `dir` (packages move files between folders).
fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let direct = dir.join(name);
    if direct.is_file() {
        return Some(direct);
    }
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.path().is_dir())
        .find_map(|e| find_file(&e.path(), name))
}

/// One target's medians.
#[derive(Debug, Clone)]
pub struct PageFigures {
    /// Target name.
    pub name: String,
    /// Bytes on the wire.
    pub bytes: f64,
    /// Time to first question, ms.
    pub ttfq: f64,
    /// Time until the form answers to input (the app has taken over a
    /// prerendered page; the first question otherwise), ms.
    pub ready: f64,
    /// "First answer shown": from navigation, the first question's answer
    /// tapped as soon as it shows, until the question it reveals shows, ms.
    pub answer: f64,
    /// Click to update, ms.
    pub click: f64,
}

/// The bench questionnaire as `tanya site` makes its site (page 1 in
/// `index.html`), from `dist/` and the CLI built here.
fn prerendered_site(dist: &Path, tmp: &Path, out: &Path, survey: &Value) -> Result<()> {
    crate::cmd::run(Command::new("cargo").current_dir(root()).args(["build", "-q", "-p", "tanya-cli"]))?;
    let file = tmp.join("site-survey.json");
    std::fs::write(&file, survey.to_string()).map_err(|e| format!("{}: {e}", file.display()))?;
    crate::cmd::run(
        Command::new(root().join("target/debug/tanya"))
            .arg("site")
            .arg(&file)
            .arg("--app")
            .arg(dist)
            .arg("-o")
            .arg(out),
    )
}

/// Runs the page benchmark and the large-form test, printing the table.
pub fn page_bench(tools: &Tools) -> Result<()> {
    let dist = build_site(tools)?;
    let temp = TempDir::new("tanya-pagebench")?;
    let tmp = temp.path();
    let survey = bench_survey(10, 12);
    // Tanya as an agency deploys it: `tanya site`, page 1 in index.html.
    prerendered_site(&dist, tmp, &tmp.join("tanya"), &survey)?;
    // The app alone (the questionnaire fetched, nothing drawn before the wasm), for comparison.
    tanya_site(&dist, &tmp.join("tanya-app"), &survey)?;
    tanya_site(&dist, &tmp.join("large"), &large_survey())?;
    tanya_site(&dist, &tmp.join("roster"), &roster_survey())?;
    surveyjs_site(tmp, &tmp.join("surveyjs"), &survey)?;
    std::fs::create_dir_all(tmp.join("floor")).map_err(|e| e.to_string())?;
    std::fs::write(tmp.join("floor/index.html"), floor_page()).map_err(|e| e.to_string())?;

    let target = |name: &str, first: &str, click: &str, appear: &str| json!({"name": name, "root": tmp.join(name), "first": first, "click": click, "appear": appear});
    // Both served as the collector serves them: brotli copies where the browser takes them.
    let mut tanya = target(
        "tanya",
        "[data-question=p0q0]",
        "[data-question=p0q0] input[value=\"1\"]",
        "[data-question=p0note]",
    );
    tanya["brotli"] = json!(true);
    tanya["ready"] = json!("#tanya[data-tanya-ready]");
    let mut app_only = tanya.clone();
    app_only["name"] = json!("tanya-app");
    app_only["root"] = json!(tmp.join("tanya-app"));
    let plan = json!({
        "runs": RUNS,
        "playwright": npm_dir().join("node_modules/playwright-core"),
        "chromium": CHROMIUM,
        "targets": [
            tanya,
            app_only,
            target("surveyjs", "[data-name=p0q0]", "[data-name=p0q0] input[value=\"1\"]", "[data-name=p0note]"),
            target("floor", "[data-question=p0q0]", "input[name=p0q0][value=\"1\"]", "[data-question=p0note]"),
        ],
        "large": {"root": tmp.join("large"), "first": "[data-question=p0q1]", "question": "p0q0",
                  "hideWith": "4", "showWith": "1", "watched": "[data-question=p0q1]", "runs": 21},
        "roster": {"root": tmp.join("roster"), "first": "[data-question=\"roster[25].q1\"]",
                   "question": "roster[25].q0", "hideWith": "4", "showWith": "1",
                   "watched": "[data-question=\"roster[25].q1\"]", "runs": 21},
    });
    let plan_file = tmp.join("plan.json");
    std::fs::write(&plan_file, plan.to_string()).map_err(|e| e.to_string())?;
    let (ok, out) = run_tee(
        Command::new("node")
            .arg(root().join("xtask/bench/page.cjs"))
            .arg(&plan_file)
            .env("PATH", &tools.path),
    )?;
    if !ok {
        return Err("the page benchmark failed (see above)".into());
    }
    let lines: Vec<Value> = out.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let figures: Vec<PageFigures> = lines
        .iter()
        .filter(|l| l["kind"] == "page")
        .map(|l| PageFigures {
            name: l["name"].as_str().unwrap_or_default().to_string(),
            bytes: l["bytes"].as_f64().unwrap_or(f64::NAN),
            ttfq: l["ttfq_ms"].as_f64().unwrap_or(f64::NAN),
            ready: l["ready_ms"].as_f64().unwrap_or(f64::NAN),
            answer: l["answer_ms"].as_f64().unwrap_or(f64::NAN),
            click: l["click_ms"].as_f64().unwrap_or(f64::NAN),
        })
        .collect();
    print_table(&figures);
    for l in lines.iter().filter(|l| l["kind"] == "large") {
        let form = if l["form"] == "roster" {
            "roster (50 panels × 10 questions, each shown by a condition on its own panel)"
        } else {
            "large form (40 pages × 20 questions, a visibleIf on every question)"
        };
        println!(
            "{form}, answer change to DOM update, CPU {}×: median {:.1} ms, max {:.1} ms",
            l["throttle"],
            l["median_ms"].as_f64().unwrap_or(f64::NAN),
            l["max_ms"].as_f64().unwrap_or(f64::NAN)
        );
    }
    Ok(())
}

fn print_table(figures: &[PageFigures]) {
    let get = |n: &str| figures.iter().find(|f| f.name == n);
    println!("\npage benchmark ({RUNS} interleaved runs, medians; 390×844, CPU 4×, 1.6 Mbit/s, 150 ms RTT, cold cache)");
    println!("| target | bytes on the wire | time to first question | first answer shown | click to update | ready for input |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for f in figures {
        println!(
            "| {} | {:.0} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms |",
            f.name, f.bytes, f.ttfq, f.answer, f.click, f.ready
        );
    }
    if let (Some(t), Some(s), Some(fl)) = (get("tanya"), get("surveyjs"), get("floor")) {
        println!(
            "| Tanya / SurveyJS | {:.1}% (goal ≤ 50%) | {:.1}% | {:.1}% (goal ≤ 50%) | {:.1}% | |",
            100.0 * t.bytes / s.bytes,
            100.0 * t.ttfq / s.ttfq,
            100.0 * t.answer / s.answer,
            100.0 * t.click / s.click
        );
        println!(
            "| Tanya / floor | {:.1}× | {:.2}× (goal ≤ 1.5×) | {:.2}× | {:.2}× | |",
            t.bytes / fl.bytes,
            t.ttfq / fl.ttfq,
            t.answer / fl.answer,
            t.click / fl.click
        );
    }
}
