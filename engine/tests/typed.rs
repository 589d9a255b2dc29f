//! Answers read off a prerendered page 1 before the app took over.

use tanya_engine::flow::{typed_answer, Typed};
use tanya_engine::schema::load;
use tanya_engine::text::Lang;

#[test]
fn what_the_page_inputs_hold_becomes_each_question_answer() {
    let s = load(
        r#"{"elements": [
            {"type": "text", "name": "name"},
            {"type": "text", "name": "age", "inputType": "number"},
            {"type": "comment", "name": "note"},
            {"type": "radiogroup", "name": "group", "choices": [{"value": 1, "text": "Satu"}, "dua"], "showOtherItem": true},
            {"type": "checkbox", "name": "used", "choices": ["ktp", "kk"], "showNoneItem": true},
            {"type": "dropdown", "name": "city", "choices": [{"value": "jkt", "text": "Jakarta"}, {"value": "bdg", "text": "Bandung"}]},
            {"type": "boolean", "name": "consent", "valueTrue": "ya", "valueFalse": "tidak"},
            {"type": "rating", "name": "score", "rateValues": [10, 20, 30]},
            {"type": "matrix", "name": "m", "rows": ["a"], "columns": ["x"]}]}"#,
    )
    .expect("loads")
    .survey;
    let text = |t: &str| Typed { text: Some(t.into()), ..Typed::default() };
    let checked = |xs: &[(usize, &str)]| Typed {
        checked: xs.iter().map(|(i, v)| (*i, v.to_string())).collect(),
        ..Typed::default()
    };
    // (question, what its inputs hold, the answer as JSON or None)
    let cases: Vec<(&str, Typed, Option<serde_json::Value>)> = vec![
        ("name", text("Siti"), Some("Siti".into())),
        ("name", text("  "), None),
        ("age", text("42"), Some(42.into())),
        ("note", text("baik"), Some("baik".into())),
        ("group", checked(&[(0, "1")]), Some(1.into())),
        ("group", checked(&[(2, "other")]), Some("other".into())),
        ("group", checked(&[(0, "tiga")]), None),
        ("used", checked(&[(0, "ktp"), (1, "kk")]), Some(serde_json::json!(["ktp", "kk"]))),
        ("used", checked(&[(2, "none")]), Some(serde_json::json!(["none"]))),
        ("used", checked(&[]), None),
        ("city", Typed { selected: Some("bdg".into()), ..Typed::default() }, Some("bdg".into())),
        ("city", Typed { selected: Some("Bandung".into()), ..Typed::default() }, None),
        ("consent", checked(&[(1, "false")]), Some("tidak".into())),
        ("score", checked(&[(2, "")]), Some(30.into())),
        ("score", checked(&[(7, "")]), None),
        ("m", checked(&[(0, "x")]), None),
    ];
    for (name, typed, want) in cases {
        let id = s.find(name).expect(name);
        let got = typed_answer(&s, id, &typed, Lang::ID).map(|v| v.to_json());
        assert_eq!(got, want, "{name} {typed:?}");
    }
}
