//! The adaptive flow: visibility, navigation, progress, computed values, piping.

use tanya_engine::expr::Value;
use tanya_engine::flow::{choice_order, Flow};
use tanya_engine::schema::{load, Survey};
use tanya_engine::text::Lang;

fn survey(json: &str) -> Survey {
    load(json).unwrap_or_else(|e| panic!("{e}")).survey
}

/// JSON text as a value.
fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("json")
}

/// What a flow would submit, as JSON.
fn submitted(f: &Flow) -> serde_json::Value {
    serde_json::Value::Object(f.submission())
}

const BRANCHING: &str = r#"{
  "calculatedValues": [
    {"name": "total", "expression": "{a} + {b}", "includeIntoResult": true},
    {"name": "double", "expression": "{total} * 2"}
  ],
  "pages": [
    {"name": "start", "elements": [
      {"type": "radiogroup", "name": "group", "isRequired": true, "choices": [
        {"value": "in", "text": {"default": "Internal", "id": "Internal"}},
        {"value": "out", "text": {"default": "Eksternal", "en": "External"}}]},
      {"type": "text", "name": "a", "inputType": "number", "defaultValue": 2},
      {"type": "text", "name": "b", "inputType": "number"}]},
    {"name": "inside", "visibleIf": "{group} = 'in'", "elements": [
      {"type": "text", "name": "dept", "isRequired": true, "title": "Dept for {group}"}]},
    {"name": "outside", "elements": [
      {"type": "text", "name": "svc", "visibleIf": "{group} = 'out'", "title": "Total {total}, double {double}"},
      {"type": "text", "name": "why", "enableIf": "{b} > 0", "requiredIf": "{b} > 5"}]},
    {"name": "end", "elements": [
      {"type": "panel", "name": "more", "visibleIf": "{a} > 1", "elements": [
        {"type": "comment", "name": "note"}]}]}
  ]}"#;

#[test]
fn visibility_follows_answers_and_skips_pages() {
    let s = survey(BRANCHING);
    let mut f = Flow::new(&s, None);
    assert_eq!(f.visible_pages(), vec![0, 2, 3], "no group yet: the inside page is hidden");
    f.set_answer("group", Value::from("in"));
    assert_eq!(f.visible_pages(), vec![0, 1, 2, 3]);
    assert_eq!(f.next_page(0), Some(1));
    f.set_answer("group", Value::from("out"));
    assert_eq!(f.next_page(0), Some(2), "the inside page is skipped");
    assert_eq!(f.prev_page(2), Some(0));
    let svc = s.find("svc").expect("svc");
    assert!(f.is_visible(svc));
    f.set_answer("a", Value::Number(0.0));
    let note = s.find("note").expect("note");
    assert!(!f.is_visible(note), "a hidden panel hides what it holds");
    assert_eq!(f.visible_pages(), vec![0, 2], "a page with nothing visible is skipped");
}

#[test]
fn enable_and_required_conditions() {
    let s = survey(BRANCHING);
    let mut f = Flow::new(&s, None);
    let why = s.find("why").expect("why");
    assert!(!f.is_enabled(why));
    assert!(!f.is_required(why));
    f.set_answer("b", Value::Number(7.0));
    assert!(f.is_enabled(why));
    assert!(f.is_required(why));
}

#[test]
fn defaults_calculated_values_and_piping() {
    let s = survey(BRANCHING);
    let mut f = Flow::new(&s, None);
    assert_eq!(f.answer("a"), Some(&Value::Number(2.0)), "defaultValue");
    f.set_answer("b", Value::Number(3.0));
    assert_eq!(f.computed("total"), Some(&Value::Number(5.0)));
    assert_eq!(f.computed("double"), Some(&Value::Number(10.0)), "chained calculated values update");
    assert_eq!(f.pipe("Total {total}, double {double}", Lang::EN), "Total 5, double 10");
    f.set_answer("group", Value::from("out"));
    assert_eq!(f.pipe("Dept for {group}", Lang::EN), "Dept for External", "choice text, not value");
    assert_eq!(f.pipe("Dept for {group}", Lang::ID), "Dept for Eksternal");
    assert_eq!(f.pipe("{unknown} stays", Lang::EN), "{unknown} stays");
}

#[test]
fn progress_counts_visible_required_questions() {
    let s = survey(BRANCHING);
    let mut f = Flow::new(&s, None);
    assert_eq!(f.progress(true), (0, 1), "only group is required and visible");
    f.set_answer("group", Value::from("in"));
    assert_eq!(f.progress(true), (1, 2), "dept became visible and required");
    f.set_answer("dept", Value::from("HR"));
    assert_eq!(f.progress(true), (2, 2));
}

