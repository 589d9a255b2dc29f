//! Answers read off a prerendered page 1 before the app took over.

use tanya_engine::flow::{Flow, Typed};
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
            {"type": "matrix", "name": "m", "rows": ["a", {"value": 2, "text": "Dua"}], "columns": ["x", {"value": 5, "text": "Lima"}]},
            {"type": "multipletext", "name": "who", "items": [{"name": "first"}, {"name": "age", "inputType": "number"}]}]}"#,
    )
    .expect("loads")
    .survey;
    let text = |t: &str| Typed { text: Some(t.into()), ..Typed::default() };
    let checked = |xs: &[(usize, &str)]| Typed {
        checked: xs.iter().map(|(i, v)| (*i, v.to_string())).collect(),
        ..Typed::default()
    };
    let cells = |xs: &[(&str, &str)]| Typed {
        cells: xs.iter().map(|(r, c)| (r.to_string(), c.to_string())).collect(),
        ..Typed::default()
    };
    let texts = |xs: &[&str]| Typed { texts: xs.iter().map(|t| t.to_string()).collect(), ..Typed::default() };
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
        // A matrix is read by its cells' row keys and column values, not by position.
        ("m", checked(&[(0, "x")]), None),
        ("m", cells(&[("2", "5"), ("a", "x")]), Some(serde_json::json!({"a": "x", "2": 5}))),
        ("m", cells(&[("a", "x"), ("gone", "x"), ("2", "9")]), Some(serde_json::json!({"a": "x"}))),
        ("m", cells(&[]), None),
        // Multiple text: each box its item's, by position, typed as the item is.
        ("who", texts(&["Siti", "42"]), Some(serde_json::json!({"first": "Siti", "age": 42}))),
        ("who", texts(&["", "7"]), Some(serde_json::json!({"age": 7}))),
        ("who", texts(&[" ", ""]), None),
    ];
    for (name, typed, want) in cases {
        let id = s.find(name).expect(name);
        let got = Flow::new(&s, None).typed_answer(id, &typed, Lang::ID).map(|v| v.to_json());
        assert_eq!(got, want, "{name} {typed:?}");
    }
}

#[test]
fn choices_carried_from_other_answers_are_read_as_the_page_drew_them() {
    // Page 1 draws what a question offers when it is drawn: here the items
    // a dynamic panel starts with.
    let s = load(
        r#"{"elements": [
            {"type": "paneldynamic", "name": "kids", "defaultValue": [{"nm": "Ani"}, {"nm": "Budi"}],
             "templateElements": [{"type": "text", "name": "nm"}]},
            {"type": "radiogroup", "name": "eldest", "choicesFromQuestion": "kids", "choiceValuesFromQuestion": "nm"}]}"#,
    )
    .expect("loads")
    .survey;
    let flow = Flow::new(&s, None);
    let ticked = |xs: &[(usize, &str)]| Typed {
        checked: xs.iter().map(|(i, v)| (*i, v.to_string())).collect(),
        ..Typed::default()
    };
    let cases: Vec<(&str, Typed, Option<serde_json::Value>)> = vec![
        ("eldest", ticked(&[(1, "Budi")]), Some("Budi".into())),
        ("eldest", ticked(&[(0, "Citra")]), None),
    ];
    for (name, typed, want) in cases {
        let id = s.find(name).expect(name);
        assert_eq!(flow.typed_answer(id, &typed, Lang::ID).map(|v| v.to_json()), want, "{name} {typed:?}");
    }
    // Each input is read as the page drew it, whatever is set first: the
    // item renamed on the page does not take away the choice ticked there.
    let text = |t: &str| Typed { text: Some(t.into()), ..Typed::default() };
    let typed = vec![
        ("kids[0].nm".to_string(), text("Ana"), text("Ani")),
        ("eldest".to_string(), ticked(&[(0, "Ani")]), Typed::default()),
    ];
    let mut taken = Flow::new(&s, None);
    taken.take_typed(0, &typed, Lang::ID);
    let answers =
        serde_json::Value::Object(taken.answers().iter().map(|(k, v)| (k.clone(), v.to_json())).collect());
    assert_eq!(answers, serde_json::json!({"kids": [{"nm": "Ana"}, {"nm": "Budi"}], "eldest": "Ani"}));
}

