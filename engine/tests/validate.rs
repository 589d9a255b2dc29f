//! Validation rules and their messages in both languages.

use std::collections::BTreeSet;
use tanya_engine::expr::Value;
use tanya_engine::flow::Flow;
use tanya_engine::schema::load;
use tanya_engine::text::Lang;
use tanya_engine::validate;

/// `(question JSON, answer JSON or null, expected rule or "")`.
const CASES: &[(&str, &str, &str)] = &[
    (r#"{"type": "text", "name": "q", "isRequired": true}"#, "null", "required"),
    // An answer outside the choices offered (a draft's choice the
    // questionnaire no longer lists) is left out on completion: it answers
    // no required question.
    (
        r#"{"type": "radiogroup", "name": "q", "isRequired": true, "choices": ["ya", "tidak"]}"#,
        r#""b""#,
        "required",
    ),
    (r#"{"type": "radiogroup", "name": "q", "isRequired": true, "choices": ["ya", "tidak"]}"#, r#""ya""#, ""),
    (r#"{"type": "radiogroup", "name": "q", "choices": ["ya", "tidak"]}"#, r#""b""#, ""),
    (
        r#"{"type": "checkbox", "name": "q", "isRequired": true, "choices": ["ya", "tidak"]}"#,
        r#"["b"]"#,
        "required",
    ),
    (
        r#"{"type": "checkbox", "name": "q", "isRequired": true, "choices": ["ya", "tidak"]}"#,
        r#"["b", "ya"]"#,
        "",
    ),
    (r#"{"type": "dropdown", "name": "q", "isRequired": true, "choices": [1, 2]}"#, "3", "required"),
    // Nor does it count towards a minimum.
    (
        r#"{"type": "checkbox", "name": "q", "minSelectedChoices": 1, "choices": ["ya", "tidak"]}"#,
        r#"["b"]"#,
        "answercount",
    ),
    (
        r#"{"type": "checkbox", "name": "q", "minSelectedChoices": 2, "choices": ["ya", "tidak"]}"#,
        r#"["b", "ya"]"#,
        "answercount",
    ),
    (
        r#"{"type": "checkbox", "name": "q", "choices": ["ya", "tidak"],
            "validators": [{"type": "answercount", "minCount": 2}]}"#,
        r#"["b", "ya"]"#,
        "answercount",
    ),
    // "Other" and "none" are offered too.
    (
        r#"{"type": "radiogroup", "name": "q", "isRequired": true, "choices": ["ya"], "showNoneItem": true}"#,
        r#""none""#,
        "",
    ),
    (r#"{"type": "text", "name": "q", "isRequired": true}"#, r#""x""#, ""),
    (r#"{"type": "text", "name": "q", "requiredIf": "{other} = 1"}"#, "null", "requiredIf"),
    (r#"{"type": "text", "name": "q", "inputType": "number", "min": 1, "max": 10}"#, "0", "min"),
    (r#"{"type": "text", "name": "q", "inputType": "number", "min": 1, "max": 10}"#, "11", "max"),
    (r#"{"type": "text", "name": "q", "inputType": "number", "min": 1, "max": 10}"#, r#""5""#, ""),
    (r#"{"type": "text", "name": "q", "inputType": "number"}"#, r#""lima""#, "numeric"),
    (r#"{"type": "text", "name": "q", "inputType": "number", "step": 0.5}"#, "2.5", ""),
    (r#"{"type": "text", "name": "q", "inputType": "number", "step": 0.5}"#, "2.25", "step"),
    (r#"{"type": "text", "name": "q", "inputType": "number", "step": 5}"#, "-10", ""),
    (r#"{"type": "text", "name": "q", "inputType": "number", "step": 5}"#, "-3", "step"),
    (r#"{"type": "text", "name": "q", "step": 5}"#, r#""3""#, ""),
    (r#"{"type": "text", "name": "q", "inputType": "date", "max": "2026-01-01"}"#, r#""2026-02-01""#, "max"),
    (r#"{"type": "text", "name": "q", "inputType": "email"}"#, r#""a@b""#, "email"),
    (r#"{"type": "text", "name": "q", "inputType": "email"}"#, r#""a@b.id""#, ""),
    (r#"{"type": "comment", "name": "q", "maxLength": 3}"#, r#""abcd""#, "maxLength"),
    (
        r#"{"type": "text", "name": "q", "validators": [{"type": "text", "minLength": 3}]}"#,
        r#""ab""#,
        "minLength",
    ),
    (
        r#"{"type": "text", "name": "q", "validators": [{"type": "regex", "regex": "^[0-9]{16}$"}]}"#,
        r#""123""#,
        "regex",
    ),
    (
        r#"{"type": "text", "name": "q", "validators": [{"type": "numeric", "minValue": 17}]}"#,
        "16",
        "numeric",
    ),
    (r#"{"type": "text", "name": "q", "validators": [{"type": "email"}]}"#, r#""nope""#, "email"),
    (
        r#"{"type": "text", "name": "q", "validators": [{"type": "expression", "expression": "{q} != 'x'"}]}"#,
        r#""x""#,
        "expression",
    ),
    (
        r#"{"type": "checkbox", "name": "q", "choices": [1,2,3], "validators": [{"type": "answercount", "maxCount": 1}]}"#,
        "[1,2]",
        "answercount",
    ),
    (
        r#"{"type": "checkbox", "name": "q", "choices": [1,2,3], "minSelectedChoices": 2}"#,
        "[1]",
        "answercount",
    ),
    (
        r#"{"type": "matrix", "name": "q", "rows": ["r1", "r2"], "columns": [1, 2], "isAllRowRequired": true}"#,
        r#"{"r1": 1}"#,
        "isAllRowRequired",
    ),
    (
        r#"{"type": "matrix", "name": "q", "rows": ["r1", "r2"], "columns": [1, 2], "isAllRowRequired": true}"#,
        "null",
        "isAllRowRequired",
    ),
    (
        r#"{"type": "matrix", "name": "q", "rows": ["r1", "r2"], "columns": [1, 2], "isAllRowRequired": true}"#,
        r#"{"r1": 1, "r2": 2}"#,
        "",
    ),
    (r#"{"type": "text", "name": "q", "isRequired": true, "visibleIf": "{other} = 9"}"#, "null", ""),
    // As SurveyJS: maxSelectedChoices stops the respondent, it is no rule;
    // minSelectedChoices fails on an empty answer too; "other" needs its text.
    (r#"{"type": "checkbox", "name": "q", "choices": [1,2,3], "maxSelectedChoices": 1}"#, "[1,2]", ""),
    (
        r#"{"type": "checkbox", "name": "q", "choices": [1,2,3], "minSelectedChoices": 1}"#,
        "null",
        "answercount",
    ),
    (r#"{"type": "radiogroup", "name": "q", "choices": [1,2], "hasOther": true}"#, r#""other""#, "other"),
    (
        r#"{"type": "checkbox", "name": "q", "choices": [1,2], "showOtherItem": true}"#,
        r#"["other"]"#,
        "other",
    ),
    // A multipletext item's own rules, on its own answer.
    (
        r#"{"type": "multipletext", "name": "q", "items": [{"name": "a", "inputType": "number"}]}"#,
        r#"{"a": "lima"}"#,
        "numeric",
    ),
    (
        r#"{"type": "multipletext", "name": "q", "items": [{"name": "a", "maxLength": 2}]}"#,
        r#"{"a": "abc"}"#,
        "maxLength",
    ),
    (
        r#"{"type": "multipletext", "name": "q", "items": [{"name": "a",
            "validators": [{"type": "numeric", "minValue": 18}]}]}"#,
        r#"{"a": 17}"#,
        "numeric",
    ),
    (
        r#"{"type": "multipletext", "name": "q", "items": [{"name": "a",
            "validators": [{"type": "numeric", "minValue": 18}]}]}"#,
        r#"{"a": 18}"#,
        "",
    ),
];

fn one_question(q: &str) -> String {
    format!(r#"{{"pages": [{{"elements": [{q}, {{"type": "text", "name": "other", "defaultValue": 1}}]}}]}}"#)
}

#[test]
fn each_rule_fails_when_it_should() {
    for (q, answer, want) in CASES {
        let s = load(&one_question(q)).unwrap_or_else(|e| panic!("{q}: {e}")).survey;
        let mut f = Flow::new(&s, None);
        let v: serde_json::Value = serde_json::from_str(answer).expect("answer JSON");
        f.set_answer("q", Value::from(&v));
        let report = validate::page(&f, 0, Lang::EN, &BTreeSet::new());
        let rules: Vec<&str> = report.entries.iter().map(|e| e.rule.as_str()).collect();
        if want.is_empty() {
            assert!(rules.is_empty(), "{q} with {answer}: unexpected {rules:?}");
        } else {
            assert_eq!(rules, [*want], "{q} with {answer}");
        }
    }
}

#[test]
fn messages_are_bilingual_and_overridable() {
    let s = load(&one_question(
        r#"{"type": "text", "name": "q", "isRequired": true,
            "validators": [{"type": "text", "minLength": 5, "text": {"default": "Minimal 5 huruf", "en": "At least 5 letters"}}]}"#,
    ))
    .expect("loads")
    .survey;
    let mut f = Flow::new(&s, None);
    let none = BTreeSet::new();
    let id = validate::page(&f, 0, Lang::ID, &none);
    let en = validate::page(&f, 0, Lang::EN, &none);
    assert_eq!(id.entries[0].message, "Pertanyaan ini wajib dijawab.");
    assert_eq!(en.entries[0].message, "This question requires an answer.");
    f.set_answer("q", Value::from("abc"));
    assert_eq!(validate::page(&f, 0, Lang::ID, &none).entries[0].message, "Minimal 5 huruf");
    assert_eq!(validate::page(&f, 0, Lang::EN, &none).entries[0].message, "At least 5 letters");
}

#[test]
fn soft_required_warns_once() {
    let s = load(
        r#"{"tanya": {"softRequired": ["note"]},
            "elements": [{"type": "comment", "name": "note"}]}"#,
    )
    .expect("loads")
    .survey;
    let f = Flow::new(&s, None);
    let first = validate::page(&f, 0, Lang::EN, &BTreeSet::new());
    assert_eq!(first.entries.len(), 1);
    assert!(first.entries[0].soft && !first.has_blocking());
    assert_eq!(first.soft_questions(), ["note"]);
    let confirmed: BTreeSet<String> = first.soft_questions().into_iter().collect();
    assert!(validate::page(&f, 0, Lang::EN, &confirmed).is_ok(), "the confirmed retry passes");
}

#[test]
fn disabled_questions_are_not_validated() {
    let s = load(
        r#"{"elements": [{"type": "text", "name": "q", "isRequired": true, "enableIf": "{x} = 1"},
                                  {"type": "text", "name": "x"}]}"#,
    )
    .expect("loads")
    .survey;
    let f = Flow::new(&s, None);
    assert!(validate::all(&f, Lang::EN, &BTreeSet::new()).is_ok());
}

#[test]
fn a_question_revealed_after_a_failed_next_waits_for_the_next_try() {
    let s = load(
        r#"{"elements": [
            {"type": "radiogroup", "name": "paid", "isRequired": true, "choices": ["ya", "tidak"]},
            {"type": "text", "name": "amount", "isRequired": true, "visibleIf": "{paid} = 'ya'"},
            {"type": "text", "name": "office", "isRequired": true}]}"#,
    )
    .expect("loads")
    .survey;
    let none = BTreeSet::new();
    let mut f = Flow::new(&s, None);
    // Next with nothing answered: paid and office fail; amount is hidden.
    let tried = validate::page(&f, 0, Lang::EN, &none);
    let failed: Vec<&str> = tried.entries.iter().map(|e| e.question.as_str()).collect();
    assert_eq!(failed, ["paid", "office"]);
    let checked = validate::shown(&f, 0);
    assert_eq!(checked.iter().map(String::as_str).collect::<Vec<_>>(), ["office", "paid"]);
    // "ya" reveals amount: it is not reported until the respondent tries again.
    f.set_answer("paid", Value::from("ya"));
    let after = validate::recheck(&f, 0, Lang::EN, &none, &checked);
    let failed: Vec<&str> = after.entries.iter().map(|e| e.question.as_str()).collect();
    assert_eq!(failed, ["office"], "paid is answered; amount is new");
    // The next try checks everything shown.
    let again = validate::page(&f, 0, Lang::EN, &none);
    let failed: Vec<&str> = again.blocking().map(|e| e.question.as_str()).collect();
    assert_eq!(failed, ["amount", "office"]);
}

#[test]
fn submit_sends_the_respondent_to_the_first_page_that_blocks() {
    let s = load(
        r#"{"pages": [
            {"elements": [{"type": "text", "name": "a"}]},
            {"elements": [{"type": "text", "name": "b", "isRequired": true}]},
            {"elements": [{"type": "text", "name": "c", "isRequired": true}]}]}"#,
    )
    .expect("loads")
    .survey;
    let none = BTreeSet::new();
    let mut f = Flow::new(&s, None);
    // (answers given, the page Submit shows)
    let steps: [(&str, Option<usize>); 3] = [("", Some(1)), ("b", Some(2)), ("c", None)];
    for (answer, want) in steps {
        if !answer.is_empty() {
            f.set_answer(answer, Value::from("x"));
        }
        assert_eq!(validate::first_blocking_page(&f, Lang::EN, &none), want, "after {answer:?}");
    }
}

#[test]
fn clear_invisible_values_none_keeps_hidden_answers() {
    for (setting, kept) in [
        ("", false),
        (r#""clearInvisibleValues": "onHidden","#, false),
        (r#""clearInvisibleValues": "none","#, true),
    ] {
        let s = load(&format!(
            r#"{{{setting} "elements": [{{"type": "text", "name": "a"}},
                {{"type": "text", "name": "b", "visibleIf": "{{a}} = 1"}}]}}"#
        ))
        .expect("loads")
        .survey;
        let mut f = Flow::new(&s, None);
        f.set_answer("b", Value::from("x"));
        assert_eq!(f.submission().contains_key("b"), kept, "{setting}");
    }
}

#[test]
fn a_bound_written_as_an_expression_is_evaluated_when_checked() {
    // 2026-12-02T00:00:00Z
    let now = Some(1_796_169_600_000.0);
    for (q, answer, want) in [
        (
            r#"{"type": "text", "name": "q", "inputType": "date", "maxValueExpression": "today()"}"#,
            "2027-01-01",
            "max",
        ),
        (
            r#"{"type": "text", "name": "q", "inputType": "date", "maxValueExpression": "today()"}"#,
            "2026-12-02",
            "",
        ),
        (r#"{"type": "text", "name": "q", "inputType": "date", "max": "=today()"}"#, "2026-12-03", "max"),
        (r#"{"type": "text", "name": "q", "inputType": "date", "min": "=today(-7)"}"#, "2026-11-24", "min"),
        (
            r#"{"type": "text", "name": "q", "inputType": "number", "maxValueExpression": "{other} + 1"}"#,
            "3",
            "max",
        ),
    ] {
        let s = load(&one_question(q)).unwrap_or_else(|e| panic!("{q}: {e}")).survey;
        let mut f = Flow::new(&s, now);
        f.set_answer("q", Value::from(answer));
        let report = validate::page(&f, 0, Lang::EN, &BTreeSet::new());
        let rules: Vec<&str> = report.entries.iter().map(|e| e.rule.as_str()).collect();
        let want: Vec<&str> = Some(want).filter(|w| !w.is_empty()).into_iter().collect();
        assert_eq!(rules, want, "{q} with {answer}");
    }
    let err = load(&one_question(r#"{"type": "text", "name": "q", "inputType": "date", "max": "=today(("}"#))
        .expect_err("a bad expression is located");
    assert_eq!(err.problems[0].path, "pages[0].elements[0].max");
}

#[test]
fn a_questionnaire_gives_the_forms_words_in_its_languages() {
    let json = r#"{"tanya": {"texts": {"fr": {"required": "Réponse obligatoire.", "numberMin": "Au moins {0}.", "next": "Suivant", "nope": "x"}}},
        "elements": [{"type": "text", "name": "a", "isRequired": true},
                     {"type": "text", "name": "b", "inputType": "number", "min": 3}]}"#;
    let loaded = load(json).expect("loads");
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.to_string().starts_with("tanya.texts.fr.nope: 'nope' is not one of the form's texts")),
        "{:?}",
        loaded.warnings
    );
    let s = loaded.survey;
    let mut f = Flow::new(&s, None);
    f.set_answer("b", Value::Number(1.0));
    // (language, messages) — French from the questionnaire, the rest Tanya's own.
    let fr = Lang::from_code("fr-CA").expect("tag");
    let cases = [
        (fr, vec!["Réponse obligatoire.", "Au moins 3."]),
        (Lang::EN, vec!["This question requires an answer.", "The value must be at least 3."]),
        (Lang::ID, vec!["Pertanyaan ini wajib dijawab.", "Nilai tidak boleh kurang dari 3."]),
    ];
    for (lang, want) in cases {
        let report = validate::all(&f, lang, &BTreeSet::new());
        let got: Vec<&str> = report.entries.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(got, want, "{lang:?}");
    }
    assert_eq!(tanya_engine::text::Ui::Next.say(fr, &s.tanya), "Suivant");
    assert_eq!(
        tanya_engine::text::Ui::Previous.say(fr, &s.tanya),
        "Previous",
        "English where the questionnaire gives none"
    );
    assert!(tanya_engine::text::catalogue().iter().any(|(k, en, _)| k == "numberMin" && en.contains("{0}")));
}

#[test]
fn a_warning_or_info_validator_is_shown_once_and_does_not_block() {
    let json = r#"{"elements": [
        {"type": "text", "name": "a", "inputType": "number", "validators": [{"type": "numeric", "maxValue": 50, "notificationType": "warning", "text": "Banyak sekali"}]},
        {"type": "text", "name": "b", "inputType": "number", "validators": [{"type": "numeric", "maxValue": 50, "notificationType": "info"}]},
        {"type": "text", "name": "c", "inputType": "number", "validators": [{"type": "numeric", "maxValue": 50}]}]}"#;
    let s = load(json).expect("loads").survey;
    let mut f = Flow::new(&s, None);
    for q in ["a", "b", "c"] {
        f.set_answer(q, Value::Number(60.0));
    }
    let report = validate::all(&f, Lang::ID, &BTreeSet::new());
    let got: Vec<(&str, bool)> = report.entries.iter().map(|e| (e.question.as_str(), e.soft)).collect();
    assert_eq!(got, [("a", true), ("b", true), ("c", false)]);
    assert_eq!(report.entries[0].message, "Banyak sekali");
    let read: BTreeSet<String> = report.soft_questions().into_iter().collect();
    let again = validate::all(&f, Lang::ID, &read);
    let got: Vec<&str> = again.entries.iter().map(|e| e.question.as_str()).collect();
    assert_eq!(got, ["c"], "read once, the respondent goes on");
}