#[test]
fn progress_percent_follows_the_progress_bar_type() {
    let json = |kind: &str| {
        format!(
            r#"{{ {kind} "pages": [
              {{"elements": [
                {{"type": "radiogroup", "name": "g", "isRequired": true, "choices": ["x", "y"]}},
                {{"type": "matrix", "name": "m", "columns": [1, 2], "rows": ["r1", "r2", "r3"]}}]}},
              {{"visibleIf": "{{g}} = 'x'", "elements": [{{"type": "text", "name": "t"}}]}},
              {{"elements": [{{"type": "comment", "name": "c"}}]}}]}}"#
        )
    };
    let row = |keys: &[&str]| {
        let mut m = serde_json::Map::new();
        for k in keys {
            m.insert(k.to_string(), serde_json::json!(1));
        }
        Value::from(serde_json::Value::Object(m))
    };
    // (progressBarType, g, rows of m answered, page shown, percent)
    type Case<'a> = (&'a str, Option<&'a str>, &'a [&'a str], usize, u32);
    let cases: [Case; 12] = [
        ("", None, &[], 0, 0),
        ("", None, &[], 2, 50),
        ("", Some("x"), &[], 1, 34),
        ("", Some("x"), &[], 2, 67),
        (r#""progressBarType": "buttons","#, Some("x"), &[], 2, 16),
        (r#""progressBarType": "correctQuestions","#, Some("x"), &[], 2, 16),
        (r#""progressBarType": "questions","#, None, &[], 0, 0),
        (r#""progressBarType": "questions","#, Some("y"), &[], 0, 20),
        (r#""progressBarType": "questions","#, Some("x"), &[], 0, 16),
        (r#""progressBarType": "questions","#, Some("x"), &["r1", "r2"], 0, 50),
        (r#""progressBarType": "requiredQuestions","#, None, &["r1"], 0, 0),
        (r#""progressBarType": "requiredQuestions","#, Some("y"), &[], 0, 100),
    ];
    for (kind, g, rows, page, want) in cases {
        let s = survey(&json(kind));
        let mut f = Flow::new(&s, None);
        if let Some(g) = g {
            f.set_answer("g", Value::from(g));
        }
        if !rows.is_empty() {
            f.set_answer("m", row(rows));
        }
        assert_eq!(f.progress_percent(page), want, "{kind} g={g:?} rows={rows:?} page {page}");
    }
    // "Halaman 2 dari 3": the number of the page among the visible ones.
    let s = survey(&json(""));
    let mut f = Flow::new(&s, None);
    assert_eq!((f.page_position(0), f.page_position(2)), ((1, 2), (2, 2)), "p2 hidden");
    f.set_answer("g", Value::from("x"));
    assert_eq!((f.page_position(1), f.page_position(2)), ((2, 3), (3, 3)));
    let loaded = load(&json(r#""progressBarType": "correctQuestions","#)).expect("loads");
    assert!(
        loaded.warnings.iter().any(|w| w.to_string().contains("progressBarType")),
        "an unsupported type is named: {:?}",
        loaded.warnings
    );
}

#[test]
fn submission_excludes_invisible_answers() {
    let s = survey(BRANCHING);
    let mut f = Flow::new(&s, None);
    f.set_answer("group", Value::from("in"));
    f.set_answer("dept", Value::from("HR"));
    f.set_answer("group", Value::from("out"));
    f.set_answer("svc", Value::from("permits"));
    let sub = f.submission();
    assert!(!sub.contains_key("dept"), "dept is invisible now: {sub:?}");
    assert_eq!(sub["svc"], "permits");
    assert_eq!(sub["total"], 2, "includeIntoResult");
    assert!(!sub.contains_key("double"));
    assert!(f.answers().contains_key("dept"), "the draft still remembers it");
}

#[test]
fn random_choice_order_is_seeded() {
    let s = survey(
        r#"{"elements": [{"type": "radiogroup", "name": "q", "choicesOrder": "random",
             "choices": [1, 2, 3, 4, 5, 6, 7, 8]}]}"#,
    );
    let e = &s.elements[0];
    let a = choice_order(e, Lang::ID, 42);
    assert_eq!(a, choice_order(e, Lang::ID, 42), "same seed, same order");
    let mut sorted = a.clone();
    #[allow(clippy::disallowed_methods)] // a native test, never in the wasm
    sorted.sort_unstable();
    assert_eq!(sorted, (0..8).collect::<Vec<_>>(), "a permutation");
    let others: Vec<Vec<usize>> = (0..20).map(|seed| choice_order(e, Lang::ID, seed)).collect();
    assert!(others.iter().any(|o| *o != a), "different seeds shuffle differently");
}

#[test]
fn today_comes_in_as_an_argument() {
    let s = survey(
        r#"{"elements": [{"type": "text", "name": "born", "inputType": "date"},
             {"type": "text", "name": "adult_only", "visibleIf": "age({born}) >= 18"}]}"#,
    );
    let now = tanya_engine::expr::date::parse("2026-06-15").expect("date");
    let mut f = Flow::new(&s, Some(now));
    f.set_answer("born", Value::from("2000-06-16"));
    assert!(f.is_visible(1), "25 years old");
    f.set_answer("born", Value::from("2008-06-16"));
    assert!(!f.is_visible(1), "17 years old the day before the birthday");
    // As survey-core counts (checked in Node): a birthdate still to come
    // gives a negative age, and a unit may be asked for.
    let ages = [("2027-06-16", "", -1.0), ("2028-06-15", "", -2.0), ("2024-03-15", "months", 27.0)];
    for (born, unit, want) in ages {
        let unit = if unit.is_empty() { String::new() } else { format!(", '{unit}'") };
        let x = tanya_engine::expr::Expression::parse(&format!("age('{born}'{unit})")).expect("parses");
        assert_eq!(Flow::new(&s, Some(now)).eval(&x), Value::Number(want), "{born} {unit}");
    }
}

#[test]
fn a_visible_if_overrides_visible_false_as_in_surveyjs() {
    let s = survey(
        r#"{"pages": [
            {"name": "a", "elements": [
                {"type": "radiogroup", "name": "g", "choices": ["x", "y"]},
                {"type": "text", "name": "shown_when_x", "visible": false, "visibleIf": "{g} = 'x'"},
                {"type": "text", "name": "never", "visible": false}]},
            {"name": "b", "visible": false, "visibleIf": "{g} = 'y'", "elements": [{"type": "text", "name": "t"}]}]}"#,
    );
    let mut f = Flow::new(&s, None);
    let shown = |f: &Flow<'_>, name: &str| s.find(name).is_some_and(|id| f.is_visible(id));
    assert!(!shown(&f, "shown_when_x") && !shown(&f, "never"));
    assert_eq!(f.visible_pages(), vec![0]);
    f.set_answer("g", Value::from("x"));
    assert!(shown(&f, "shown_when_x"), "the condition holds: shown, whatever visible says");
    assert!(!shown(&f, "never"), "visible: false without a condition stays hidden");
    f.set_answer("g", Value::from("y"));
    assert_eq!(f.visible_pages(), vec![0, 1], "a page too");
}

#[test]
fn a_hidden_choice_is_cleared_at_submission_as_in_surveyjs() {
    let s = tanya_engine::schema::load(
        r#"{"elements": [
            {"type": "radiogroup", "name": "domain", "choices": ["search", "other"]},
            {"type": "radiogroup", "name": "input", "visibleIf": "{domain} notempty", "choices": [
                {"value": "text", "visibleIf": "{domain} notempty"},
                {"value": "speech", "visibleIf": "{domain} = 'search'"}]},
            {"type": "radiogroup", "name": "trigger", "visibleIf": "{input} notempty", "choices": ["yes", "no"]}
        ]}"#,
    )
    .expect("loads")
    .survey;
    let cases = [
        // A shown question naming a hidden choice is cleared, and what it showed hides in turn.
        (r#"{"domain": "other", "input": "speech", "trigger": "yes"}"#, r#"{"domain": "other"}"#),
        (
            r#"{"domain": "search", "input": "speech", "trigger": "yes"}"#,
            r#"{"domain": "search", "input": "speech", "trigger": "yes"}"#,
        ),
        // A hidden question is cleared without clearing what its answer showed.
        (r#"{"input": "text", "trigger": "yes"}"#, r#"{"trigger": "yes"}"#),
    ];
    for (given, want) in cases {
        let given: serde_json::Map<String, serde_json::Value> = serde_json::from_str(given).expect("json");
        let want: serde_json::Value = serde_json::from_str(want).expect("json");
        let f = tanya_engine::flow::Flow::with_answers(&s, None, &given);
        assert_eq!(serde_json::Value::Object(f.submission()), want);
        assert_eq!(f.answers().len(), given.len(), "the flow keeps the answers until submission");
    }
}

#[test]
fn a_resumed_draft_is_exactly_its_answers_and_keeps_or_follows_expressions() {
    // A draft of an earlier release, which does not say which answers the
    // respondent gave. Each case checked against survey-core 2.5.38:
    // `survey.data = given`, then `setValue("q1", "b")`.
    let s = survey(
        r#"{"elements": [
            {"type": "text", "name": "q1"},
            {"type": "text", "name": "q2", "defaultValueExpression": "{q1} + 'x'"},
            {"type": "text", "name": "q3", "defaultValue": "Pusat"},
            {"type": "text", "name": "q4", "defaultValueExpression": "{q1}"},
            {"type": "multipletext", "name": "mt", "items": [
                {"name": "a", "defaultValueExpression": "{q1} + 'y'"}, {"name": "b"}]}]}"#,
    );
    // (given, as restored, after q1 = "b")
    let cases = [
        // A default cleared (q3) stays cleared; so does an expression's answer (q2).
        (
            r#"{"q1": "a"}"#,
            r#"{"q1": "a", "q4": "a", "mt": {"a": "ay"}}"#,
            r#"{"q1": "b", "q4": "b", "mt": {"a": "by"}}"#,
        ),
        (
            r#"{"q1": "a", "q2": "mine", "q3": "Cabang"}"#,
            r#"{"q1": "a", "q2": "mine", "q3": "Cabang", "q4": "a", "mt": {"a": "ay"}}"#,
            r#"{"q1": "b", "q2": "mine", "q3": "Cabang", "q4": "b", "mt": {"a": "by"}}"#,
        ),
        // What the expression gives now goes on following it.
        (
            r#"{"q1": "a", "q2": "ax", "q4": "a"}"#,
            r#"{"q1": "a", "q2": "ax", "q4": "a", "mt": {"a": "ay"}}"#,
            r#"{"q1": "b", "q2": "bx", "q4": "b", "mt": {"a": "by"}}"#,
        ),
        (
            r#"{"q1": "a", "q4": "z", "mt": {"a": "mine", "b": "z"}}"#,
            r#"{"q1": "a", "q4": "z", "mt": {"a": "mine", "b": "z"}}"#,
            r#"{"q1": "b", "q4": "z", "mt": {"a": "mine", "b": "z"}}"#,
        ),
        (
            r#"{"q1": "a", "mt": {"a": "ay"}}"#,
            r#"{"q1": "a", "q4": "a", "mt": {"a": "ay"}}"#,
            r#"{"q1": "b", "q4": "b", "mt": {"a": "by"}}"#,
        ),
        ("{}", r#"{"mt": {"a": "y"}}"#, r#"{"q1": "b", "q4": "b", "mt": {"a": "by"}}"#),
    ];
    for (given, restored, after) in cases {
        let map = json(given).as_object().cloned().expect("object");
        let mut f = Flow::resumed(&s, None, &map, None);
        assert_eq!(submitted(&f), json(restored), "{given} restored");
        f.set_answer("q1", Value::from("b"));
        assert_eq!(submitted(&f), json(after), "{given} after q1 = b");
    }
}

#[test]
fn a_resumed_draft_keeps_every_answer_the_respondent_gave() {
    let s = survey(
        r#"{"elements": [
            {"type": "text", "name": "married"},
            {"type": "text", "name": "adults", "defaultValueExpression": "iif({married} = 'yes', 2, 1)"},
            {"type": "text", "name": "kids", "defaultValueExpression": "iif({married} = 'yes', 1, 0)"}]}"#,
    );
    // The respondent married (adults became 2), then put adults back to 1;
    // kids still follows its expression.
    let mut f = Flow::new(&s, None);
    f.set_answer("married", Value::from("yes"));
    f.set_answer("adults", Value::from(1.0));
    let answered: Vec<String> = f.answered().cloned().collect();
    let mut draft = serde_json::Map::new();
    draft.extend(f.answers().iter().map(|(k, v)| (k.clone(), v.to_json())));
    // (which answers the draft says the respondent gave, after married = "no")
    let cases = [
        (Some(answered), r#"{"married": "no", "adults": 1, "kids": 0}"#),
        (None, r#"{"married": "no", "adults": 1, "kids": 0}"#),
    ];
    for (answered, want) in cases {
        let mut resumed = Flow::resumed(&s, None, &draft, answered.as_deref());
        assert_eq!(submitted(&resumed), json(r#"{"married": "yes", "adults": 1, "kids": 1}"#));
        resumed.set_answer("married", Value::from("no"));
        assert_eq!(submitted(&resumed), json(want), "{answered:?}");
    }
}

#[test]
fn a_submission_keeps_hidden_defaults_and_clears_those_the_respondent_cleared() {
    // The form submits no hidden answer: a hidden question keeps its default
    // (what the form's conditions read); a shown one given nothing was
    // cleared by the respondent.
    let s = survey(
        r#"{"elements": [
            {"type": "boolean", "name": "abroad"},
            {"type": "text", "name": "country", "visibleIf": "{abroad} = true", "defaultValue": "ID"},
            {"type": "text", "name": "province", "visibleIf": "{country} = 'ID'", "isRequired": true},
            {"type": "text", "name": "office", "defaultValue": "Pusat"},
            {"type": "text", "name": "branch", "visibleIf": "{office} = 'Pusat'", "isRequired": true}]}"#,
    );
    // (given, submission kept, questions failing)
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            r#"{"province": "Bali", "office": "Pusat", "branch": "B1"}"#,
            r#"{"province": "Bali", "office": "Pusat", "branch": "B1"}"#,
            &[],
        ),
        (r#"{"province": "Bali"}"#, r#"{"province": "Bali"}"#, &[]),
        (r#"{"abroad": true, "office": "Pusat"}"#, r#"{"abroad": true, "office": "Pusat"}"#, &["branch"]),
    ];
    for (given, kept, failing) in cases {
        let given: serde_json::Map<String, serde_json::Value> = serde_json::from_str(given).expect("json");
        let f = Flow::with_answers(&s, None, &given);
        assert_eq!(
            serde_json::Value::Object(f.accepted(&given)),
            serde_json::from_str::<serde_json::Value>(kept).expect("json"),
            "{given:?}"
        );
        let report = tanya_engine::validate::all(&f, Lang::EN, &Default::default());
        let mut failed: Vec<&str> =
            report.entries.iter().filter_map(|e| e.element.map(|id| s.elements[id].name.as_str())).collect();
        failed.dedup();
        assert_eq!(failed, failing, "{given:?}");
    }
}

#[test]
fn a_start_page_is_not_one_of_the_pages() {
    let s = survey(
        r#"{"firstPageIsStarted": true, "pages": [
            {"name": "welcome", "elements": [{"type": "html", "name": "w", "html": "Selamat datang"}]},
            {"name": "p1", "elements": [{"type": "text", "name": "a", "isRequired": true}]},
            {"name": "p2", "elements": [{"type": "text", "name": "b"}]}]}"#,
    );
    let f = Flow::new(&s, None);
    assert_eq!(f.start_page(), Some(0));
    assert_eq!(f.visible_pages(), [1, 2], "as SurveyJS's visiblePages");
    assert_eq!((f.first_page(), f.next_page(0), f.prev_page(1)), (Some(1), Some(1), None));
    assert_eq!(f.page_position(1), (1, 2), "progress counts the questionnaire's pages only");
    let plain =
        survey(r#"{"firstPageIsStarted": true, "pages": [{"elements": [{"type": "text", "name": "a"}]}]}"#);
    assert_eq!(Flow::new(&plain, None).start_page(), None, "a lone page is no start page");
}

#[test]
fn triggers_act_when_their_condition_turns_true() {
    let s = survey(
        r#"{"triggers": [
            {"type": "setvalue", "name": "copy", "operator": "equal", "value": "Yes", "setToName": "name", "setValue": "Jon"},
            {"type": "setvalue", "expression": "{copy} = 'No'", "setToName": "name", "setValue": ""},
            {"type": "setvalue", "expression": "{copy} = 'Yes'", "setToName": "note", "isVariable": true, "setValue": "v"},
            {"type": "copyvalue", "expression": "{name} notempty", "setToName": "nick", "fromName": "name"},
            {"type": "runexpression", "expression": "{age} > 0", "setToName": "twice", "runExpression": "{age} * 2"},
            {"type": "complete", "expression": "{age} < 17"},
            {"type": "skip", "expression": "{age} >= 60", "gotoName": "late"}
        ], "pages": [
            {"elements": [{"type": "radiogroup", "name": "copy", "choices": ["Yes", "No"]},
                          {"type": "text", "name": "name"}, {"type": "text", "name": "nick"},
                          {"type": "text", "name": "age", "inputType": "number"}, {"type": "text", "name": "twice"}]},
            {"elements": [{"type": "text", "name": "mid"}]},
            {"elements": [{"type": "text", "name": "late"}]}]}"#,
    );
    let mut f = Flow::new(&s, None);
    f.set_answer("copy", Value::from("Yes"));
    assert_eq!(f.answer("name"), Some(&Value::from("Jon")), "setvalue, legacy form");
    assert_eq!(f.answer("nick"), Some(&Value::from("Jon")), "copyvalue, run by the answer setvalue set");
    assert_eq!(f.computed("note"), Some(&Value::from("v")), "a variable, not an answer");
    assert!(!f.submission().contains_key("note"));
    f.set_answer("copy", Value::from("No"));
    assert_eq!(f.answer("name"), None, "setValue \"\" clears");
    f.set_answer("age", Value::Number(12.0));
    assert_eq!(f.answer("twice"), Some(&Value::Number(24.0)), "runexpression into setToName");
    assert!(f.completes(), "complete waits for Next");
    assert_eq!(f.take_skip(), None);
    f.set_answer("age", Value::Number(61.0));
    assert!(!f.completes());
    assert_eq!(f.take_skip().map(|q| s.elements[q].page), Some(2), "skip names the question to go to");
    assert_eq!(f.take_skip(), None, "once");
    let bad = tanya_engine::schema::load(r#"{"triggers": [{"type": "setvalue", "expression": "{a} = = 1"}], "elements": [{"type": "text", "name": "a"}]}"#)
        .expect_err("located");
    assert!(bad.problems[0].to_string().starts_with("triggers[0].expression: "), "{bad}");
}