#[test]
fn only_what_the_respondent_changed_on_the_page_is_taken_over() {
    let s = load(
        r#"{"elements": [
            {"type": "text", "name": "city", "defaultValue": "Jakarta"},
            {"type": "radiogroup", "name": "visit", "choices": ["first", "again"]},
            {"type": "checkbox", "name": "used", "choices": ["ktp", "kk"]},
            {"type": "ranking", "name": "order", "choices": ["a", "b"]}]}"#,
    )
    .expect("loads")
    .survey;
    let text = |t: &str| Typed { text: Some(t.into()), ..Typed::default() };
    let ticked = |v: &str| Typed { checked: vec![(0, v.into())], ..Typed::default() };
    let none = Typed::default;
    // (question, drawn, now, the change as JSON: None for no change, null for cleared)
    let cases: Vec<(&str, Typed, Typed, Option<serde_json::Value>)> = vec![
        ("city", text("Jakarta"), text("Jakarta"), None),
        ("city", text("Jakarta"), text("Bandung"), Some("Bandung".into())),
        ("city", text("Jakarta"), text(""), Some(serde_json::Value::Null)),
        ("city", text(""), text(""), None),
        ("visit", none(), ticked("again"), Some("again".into())),
        ("visit", ticked("first"), ticked("first"), None),
        ("visit", ticked("first"), none(), Some(serde_json::Value::Null)),
        ("used", ticked("kk"), none(), Some(serde_json::Value::Null)),
        // Inputs it does not read change nothing.
        ("order", none(), ticked("a"), None),
    ];
    for (name, drawn, now, want) in cases {
        let id = s.find(name).expect(name);
        let got = Flow::new(&s, None).typed_change(id, &now, &drawn, None, Lang::ID).map(|v| v.to_json());
        assert_eq!(got, want, "{name} drawn {drawn:?} now {now:?}");
    }
}

#[test]
fn a_marked_input_leads_to_its_question_and_where_it_stands() {
    let s = load(
        r#"{"elements": [
            {"type": "text", "name": "name"},
            {"type": "panel", "name": "box", "elements": [{"type": "text", "name": "inner"}]},
            {"type": "paneldynamic", "name": "household", "panelCount": 2, "templateElements": [
                {"type": "text", "name": "who"},
                {"type": "panel", "name": "deep", "elements": [{"type": "text", "name": "age"}]}]},
            {"type": "matrixdropdown", "name": "costs", "rows": ["bus", "taxi"], "columns": [{"name": "paid", "cellType": "text"}]}]}"#,
    )
    .expect("loads")
    .survey;
    let flow = tanya_engine::flow::Flow::new(&s, None);
    // (path, the question's name and the path it stands at, or None)
    let cases: Vec<(&str, Option<(&str, &str)>)> = vec![
        ("name", Some(("name", "name"))),
        ("inner", Some(("inner", "inner"))),
        ("household", Some(("household", "household"))),
        ("household[1].who", Some(("who", "household[1].who"))),
        ("household[0].age", Some(("age", "household[0].age"))),
        ("costs[taxi].paid", Some(("paid", "costs[taxi].paid"))),
        // An item the roster does not have, a name no question has.
        ("household[2].who", None),
        ("costs[train].paid", None),
        ("who", None),
        ("box", None),
        ("nobody", None),
    ];
    for (path, want) in cases {
        let got = flow.locate(0, path).map(|(id, at)| (s.elements[id].name.clone(), at.path(&s, id)));
        assert_eq!(got, want.map(|(n, p)| (n.to_string(), p.to_string())), "{path}");
    }
}

