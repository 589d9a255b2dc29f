//! Page 1 as HTML, rendered natively by the same components the browser
//! runs: what `tanya site` writes into `index.html`, so the first question
//! is on screen before the app has arrived (`platform::takeover` then takes
//! it over).
//!
//! Natively there is no browser: every `platform` call is inert, storage
//! reads as empty (so no draft, no earlier entry), and effects never run.

use crate::platform::outbox::Outbox;
use crate::ui::form::Form;
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::schema::Endpoint;
use tanya_engine::text::Lang;

/// Page 1 of a questionnaire, rendered.
#[derive(Debug)]
pub struct PageOne {
    /// The form's markup, as the app draws it on a phone.
    pub html: String,
    /// The language it is in.
    pub lang: Lang,
    /// The questionnaire's title in that language.
    pub title: String,
}

/// Takes the tasks of effects and drops them: a rendered page has no effects.
struct NoEffects;

impl any_spawner::CustomExecutor for NoEffects {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// Renders page 1 of the questionnaire `json` in `lang` (a code; the
/// questionnaire's own language without one, or for one it is not in),
/// with entries going to `endpoint` when given. An error names what is
/// wrong with the questionnaire.
pub fn page_one(json: &str, lang: Option<&str>, endpoint: Option<Endpoint>) -> Result<PageOne, String> {
    // Set once per process; a second call finds it set, which is as good.
    let _ = any_spawner::Executor::init_custom_executor(NoEffects);
    let survey = crate::ui::load_once(json.to_string())?;
    let lang = Lang::negotiate(lang, &[], &survey.languages);
    let endpoint: Option<&'static Endpoint> = endpoint.map(|e| &*Box::leak(Box::new(e)));
    // The page's one outbox outlives every render, as in the browser.
    let outbox = Outbox::shared();
    let owner = Owner::new();
    let html = owner.with(|| {
        // Rendered inside a memo, so the signals the view reads have a
        // reactive context to be read in, as they do in the browser.
        let rendered = Memo::new(move |_| {
            let mut ctx = Ctx::new(survey, lang, &[], endpoint, outbox);
            // Whether this phone keeps drafts is for the app to find out.
            ctx.storage_ok = true;
            view! { <Form ctx=ctx narrow=Signal::derive(|| true)/> }.to_html()
        });
        rendered.get_untracked()
    });
    drop(owner);
    Ok(PageOne { html: without_style_attributes(&html), lang, title: survey.title.get(lang).to_string() })
}

/// `html` without its `style="…"` attributes: the collector's CSP allows no
/// inline style, and the app sets what they held (the progress bar's
/// width) itself once it runs.
fn without_style_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" style=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " style=\"".len()..];
        rest = after.find('"').map_or("", |end| &after[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_one_is_the_form_markup_with_its_first_questions() {
        let page = page_one(crate::DEMO_SURVEY, None, None).expect("renders");
        assert_eq!(page.lang, Lang::ID);
        assert!(page.title.starts_with("Survei"), "{}", page.title);
        for part in
            ["class=\"tanya-form\"", "data-question=\"group\"", "type=\"radio\"", "class=\"tanya-next\""]
        {
            assert!(page.html.contains(part), "{part} in {}", page.html);
        }
        assert!(!page.html.contains(" style=\""), "no inline style: {}", page.html);
        let english = page_one(crate::DEMO_SURVEY, Some("en"), None).expect("renders");
        assert_eq!(english.lang, Lang::EN);
        assert!(english.html.contains(">Next<"), "{}", english.html);
        let bad = page_one(r#"{"pages": 3}"#, None, None).expect_err("refused");
        assert!(bad.contains("pages"), "{bad}");
    }

    #[test]
    fn style_attributes_go_and_the_rest_stays() {
        let cases = [
            (r#"<div class="a" style="width:0%;">x</div>"#, r#"<div class="a">x</div>"#),
            (r#"<p style="">y</p><i style="a:b">z</i>"#, "<p>y</p><i>z</i>"),
            ("<b>none</b>", "<b>none</b>"),
        ];
        for (given, want) in cases {
            assert_eq!(without_style_attributes(given), want);
        }
    }
}