/// `(questionnaire, answers given, answers submitted, errors by question name)`.
type ValueCase = (&'static str, &'static str, &'static str, &'static [&'static str]);

#[test]
fn value_semantics_as_in_surveyjs() {
    let cases: &[ValueCase] = &[
        // valueName: two questions keep one value, and errors use the question's own name.
        (
            r#"{"elements": [
                {"type": "radiogroup", "name": "for", "choices": ["me", "other"]},
                {"type": "boolean", "name": "mine", "valueName": "desk", "visibleIf": "{for} = 'me'", "isRequired": true},
                {"type": "boolean", "name": "theirs", "valueName": "desk", "visibleIf": "{for} = 'other'", "isRequired": true}]}"#,
            r#"{"for": "me", "desk": false}"#,
            r#"{"for": "me", "desk": false}"#,
            &[],
        ),
        (
            r#"{"elements": [
                {"type": "radiogroup", "name": "for", "choices": ["me", "other"]},
                {"type": "boolean", "name": "mine", "valueName": "desk", "visibleIf": "{for} = 'me'", "isRequired": true}]}"#,
            r#"{"for": "me"}"#,
            r#"{"for": "me"}"#,
            &["mine"],
        ),
        // clearIfInvisible "none" keeps a hidden question's answer; the default clears it.
        (
            r#"{"elements": [
                {"type": "text", "name": "kept", "visible": false, "clearIfInvisible": "none"},
                {"type": "text", "name": "dropped", "visible": false}]}"#,
            r#"{"kept": "a", "dropped": "b"}"#,
            r#"{"kept": "a"}"#,
            &[],
        ),
        // choicesVisibleIf with {item}: an answer naming a hidden choice is cleared, and so required fails.
        (
            r#"{"elements": [
                {"type": "dropdown", "name": "from", "choices": [1, 2, 3]},
                {"type": "dropdown", "name": "to", "isRequired": true, "choices": [1, 2, 3],
                 "choicesVisibleIf": "{item} > {from}"}]}"#,
            r#"{"from": 2, "to": 1}"#,
            r#"{"from": 2}"#,
            &["to"],
        ),
        (
            r#"{"elements": [
                {"type": "dropdown", "name": "from", "choices": [1, 2, 3]},
                {"type": "dropdown", "name": "to", "choices": [1, 2, 3], "choicesVisibleIf": "{item} > {from}"}]}"#,
            r#"{"from": 1, "to": 3}"#,
            r#"{"from": 1, "to": 3}"#,
            &[],
        ),
        // valueTrue / valueFalse are what a boolean stores and what conditions read.
        (
            r#"{"elements": [
                {"type": "boolean", "name": "asked", "valueTrue": "Ya", "valueFalse": "Tidak"},
                {"type": "text", "name": "who", "visibleIf": "{asked} = 'Ya'", "isRequired": true}]}"#,
            r#"{"asked": "Ya"}"#,
            r#"{"asked": "Ya"}"#,
            &["who"],
        ),
    ];
    for (json, given, want, errors) in cases {
        let s = survey(json);
        let given: serde_json::Map<String, serde_json::Value> = serde_json::from_str(given).expect("json");
        let want: serde_json::Value = serde_json::from_str(want).expect("json");
        let f = Flow::with_answers(&s, None, &given);
        assert_eq!(serde_json::Value::Object(f.submission()), want, "{json}");
        let report = tanya_engine::validate::all(&f, Lang::EN, &Default::default());
        let failed: Vec<&str> = report
            .entries
            .iter()
            .filter_map(|e| e.element.map(|id| s.elements[id].question_name.as_str()))
            .collect();
        assert_eq!(failed, *errors, "{json}");
    }
    // A boolean's default written as text is the boolean.
    let s = survey(r#"{"elements": [{"type": "boolean", "name": "ok", "defaultValue": "true"}]}"#);
    assert_eq!(serde_json::Value::Object(Flow::new(&s, None).submission()), serde_json::json!({"ok": true}));
}

