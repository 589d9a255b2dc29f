//! Rosters: dynamic panels, dynamic and dropdown matrices, from loading to
//! the submitted answer, in SurveyJS's data shapes.

use std::collections::BTreeSet;
use tanya_engine::expr::Value;
use tanya_engine::flow::{At, Flow, Slot};
use tanya_engine::schema::{load, ChoiceStyle, ElementId, InputType, Kind, Survey};
use tanya_engine::text::Lang;
use tanya_engine::validate;

const HOUSEHOLD: &str = r#"{"pages": [{"elements": [
  {"type": "paneldynamic", "name": "household", "panelCount": 1, "maxPanelCount": 3, "minPanelCount": 1,
   "templateTitle": "Anggota {panelIndex}",
   "templateElements": [
     {"type": "text", "name": "name", "isRequired": true},
     {"type": "text", "name": "age", "inputType": "number", "isRequired": true},
     {"type": "radiogroup", "name": "works", "choices": ["ya", "tidak"], "visibleIf": "{panel.age} >= 17"},
     {"type": "text", "name": "first", "visibleIf": "{panelIndex} = 0"},
     {"type": "matrixdynamic", "name": "jobs", "rowCount": 0,
      "columns": [{"name": "job", "cellType": "text", "isRequired": true},
                  {"name": "hours", "cellType": "text", "inputType": "number",
                   "visibleIf": "{row.job} notempty and {panel.works} = 'ya'"}]}
   ]},
  {"type": "text", "name": "adults", "visibleIf": "countInArray({household}, 'name', {age} >= 17) > 1"},
  {"type": "text", "name": "firstName", "visibleIf": "{household[0].name} = 'Siti' and {household.length} = 2"}
]}]}"#;

fn survey(json: &str) -> Survey {
    load(json).expect("loads").survey
}

fn id(s: &Survey, roster: Option<&str>, name: &str) -> ElementId {
    s.elements
        .iter()
        .position(|e| e.name == name && e.roster.map(|r| s.elements[r].name.as_str()) == roster)
        .expect("element")
}

fn at(s: &Survey, steps: &[(&str, usize)]) -> At {
    let mut at = At::top();
    for (name, i) in steps {
        let r = s.elements.iter().position(|e| e.name == *name).expect("roster");
        at = at.then(r, Slot::Index(*i));
    }
    at
}

#[test]
fn columns_load_as_the_question_their_cell_type_names() {
    let s = survey(
        r#"{"elements": [{"type": "matrixdynamic", "name": "m", "cellType": "radiogroup", "choices": [1, 2],
            "columns": [
              {"name": "a"},
              {"name": "b", "cellType": "default"},
              {"name": "c", "cellType": "dropdown", "choices": ["x"]},
              {"name": "d", "cellType": "checkbox"},
              {"name": "e", "cellType": "text", "inputType": "number", "totalType": "sum"},
              {"name": "f", "cellType": "boolean"},
              {"name": "g", "cellType": "comment"},
              {"name": "h", "cellType": "rating"}
            ]},
            {"type": "matrixdropdown", "name": "a", "rows": ["r1", "r2"], "columns": [{"name": "a"}]}]}"#,
    );
    let kind = |name: &str| &s.elements[id(&s, Some("m"), name)].kind;
    let style = |name: &str| match kind(name) {
        Kind::Choices { style, choices, .. } => Some((*style, choices.len())),
        _ => None,
    };
    assert_eq!(style("a"), Some((ChoiceStyle::Radio, 2)), "the matrix's cellType and choices");
    assert_eq!(style("b"), Some((ChoiceStyle::Radio, 2)), "`default` is the matrix's cellType");
    assert_eq!(style("c"), Some((ChoiceStyle::Dropdown, 1)), "the column's own choices win");
    assert_eq!(style("d"), Some((ChoiceStyle::Checkbox, 2)));
    assert!(matches!(kind("e"), Kind::Text { input_type: InputType::Number, .. }));
    assert!(matches!(kind("f"), Kind::Boolean { .. }));
    assert!(matches!(kind("g"), Kind::Comment { .. }));
    assert!(matches!(kind("h"), Kind::Rating { .. }));
    // A column named like a question elsewhere is no duplicate: it answers inside its row.
    assert_eq!(s.find("a"), Some(id(&s, None, "a")));
}

