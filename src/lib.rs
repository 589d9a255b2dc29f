//! Tanya's respondent app: a thin Leptos view over `tanya-engine`.
//!
//! [`start`] reads the page's `#tanya-config` block, loads the questionnaire
//! and mounts the form into `#tanya`. Every rule lives in the engine; this
//! crate renders and wires browser I/O (`platform`).

pub mod config;
pub mod platform;
pub mod ui;

/// The questionnaire bundled into the app, shown when the config names none.
pub const DEMO_SURVEY: &str = include_str!("../surveys/integrity.json");

/// Reads the configuration and mounts the app into `#tanya` (or `<body>`).
pub fn start() {
    let cfg = config::Config::from_page();
    let Some(target) = platform::dom::element_by_id("tanya") else {
        leptos::mount::mount_to_body(move || ui::App(ui::AppProps { config: cfg }));
        return;
    };
    target.set_inner_html("");
    leptos::mount::mount_to(target, move || ui::App(ui::AppProps { config: cfg })).forget();
}