/// Replays `given` (JSON answers) whole and asserts the submission is
/// `want`; the flow, for more checks.
fn assert_completes<'s>(s: &'s Survey, given: &str, want: &str) -> Flow<'s> {
    let given: serde_json::Map<String, serde_json::Value> = serde_json::from_str(given).expect("json");
    let want: serde_json::Value = serde_json::from_str(want).expect("json");
    let f = Flow::replayed(s, None, &given);
    assert_eq!(serde_json::Value::Object(f.submission()), want, "given {given:?}");
    f
}

/// Answers given whole (`tanya run`, the collector), completed as SurveyJS
/// completes `survey.data`: `(questionnaire, answers given, answers
/// submitted, errors by question name)`. Each was checked against
/// survey-core 2.5.38 in Node.
#[test]
fn data_given_whole_completes_as_in_surveyjs() {
    const MATRIX: &str = r#"{"type": "matrixdropdown", "name": "m", "rows": ["a", "b"], "columns": [
        {"name": "usage", "cellType": "radiogroup", "choices": ["Yes", "No"], "defaultValue": "No"},
        {"name": "cost", "cellType": "text"}]}"#;
    let read_inside = format!(
        r#"{{"elements": [{MATRIX}, {{"type": "text", "name": "t", "visibleIf": "{{m.a.usage}} = 'Yes'"}}]}}"#
    );
    let unread = format!(r#"{{"elements": [{MATRIX}]}}"#);
    let shared = format!(r#"{{"elements": [{MATRIX}, {}]}}"#, MATRIX.replace(r#"["a", "b"]"#, r#"["c"]"#));
    let cases: Vec<(&str, &str, &str, &[&str])> = vec![
        // A default outside the choices is cleared on completion; one equal
        // to a choice is stored as that choice's value.
        (
            r#"{"elements": [
                {"type": "dropdown", "name": "people", "choices": ["1", "2"], "defaultValue": 0},
                {"type": "dropdown", "name": "children", "choices": ["0", "1"], "defaultValue": 0}]}"#,
            r#"{}"#,
            r#"{"children": "0"}"#,
            &[],
        ),
        // ...but not when the question keeps hidden values or shares its value.
        (
            r#"{"elements": [
                {"type": "dropdown", "name": "kept", "choices": ["1"], "clearIfInvisible": "none"},
                {"type": "checkbox", "name": "both", "choices": ["1"]},
                {"type": "checkbox", "name": "both", "choices": ["2"]}]}"#,
            r#"{"kept": "9", "both": ["1", "2"]}"#,
            r#"{"kept": "9", "both": ["1", "2"]}"#,
            &[],
        ),
        (
            r#"{"elements": [{"type": "checkbox", "name": "c", "choices": ["1", "2"]}]}"#,
            r#"{"c": ["2", "7"]}"#,
            r#"{"c": ["2"]}"#,
            &[],
        ),
        // A matrix gets its column defaults for missing rows and cells...
        (
            &unread,
            r#"{"m": {"a": {"cost": 5}}}"#,
            r#"{"m": {"a": {"usage": "No", "cost": 5}, "b": {"usage": "No"}}}"#,
            &[],
        ),
        // ...unless a condition reads inside it: SurveyJS built its rows on
        // loading, and the value given replaced them.
        (&read_inside, r#"{"m": {"a": {"cost": 5}}}"#, r#"{"m": {"a": {"cost": 5}}}"#, &[]),
        (&read_inside, r#"{}"#, r#"{"m": {"a": {"usage": "No"}, "b": {"usage": "No"}}}"#, &[]),
        // Matrices sharing a value each add their own rows and keep the others'.
        (
            &shared,
            r#"{"m": {"a": {"cost": 1}}}"#,
            r#"{"m": {"a": {"usage": "No", "cost": 1}, "b": {"usage": "No"}, "c": {"usage": "No"}}}"#,
            &[],
        ),
        // An unanswered matrixdynamic holds minRowCount empty rows only when
        // it shows more.
        (
            r#"{"elements": [
                {"type": "matrixdynamic", "name": "fewer", "rowCount": 2, "minRowCount": 1, "columns": [{"name": "x", "cellType": "text"}]},
                {"type": "matrixdynamic", "name": "as_many", "rowCount": 2, "minRowCount": 2, "columns": [{"name": "x", "cellType": "text"}]}]}"#,
            r#"{}"#,
            r#"{"fewer": [{}]}"#,
            &[],
        ),
        // Expression validators run on empty answers, and a multiple-text's
        // items are checked even when it is empty.
        (
            r#"{"elements": [
                {"type": "text", "name": "a", "validators": [{"type": "expression", "expression": "{b} > 5"}]},
                {"type": "text", "name": "b", "inputType": "number"},
                {"type": "text", "name": "c", "validators": [{"type": "numeric", "minValue": 3}]},
                {"type": "multipletext", "name": "m", "items": [{"name": "x", "isRequired": true}]},
                {"type": "multipletext", "name": "n", "items": [{"name": "x", "validators": [{"type": "expression", "expression": "{n.x} > 2"}]}]}]}"#,
            r#"{"b": 2}"#,
            r#"{"b": 2}"#,
            &["a", "m", "n"],
        ),
    ];
    for (json, given, want, errors) in cases {
        let s = survey(json);
        let f = assert_completes(&s, given, want);
        let report = tanya_engine::validate::all(&f, Lang::EN, &Default::default());
        let mut failed: Vec<&str> = report
            .entries
            .iter()
            .filter_map(|e| e.element.map(|id| s.elements[id].question_name.as_str()))
            .collect();
        failed.dedup();
        assert_eq!(failed, *errors, "{json}");
    }
}

#[test]
fn a_default_value_expression_follows_what_it_reads_until_answered() {
    let s = survey(
        r#"{"elements": [{"type": "text", "name": "a", "inputType": "number"},
             {"type": "text", "name": "b", "inputType": "number", "defaultValueExpression": "{a} * 2"}]}"#,
    );
    let mut f = Flow::new(&s, None);
    f.set_answer("a", Value::Number(2.0));
    assert_eq!(f.answer("b"), Some(&Value::Number(4.0)));
    f.set_answer("a", Value::Number(5.0));
    assert_eq!(f.answer("b"), Some(&Value::Number(10.0)), "computed again");
    f.set_answer("b", Value::Number(1.0));
    f.set_answer("a", Value::Number(7.0));
    assert_eq!(f.answer("b"), Some(&Value::Number(1.0)), "the respondent's answer stays");
}

#[test]
fn choices_from_another_question_follow_its_answer() {
    let s = survey(
        r#"{"elements": [
            {"type": "checkbox", "name": "used", "choices": ["ktp", "kk", "sim"]},
            {"type": "radiogroup", "name": "best", "choicesFromQuestion": "used", "choicesFromQuestionMode": "selected"},
            {"type": "checkbox", "name": "never", "choicesFromQuestion": "used", "choicesFromQuestionMode": "unselected"},
            {"type": "dropdown", "name": "any", "choicesFromQuestion": "used"}]}"#,
    );
    // (answers given, answers submitted): what the source's answer no
    // longer offers is cleared on completion, as survey-core does (checked
    // in Node).
    let cases = [
        (
            r#"{"used": ["ktp", "sim"], "best": "kk", "never": ["kk", "ktp"], "any": "kk"}"#,
            r#"{"used": ["ktp", "sim"], "never": ["kk"], "any": "kk"}"#,
        ),
        (
            r#"{"used": ["kk"], "best": "kk", "never": ["sim"]}"#,
            r#"{"used": ["kk"], "best": "kk", "never": ["sim"]}"#,
        ),
    ];
    for (given, want) in cases {
        assert_completes(&s, given, want);
    }
    let bad = [
        (
            r#"{"type": "radiogroup", "name": "b", "choicesFromQuestion": "nobody"}"#,
            "'nobody' is no question",
        ),
        (
            r#"{"type": "radiogroup", "name": "b", "choicesFromQuestion": "t"}"#,
            "'t' is neither a question with choices nor a dynamic panel or matrix",
        ),
    ];
    for (q, want) in bad {
        let json = format!(r#"{{"elements": [{{"type": "text", "name": "t"}}, {q}]}}"#);
        let err = tanya_engine::schema::load(&json).expect_err("refused");
        assert!(err.to_string().contains(&format!("elements[1].choicesFromQuestion: {want}")), "{err}");
    }
}

