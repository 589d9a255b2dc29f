//! Tanya's respondent app: a thin Leptos view over `tanya-engine`.
//!
//! [`start`] reads the page's `#tanya-config` block, loads the questionnaire
//! and mounts the form into `#tanya`. Every rule about answers, flow,
//! validation, fingerprints and delivery lives in the engine; this crate
//! renders, keeps view state (page, focus, what was already shown) and
//! wires browser I/O (`platform`).

pub mod config;
pub mod platform;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod ui;

/// Reads the configuration and mounts the app into `#tanya` (or `<body>`
/// when the page has only the `#tanya-config` block). A host page with
/// neither loaded the module for `mount()` or `<tanya-survey>`, and is left
/// alone.
pub fn start() {
    let target = platform::dom::element_by_id("tanya");
    if target.is_none() && platform::dom::element_by_id("tanya-config").is_none() {
        return;
    }
    let cfg = config::Config::from_page();
    platform::outbox::Outbox::shared();
    let Some(target) = target else {
        leptos::mount::mount_to_body(move || ui::App(ui::AppProps { config: cfg }));
        return;
    };
    // A page 1 prerendered by `tanya site` stays in use until the app has
    // drawn its own beside it (`platform::takeover`).
    let into = platform::takeover::prepare(&target).unwrap_or_else(|| {
        target.set_inner_html("");
        target
    });
    leptos::mount::mount_to(into, move || ui::App(ui::AppProps { config: cfg })).forget();
}
