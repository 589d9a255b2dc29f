//! The views. Components stay thin: they read the engine's answers through
//! [`state::Ctx`] and send events back to it.

pub mod form;
pub mod markup;
pub mod question;
pub mod state;
pub mod stored;

use crate::config::{Config, SurveySource};
use crate::platform::url;
use leptos::prelude::*;
use tanya_engine::schema;
use tanya_engine::text::{Lang, Ui};

thread_local! {
    /// The questionnaire's own words (`tanya.texts`), once it is loaded.
    static OWN_TEXTS: std::cell::Cell<Option<&'static schema::Settings>> = const { std::cell::Cell::new(None) };
}

/// What an input holds as the page is drawn, as an attribute (`checked`,
/// `selected`, `value`), for page 1 rendered natively by `tanya site`,
/// where `prop:` values are not written into the markup: a default or a
/// prefilled answer then shows before the app arrives. In the browser,
/// nothing, not even code: `prop:` keeps the input live there.
#[cfg(not(target_arch = "wasm32"))]
pub fn drawn<T>(now: impl Fn() -> T) -> Option<T> {
    Some(leptos::prelude::untrack(now))
}

/// In the browser an input's state is its `prop:`, so nothing is drawn.
#[cfg(target_arch = "wasm32")]
pub fn drawn<T>(_: impl Fn() -> T) {}

/// Whether this is page 1 rendered natively for `tanya site` (never in the browser).
pub const PRERENDERING: bool = cfg!(not(target_arch = "wasm32"));

/// The questionnaire's own text for an item or button in `lang`, else the
/// form's word for it ([`say`]).
pub fn own_or(own: &tanya_engine::text::Text, fallback: Ui, lang: Lang) -> String {
    match own.get(lang) {
        "" => say(fallback, lang),
        t => t.to_string(),
    }
}

/// The form's words for `ui` in `lang`: the questionnaire's own under
/// `tanya.texts` (of the questionnaire loaded last on the page), else
/// Tanya's, in Indonesian or English.
pub fn say(ui: Ui, lang: Lang) -> String {
    match OWN_TEXTS.with(std::cell::Cell::get) {
        Some(own) => ui.say(lang, own),
        None => ui.text(lang).to_string(),
    }
}

/// Loads a questionnaire for the rest of the page's life (the flow borrows
/// it as `'static`), once per distinct text: mounting the same
/// questionnaire again, as `mount()`/`unmount()` cycles do, reuses it
/// instead of keeping another copy.
pub(crate) fn load_once(text: String) -> Result<&'static schema::Survey, String> {
    thread_local! {
        static LOADED: std::cell::RefCell<std::collections::HashMap<String, &'static schema::Survey>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(s) = LOADED.with(|l| l.borrow().get(&text).copied()) {
        OWN_TEXTS.with(|o| o.set(Some(&s.tanya)));
        return Ok(s);
    }
    let loaded = schema::load(&text).map_err(|e| e.to_string())?;
    // Nothing ignored silently: the questionnaire's author sees each warning.
    for w in &loaded.warnings {
        leptos::logging::warn!("tanya: {w}");
    }
    let survey: &'static schema::Survey = Box::leak(Box::new(loaded.survey));
    LOADED.with(|l| l.borrow_mut().insert(text, survey));
    OWN_TEXTS.with(|o| o.set(Some(&survey.tanya)));
    Ok(survey)
}

/// Loads the questionnaire, then shows the form.
#[component]
pub fn App(config: Config) -> impl IntoView {
    for p in &config.problems {
        leptos::logging::warn!("{p}");
    }
    let root = config.root;
    let embedded = root != crate::platform::dom::Root::Page;
    // In a host page the URL belongs to the host: only the options count.
    let mut params = if embedded { Vec::new() } else { url::query_params() };
    if let Some(g) = &config.group {
        params.retain(|(k, _)| k != "group");
        params.push(("group".to_string(), g.clone()));
    }
    let endpoint = config.endpoint.clone();
    let valid = |code: &String| Lang::from_code(code).is_some();
    // `?lang=` is the respondent's own link; the configuration's `lang` is
    // the page's default (a host page's choice, or the language `tanya
    // site` drew page 1 in), which a resumed draft's language overrides on
    // Tanya's own page.
    let url_lang = params.iter().find(|(k, _)| k == "lang").map(|(_, v)| v.clone()).filter(valid);
    let query_lang = url_lang.clone().or_else(|| config.lang.clone().filter(valid));
    let browser = url::browser_languages();
    // Before the questionnaire is here, in one of Tanya's own languages.
    let lang = Lang::negotiate(query_lang.as_deref(), &browser, &[Lang::ID, Lang::EN]);
    let asked = url_lang.is_some() || (embedded && query_lang.is_some());
    root.set_lang(lang.code());
    root.set_theme(&config.theme);
    // A plain signal and a task, not a `LocalResource`: the async-derived
    // machinery behind resources was 18 KB of the wasm. An inline
    // questionnaire is there at once, without waiting a task tick.
    let loaded = RwSignal::new(None::<Result<&'static schema::Survey, String>>);
    match config.survey.clone() {
        SurveySource::Missing => loaded.set(Some(Err(config.no_questionnaire()))),
        SurveySource::Inline(json) => loaded.set(Some(load_once(json.to_string()))),
        SurveySource::Url(url) => leptos::task::spawn_local(async move {
            let result = crate::platform::http::fetch_survey(&url).await.and_then(load_once);
            // The form may be gone (unmounted) by the time the text arrives.
            let _ = loaded.try_set(Some(result));
        }),
    }
    move || match loaded.get() {
        None => view! { <p class="tanya-loading">{say(Ui::Loading, lang)}</p> }.into_any(),
        Some(Err(e)) => {
            Effect::new(move |_| untrack(|| crate::platform::takeover::finish(root, |_, _, _| {})));
            // Entries kept from earlier visits still leave, whatever this page's fault.
            crate::platform::outbox::Outbox::start_shared();
            view! {
            <div class="tanya-load-error" role="alert">
                <p>{say(Ui::LoadFailed, lang)}</p>
                <pre>{e}</pre>
            </div>
            }
            .into_any()
        }
        Some(Ok(survey)) => {
            // One of the questionnaire's languages; without one asked for, a
            // resumed draft goes on in its own.
            let lang = Lang::negotiate(query_lang.as_deref(), &browser, &survey.languages);
            let draft = stored::draft_lang(survey).filter(|l| survey.languages.contains(l));
            let lang = if asked { lang } else { draft.unwrap_or(lang) };
            root.set_lang(lang.code());
            let endpoint: Option<&'static schema::Endpoint> =
                endpoint.clone().map(|e| &*Box::leak(Box::new(e)));
            let outbox = crate::platform::outbox::Outbox::start_shared();
            let params = params.clone();
            let start = move |lang: Lang| {
                let mut ctx = state::Ctx::new(survey, lang, &params, endpoint, outbox);
                ctx.root = root;
                ctx.follow_other_tabs();
                view! { <form::Form ctx=ctx/> }.into_any()
            };
            match stored::earlier_submit(survey) {
                Some(earlier) if survey.tanya.duplicates != schema::DuplicatePolicy::Allow => {
                    view! { <form::Duplicate survey=survey earlier=earlier lang=lang root=root start=start/> }
                        .into_any()
                }
                _ => start(lang),
            }
        }
    }
}