#[test]
fn select_all_ticks_every_choice_shown_and_enabled() {
    let s = survey(
        r#"{"elements": [
            {"type": "radiogroup", "name": "lock", "choices": [1, 2]},
            {"type": "checkbox", "name": "c", "showSelectAllItem": true, "showNoneItem": true,
             "choices": ["a", {"value": "b", "visibleIf": "{lock} = 1"}, {"value": "c", "enableIf": "{lock} = 1"}]}]}"#,
    );
    let id = s.find("c").expect("c");
    let mut f = Flow::new(&s, None);
    let arr = |xs: &[&str]| Value::Array(xs.iter().map(|x| Value::from(*x)).collect());
    // (lock, answer before, box set on, answer after, all ticked after)
    let cases = [
        (1.0, Value::Null, true, arr(&["a", "b", "c"]), true),
        (1.0, arr(&["a", "b", "c"]), false, Value::Null, false),
        (2.0, Value::Null, true, arr(&["a"]), true),
        (2.0, arr(&["c"]), true, arr(&["a", "c"]), true),
        (2.0, arr(&["a", "c"]), false, arr(&["c"]), false),
        (2.0, arr(&["none"]), true, arr(&["a"]), true),
    ];
    for (lock, before, on, after, all) in cases {
        f.set_answer("lock", Value::Number(lock));
        let got = f.select_all(id, &before, on);
        assert_eq!(got, after, "lock {lock}, {before:?}, on {on}");
        assert_eq!(f.all_selected(id, &got), all, "lock {lock}, {got:?}");
    }
    assert!(!f.all_selected(id, &arr(&["none"])), "none excludes the rest");
}

#[test]
fn other_text_in_the_answer_under_store_others_as_comment_false() {
    let s = survey(
        r#"{"storeOthersAsComment": false, "elements": [
            {"type": "radiogroup", "name": "r", "choices": ["a"], "showOtherItem": true},
            {"type": "checkbox", "name": "c", "choices": ["a"], "showOtherItem": true},
            {"type": "dropdown", "name": "d", "choices": ["a"], "showOtherItem": true, "storeOthersAsComment": true}]}"#,
    );
    // (answers given, answers submitted), as survey-core stores them (checked in Node).
    let cases = [
        (
            r#"{"r": "mine", "c": ["a", "zz"], "d": "other", "d-Comment": "x"}"#,
            r#"{"r": "mine", "c": ["a", "zz"], "d": "other", "d-Comment": "x"}"#,
        ),
        (r#"{"r": "a", "c": ["a"]}"#, r#"{"r": "a", "c": ["a"]}"#),
    ];
    for (given, want) in cases {
        assert_completes(&s, given, want);
    }
    // In the form: "other" ticked and its text typed.
    let mut f = Flow::new(&s, None);
    f.set_answer("r", Value::from("other"));
    f.set_answer("r-Comment", Value::from("kantor camat"));
    assert_eq!(f.submission().get("r"), Some(&serde_json::json!("kantor camat")));
    assert_eq!(f.submission().get("r-Comment"), None);
}

#[test]
fn questions_are_numbered_as_show_question_numbers_says() {
    let pages = r#""pages": [
        {"elements": [{"type": "html", "name": "intro", "html": "x"}, {"type": "text", "name": "a"},
                      {"type": "text", "name": "b", "visibleIf": "{a} = 1"}, {"type": "text", "name": "c", "showNumber": false}]},
        {"elements": [{"type": "panel", "name": "p", "elements": [{"type": "text", "name": "d"}]}]}]"#;
    // (showQuestionNumbers, a's answer, the numbers of a, b, c and d)
    let cases = [
        (r#""on""#, 1.0, [Some(1), Some(2), None, Some(3)]),
        ("true", 2.0, [Some(1), None, None, Some(2)]),
        (r#""onPage""#, 1.0, [Some(1), Some(2), None, Some(1)]),
        (r#""off""#, 1.0, [None, None, None, None]),
    ];
    for (numbers, a, want) in cases {
        let s = survey(&format!(r#"{{"showQuestionNumbers": {numbers}, {pages}}}"#));
        let mut f = Flow::new(&s, None);
        f.set_answer("a", Value::Number(a));
        let got: Vec<Option<usize>> =
            ["a", "b", "c", "d"].iter().map(|q| f.question_number(s.find(q).expect(q))).collect();
        assert_eq!(got, want, "{numbers}");
    }
    let none = survey(&format!("{{{pages}}}"));
    assert_eq!(
        Flow::new(&none, None).question_number(none.find("a").expect("a")),
        None,
        "off unless asked, as in survey-core 2"
    );
}

#[test]
fn questions_in_a_shuffled_page_or_panel_are_numbered_and_checked_in_the_order_they_show() {
    let s = survey(
        r#"{"showQuestionNumbers": "on", "pages": [{"name": "p", "questionOrder": "random", "elements": [
            {"type": "text", "name": "a", "isRequired": true}, {"type": "text", "name": "b", "isRequired": true},
            {"type": "panel", "name": "box", "elements": [
                {"type": "text", "name": "c", "isRequired": true}, {"type": "text", "name": "d", "isRequired": true}]},
            {"type": "text", "name": "e", "isRequired": true}]}]}"#,
    );
    let mut firsts = std::collections::BTreeSet::new();
    for seed in 0..20 {
        let mut f = Flow::new(&s, None);
        f.set_seed(seed);
        let shown: Vec<&str> = tanya_engine::flow::page_in_order(&s, 0, Some(seed))
            .into_iter()
            .filter(|&id| s.elements[id].is_question())
            .map(|id| s.elements[id].name.as_str())
            .collect();
        let numbers: Vec<Option<usize>> =
            shown.iter().map(|q| f.question_number(s.find(q).expect(q))).collect();
        assert_eq!(numbers, [Some(1), Some(2), Some(3), Some(4), Some(5)], "seed {seed}: {shown:?}");
        // The errors of a failed Next come in the same order, top to bottom.
        let report = tanya_engine::validate::page(&f, 0, Lang::EN, &Default::default());
        let failed: Vec<&str> = report.entries.iter().map(|e| e.question.as_str()).collect();
        assert_eq!(failed, shown, "seed {seed}");
        // The panel's questions stay together (shuffled among themselves).
        let at = |n: &str| shown.iter().position(|q| *q == n).expect(n);
        assert_eq!(at("c").abs_diff(at("d")), 1, "seed {seed}: {shown:?}");
        firsts.insert(shown[0]);
    }
    assert!(firsts.len() > 1, "another entry, another order: {firsts:?}");
    let f = Flow::new(&s, None);
    let listed: Vec<Option<usize>> =
        ["a", "b", "c", "d", "e"].iter().map(|q| f.question_number(s.find(q).expect(q))).collect();
    assert_eq!(listed, [Some(1), Some(2), Some(3), Some(4), Some(5)], "without a seed, as listed");
}

#[test]
fn random_question_and_row_orders_are_read_and_fixed_per_entry() {
    let s = survey(
        r#"{"questionOrder": "random", "pages": [
            {"name": "a", "elements": [{"type": "text", "name": "x"}]},
            {"name": "b", "questionsOrder": "initial", "elements": [{"type": "text", "name": "y"}]},
            {"name": "c", "elements": [{"type": "matrix", "name": "m", "rowOrder": "random", "rows": ["1", "2"], "columns": ["a"]}]},
            {"name": "d", "elements": [
                {"type": "matrixdropdown", "name": "md", "rowOrder": "random", "rows": ["1", "2"], "columns": [{"name": "a"}]},
                {"type": "matrixdropdown", "name": "kept", "rows": ["1", "2"], "columns": [{"name": "a"}]}]}]}"#,
    );
    let random: Vec<bool> = s.pages.iter().map(|p| p.random_order).collect();
    assert_eq!(random, [true, false, true, true], "the questionnaire's order, unless a page says otherwise");
    let rows_random = |name: &str| match &s.elements[s.find(name).expect(name)].kind {
        tanya_engine::schema::Kind::Roster(r) => r.random_rows,
        _ => panic!("{name} is not a roster"),
    };
    assert!(rows_random("md") && !rows_random("kept"), "a matrixdropdown's rowOrder");
    let m = s.find("m").expect("m");
    assert!(matches!(s.elements[m].kind, tanya_engine::schema::Kind::Matrix { random_rows: true, .. }));
    let order = tanya_engine::flow::shuffled(8, "a", 42);
    assert_eq!(order, tanya_engine::flow::shuffled(8, "a", 42), "the same for one entry");
    assert!((0..8).all(|i| order.contains(&i)) && order.len() == 8, "a permutation");
    assert!(
        (0..20).any(|seed| tanya_engine::flow::shuffled(8, "a", seed) != order),
        "another entry, another order"
    );
}