#[test]
fn problems_inside_templates_and_columns_are_located() {
    let cases = [
        (
            r#"{"elements": [{"type": "paneldynamic", "name": "p", "templateElements": [
                {"type": "text", "name": "x", "visibleIf": "{panel.y} = = 1"}]}]}"#,
            "elements[0].templateElements[0].visibleIf: unexpected operator '=' (column 13)",
        ),
        (
            r#"{"elements": [{"type": "matrixdynamic", "name": "m", "columns": [
                {"name": "a"}, {"name": "b", "cellType": "text", "inputType": "number", "min": 5, "max": 1}]}]}"#,
            "elements[0].columns[1]: min (5) is greater than max (1)",
        ),
        (
            r#"{"elements": [{"type": "matrixdropdown", "name": "m", "columns": [{"name": "a"}]}]}"#,
            "elements[0].rows: a matrixdropdown needs at least one row",
        ),
        (
            r#"{"elements": [{"type": "paneldynamic", "name": "p", "minPanelCount": 3, "maxPanelCount": 2,
                "templateElements": [{"type": "text", "name": "x"}]}]}"#,
            "elements[0]: minPanelCount (3) is greater than maxPanelCount (2)",
        ),
    ];
    for (json, expected) in cases {
        let err = load(json).expect_err(expected);
        assert_eq!(err.problems[0].to_string(), expected);
    }
}

#[test]
fn answers_live_in_panels_and_rows_and_conditions_read_their_item() {
    let s = survey(HOUSEHOLD);
    let mut f = Flow::new(&s, None);
    let (name, age, works, first) = (
        id(&s, Some("household"), "name"),
        id(&s, Some("household"), "age"),
        id(&s, Some("household"), "works"),
        id(&s, Some("household"), "first"),
    );
    assert_eq!(
        f.items(id(&s, None, "household"), &At::top()).len(),
        1,
        "panelCount panels before any answer"
    );
    let p0 = at(&s, &[("household", 0)]);
    let p1 = at(&s, &[("household", 1)]);
    f.set_at(name, &p0, Value::from("Siti"));
    f.set_at(age, &p0, Value::Number(40.0));
    assert!(f.add_item(id(&s, None, "household"), &At::top()));
    f.set_at(name, &p1, Value::from("Budi"));
    f.set_at(age, &p1, Value::Number(12.0));
    assert_eq!(
        f.answer("household").map(Value::to_json),
        Some(serde_json::json!([{"name": "Siti", "age": 40}, {"name": "Budi", "age": 12}]))
    );
    let table = [
        (works, &p0, true, "{panel.age} >= 17 in the first panel"),
        (works, &p1, false, "the same condition, read in the second panel"),
        (first, &p0, true, "{panelIndex} counts from 0"),
        (first, &p1, false, "{panelIndex} is 1 in the second panel"),
    ];
    for (q, here, shown, why) in table {
        assert_eq!(f.is_visible_at(q, here), shown, "{why}");
    }
    let visible = |f: &Flow, name: &str| f.visible_questions(0).iter().any(|&q| s.elements[q].name == name);
    assert!(visible(&f, "firstName"), "{{household[0].name}} and {{household.length}}");
    assert!(!visible(&f, "adults"), "countInArray with a per-row condition: one adult");
    f.set_at(age, &p1, Value::Number(18.0));
    assert!(visible(&f, "adults"), "a cell change re-runs the conditions that read the roster");
}

#[test]
fn nested_rosters_read_their_row_and_the_panel_around_it() {
    let s = survey(HOUSEHOLD);
    let mut f = Flow::new(&s, None);
    let p0 = at(&s, &[("household", 0)]);
    let row = at(&s, &[("household", 0), ("jobs", 0)]);
    let (job, hours, works) =
        (id(&s, Some("jobs"), "job"), id(&s, Some("jobs"), "hours"), id(&s, Some("household"), "works"));
    assert!(f.add_item(id(&s, Some("household"), "jobs"), &p0));
    f.set_at(job, &row, Value::from("petani"));
    assert!(!f.is_visible_at(hours, &row), "{{panel.works}}, the panel around the matrix, is empty");
    f.set_at(works, &p0, Value::from("ya"));
    assert!(!f.is_visible_at(works, &p0), "works is hidden without an age, yet its answer reads");
    assert!(f.is_visible_at(hours, &row));
    f.set_at(id(&s, Some("household"), "age"), &p0, Value::Number(30.0));
    assert!(f.is_visible_at(works, &p0));
    assert_eq!(
        f.answer("household").map(Value::to_json),
        Some(serde_json::json!([{"age": 30, "works": "ya", "jobs": [{"job": "petani"}]}]))
    );
}

#[test]
fn adding_and_removing_stop_at_the_bounds() {
    let s = survey(HOUSEHOLD);
    let mut f = Flow::new(&s, None);
    let household = id(&s, None, "household");
    let name = id(&s, Some("household"), "name");
    assert!(!f.remove_item(household, &At::top(), 0), "minPanelCount 1");
    assert!(f.add_item(household, &At::top()));
    assert!(f.add_item(household, &At::top()));
    assert!(!f.add_item(household, &At::top()), "maxPanelCount 3");
    for (i, n) in ["a", "b", "c"].iter().enumerate() {
        f.set_at(name, &at(&s, &[("household", i)]), Value::from(*n));
    }
    assert!(f.item_has_answers(&at(&s, &[("household", 1)])));
    assert!(f.remove_item(household, &At::top(), 1));
    let names: Vec<String> = (0..2)
        .map(|i| f.value_at(name, &at(&s, &[("household", i)])).map(Value::to_display).unwrap_or_default())
        .collect();
    assert_eq!(names, ["a", "c"], "the panels after the removed one move up");
}

