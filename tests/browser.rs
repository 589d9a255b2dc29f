//! Browser tests: what only a browser can show. Run in headless Chromium by
//! `cargo xtask test` (wasm-bindgen-test through chromedriver).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tanya::config::Config;
use tanya::ui::state::Ctx;
use tanya_engine::expr::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits for timers and microtasks (async loads, effects) to run.
async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

fn new_host() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").expect("div").unchecked_into();
    document().body().expect("body").append_child(&host).expect("append");
    host
}

/// Mounts the app with `config` JSON into a fresh container and returns it.
async fn mount_app(config: &str) -> web_sys::HtmlElement {
    clear_drafts();
    let host = new_host();
    let cfg = Config::parse(config);
    leptos::mount::mount_to(host.clone(), move || tanya::ui::App(tanya::ui::AppProps { config: cfg }))
        .forget();
    tick(50).await;
    host
}

/// Mounts the form for `survey` JSON directly, with the layout forced.
async fn mount_form(survey: &str, narrow: bool) -> (web_sys::HtmlElement, Ctx) {
    clear_drafts();
    let host = new_host();
    let s = tanya_engine::schema::load(survey).expect("survey loads").survey;
    let s: &'static tanya_engine::schema::Survey = Box::leak(Box::new(s));
    let ctx = Ctx::new(s, tanya_engine::text::Lang::EN, &[], None, tanya::platform::outbox::Outbox::new());
    leptos::mount::mount_to(host.clone(), move || {
        view! { <tanya::ui::form::Form ctx=ctx narrow=Signal::derive(move || narrow)/> }
    })
    .forget();
    tick(20).await;
    (host, ctx)
}

fn clear_drafts() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.clear();
    }
}

fn find(host: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    host.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element {selector}"))
        .unchecked_into()
}

fn count(host: &web_sys::HtmlElement, selector: &str) -> u32 {
    host.query_selector_all(selector).map(|l| l.length()).unwrap_or(0)
}

fn type_into(el: &web_sys::HtmlElement, text: &str, event: &str) {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(text);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(text);
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(text);
    }
    let ev = web_sys::Event::new(event).expect("event");
    el.dispatch_event(&ev).expect("dispatch");
}

const ALL_KINDS: &str = r#"{"pages": [{"elements": [
  {"type": "text", "name": "name", "title": "Name"},
  {"type": "text", "name": "age", "inputType": "number", "title": "Age"},
  {"type": "comment", "name": "note", "title": "Note"},
  {"type": "radiogroup", "name": "color", "choices": ["red", "blue"], "hasOther": true},
  {"type": "checkbox", "name": "tags", "choices": ["a", "b", "c"], "hasNone": true},
  {"type": "dropdown", "name": "city", "choices": ["Jakarta", "Medan"]},
  {"type": "boolean", "name": "agree", "title": "Agree"},
  {"type": "rating", "name": "score", "rateMax": 3},
  {"type": "ranking", "name": "rank", "choices": ["x", "y", "z"]},
  {"type": "multipletext", "name": "addr", "items": [{"name": "street"}, {"name": "zip"}]},
  {"type": "expression", "name": "twice", "expression": "{age} * 2", "title": "Twice"},
  {"type": "html", "name": "info", "html": "<b>Bold</b> words"}
]}]}"#;