#[test]
fn a_page_own_panels_shuffle_with_their_page_or_by_their_own_order() {
    // As survey-core: a page shuffles its own panels' elements too, unless
    // a panel says "initial"; a panel says "random" for itself; a panel
    // deeper down is never shuffled (a located warning says so).
    let loaded = load(
        r#"{"pages": [
            {"name": "a", "questionOrder": "random", "elements": [
                {"type": "panel", "name": "follows", "elements": [{"type": "text", "name": "x"}]},
                {"type": "panel", "name": "initial", "questionOrder": "initial", "elements": [{"type": "text", "name": "y"}]}]},
            {"name": "b", "elements": [
                {"type": "panel", "name": "own", "questionOrder": "random", "elements": [
                    {"type": "panel", "name": "deep", "questionOrder": "random", "elements": [{"type": "text", "name": "z"}]}]},
                {"type": "panel", "name": "plain", "elements": [{"type": "text", "name": "w"}]},
                {"type": "paneldynamic", "name": "kids", "templateElements": [
                    {"type": "panel", "name": "inner", "questionOrder": "random", "elements": [{"type": "text", "name": "v"}]}]}]}]}"#,
    )
    .expect("loads");
    let s = &loaded.survey;
    let cases = [
        ("follows", true),
        ("initial", false),
        ("own", true),
        ("deep", false),
        ("plain", false),
        ("inner", false),
    ];
    for (name, want) in cases {
        let panel = s.elements.iter().find(|e| e.name == name).expect(name);
        let random = match &panel.kind {
            tanya_engine::schema::Kind::Panel { random_order, .. } => *random_order,
            _ => panic!("{name} is not a panel"),
        };
        assert_eq!(random, want, "{name}");
    }
    let warned: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    for path in ["pages[1].elements[0].elements[0]", "pages[1].elements[2].templateElements[0]"] {
        assert!(
            warned.iter().any(|w| w.starts_with(path) && w.contains("questionOrder")),
            "{path}: {warned:#?}"
        );
    }
    assert_eq!(warned.iter().filter(|w| w.contains("questionOrder")).count(), 2, "{warned:#?}");
}

#[test]
fn a_single_page_holds_every_page_as_a_panel() {
    let s = survey(
        r#"{"questionsOnPageMode": "singlePage", "pages": [
            {"name": "a", "elements": [{"type": "radiogroup", "name": "x", "choices": [1, 2]}]},
            {"name": "b", "visibleIf": "{x} = 1", "elements": [{"type": "text", "name": "y", "isRequired": true}]}]}"#,
    );
    let names: Vec<&str> = s.pages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["single-page"], "as survey-core names it");
    let mut f = Flow::new(&s, None);
    let y = s.find("y").expect("y");
    assert!(!f.is_visible(y), "page b's condition now hides its panel");
    f.set_answer("x", Value::Number(1.0));
    assert!(f.is_visible(y));
    assert_eq!(f.visible_questions(0).len(), 2);
    let warned = tanya_engine::schema::load(
        r#"{"questionsOnPageMode": "oneByOne", "elements": [{"type": "text", "name": "q"}]}"#,
    )
    .expect("loads");
    assert!(warned.warnings.iter().any(|w| w.to_string().starts_with("questionsOnPageMode: 'oneByOne'")));
}

#[test]
fn question_per_page_shows_each_element_on_its_own_page() {
    // survey-core 2.5.38 steps a, b, the panel pn, then e on p2 (checked in Node).
    let s = survey(
        r#"{"questionsOnPageMode": "questionPerPage", "pages": [
            {"name": "p1", "title": "One", "elements": [
                {"type": "text", "name": "a"},
                {"type": "text", "name": "b", "visibleIf": "{a} notempty"},
                {"type": "panel", "name": "pn", "elements": [{"type": "text", "name": "c"}, {"type": "text", "name": "d"}]}]},
            {"name": "p2", "visibleIf": "{a} = 'x'", "elements": [{"type": "text", "name": "e"}]}]}"#,
    );
    let pages: Vec<(&str, Vec<&str>)> = s
        .pages
        .iter()
        .map(|p| (p.name.as_str(), p.children.iter().map(|&c| s.elements[c].name.as_str()).collect()))
        .collect();
    assert_eq!(pages, [("p1", vec!["a"]), ("p1", vec!["b"]), ("p1", vec!["pn"]), ("p2", vec!["e"])]);
    assert!(s.pages[..3].iter().all(|p| p.title.get(Lang::EN) == "One"), "each keeps its page's title");
    let page_of = |n: &str| s.elements[s.find(n).expect(n)].page;
    assert_eq!([page_of("a"), page_of("b"), page_of("c"), page_of("d"), page_of("e")], [0, 1, 2, 2, 3]);
    let mut f = Flow::new(&s, None);
    assert_eq!(f.visible_pages(), [0, 2], "b waits for a; p2 for a = x");
    f.set_answer("a", Value::from("x"));
    assert_eq!(f.visible_pages(), [0, 1, 2, 3]);
}

#[test]
fn the_review_reads_answers_as_the_respondent_does() {
    let s = survey(
        r#"{"showPreviewBeforeComplete": "showAnsweredQuestions", "pages": [
            {"elements": [
              {"type": "radiogroup", "name": "group", "choices": [{"value": "asn", "text": "Pegawai"}, "umum"], "hasOther": true},
              {"type": "checkbox", "name": "svc", "choices": [{"value": "ktp", "text": "KTP"}, {"value": "kk", "text": "Kartu Keluarga"}]},
              {"type": "boolean", "name": "ok", "labelTrue": "Setuju"},
              {"type": "text", "name": "skipped"}]},
            {"elements": [
              {"type": "matrix", "name": "m", "rows": [{"value": "r1", "text": "Cepat"}, {"value": "r2", "text": "Jujur"}],
               "columns": [{"value": 1, "text": "Tidak"}, {"value": 5, "text": "Sangat"}]},
              {"type": "paneldynamic", "name": "hh", "templateElements": [{"type": "text", "name": "nama", "title": "Nama"}]}]},
            {"visibleIf": "{group} = 'x'", "elements": [{"type": "text", "name": "hidden_page"}]}]}"#,
    );
    let answers: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        r#"{"group": "other", "group-Comment": "Tamu", "svc": ["kk", "ktp"], "ok": true,
            "m": {"r2": 5}, "hh": [{"nama": "Sari"}, {}], "hidden_page": "x"}"#,
    )
    .expect("json");
    let f = Flow::with_answers(&s, None, &answers);
    /// A page and its questions' names with their answer lines.
    type Page = (usize, Vec<(String, Vec<String>)>);
    let shown: Vec<Page> = f
        .review(Lang::ID, true)
        .into_iter()
        .map(|r| (r.page, r.questions.into_iter().map(|(id, l)| (s.elements[id].name.clone(), l)).collect()))
        .collect();
    let lines = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        shown,
        vec![
            (
                0,
                vec![
                    ("group".to_string(), lines(&["Lainnya: Tamu"])),
                    ("svc".to_string(), lines(&["Kartu Keluarga, KTP"])),
                    ("ok".to_string(), lines(&["Setuju"])),
                ]
            ),
            (
                1,
                vec![
                    ("m".to_string(), lines(&["Jujur: Sangat"])),
                    ("hh".to_string(), lines(&["1. Nama: Sari"]))
                ]
            ),
        ]
    );
    let all = f.review(Lang::EN, false);
    assert_eq!(all[0].questions.len(), 4, "unanswered questions too");
    assert!(all[0].questions[3].1.is_empty());
    assert_eq!(all.len(), 2, "a hidden page is not reviewed");
}

#[test]
fn completed_html_on_condition_picks_the_first_that_holds() {
    let s = survey(
        r#"{"completedHtml": "Terima kasih.", "showPrevButton": false,
            "completedHtmlOnCondition": [
              {"expression": "{score} >= 8", "html": "Skor tinggi"},
              {"expression": "{score} >= 5", "html": "Skor sedang"}],
            "elements": [{"type": "text", "name": "score", "inputType": "number"}]}"#,
    );
    assert!(!s.show_prev);
    // (answers, thank-you text)
    for (answers, want) in
        [(r#"{"score": 9}"#, "Skor tinggi"), (r#"{"score": 6}"#, "Skor sedang"), ("{}", "Terima kasih.")]
    {
        let given: serde_json::Map<String, serde_json::Value> = serde_json::from_str(answers).expect("json");
        let f = Flow::with_answers(&s, None, &given);
        assert_eq!(f.completed_html().get(Lang::ID), want, "{answers}");
    }
}

#[test]
fn choices_can_be_picked_while_their_enable_conditions_hold() {
    let s = survey(
        r#"{"elements": [
            {"type": "text", "name": "age", "inputType": "number"},
            {"type": "radiogroup", "name": "job", "choicesEnableIf": "{item} != 'pensiun' or {age} >= 55",
             "choices": ["pegawai", "pensiun", {"value": "pelajar", "enableIf": "{age} < 30"}]}]}"#,
    );
    let id = s.find("job").expect("job");
    let tanya_engine::schema::Kind::Choices { choices, .. } = &s.elements[id].kind else { panic!("choices") };
    // (age, which choices can be picked)
    for (age, want) in [(20, [true, false, true]), (40, [true, false, false]), (60, [true, true, false])] {
        let given: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&format!(r#"{{"age": {age}}}"#)).expect("json");
        let f = Flow::with_answers(&s, None, &given);
        let got: Vec<bool> = choices.iter().map(|c| f.choice_enabled(id, c)).collect();
        assert_eq!(got, want, "age {age}");
    }
}

