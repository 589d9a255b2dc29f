//! Browser tests: what only a browser can show. Run in headless Chromium by
//! `cargo xtask test` (wasm-bindgen-test through chromedriver).
#![cfg(target_arch = "wasm32")]

use tanya::config::Config;
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

/// Mounts the app with `config` JSON into a fresh container and returns it.
async fn mount(config: &str) -> web_sys::HtmlElement {
    let doc = web_sys::window().and_then(|w| w.document()).expect("a document");
    let host: web_sys::HtmlElement = doc.create_element("div").expect("div").unchecked_into();
    doc.body().expect("body").append_child(&host).expect("append");
    let cfg = Config::parse(config);
    leptos::mount::mount_to(host.clone(), move || tanya::ui::App(tanya::ui::AppProps { config: cfg }))
        .forget();
    tick(50).await;
    host
}

#[wasm_bindgen_test]
async fn inline_questionnaire_renders_its_questions() {
    let host = mount(
        r#"{"survey": {"title": "Uji", "pages": [{"elements": [
            {"type": "text", "name": "nama", "title": "Nama Anda"},
            {"type": "comment", "name": "saran"}]}]}}"#,
    )
    .await;
    let questions = host.query_selector_all("[data-question]").expect("query");
    assert_eq!(questions.length(), 2);
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Uji"), "title shown: {text}");
    assert!(text.contains("Nama Anda"), "question title shown: {text}");
}

#[wasm_bindgen_test]
async fn a_broken_questionnaire_shows_located_errors() {
    let host = mount(r#"{"survey": {"pages": [{"elements": [{"type": "yesno", "name": "q"}]}]}}"#).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("pages[0].elements[0].type: unknown question type 'yesno'"), "{text}");
}