#[test]
fn a_matrix_row_or_an_item_left_alone_keeps_what_the_engine_holds() {
    let s = load(
        r#"{"elements": [
            {"type": "matrix", "name": "m", "rows": ["a", "b", "c"], "columns": [1, 2]},
            {"type": "multipletext", "name": "who", "items": [{"name": "phone"}, {"name": "age", "inputType": "number"}]}]}"#,
    )
    .expect("loads")
    .survey;
    let cells = |xs: &[(&str, &str)]| Typed {
        cells: xs.iter().map(|(r, c)| (r.to_string(), c.to_string())).collect(),
        ..Typed::default()
    };
    let texts = |xs: &[&str]| Typed { texts: xs.iter().map(|t| t.to_string()).collect(), ..Typed::default() };
    let json = |v: serde_json::Value| tanya_engine::expr::Value::from(&v);
    // (question, drawn, now, what the engine holds, the change)
    type Case = (&'static str, Typed, Typed, Option<serde_json::Value>, Option<serde_json::Value>);
    let cases: Vec<Case> = vec![
        // Row b prefilled (not drawn); the respondent ticks row a: b stays.
        (
            "m",
            cells(&[]),
            cells(&[("a", "1")]),
            Some(serde_json::json!({"b": 2})),
            Some(serde_json::json!({"a": 1, "b": 2})),
        ),
        // The respondent clears the drawn row c and changes nothing else.
        (
            "m",
            cells(&[("c", "1")]),
            cells(&[]),
            Some(serde_json::json!({"c": 1, "b": 2})),
            Some(serde_json::json!({"b": 2})),
        ),
        ("m", cells(&[("a", "1")]), cells(&[("a", "1")]), Some(serde_json::json!({"a": 1})), None),
        // age computed by the engine meanwhile; only the phone was typed.
        (
            "who",
            texts(&["", ""]),
            texts(&["0812", ""]),
            Some(serde_json::json!({"age": 30})),
            Some(serde_json::json!({"phone": "0812", "age": 30})),
        ),
        (
            "who",
            texts(&["x", ""]),
            texts(&["", ""]),
            Some(serde_json::json!({"phone": "x"})),
            Some(serde_json::Value::Null),
        ),
    ];
    for (name, drawn, now, current, want) in cases {
        let id = s.find(name).expect(name);
        let current = current.map(json);
        let got = Flow::new(&s, None)
            .typed_change(id, &now, &drawn, current.as_ref(), Lang::ID)
            .map(|v| v.to_json());
        assert_eq!(got, want, "{name} drawn {drawn:?} now {now:?}");
    }
}

#[test]
fn what_was_typed_is_taken_where_it_stands_and_cleared_when_hidden_as_the_questionnaire_says() {
    let survey = |clear: &str, started: bool| {
        load(&format!(
            r#"{{"clearInvisibleValues": "{clear}", "firstPageIsStarted": {started}, "pages": [{{"elements": [
                {{"type": "radiogroup", "name": "visit", "choices": ["first", "again"], "showOtherItem": true}},
                {{"type": "comment", "name": "why", "visibleIf": "{{visit}} = 'again'"}},
                {{"type": "panel", "name": "more", "visibleIf": "{{visit}} = 'again'",
                  "elements": [{{"type": "text", "name": "inside"}}]}},
                {{"type": "paneldynamic", "name": "household", "panelCount": 1,
                  "templateElements": [{{"type": "text", "name": "who"}}]}}]}},
                {{"elements": [{{"type": "text", "name": "later"}}]}}]}}"#
        ))
        .expect("loads")
        .survey
    };
    let text = |t: &str| Typed { text: Some(t.into()), ..Typed::default() };
    let ticked = |v: &str| Typed { checked: vec![(0, v.into())], ..Typed::default() };
    // `why` and `inside` typed while shown, then hidden again by the answer to `visit`.
    let typed = vec![
        ("visit".to_string(), ticked("first"), Typed::default()),
        ("why".to_string(), text("antre"), text("")),
        ("inside".to_string(), text("loket 3"), text("")),
        ("household[0].who".to_string(), text("Ani"), text("")),
        ("nobody".to_string(), text("x"), text("")),
    ];
    let kept = serde_json::json!({"visit": "first", "why": "antre", "inside": "loket 3", "household": [{"who": "Ani"}]});
    // (clearInvisibleValues, a start page, the answers after)
    let cases = [
        ("onComplete", false, kept.clone()),
        ("none", false, kept.clone()),
        // Hidden by its own condition: cleared; by its panel's: kept until completion.
        (
            "onHidden",
            false,
            serde_json::json!({"visit": "first", "inside": "loket 3", "household": [{"who": "Ani"}]}),
        ),
        ("onHiddenContainer", false, serde_json::json!({"visit": "first", "household": [{"who": "Ani"}]})),
        // Nothing is cleared on the start page.
        ("onHidden", true, kept.clone()),
    ];
    for (clear, started, want) in cases {
        let s = survey(clear, started);
        let mut flow = tanya_engine::flow::Flow::new(&s, None);
        flow.take_typed(0, &typed, Lang::ID);
        let got: serde_json::Map<String, serde_json::Value> =
            flow.answers().iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        assert_eq!(serde_json::Value::Object(got), want, "{clear}, start page {started}");
    }
}

