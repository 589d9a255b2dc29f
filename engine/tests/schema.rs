//! Loading questionnaires: every failure is a located error, never a panic.

use tanya_engine::schema::{load, Kind};

/// Wraps elements into a one-page questionnaire.
fn page(elements: &str) -> String {
    format!(r#"{{"pages": [{{"name": "p1", "elements": [{elements}]}}]}}"#)
}

fn errors_of(json: &str) -> Vec<String> {
    match load(json) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn each_bad_input_gets_its_located_error() {
    let cases: Vec<(String, &str)> = vec![
        ("{\"pages\": [".into(), "JSON syntax error at line 1, column 11"),
        (page(r#"{"name": "q"}"#), "pages[0].elements[0]: missing 'type'"),
        (page(r#"{"type": "text"}"#), "pages[0].elements[0]: missing 'name' on a 'text' element"),
        (
            page(r#"{"type": "yesno", "name": "q"}"#),
            "pages[0].elements[0].type: unknown question type 'yesno'",
        ),
        (
            page(r#"{"type": "radiogroup", "name": "q"}"#),
            "pages[0].elements[0].choices: a 'radiogroup' question needs at least one choice",
        ),
        (
            page(r#"{"type": "checkbox", "name": "q", "choices": [1, {"value": 1, "text": "satu"}]}"#),
            "pages[0].elements[0].choices[1]: duplicate value 1",
        ),
        (
            page(r#"{"type": "text", "inputType": "number", "name": "q", "min": 5, "max": 1}"#),
            "pages[0].elements[0]: min (5) is greater than max (1)",
        ),
        (
            page(r#"{"type": "comment", "name": "q", "maxLength": -1}"#),
            "pages[0].elements[0].maxLength: must not be negative (is -1)",
        ),
        (
            page(r#"{"type": "text", "name": "q", "validators": [{"type": "regex", "regex": "(ab"}]}"#),
            "pages[0].elements[0].validators[0].regex: invalid regular expression",
        ),
        (
            page(r#"{"type": "rating", "name": "q", "rateMin": 5, "rateMax": 1}"#),
            "pages[0].elements[0]: rateMin (5) is greater than rateMax (1)",
        ),
        (
            page(r#"{"type": "matrix", "name": "q", "columns": [1, 2]}"#),
            "pages[0].elements[0].rows: a matrix needs at least one row",
        ),
        (
            page(r#"{"type": "matrix", "name": "q", "rows": ["a"]}"#),
            "pages[0].elements[0].columns: a matrix needs at least one column",
        ),
        (
            page(r#"{"type": "text", "name": "a"}, {"type": "text", "name": "b", "visibleIf": "{a} = = 1"}"#),
            "pages[0].elements[1].visibleIf: unexpected operator '=' (column 7)",
        ),
        (
            page(r#"{"type": "text", "name": "q1", "visibleIf": "tooday() > 1"}"#),
            "pages[0].elements[0].visibleIf: unknown function 'tooday' (column 1)",
        ),
        (
            page(r#"{"type": "text", "name": "a", "validators": [{"type": "phone"}]}"#),
            "pages[0].elements[0].validators[0].type: unknown validator type 'phone'",
        ),
        (
            r#"{"pages": [], "tanya": {"duplicates": {"policy": "maybe"}}}"#.into(),
            "tanya.duplicates.policy: must be block, warn or allow, not 'maybe'",
        ),
        (
            r#"{"pages": [{"elements": []}], "tanya": {"endpoint": {"url": "/x", "method": "GET"}}}"#.into(),
            "tanya.endpoint.method: must be POST or PUT, not 'GET'",
        ),
        (
            r#"{"pages": [{"elements": []}], "tanya": {"endpoint": " "}}"#.into(),
            "tanya.endpoint: the URL is empty",
        ),
        (
            r#"{"pages": [{"elements": []}], "tanya": {"endpoint": {"url": ""}}}"#.into(),
            "tanya.endpoint.url: the URL is empty",
        ),
    ];
    for (json, want) in cases {
        let got = errors_of(&json);
        assert!(got.iter().any(|e| e.starts_with(want)), "input {json}\nwant {want}\ngot {got:#?}");
    }
}

#[test]
fn what_surveyjs_loads_loads_with_a_located_warning() {
    // (questionnaire, the warning it gets)
    let cases: Vec<(String, &str)> = vec![
        (
            page(r#"{"type": "text", "name": "q"}, {"type": "comment", "name": "Q"}"#),
            "pages[0].elements[1].name: duplicate name 'Q': the questions share one value, as in SurveyJS",
        ),
        (
            r#"{"pages": [{"name": "a", "elements": []}, {"name": "a", "elements": []}]}"#.into(),
            "pages[1].name: duplicate page name 'a' (SurveyJS accepts it)",
        ),
        (
            page(r#"{"type": "text", "name": "q1", "visibleIf": "{q9} = 1"}"#),
            "pages[0].elements[0].visibleIf: unknown question 'q9': it reads as empty, as in SurveyJS (column 2)",
        ),
        (
            page(r#"{"type": "matrix", "name": "m", "rows": ["a"], "columns": [1], "isAllRowRequired": "Suggested"}"#),
            "pages[0].elements[0].isAllRowRequired: \"Suggested\" is not true or false; read as true",
        ),
        (
            page(r#"{"type": "datepicker", "name": "d"}"#),
            "pages[0].elements[0].type: 'datepicker' is shown as a 'text' input of type 'date'",
        ),
        (
            page(r#"{"type": "buttongroup", "name": "b", "choices": ["x"]}"#),
            "pages[0].elements[0].type: 'buttongroup' is shown as a 'radiogroup' question",
        ),
    ];
    for (json, want) in cases {
        let loaded = load(&json).unwrap_or_else(|e| panic!("{json} loads: {e}"));
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert!(warnings.iter().any(|w| w.starts_with(want)), "input {json}\nwant {want}\ngot {warnings:#?}");
    }
    // "true" and "false" as text are booleans, with nothing to warn about.
    let quoted = load(&page(r#"{"type": "text", "name": "q", "isRequired": "true"}"#)).expect("loads");
    assert!(quoted.survey.elements[0].is_required);
    assert!(!quoted.warnings.iter().any(|w| w.to_string().contains("isRequired")), "{:?}", quoted.warnings);
    // A type with no counterpart stays an error, unless the questionnaire maps it.
    let yesno = r#"{"type": "yesno", "name": "q"}"#;
    assert!(errors_of(&page(yesno))[0].contains("map it: \"tanya\": {\"types\": {\"yesno\": \"text\"}}"));
    let mapped =
        format!(r#"{{"tanya": {{"types": {{"yesno": "boolean"}}}}, "pages": [{{"elements": [{yesno}]}}]}}"#);
    let loaded = load(&mapped).expect("a mapped type loads");
    assert!(matches!(loaded.survey.elements[0].kind, Kind::Boolean { .. }));
    let bad = r#"{"tanya": {"types": {"yesno": "nothing"}}, "pages": [{"elements": []}]}"#;
    assert!(errors_of(bad).iter().any(|e| e.starts_with("tanya.types.yesno: must name a question type")));
}

#[test]
fn deep_or_huge_input_is_an_error_not_a_crash() {
    let deep_json = "[".repeat(100_000);
    assert!(errors_of(&deep_json)[0].contains("JSON syntax error"));

    let mut panel = r#"{"type": "text", "name": "leaf"}"#.to_string();
    for i in 0..40 {
        panel = format!(r#"{{"type": "panel", "name": "p{i}", "elements": [{panel}]}}"#);
    }
    let errs = errors_of(&page(&panel));
    assert!(errs.iter().any(|e| e.contains("panels nest deeper than 16 levels")), "{errs:?}");

    let deep_expr = format!("{}1{}", "(".repeat(5000), ")".repeat(5000));
    let errs = errors_of(&page(&format!(r#"{{"type": "text", "name": "q", "visibleIf": "{deep_expr}"}}"#)));
    assert!(errs.iter().any(|e| e.contains("nests deeper than")), "{errs:?}");

    let long_chain = vec!["{q} = 1"; 5000].join(" or ");
    let errs = errors_of(&page(&format!(r#"{{"type": "text", "name": "q", "visibleIf": "{long_chain}"}}"#)));
    assert!(errs.iter().any(|e| e.contains("deeper than")), "{errs:?}");
}

#[test]
fn unknown_properties_a_missing_id_and_no_endpoint_are_warnings() {
    let loaded = load(&page(r#"{"type": "text", "name": "q", "colour": "red"}"#)).expect("loads");
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "pages[0].elements[0].colour: unknown property 'colour' is ignored",
            "tanya.id: no survey id: drafts, the duplicate guard and fingerprints key on the title instead",
            "tanya.endpoint: no endpoint: unless the page's #tanya-config names one, the form cannot send \
             entries and tells respondents so before they start",
        ]
    );
    let complete = r#"{"tanya": {"id": "t", "endpoint": {"url": "/api/submissions"}},
        "pages": [{"elements": [{"type": "text", "name": "q"}]}]}"#;
    assert!(load(complete).expect("loads").warnings.is_empty());
}

#[test]
fn surveyjs_shapes_load() {
    let loaded = load(
        r#"{"title": {"default": "Judul", "en": "Title"},
            "elements": [
              {"type": "dropdown", "name": "n", "choicesMin": 1, "choicesMax": 3},
              {"type": "radiogroup", "name": "r", "choices": ["a|Apel", "b"]},
              {"type": "panel", "name": "r", "elements": [{"type": "html", "name": "h", "html": "<b>x</b>"}]},
              {"type": "matrixdynamic", "name": "m"}
            ]}"#,
    )
    .expect("loads");
    let s = &loaded.survey;
    assert_eq!(s.pages.len(), 1, "root-level elements make one page");
    let Kind::Choices { choices, .. } = &s.elements[0].kind else { panic!("choices") };
    assert_eq!(choices.len(), 3, "choicesMin..choicesMax generate choices");
    let Kind::Choices { choices, .. } = &s.elements[1].kind else { panic!("choices") };
    assert_eq!(choices[0].value, "a");
    assert_eq!(choices[0].text.get(tanya_engine::text::Lang::ID), "Apel");
    assert_eq!(s.find("r"), Some(1), "a question wins over a panel of the same name");
    assert!(matches!(s.elements[4].kind, Kind::Roster(_)));
    assert!(loaded.warnings.iter().any(
        |w| w.to_string() == "elements[3].columns: the matrixdynamic has no columns: it collects nothing"
    ));
}

#[test]
fn fuzz_finds_stay_fixed() {
    use std::collections::BTreeMap;
    use tanya_engine::expr::{Env, Expression};
    // Found by `engine/fuzz/run.sh` (expr_parse): an out-of-range date overflowed the calendar arithmetic.
    let found = [
        "year(1111111111111111111111111111111111111111111111111111111111)",
        "dateAdd('2020-01-01', 99999999999999999999, 'months')",
        "today(99999999999999999999)",
        "dateDiff(-99999999999999999999, 99999999999999999999, 'months')",
        // A multi-byte character where the time-zone offset would be.
        "dateAdd('2224-02-03 2c0e199999999S   \u{409}1011~')",
        "getDate('2024-0\u{e9}-01')",
    ];
    let scope: BTreeMap<String, tanya_engine::expr::Value> = BTreeMap::new();
    for src in found {
        let e = Expression::parse(src).expect("parses");
        let _ = e.eval(&Env { scope: &scope, now: Some(1.7e12) });
    }
}

#[test]
fn the_survey_id_falls_back_to_the_title() {
    // (questionnaire head, expected id)
    let cases = [
        (r#""tanya": {"id": "ipk-2026"}, "title": "Survei""#, "ipk-2026"),
        (r#""title": " Survei Integritas ""#, "Survei Integritas"),
        (r#""title": {"en": "Integrity survey", "default": "Survei Integritas"}"#, "Survei Integritas"),
        (r#""title": {"en": "Integrity survey"}"#, "Integrity survey"),
        (r#""title": "  ""#, "survey"),
        (r#""description": "no title""#, "survey"),
    ];
    for (head, want) in cases {
        let json = format!(r#"{{{head}, "pages": [{{"elements": [{{"type": "text", "name": "q"}}]}}]}}"#);
        let survey = load(&json).expect("loads").survey;
        assert_eq!(survey.id(), want, "{head}");
    }
}

#[test]
fn a_visibility_cycle_loads_with_a_warning_and_self_reference_is_none() {
    let cycle = load(
        r#"{"elements": [{"type": "text", "name": "a", "visibleIf": "{b} = 1"},
            {"type": "text", "name": "b", "visibleIf": "{a} = 1"},
            {"type": "text", "name": "c", "visibleIf": "{c} empty or {c} = 'x'"}]}"#,
    )
    .expect("SurveyJS loads it, and so does Tanya");
    let cycles: Vec<String> =
        cycle.warnings.iter().map(ToString::to_string).filter(|w| w.contains("cycle")).collect();
    assert_eq!(
        cycles,
        ["elements[0].visibleIf: visibility cycle: a → b → a (loaded, as SurveyJS loads it)"],
        "c reads its own answer: no cycle"
    );
}

#[test]
fn the_languages_are_those_the_questionnaire_is_in() {
    // (questionnaire, its languages, a warning that starts so, or "")
    let q = |extra: &str| {
        format!(
            r#"{{{extra} "elements": [{{"type": "text", "name": "q", "title": {{"default": "Name", "fr": "Nom", "ja": "名前"}}}}]}}"#
        )
    };
    let cases = [
        (q(""), vec!["id", "fr", "ja"], ""),
        (q(r#""locale": "en","#), vec!["en", "fr", "ja"], ""),
        (q(r#""locale": "fr","#), vec!["fr", "ja"], ""),
        (q(r#""tanya": {"languages": ["fr", "en", "??"]},"#), vec!["fr", "en"], "tanya.languages[2]: "),
        (q(r#""locale": "english","#), vec!["id", "fr", "ja"], "locale: 'english' is no language code"),
        (r#"{"elements": [{"type": "text", "name": "q", "title": "Nama"}]}"#.to_string(), vec!["id", "en"], ""),
        (r#"{"locale": "ja", "elements": [{"type": "text", "name": "q", "title": "名前"}]}"#.to_string(), vec!["ja"], ""),
        (
            r#"{"elements": [{"type": "text", "name": "q", "title": {"default": "Nama", "english": "Name"}}]}"#.to_string(),
            vec!["id"],
            "elements[0].title: 'english' is no language code",
        ),
    ];
    for (json, want, warning) in cases {
        let loaded = tanya_engine::schema::load(&json).expect("loads");
        let got: Vec<&str> = loaded.survey.languages.iter().map(|l| l.code()).collect();
        assert_eq!(got, want, "{json}");
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        if !warning.is_empty() {
            assert!(warnings.iter().any(|w| w.starts_with(warning)), "{json}: {warnings:#?}");
        }
    }
}

#[test]
fn a_rating_is_drawn_as_its_rate_type_says() {
    use tanya_engine::schema::{Kind, RateShape};
    // (rateType, the shape, a warning)
    let cases = [
        (None, RateShape::Labels, false),
        (Some("stars"), RateShape::Stars, false),
        (Some("smileys"), RateShape::Smileys, false),
        (Some("hearts"), RateShape::Labels, true),
    ];
    for (rate_type, want, warns) in cases {
        let extra = rate_type.map_or(String::new(), |t| format!(r#", "rateType": "{t}""#));
        let json = format!(r#"{{"elements": [{{"type": "rating", "name": "r"{extra}}}]}}"#);
        let loaded = tanya_engine::schema::load(&json).expect("loads");
        let Kind::Rating { shape, .. } = &loaded.survey.elements[0].kind else { panic!("a rating") };
        assert_eq!(*shape, want, "{json}");
        let warned = loaded.warnings.iter().any(|w| w.to_string().starts_with("elements[0].rateType: "));
        assert_eq!(warned, warns, "{json}");
    }
}
