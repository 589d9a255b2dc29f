//! Flow micro-benchmarks on a large form: 40 pages × 20 questions, each with a
//! `visibleIf`. Goal: re-evaluating after one answer change under 100 µs.
//! The same goal for a roster of 50 panels × 10 questions, each question
//! with a condition on its own panel: one cell change, then that panel's
//! visibility read again.
//! Run with `cargo bench -p tanya-engine` (or `cargo xtask bench`).

use divan::{black_box, Bencher};
use tanya_engine::expr::{Condition, Env, Value};
use tanya_engine::flow::{At, Flow, Slot};
use tanya_engine::schema::{load, Survey};
use tanya_engine::validate;

fn main() {
    divan::main();
}

/// Question `p{page}q{i}` is shown when the previous question's answer is above 1.
fn large_form(pages: usize, per_page: usize) -> Survey {
    let mut ps = Vec::new();
    for p in 0..pages {
        let mut qs = Vec::new();
        for i in 0..per_page {
            let prev = if i == 0 && p == 0 {
                "start".to_string()
            } else if i == 0 {
                format!("p{}q{}", p - 1, per_page - 1)
            } else {
                format!("p{p}q{}", i - 1)
            };
            qs.push(format!(
                r#"{{"type": "radiogroup", "name": "p{p}q{i}", "isRequired": true, "choices": [1,2,3,4],
                    "visibleIf": "{{{prev}}} > 1 or {{start}} empty", "title": "Pertanyaan {i} ({{{prev}}})"}}"#
            ));
        }
        ps.push(format!(r#"{{"name": "page{p}", "elements": [{}]}}"#, qs.join(",")));
    }
    let json = format!(
        r#"{{"elements": [], "pages": [{{"name": "first", "elements": [{{"type": "text", "name": "start"}}]}}, {}]}}"#,
        ps.join(",")
    );
    load(&json).expect("the benchmark form loads").survey
}

#[divan::bench]
fn load_40x20(b: Bencher) {
    let json = {
        let s = large_form(40, 20);
        s.source.to_string()
    };
    b.bench(|| load(black_box(&json)).map(|l| l.survey.elements.len()));
}

#[divan::bench]
fn full_evaluation_40x20(b: Bencher) {
    let s = large_form(40, 20);
    b.bench(|| Flow::new(black_box(&s), None).visible_pages().len());
}

#[divan::bench]
fn one_answer_change_40x20(b: Bencher) {
    let s = large_form(40, 20);
    let mut flow = Flow::new(&s, None);
    let mut v = 0.0;
    b.bench_local(|| {
        v = if v == 1.0 { 3.0 } else { 1.0 };
        flow.set_answer(black_box("p20q10"), Value::Number(v));
    });
}

#[divan::bench]
fn validate_page_40x20(b: Bencher) {
    let s = large_form(40, 20);
    let flow = Flow::new(&s, None);
    let none = Default::default();
    b.bench(|| validate::page(&flow, black_box(20), tanya_engine::text::Lang::ID, &none).entries.len());
}

#[divan::bench]
fn condition_eval(b: Bencher) {
    let c = Condition::parse("{a} >= 21 and ({sex} = 'male' or {kids} > 1) and {tags} anyof ['x', 'y']")
        .expect("parses");
    let mut values = std::collections::BTreeMap::new();
    values.insert("a".to_string(), Value::Number(30.0));
    values.insert("sex".to_string(), Value::from("Male"));
    values.insert("kids".to_string(), Value::Number(2.0));
    values.insert("tags".to_string(), Value::Array(vec![Value::from("y")]));
    b.bench(|| c.check(&Env { scope: black_box(&values), now: None }));
}

#[divan::bench]
fn condition_parse(b: Bencher) {
    b.bench(|| {
        Condition::parse(black_box(
            "{a} >= 21 and ({sex} = 'male' or {kids} > 1) and {tags} anyof ['x', 'y']",
        ))
    });
}

/// `roster`: `panels` panels of `per_panel` questions; `q0` is a choice and
/// every other question is shown by a condition on its own panel's `q0`.
pub fn roster_form(panels: usize, per_panel: usize) -> Survey {
    let mut qs = vec![r#"{"type": "radiogroup", "name": "q0", "choices": [1, 2, 3, 4]}"#.to_string()];
    for i in 1..per_panel {
        let cond = if i % 2 == 0 { "{panel.q0} <> 4" } else { "{panel.q0} < 4 or {panel.q0} empty" };
        qs.push(format!(r#"{{"type": "text", "name": "q{i}", "visibleIf": "{cond}"}}"#));
    }
    let json = format!(
        r#"{{"elements": [{{"type": "paneldynamic", "name": "roster", "panelCount": {panels},
            "maxPanelCount": {panels}, "templateElements": [{}]}}]}}"#,
        qs.join(",")
    );
    load(&json).expect("the roster form loads").survey
}

#[divan::bench]
fn one_cell_change_roster_50x10(b: Bencher) {
    let s = roster_form(50, 10);
    let mut flow = Flow::new(&s, None);
    let roster = s.find("roster").expect("roster");
    let template = s.template_questions(roster);
    let at = At::top().then(roster, Slot::Index(25));
    let mut v = 1.0;
    b.bench_local(|| {
        v = if v == 1.0 { 4.0 } else { 1.0 };
        flow.set_at(template[0], black_box(&at), Value::Number(v));
        template.iter().filter(|&&q| flow.is_visible_at(q, &at)).count()
    });
}