#[wasm_bindgen_test]
async fn each_question_kind_renders_and_binds_its_answer() {
    let (host, ctx) = mount_form(ALL_KINDS, false).await;
    let answer = |n: &str| ctx.answer(n);

    type_into(&find(&host, "#tanya-i-name"), "Sari", "input");
    assert_eq!(answer("name"), Value::from("Sari"));
    type_into(&find(&host, "#tanya-i-age"), "2.5", "input");
    assert_eq!(answer("age"), Value::Number(2.5), "a decimal point is read in English");
    type_into(&find(&host, "#tanya-i-age"), "41", "input");
    assert_eq!(answer("age"), Value::Number(41.0), "number inputs answer numbers");
    type_into(&find(&host, "#tanya-i-note"), "ok", "input");
    assert_eq!(answer("note"), Value::from("ok"));

    find(&host, "[data-question=color] input[type=radio]").click();
    assert_eq!(answer("color"), Value::from("red"));
    let other: web_sys::HtmlElement = find(&host, "[data-question=color] .tanya-other");
    assert!(other.hidden(), "the other box waits for 'other'");
    host.query_selector_all("[data-question=color] input[type=radio]")
        .expect("radios")
        .item(2)
        .expect("other")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick(5).await;
    assert!(!other.hidden());
    type_into(&other, "green", "input");
    assert_eq!(answer("color-Comment"), Value::from("green"));

    let boxes = host.query_selector_all("[data-question=tags] input[type=checkbox]").expect("boxes");
    boxes.item(0).expect("a").unchecked_into::<web_sys::HtmlElement>().click();
    boxes.item(1).expect("b").unchecked_into::<web_sys::HtmlElement>().click();
    assert_eq!(answer("tags"), Value::Array(vec![Value::from("a"), Value::from("b")]));
    boxes.item(3).expect("none").unchecked_into::<web_sys::HtmlElement>().click();
    assert_eq!(answer("tags"), Value::Array(vec![Value::from("none")]), "none excludes the rest");

    type_into(&find(&host, "#tanya-i-city"), "1", "change");
    assert_eq!(answer("city"), Value::from("Medan"));

    let yes_no = host.query_selector_all("[data-question=agree] input[type=radio]").expect("yes and no");
    assert_eq!(yes_no.length(), 2, "a boolean is a yes/no pair");
    assert_eq!(answer("agree"), Value::Null, "neither is picked until the respondent picks one");
    yes_no.item(1).expect("no").unchecked_into::<web_sys::HtmlElement>().click();
    assert_eq!(answer("agree"), Value::Bool(false), "no is one tap");
    yes_no.item(0).expect("yes").unchecked_into::<web_sys::HtmlElement>().click();
    assert_eq!(answer("agree"), Value::Bool(true));

    host.query_selector_all("[data-question=score] input")
        .expect("rates")
        .item(2)
        .expect("3")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    assert_eq!(answer("score"), Value::Number(3.0));

    find(&host, "[data-question=rank] li:first-child button:last-child").click();
    assert_eq!(answer("rank"), Value::Array(vec![Value::from("y"), Value::from("x"), Value::from("z")]));
    tick(5).await;
    assert!(find(&host, "[data-question=rank] li:first-child")
        .text_content()
        .unwrap_or_default()
        .contains('y'));

    type_into(&find(&host, "#tanya-i-addr-1"), "10110", "input");
    assert_eq!(answer("addr"), Value::Object([("zip".to_string(), Value::from("10110"))].into()));

    tick(5).await;
    assert_eq!(find(&host, "[data-question=twice] output").text_content().as_deref(), Some("82"));
    assert_eq!(
        find(&host, ".tanya-html").text_content().as_deref(),
        Some("Bold words"),
        "html keeps its text"
    );
    assert_eq!(count(&host, ".tanya-html b"), 0, "no element of the questionnaire's own");
    assert_eq!(count(&host, ".tanya-html strong"), 1, "emphasis is kept, as a node the form built");
}

const MATRIX: &str = r#"{"pages": [{"elements": [
  {"type": "matrix", "name": "m", "title": "Rate", "isAllRowRequired": true,
   "rows": [{"value": "r1", "text": "The service is fast"}, {"value": "r2", "text": "Staff are honest"}],
   "columns": [1, 2, 3, 4]}]}, {"elements": [{"type": "text", "name": "after"}]}]}"#;