#[test]
fn answers_taken_over_run_their_rules_in_the_order_they_were_given() {
    // The order itself is the page's (the takeover reads the loader's
    // stamps; the site e2e tests that): this pins that the engine sets the
    // answers in the order it is given.
    // `note` comes first on the page, but is cleared whenever `visit`
    // becomes "again"; a trigger copies `visit` into `copy`.
    let s = load(
        r#"{"elements": [
            {"type": "text", "name": "note", "resetValueIf": "{visit} = 'again'"},
            {"type": "text", "name": "copy"},
            {"type": "radiogroup", "name": "visit", "choices": ["first", "again"]}],
            "triggers": [{"type": "copyvalue", "expression": "{visit} notempty",
              "fromName": "visit", "setToName": "copy"}]}"#,
    )
    .expect("loads")
    .survey;
    let text = |t: &str| (Typed { text: Some(t.into()), ..Typed::default() }, Typed::default());
    let ticked = |v: &str| (Typed { checked: vec![(1, v.into())], ..Typed::default() }, Typed::default());
    let given = |name: &str, (now, drawn): (Typed, Typed)| (name.to_string(), now, drawn);
    // (the answers in the order given, what the flow holds after)
    let cases = [
        // `visit` first: its rules ran before the note and the copy were typed.
        (
            vec![given("visit", ticked("again")), given("note", text("antre")), given("copy", text("mine"))],
            serde_json::json!({"visit": "again", "note": "antre", "copy": "mine"}),
        ),
        // `visit` last: it clears the note and overwrites the copy, as it would have in the app.
        (
            vec![given("note", text("antre")), given("copy", text("mine")), given("visit", ticked("again"))],
            serde_json::json!({"visit": "again", "copy": "again"}),
        ),
    ];
    for (typed, want) in cases {
        let mut flow = Flow::new(&s, None);
        flow.take_typed(0, &typed, Lang::ID);
        let got: serde_json::Map<String, serde_json::Value> =
            flow.answers().iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        assert_eq!(
            serde_json::Value::Object(got),
            want,
            "{:?}",
            typed.iter().map(|t| &t.0).collect::<Vec<_>>()
        );
    }

    // An item's default follows `mobile`, typed first; the age typed after
    // it goes over what the question holds by then, not what it held before.
    let s = load(
        r#"{"elements": [
            {"type": "multipletext", "name": "contact", "items": [
              {"name": "phone", "defaultValueExpression": "{mobile}"}, {"name": "age", "inputType": "number"}]},
            {"type": "text", "name": "mobile"}]}"#,
    )
    .expect("loads")
    .survey;
    let items = |phone: &str, age: &str| Typed { texts: vec![phone.into(), age.into()], ..Typed::default() };
    let typed = [
        ("mobile".to_string(), text("0812").0, Typed::default()),
        ("contact".to_string(), items("", "42"), items("", "")),
    ];
    let mut flow = Flow::new(&s, None);
    flow.take_typed(0, &typed, Lang::ID);
    assert_eq!(
        flow.answer("contact").map(|v| v.to_json()),
        Some(serde_json::json!({"phone": "0812", "age": 42}))
    );
    flow.set_answer("mobile", tanya_engine::expr::Value::from("0813"));
    assert_eq!(
        flow.answer("contact").map(|v| v.to_json()),
        Some(serde_json::json!({"phone": "0813", "age": 42})),
        "the phone is still the default's, not the respondent's"
    );
}