#[test]
fn set_value_if_and_reset_value_if_run_as_survey_core_runs_them() {
    let s = survey(
        r#"{"elements": [
            {"type": "radiogroup", "name": "kind", "choices": ["asn", "umum"]},
            {"type": "text", "name": "unit", "resetValueIf": "{kind} = 'umum'"},
            {"type": "text", "name": "age", "inputType": "number"},
            {"type": "text", "name": "band", "setValueIf": "{age} >= 18", "setValueExpression": "'dewasa'"},
            {"type": "text", "name": "double", "setValueExpression": "{age} * 2"},
            {"type": "dropdown", "name": "cleared", "choices": ["x", "y"], "setValueIf": "{kind} = 'asn'"}]}"#,
    );
    let mut f = Flow::new(&s, None);
    // (answer given, then what each question holds) — the same steps as survey-core gives.
    /// What a question holds after a step (`None`: nothing).
    type Holds<'a> = &'a [(&'a str, Option<serde_json::Value>)];
    let steps: &[(&str, serde_json::Value, Holds<'_>)] = &[
        ("age", serde_json::json!(33), &[("band", Some("dewasa".into())), ("double", Some(66.into()))]),
        // A constant setValueExpression runs on every change: band cannot be typed over.
        ("band", serde_json::json!("x"), &[("band", Some("dewasa".into()))]),
        ("kind", serde_json::json!("asn"), &[("cleared", None)]),
        ("cleared", serde_json::json!("y"), &[("cleared", Some("y".into()))]),
        ("unit", serde_json::json!("u"), &[("unit", Some("u".into()))]),
        ("kind", serde_json::json!("umum"), &[("unit", None)]),
        ("double", serde_json::json!(5), &[("double", Some(5.into()))]),
        ("age", serde_json::json!(34), &[("double", Some(68.into()))]),
    ];
    for (name, value, holds) in steps {
        f.set_answer(name, Value::from(value));
        for (q, want) in *holds {
            assert_eq!(f.answer(q).map(Value::to_json), want.clone(), "{q} after {name} = {value}");
        }
    }
}

/// The answers held now, as JSON (defaults included, nothing cleared yet).
fn held(f: &Flow<'_>) -> serde_json::Value {
    f.answers().iter().map(|(k, v)| (k.clone(), v.to_json())).collect::<serde_json::Map<_, _>>().into()
}

#[test]
fn answers_clear_as_questions_hide_under_on_hidden() {
    // Each step sets one answer; `want` is what survey-core 2.5.38 holds
    // after it (`survey.data`), checked in Node.
    let form = |mode: &str| {
        format!(
            r#"{{"clearInvisibleValues": "{mode}", "elements": [
            {{"type": "radiogroup", "name": "q1", "choices": ["yes", "no"]}},
            {{"type": "text", "name": "q2", "visibleIf": "{{q1}} = 'yes'", "defaultValue": "d"}},
            {{"type": "panel", "name": "pa", "visibleIf": "{{q1}} <> 'no'", "elements": [
                {{"type": "text", "name": "q4", "clearIfInvisible": "onHiddenContainer"}},
                {{"type": "text", "name": "q5"}}]}},
            {{"type": "text", "name": "q6", "visibleIf": "{{q1}} = 'yes'"}},
            {{"type": "text", "name": "q7", "visibleIf": "{{q1}} = 'yes'", "clearIfInvisible": "none"}}]}}"#
        )
    };
    type Steps<'a> = &'a [(&'a str, &'a str, &'a str)];
    let cases: [(&str, Steps); 4] = [
        (
            "onHidden",
            &[
                ("", "", r#"{}"#),
                ("q1", r#""yes""#, r#"{"q1": "yes", "q2": "d"}"#),
                ("q2", r#""x""#, r#"{"q1": "yes", "q2": "x"}"#),
                ("q4", r#""four""#, r#"{"q1": "yes", "q2": "x", "q4": "four"}"#),
                ("q5", r#""five""#, r#"{"q1": "yes", "q2": "x", "q4": "four", "q5": "five"}"#),
                ("q6", r#""six""#, r#"{"q1": "yes", "q2": "x", "q4": "four", "q5": "five", "q6": "six"}"#),
                (
                    "q7",
                    r#""seven""#,
                    r#"{"q1": "yes", "q2": "x", "q4": "four", "q5": "five", "q6": "six", "q7": "seven"}"#,
                ),
                // q2 and q6 hide by their own condition; q4 clears with its panel; q5 keeps (onHidden is its own condition only); q7 keeps (none).
                ("q1", r#""no""#, r#"{"q1": "no", "q5": "five", "q7": "seven"}"#),
                // Shown again: q2's default comes back.
                ("q1", r#""yes""#, r#"{"q1": "yes", "q2": "d", "q5": "five", "q7": "seven"}"#),
            ],
        ),
        (
            "onHidden",
            &[
                // An answer to a question hidden all along stays until it hides again.
                ("q6", r#""early""#, r#"{"q6": "early"}"#),
                ("q1", r#""no""#, r#"{"q1": "no", "q6": "early"}"#),
                ("q1", r#""yes""#, r#"{"q1": "yes", "q2": "d", "q6": "early"}"#),
                ("q1", r#""no""#, r#"{"q1": "no"}"#),
            ],
        ),
        (
            "onHiddenContainer",
            &[
                ("q1", r#""yes""#, r#"{"q1": "yes", "q2": "d"}"#),
                ("q4", r#""four""#, r#"{"q1": "yes", "q2": "d", "q4": "four"}"#),
                ("q5", r#""five""#, r#"{"q1": "yes", "q2": "d", "q4": "four", "q5": "five"}"#),
                ("q1", r#""no""#, r#"{"q1": "no"}"#),
            ],
        ),
        (
            // The default: nothing is cleared until submission.
            "onComplete",
            &[
                ("", "", r#"{"q2": "d"}"#),
                ("q1", r#""yes""#, r#"{"q1": "yes", "q2": "d"}"#),
                ("q6", r#""six""#, r#"{"q1": "yes", "q2": "d", "q6": "six"}"#),
                ("q1", r#""no""#, r#"{"q1": "no", "q2": "d", "q6": "six"}"#),
            ],
        ),
    ];
    for (mode, steps) in cases {
        let s = survey(&form(mode));
        assert_steps(&mut Flow::new(&s, None), steps, mode);
    }
}

/// Sets each step's answer (`(name, JSON value, answers held after it)`;
/// an empty name sets nothing) and asserts the answers held then.
fn assert_steps(f: &mut Flow<'_>, steps: &[(&str, &str, &str)], label: &str) {
    for (i, (name, value, want)) in steps.iter().enumerate() {
        if !name.is_empty() {
            let v: serde_json::Value = serde_json::from_str(value).expect("value");
            f.set_answer(name, Value::from(&v));
        }
        let want: serde_json::Value = serde_json::from_str(want).expect("want");
        assert_eq!(held(f), want, "{label}, step {i} ({name} = {value})");
    }
}

#[test]
fn a_multiple_text_item_default_follows_until_that_item_is_changed() {
    // survey-core 2.5.38's `survey.data` after each step, checked in Node.
    let s = survey(
        r#"{"elements": [
            {"type": "text", "name": "x", "inputType": "number"},
            {"type": "multipletext", "name": "m", "items": [
                {"name": "a", "defaultValueExpression": "{x} * 2"}, {"name": "b"}]}]}"#,
    );
    let steps = [
        ("", "", r#"{"m": {"a": 0}}"#),
        ("x", "3", r#"{"m": {"a": 6}, "x": 3}"#),
        // The respondent types into b only: a still follows x.
        ("m", r#"{"a": 6, "b": "hi"}"#, r#"{"m": {"a": 6, "b": "hi"}, "x": 3}"#),
        ("x", "4", r#"{"m": {"a": 8, "b": "hi"}, "x": 4}"#),
        // Now a itself: it keeps the respondent's value.
        ("m", r#"{"a": 1, "b": "hi"}"#, r#"{"m": {"a": 1, "b": "hi"}, "x": 4}"#),
        ("x", "5", r#"{"m": {"a": 1, "b": "hi"}, "x": 5}"#),
    ];
    assert_steps(&mut Flow::new(&s, None), &steps, "multiple text");
}

#[test]
fn choices_carried_from_a_dynamic_panel_are_its_items() {
    // survey-core 2.5.38's visible choices and completed data, checked in Node.
    let s = survey(
        r#"{"elements": [
            {"type": "paneldynamic", "name": "members", "templateElements": [
                {"type": "text", "name": "name"}, {"type": "text", "name": "age", "inputType": "number"}]},
            {"type": "dropdown", "name": "head", "choicesFromQuestion": "members", "choiceValuesFromQuestion": "name"},
            {"type": "radiogroup", "name": "pick", "choicesFromQuestion": "members",
             "choiceValuesFromQuestion": "age", "choiceTextsFromQuestion": "name"},
            {"type": "checkbox", "name": "any", "choicesFromQuestion": "members"},
            {"type": "text", "name": "t", "title": "{pick}"}]}"#,
    );
    let given = r#"{"members": [{"name": "Ani", "age": 30}, {"name": "Budi"}, {"age": 5}],
        "head": "Zed", "pick": 30, "any": ["Ani", 5, "Zed"]}"#;
    let f = assert_completes(
        &s,
        given,
        r#"{"members": [{"name": "Ani", "age": 30}, {"name": "Budi"}, {"age": 5}], "pick": 30, "any": ["Ani", 5]}"#,
    );
    let offered = |name: &str| -> Vec<(serde_json::Value, String)> {
        let id = s.find(name).expect(name);
        f.carried_items(id)
            .expect("carried")
            .into_iter()
            .map(|c| (c.value, c.text.get(Lang::EN).to_string()))
            .collect()
    };
    let cases: [(&str, serde_json::Value); 3] = [
        ("head", serde_json::json!([["Ani", "Ani"], ["Budi", "Budi"]])),
        ("pick", serde_json::json!([[30, "Ani"], [5, "5"]])),
        ("any", serde_json::json!([["Ani", "Ani"], ["Budi", "Budi"], [5, "5"]])),
    ];
    for (name, want) in cases {
        let got: Vec<serde_json::Value> =
            offered(name).into_iter().map(|(v, t)| serde_json::json!([v, t])).collect();
        assert_eq!(serde_json::Value::Array(got), want, "{name}");
    }
    let t = s.find("t").expect("t");
    assert_eq!(f.pipe(s.elements[t].title.get(Lang::EN), Lang::EN), "Ani", "piped as its text");
    assert_eq!(
        f.carried_items(s.find("members").expect("members")),
        None,
        "only carrying questions have them"
    );
    // A name that is no item question is a located warning.
    let warned = tanya_engine::schema::load(
        r#"{"elements": [
            {"type": "matrixdynamic", "name": "m", "columns": [{"name": "a"}]},
            {"type": "dropdown", "name": "d", "choicesFromQuestion": "m", "choiceValuesFromQuestion": "zz"}]}"#,
    )
    .expect("loads");
    assert!(
        warned
            .warnings
            .iter()
            .any(|w| w.path.ends_with("choiceValuesFromQuestion") && w.message.contains("'zz'")),
        "{:?}",
        warned.warnings
    );
}

#[test]
fn a_selected_carry_forward_offers_the_source_other_text() {
    // survey-core 2.5.38 (comment given before the answer, as the form gives it), checked in Node.
    let s = survey(
        r#"{"elements": [
            {"type": "checkbox", "name": "s", "choices": ["a", "b"], "showOtherItem": true},
            {"type": "checkbox", "name": "t", "choicesFromQuestion": "s", "choicesFromQuestionMode": "selected"},
            {"type": "text", "name": "x", "title": "{t}"}]}"#,
    );
    let f = assert_completes(
        &s,
        r#"{"s-Comment": "zz", "s": ["a", "other"], "t": ["other", "a"]}"#,
        r#"{"s": ["a", "other"], "s-Comment": "zz", "t": ["other", "a"]}"#,
    );
    let t = s.find("t").expect("t");
    let shown: Vec<(serde_json::Value, String)> = f
        .choices(t)
        .iter()
        .filter(|c| f.choice_visible(t, c))
        .map(|c| (c.value.clone(), c.text.get(Lang::EN).to_string()))
        .collect();
    assert_eq!(
        shown,
        [(serde_json::json!("a"), "a".to_string()), (serde_json::json!("other"), "zz".to_string())]
    );
    let x = s.find("x").expect("x");
    assert_eq!(f.pipe(s.elements[x].title.get(Lang::EN), Lang::EN), "zz, a");
    // Without the text there is no such item.
    let f = Flow::replayed(&s, None, &serde_json::from_str(r#"{"s": ["a", "other"]}"#).expect("json"));
    assert!(f.carried_other(t).is_none());
}

#[test]
fn clearing_on_hiding_runs_the_value_rules_and_stops_on_a_cycle() {
    // survey-core 2.5.38, checked in Node: price follows plan as plan is cleared.
    let s = survey(
        r#"{"clearInvisibleValues": "onHidden", "elements": [
            {"type": "radiogroup", "name": "want", "choices": ["yes", "no"]},
            {"type": "radiogroup", "name": "plan", "choices": [1, 2], "visibleIf": "{want} = 'yes'"},
            {"type": "text", "name": "price", "setValueExpression": "{plan} * 10"}]}"#,
    );
    let mut f = Flow::new(&s, None);
    f.set_answer("want", Value::from("yes"));
    f.set_answer("plan", Value::Number(2.0));
    assert_eq!(held(&f), serde_json::json!({"want": "yes", "plan": 2, "price": 20}));
    f.set_answer("want", Value::from("no"));
    assert_eq!(held(&f), serde_json::json!({"want": "no", "price": 0}));

    // Conditions that contradict each other, each question's default hiding
    // the other: answering anything ends (no endless clear-and-restore).
    let s = survey(
        r#"{"clearInvisibleValues": "onHidden", "elements": [
            {"type": "text", "name": "z"},
            {"type": "text", "name": "q1", "defaultValue": "a", "visibleIf": "{q2} != 'b'"},
            {"type": "text", "name": "q2", "defaultValue": "b", "visibleIf": "{q1} = 'a'"}]}"#,
    );
    let mut f = Flow::new(&s, None);
    f.set_answer("z", Value::from("1"));
    // q2 hides; then shows with its default "b", which hides q1, which hides q2, ...
    f.set_answer("q1", Value::from("c"));
    f.set_answer("q1", Value::from("a"));
    assert_eq!(f.answer("z"), Some(&Value::from("1")));
}

#[test]
fn an_emptied_multiple_text_item_stays_empty() {
    // survey-core 2.5.38: an item the respondent changed, then emptied, keeps no default.
    let s = survey(
        r#"{"elements": [{"type": "multipletext", "name": "m", "items": [{"name": "a", "defaultValueExpression": "'x'"}]}]}"#,
    );
    let mut f = Flow::new(&s, None);
    assert_eq!(held(&f), serde_json::json!({"m": {"a": "x"}}));
    f.set_answer("m", Value::from(&serde_json::json!({"a": "y"})));
    f.set_answer("m", Value::Null);
    assert_eq!(held(&f), serde_json::json!({}));
}

#[test]
fn numbers_on_a_page_split_one_question_per_screen_count_the_whole_page() {
    // survey-core 2.5.38 numbers b "2." under questionPerPage with showQuestionNumbers onPage.
    let s = survey(
        r#"{"questionsOnPageMode": "questionPerPage", "showQuestionNumbers": "onPage", "pages": [
            {"elements": [{"type": "text", "name": "a"}, {"type": "text", "name": "b"}]},
            {"elements": [{"type": "text", "name": "c"}]}]}"#,
    );
    let f = Flow::new(&s, None);
    let number = |n: &str| f.question_number(s.find(n).expect(n));
    assert_eq!([number("a"), number("b"), number("c")], [Some(1), Some(2), Some(1)]);
}

#[test]
fn a_ranking_of_what_was_ticked_keeps_its_order_and_adds_the_newly_ticked() {
    let s = survey(
        r#"{"elements": [
            {"type": "checkbox", "name": "used", "choices": ["ktp", "kk", "sim"], "showOtherItem": true},
            {"type": "ranking", "name": "rank", "choicesFromQuestion": "used", "choicesFromQuestionMode": "selected"},
            {"type": "ranking", "name": "all", "choices": ["a", "b"]},
            {"type": "dropdown", "name": "members", "choicesFromQuestion": "household"},
            {"type": "paneldynamic", "name": "household", "templateElements": [{"type": "text", "name": "n"}]}]}"#,
    );
    let rank = s.find("rank").expect("rank");
    let values = |xs: &[&str]| xs.iter().map(|x| Value::from(*x)).collect::<Vec<_>>();
    let mut f = Flow::new(&s, None);
    assert_eq!(f.ranking_order(rank, &Value::Null), values(&[]), "nothing ticked, nothing to rank");
    f.set_answer("used", Value::Array(values(&["ktp", "sim"])));
    // (the ranking's answer, the order shown)
    let cases: [(Value, Vec<Value>); 3] = [
        (Value::Null, values(&["ktp", "sim"])),
        (Value::Array(values(&["sim", "ktp"])), values(&["sim", "ktp"])),
        (Value::Array(values(&["sim", "kk", "ktp"])), values(&["sim", "ktp"])),
    ];
    for (answer, want) in cases {
        assert_eq!(f.ranking_order(rank, &answer), want, "{answer:?}");
    }
    f.set_answer("used", Value::Array(values(&["ktp", "sim", "kk"])));
    assert_eq!(f.ranking_order(rank, &Value::Array(values(&["sim", "ktp"]))), values(&["sim", "ktp", "kk"]));
    // Which lists follow the answers: a panel's items, a selected carry whose source has "other".
    let follows: Vec<bool> = ["used", "rank", "all", "members"]
        .iter()
        .map(|n| f.choices_follow_answers(s.find(n).expect(n)))
        .collect();
    assert_eq!(follows, [false, true, false, true]);
}