#[test]
fn errors_name_the_cell_and_a_required_roster_needs_an_item() {
    let s = survey(HOUSEHOLD);
    let mut f = Flow::new(&s, None);
    let name = id(&s, Some("household"), "name");
    let age = id(&s, Some("household"), "age");
    f.set_at(name, &at(&s, &[("household", 0)]), Value::from("Siti"));
    f.add_item(id(&s, None, "household"), &At::top());
    f.set_at(age, &at(&s, &[("household", 1)]), Value::from("dua"));
    let report = validate::all(&f, Lang::EN, &BTreeSet::new());
    let got: Vec<(String, String, String)> =
        report.entries.iter().map(|e| (e.question.clone(), e.cell.clone(), e.rule.clone())).collect();
    let want = [
        ("household", "household[0].age", "required"),
        ("household", "household[1].name", "required"),
        ("household", "household[1].age", "numeric"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(got, want);
    assert_eq!(
        report.for_question("household[1].age").count(),
        1,
        "the form finds a cell's error by its path"
    );

    let required = survey(
        r#"{"elements": [{"type": "matrixdynamic", "name": "m", "isRequired": true, "rowCount": 0,
            "columns": [{"name": "a", "cellType": "text"}]}]}"#,
    );
    let report = validate::all(&Flow::new(&required, None), Lang::EN, &BTreeSet::new());
    assert_eq!(report.entries.iter().map(|e| e.rule.as_str()).collect::<Vec<_>>(), ["required"]);
}

#[test]
fn the_submitted_answer_takes_surveyjs_shape() {
    let cases = [
        (
            "a question hidden in its panel is dropped; an empty cell too",
            HOUSEHOLD,
            serde_json::json!({"household": [{"name": "Siti", "age": 12, "works": "ya", "first": ""}]}),
            serde_json::json!({"household": [{"name": "Siti", "age": 12}]}),
        ),
        (
            "panelCount panels are kept empty, with their defaults",
            r#"{"elements": [{"type": "paneldynamic", "name": "p", "panelCount": 2,
                "templateElements": [{"type": "text", "name": "a"}, {"type": "text", "name": "b", "defaultValue": "D"}]}]}"#,
            serde_json::json!({}),
            serde_json::json!({"p": [{"b": "D"}, {"b": "D"}]}),
        ),
        (
            "matrix cells hidden by their condition stay, as in SurveyJS; defaults fill given rows",
            r#"{"elements": [{"type": "matrixdropdown", "name": "m", "rows": ["r1", "r2"], "columns": [
                {"name": "a", "cellType": "text"},
                {"name": "b", "cellType": "text", "visibleIf": "{row.a} = 'x'"},
                {"name": "c", "cellType": "radiogroup", "choices": ["Yes", "No"], "defaultValue": "No"}]}]}"#,
            serde_json::json!({"m": {"r1": {"a": "y", "b": "kept"}}}),
            serde_json::json!({"m": {"r1": {"a": "y", "b": "kept", "c": "No"}, "r2": {"c": "No"}}}),
        ),
        (
            "a matrixdynamic with minRowCount keeps its empty rows",
            r#"{"elements": [{"type": "matrixdynamic", "name": "m", "minRowCount": 1,
                "columns": [{"name": "a", "cellType": "text"}]}]}"#,
            serde_json::json!({}),
            serde_json::json!({"m": [{}]}),
        ),
    ];
    for (why, json, given, want) in cases {
        let s = survey(json);
        let given = given.as_object().cloned().unwrap_or_default();
        let f = Flow::with_answers(&s, None, &given);
        assert_eq!(serde_json::Value::Object(f.submission()), want, "{why}");
    }
}

#[test]
fn a_location_says_whether_an_item_around_it_is_found_by_position() {
    let s = survey(HOUSEHOLD);
    let household = s.elements.iter().position(|e| e.name == "household").expect("roster");
    let jobs = id(&s, Some("household"), "jobs");
    // (location, found by position)
    let cases = [
        (At::top(), false),
        (At::top().then(household, Slot::Index(0)), true),
        (At::top().then(household, Slot::Row("r1".into())), false),
        (At::top().then(household, Slot::Row("r1".into())).then(jobs, Slot::Index(2)), true),
    ];
    for (at, want) in cases {
        assert_eq!(at.by_position(), want, "{at:?}");
    }
}