#[wasm_bindgen_test]
async fn matrix_list_layout_is_one_fieldset_per_row() {
    let (host, ctx) = mount_form(MATRIX, true).await;
    assert_eq!(count(&host, "table"), 0, "no table on a phone");
    assert_eq!(count(&host, "fieldset.tanya-matrix-row"), 2);
    let legend = find(&host, "fieldset.tanya-matrix-row legend").text_content().unwrap_or_default();
    assert_eq!(legend, "The service is fast", "each row carries its full statement");
    host.query_selector_all("fieldset.tanya-matrix-row:nth-of-type(2) input")
        .expect("cells")
        .item(3)
        .expect("4")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    assert_eq!(ctx.answer("m"), Value::Object([("r2".to_string(), Value::Number(4.0))].into()));

    let (wide, _) = mount_form(MATRIX, false).await;
    assert_eq!(count(&wide, "table.tanya-matrix tbody tr"), 2, "a table on wide screens");
    assert_eq!(count(&wide, "fieldset.tanya-matrix-row"), 0);
}

#[wasm_bindgen_test]
async fn error_summary_links_each_question_and_takes_focus() {
    let (host, ctx) = mount_form(MATRIX, true).await;
    host.query_selector_all("fieldset.tanya-matrix-row input")
        .expect("cells")
        .item(0)
        .expect("1")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    find(&host, "button.tanya-next").click();
    tick(30).await;
    assert_eq!(ctx.model.with_untracked(|m| m.page), 0, "an unanswered row blocks Next");
    let summary = find(&host, "#tanya-summary");
    let link = find(&summary, "a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#tanya-q-m"));
    assert!(link.text_content().unwrap_or_default().contains("Please answer every row."));
    let active = document().active_element().map(|e| e.id());
    assert_eq!(active.as_deref(), Some("tanya-summary"), "focus moves to the summary");
    let message = find(&host, "[data-question=m] .tanya-error-msg");
    assert_eq!(message.id(), "tanya-e-m");
    let described = find(&host, "[data-question=m] fieldset").get_attribute("aria-describedby");
    assert_eq!(described.as_deref(), Some("tanya-e-m"));

    host.query_selector_all("fieldset.tanya-matrix-row:nth-of-type(2) input")
        .expect("cells")
        .item(0)
        .expect("1")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick(5).await;
    assert_eq!(
        count(&host, "#tanya-summary"),
        0,
        "after the first attempt, validation re-runs on every change"
    );
    find(&host, "button.tanya-next").click();
    tick(5).await;
    assert_eq!(ctx.model.with_untracked(|m| m.page), 1);
}

#[wasm_bindgen_test]
async fn inline_questionnaire_renders_its_questions() {
    let host = mount_app(
        r#"{"survey": {"title": "Uji", "pages": [{"elements": [
            {"type": "text", "name": "nama", "title": "Nama Anda"},
            {"type": "comment", "name": "saran"}]}]}}"#,
    )
    .await;
    assert_eq!(count(&host, "[data-question]"), 2);
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Uji"), "title shown: {text}");
    assert!(text.contains("Nama Anda"), "question title shown: {text}");
}

#[wasm_bindgen_test]
async fn a_broken_questionnaire_shows_located_errors() {
    let host = mount_app(r#"{"survey": {"pages": [{"elements": [{"type": "yesno", "name": "q"}]}]}}"#).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("pages[0].elements[0].type: unknown question type 'yesno'"), "{text}");
}

#[wasm_bindgen_test]
async fn a_page_that_names_no_questionnaire_says_so() {
    // (config block, what the message must say)
    let cases = [
        ("{}", "#tanya-config names no questionnaire"),
        (r#"{"survey": 7}"#, "#tanya-config.survey: must be a questionnaire object or a URL"),
    ];
    for (config, want) in cases {
        let host = mount_app(config).await;
        assert_eq!(count(&host, "[data-question]"), 0, "{config}: no questionnaire shown");
        assert_eq!(count(&host, ".tanya-load-error[role=alert]"), 1, "{config}");
        let text = host.text_content().unwrap_or_default();
        assert!(text.contains(want), "{config}: {text}");
    }
}
