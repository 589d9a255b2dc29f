//! Every property of survey-core's own JSON schema
//! (`surveyjs_definition.json`, installed by `cargo xtask test` into
//! `tools/node_modules/survey-core/`) is in Tanya's support table, in the
//! same class with the same parent, so no SurveyJS property can be ignored
//! silently. A custom harness: without the file the check is reported as
//! ignored, never passed.

use serde_json::Value;
use tanya_engine::schema::support::{lookup, CLASSES};

fn main() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tools/node_modules/survey-core/surveyjs_definition.json");
    println!("\nrunning 1 test");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("test surveyjs_definition ... ignored, skipped: {} is absent", path.display());
        println!("\ntest result: ok. 0 passed; 0 failed; 1 ignored\n");
        return;
    };
    let problems = check(&text);
    if problems.is_empty() {
        println!("test surveyjs_definition ... ok");
        println!("\ntest result: ok. 1 passed; 0 failed; 0 ignored\n");
    } else {
        println!("test surveyjs_definition ... FAILED");
        for p in &problems {
            println!("  {p}");
        }
        println!("\ntest result: FAILED. 0 passed; 1 failed; 0 ignored\n");
        std::process::exit(101);
    }
}

/// A class's own properties and its parent, as the schema declares them.
fn own(def: &Value) -> (Vec<String>, Option<String>) {
    let mut props: Vec<String> =
        def["properties"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
    let mut parent = None;
    for part in def["allOf"].as_array().into_iter().flatten() {
        if let Some(r) = part["$ref"].as_str() {
            parent = r.rsplit('/').next().map(str::to_string);
        }
        props.extend(part["properties"].as_object().into_iter().flat_map(|m| m.keys().cloned()));
    }
    (props, parent)
}

fn check(text: &str) -> Vec<String> {
    let Ok(schema) = serde_json::from_str::<Value>(text) else {
        return vec!["the schema is not JSON".into()];
    };
    let survey = schema["properties"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
    let mut classes: Vec<(String, Vec<String>, Option<String>)> = vec![("survey".into(), survey, None)];
    for (name, def) in schema["definitions"].as_object().into_iter().flatten() {
        let (props, parent) = own(def);
        classes.push((name.clone(), props, parent));
    }
    let mut problems = Vec::new();
    for (name, props, parent) in &classes {
        let Some(ours) = CLASSES.iter().find(|c| c.0 == name) else {
            problems.push(format!("class '{name}' is not in the table"));
            continue;
        };
        if ours.1.map(str::to_string) != *parent {
            problems
                .push(format!("class '{name}': parent {:?} in the table, {parent:?} in SurveyJS", ours.1));
        }
        for p in props {
            if lookup(name, p).is_none() {
                problems.push(format!("{name}.{p} is not in the table"));
            }
        }
    }
    if classes.len() < 60 || classes.iter().map(|c| c.1.len()).sum::<usize>() < 500 {
        problems.push("the schema lists fewer classes or properties than survey-core 2.x does".into());
    }
    problems
}
