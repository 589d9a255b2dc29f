//! The `tanya` binary, run as a process.

use std::path::PathBuf;
use std::process::{Command, Output};

fn tanya(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tanya")).args(args).output().expect("tanya runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn repo(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(rel).to_string_lossy().into_owned()
}

fn temp(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("tanya-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn check_accepts_the_demo_and_summarises_it() {
    let o = tanya(&["check", &repo("surveys/integrity.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("ok: 7 pages, 24 questions"), "{out}");
    assert!(out.contains("0 warnings"), "{out}");
}

#[test]
fn check_warns_about_a_questionnaire_with_no_endpoint() {
    let nowhere = temp(
        "nowhere.json",
        r#"{"tanya": {"id": "nowhere"}, "pages": [{"elements": [{"type": "text", "name": "q"}]}]}"#,
    );
    let o = tanya(&["check", &nowhere]);
    assert!(o.status.success(), "a warning, not an error: {}", stderr(&o));
    assert!(stderr(&o).contains("warning: tanya.endpoint: no endpoint"), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 warnings"), "{}", stdout(&o));
}

#[test]
fn check_counts_every_ignored_property_and_strict_fails_on_them() {
    let loose = temp(
        "loose.json",
        r#"{"tanya": {"id": "loose", "endpoint": "/api/submissions"}, "navigateToUrl": "https://kpk.go.id",
            "pages": [{"elements": [
              {"type": "text", "name": "q1", "maskType": "numeric", "colour": "red", "width": "50%"},
              {"type": "checkbox", "name": "q2", "choices": ["a"], "hideIfChoicesEmpty": true, "colCount": 2}]}]}"#,
    );
    // (property path, what the warning says)
    let expected = [
        ("navigateToUrl", "'navigateToUrl' is ignored"),
        ("pages[0].elements[0].maskType", "'maskType' is ignored"),
        ("pages[0].elements[0].colour", "unknown property 'colour'"),
        ("pages[0].elements[1].hideIfChoicesEmpty", "'hideIfChoicesEmpty' is ignored"),
    ];
    let o = tanya(&["check", &loose]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for (path, says) in expected {
        assert!(err.contains(&format!("warning: {path}: {says}")), "{path}: {err}");
    }
    assert!(!err.contains("width") && !err.contains("colCount"), "layout-only properties are silent: {err}");
    assert!(stdout(&o).contains("ok with 4 ignored properties"), "{}", stdout(&o));
    let strict = tanya(&["check", "--strict", &loose]);
    assert_eq!(strict.status.code(), Some(1), "{}", stdout(&strict));
    assert!(stderr(&strict).contains("4 ignored properties (--strict)"), "{}", stderr(&strict));
    let clean = tanya(&["check", "--strict", &repo("surveys/integrity.json")]);
    assert!(clean.status.success(), "{}", stderr(&clean));
}

#[test]
fn check_reports_every_located_error_and_exits_1() {
    let bad = temp(
        "bad.json",
        r#"{"pages": [{"elements": [
            {"type": "text", "name": "q1", "visibleIf": "{q9} = 1"},
            {"type": "radiogroup", "name": "q2"}]}]}"#,
    );
    let o = tanya(&["check", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("pages[0].elements[1].choices: a 'radiogroup' question needs at least one choice"),
        "{err}"
    );
    let syntax = temp("syntax.json", "{\n  \"pages\": [}\n");
    let o = tanya(&["check", &syntax]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("JSON syntax error at line 2"), "{}", stderr(&o));
    let o = tanya(&["check", "/no/such/file.json"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn eval_prints_one_json_value() {
    let cases: &[(&[&str], &str)] = &[
        (&["eval", "{a} + 1", "--values", r#"{"a": 2}"#], "3"),
        (&["eval", "'abc'"], r#""abc""#),
        (&["eval", "{missing}"], "null"),
        (&["eval", "[1, 2]"], "[1,2]"),
        (&["eval", "{a} or {b}", "--values", r#"{"a": 0, "b": 5}"#], "5"),
        (&["eval", "{a} or {b}", "--values", r#"{"a": 0, "b": 5}"#, "--condition"], "false"),
        (&["eval", "{a} > 1", "--values", r#"{"a": "2"}"#, "--condition"], "true"),
        (&["eval", "age('2000-06-16')", "--today", "2026-06-15"], "25"),
    ];
    for (args, want) in cases {
        let o = tanya(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), *want, "{args:?}");
    }
}

#[test]
fn without_today_eval_answers_today_not_null() {
    let o = tanya(&["eval", "today()"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&o);
    assert!(shown.starts_with("\"20") && shown.contains('T'), "a date, not null: {shown}");
    let o = tanya(&["eval", "age('2000-01-01') > 20"]);
    assert_eq!(stdout(&o), "true", "{}", stderr(&o));
}

#[test]
fn eval_parse_error_names_the_column() {
    let o = tanya(&["eval", "{a} + * 2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(column 7)"), "{}", stderr(&o));
}

#[test]
fn run_reports_flow_errors_and_submitted_answers() {
    let answers = temp(
        "answers.json",
        r#"{"group": "eksternal", "consent": true, "service": "perizinan", "visits": 150,
            "broker": "tidak", "gratuity": "tidak", "int_witnessed": "ya"}"#,
    );
    let o = tanya(&["run", &repo("surveys/integrity.json"), "--answers", &answers, "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["complete"], false);
    let pages: Vec<&str> =
        v["visible_pages"].as_array().expect("pages").iter().filter_map(|p| p.as_str()).collect();
    assert_eq!(pages, ["responden", "layanan", "integritas_layanan", "penutup"]);
    let errors = v["errors"].as_array().expect("errors");
    assert!(errors.iter().any(|e| e["question"] == "visits" && e["rule"] == "max"), "{errors:?}");
    assert!(errors.iter().any(|e| e["question"] == "ext_transparency" && e["rule"] == "isAllRowRequired"));
    assert!(errors.iter().any(|e| e["message"] == "The value must be at most 100."));
    assert!(
        v["answers"].get("int_witnessed").is_none(),
        "internal answers are not submitted by an external respondent"
    );
    assert_eq!(v["answers"]["visits"], 150);
}

#[test]
fn run_names_pages_as_surveyjs_does_one_question_per_page_or_twice_the_same_name() {
    // (questionnaire, answers, visible pages as survey-core 2.5.38 lists them)
    let cases = [
        (
            r#"{"questionsOnPageMode": "questionPerPage", "pages": [
                {"name": "p1", "elements": [{"type": "text", "name": "a"}, {"type": "text", "name": "b"}]},
                {"name": "p2", "elements": [{"type": "text", "name": "c"}]}]}"#,
            r#"{"a": "x"}"#,
            vec!["p1", "p2"],
        ),
        (
            r#"{"pages": [
                {"name": "same", "elements": [{"type": "text", "name": "a"}]},
                {"name": "same", "elements": [{"type": "text", "name": "b"}]}]}"#,
            r#"{}"#,
            vec!["same", "same"],
        ),
    ];
    for (i, (survey, answers, want)) in cases.into_iter().enumerate() {
        let (survey, answers) =
            (temp(&format!("pages{i}.json"), survey), temp(&format!("pages{i}-a.json"), answers));
        let o = tanya(&["run", &survey, "--answers", &answers]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        assert_eq!(v["visible_pages"], serde_json::json!(want), "case {i}");
    }
}

#[test]
fn fingerprint_ignores_order_format_and_invisible_answers() {
    let a = temp("fa.json", r#"{"group": "eksper", "consent": true, "exp_years": 12, "service": "pajak"}"#);
    let b = temp("fb.json", r#"{"exp_years": 12.0, "consent": true, "group": " eksper "}"#);
    let run = |f: &str| {
        let o = tanya(&["fingerprint", &repo("surveys/integrity.json"), "--answers", f]);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).expect("JSON")
    };
    let (x, y) = (run(&a), run(&b));
    assert_eq!(x["entry"], y["entry"], "service is invisible to an expert, so it is not part of the entry");
    assert_eq!(x["canonical"], r#"{"consent":true,"exp_years":12,"group":"eksper"}"#);
    assert_eq!(x["entry"].as_str().map(str::len), Some(64));
    assert_eq!(x["similarity"].as_str().map(str::len), Some(16));
    assert_eq!(x["survey"]["id"], "spi-demo");
}

#[test]
fn site_writes_page_one_into_the_app_page_and_names_what_is_wrong() {
    let dir = std::env::temp_dir().join(format!("tanya-cli-site-{}", std::process::id()));
    let app = dir.join("app");
    std::fs::create_dir_all(app.join("assets")).expect("app dir");
    std::fs::write(
        app.join("index.html"),
        r#"<html lang="id"><head><title>Tanya</title><script type="application/json" id="tanya-config">{"survey": "integrity.json"}</script></head>
<body><main id="tanya" class="tanya"><p class="tanya-loading">…</p></main></body></html>"#,
    )
    .expect("index");
    std::fs::write(app.join("index.html.br"), "stale").expect("br");
    std::fs::write(app.join("assets/app.wasm"), "wasm").expect("wasm");
    std::fs::write(app.join("integrity.json"), "{}").expect("the demo beside the app");
    std::fs::write(app.join("integrity.json.br"), "{}").expect("its compressed copy");
    std::fs::write(app.join("manifest.json"), "{}").expect("another file beside the app");
    let out = dir.join("out");
    let (app_s, out_s) = (app.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    let survey = repo("surveys/integrity.json");
    let o = tanya(&[
        "site",
        &survey,
        "--app",
        &app_s,
        "-o",
        &out_s,
        "--endpoint",
        "/api/submissions",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = std::fs::read_to_string(out.join("index.html")).expect("index written");
    assert!(index.contains(r#"<html lang="en">"#), "{index}");
    assert!(
        index.contains(r#"{"endpoint":"/api/submissions","lang":"en","survey":"survey.json"}"#),
        "{index}"
    );
    assert!(
        index.contains("data-tanya-prerendered") && index.contains(r#"data-question="group""#),
        "{index}"
    );
    assert!(out.join("survey.json").exists() && out.join("assets/app.wasm").exists());
    assert!(!out.join("index.html.br").exists(), "a stale compressed page would be served instead");
    assert!(
        !out.join("integrity.json").exists() && !out.join("integrity.json.br").exists(),
        "the demo beside the app stays out of the site"
    );
    assert!(out.join("manifest.json").exists(), "other files beside the app go along");

    // (arguments, what the error names)
    let bad_survey = temp("site-bad.json", r#"{"pages": [{"elements": [{"type": "text"}]}]}"#);
    let inside = app.join("nested").to_string_lossy().into_owned();
    let cases: [(Vec<&str>, &str); 6] = [
        (vec!["site", &survey, "--app", "/nonexistent-app", "-o", &out_s], "/nonexistent-app/index.html"),
        (vec!["site", &survey, "--app", &app_s, "-o", &app_s], "must be a folder apart from --app"),
        (vec!["site", &survey, "--app", &app_s, "-o", &inside], "must be a folder apart from --app"),
        (vec!["site", &bad_survey, "--app", &app_s, "-o", &out_s], "pages[0].elements[0]"),
        (vec!["site", &survey, "--app", &app_s, "-o", &out_s, "--lang", "1x"], "--lang"),
        (vec!["site", &survey, "--app", &app_s, "-o", &out_s, "--endpoint", ""], "--endpoint"),
    ];
    for (args, names) in cases {
        let o = tanya(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(names), "{args:?}: {}", stderr(&o));
    }
}
