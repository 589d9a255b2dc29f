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
    /// The preview table (JSON, `web/preview.js` reads it): for each
    /// one-answer question, the elements only it shows or hides, as CSS
    /// selectors, and which of them each answer shows (`Flow::previews`).
    pub preview: String,
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
    let (html, preview) = owner.with(|| {
        // Rendered inside a memo, so the signals the view reads have a
        // reactive context to be read in, as they do in the browser.
        let rendered = Memo::new(move |_| {
            let ctx = Ctx::new(survey, lang, &[], endpoint, outbox);
            // Whether this phone keeps drafts is for the app to find out.
            ctx.storage_ok.set(true);
            let preview = ctx.model.with_untracked(|m| preview_table(survey, &m.flow.previews(m.page)));
            (view! { <Form ctx=ctx narrow=Signal::derive(|| true)/> }.to_html(), preview)
        });
        rendered.get_untracked()
    });
    drop(owner);
    Ok(PageOne {
        html: without_style_attributes(&html),
        lang,
        title: survey.title.get(lang).to_string(),
        preview,
    })
}

/// The preview table as `web/preview.js` reads it: keyed by the answered
/// question's `data-question`, its targets as the attribute and value that
/// mark them in the markup the components draw (compared as text, never
/// built into a selector), and per answer a 1 or 0 for each target.
fn preview_table(survey: &tanya_engine::schema::Survey, previews: &[tanya_engine::flow::Preview]) -> String {
    use serde_json::{json, Map, Value};
    let mut table = Map::new();
    for p in previews {
        let targets: Vec<[&str; 2]> = p
            .targets
            .iter()
            .map(|&t| {
                let e = &survey.elements[t];
                match e.kind {
                    tanya_engine::schema::Kind::Panel { .. } => ["data-panel", e.name.as_str()],
                    _ => ["data-question", e.name.as_str()],
                }
            })
            .collect();
        let shown: Map<String, Value> = p
            .shown
            .iter()
            .map(|(answer, on)| (answer.clone(), on.iter().map(|&s| u8::from(s)).collect::<Vec<_>>().into()))
            .collect();
        table.insert(survey.elements[p.source].name.clone(), json!({"targets": targets, "shown": shown}));
    }
    Value::Object(table).to_string()
}

/// `html` without its `style="…"` attributes: the collector's CSP allows no
/// inline style, and the app sets what they held (the progress bar's
/// width) itself once it runs. Only attributes are taken out: the same
/// words in text or in another attribute's value stay.
fn without_style_attributes(html: &str) -> String {
    const STYLE: &str = " style=\"";
    let mut out = String::with_capacity(html.len());
    let (mut in_tag, mut in_value) = (false, false);
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if in_tag && !in_value && rest.starts_with(STYLE) {
            let after = &rest[STYLE.len()..];
            rest = after.find('"').map_or("", |end| &after[end + 1..]);
            continue;
        }
        match c {
            '<' if !in_tag => in_tag = true,
            '"' if in_tag => in_value = !in_value,
            '>' if in_tag && !in_value => in_tag = false,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo questionnaire (`surveys/integrity.json`).
    const DEMO_SURVEY: &str = include_str!("../surveys/integrity.json");

    #[test]
    fn page_one_is_the_form_markup_with_its_first_questions() {
        let page = page_one(DEMO_SURVEY, None, None).expect("renders");
        assert_eq!(page.lang, Lang::ID);
        assert!(page.title.starts_with("Survei"), "{}", page.title);
        for part in
            ["class=\"tanya-form\"", "data-question=\"group\"", "type=\"radio\"", "class=\"tanya-next\""]
        {
            assert!(page.html.contains(part), "{part} in {}", page.html);
        }
        assert!(!page.html.contains(" style=\""), "no inline style: {}", page.html);
        let english = page_one(DEMO_SURVEY, Some("en"), None).expect("renders");
        assert_eq!(english.lang, Lang::EN);
        assert!(english.html.contains(">Next<"), "{}", english.html);
        let bad = page_one(r#"{"pages": 3}"#, None, None).expect_err("refused");
        assert!(bad.contains("pages"), "{bad}");
    }

    #[test]
    fn the_preview_table_names_the_markup_and_each_answers_verdict() {
        let json = r#"{"elements": [
            {"type": "radiogroup", "name": "q", "choices": [1, 2]},
            {"type": "text", "name": "say \"why\"", "visibleIf": "{q} = 1"},
            {"type": "panel", "name": "more", "visibleIf": "{q} = 2", "elements": [{"type": "text", "name": "t"}]},
            {"type": "text", "name": "free"}]}"#;
        let page = page_one(json, None, None).expect("renders");
        let table: serde_json::Value = serde_json::from_str(&page.preview).expect("JSON");
        assert_eq!(
            table,
            serde_json::json!({"q": {
                "targets": [["data-question", "say \"why\""], ["data-panel", "more"], ["data-question", "t"]],
                "shown": {"": [0, 0, 0], "1": [1, 0, 0], "2": [0, 1, 1]}}})
        );
        // The targets are in the markup, hidden as the table says for no answer.
        for part in [r#"data-question="say &quot;why&quot;" hidden"#, r#"data-panel="more" hidden"#] {
            assert!(page.html.contains(part), "{part} in {}", page.html);
        }
        let none = page_one(r#"{"elements": [{"type": "text", "name": "a"}]}"#, None, None).expect("renders");
        assert_eq!(none.preview, "{}");
    }

    #[test]
    fn defaults_are_drawn_into_the_markup() {
        let json = r#"{"elements": [
            {"type": "radiogroup", "name": "r", "choices": ["a", "b"], "defaultValue": "b"},
            {"type": "checkbox", "name": "c", "choices": ["x", "y"], "defaultValue": ["x"]},
            {"type": "boolean", "name": "ok", "defaultValue": false},
            {"type": "dropdown", "name": "d", "choices": ["p", "q"], "defaultValue": "q"},
            {"type": "rating", "name": "s", "defaultValue": 2},
            {"type": "text", "name": "t", "defaultValue": "Siti \"S\""},
            {"type": "comment", "name": "m", "defaultValue": "a < b &lt; </textarea>"},
            {"type": "matrix", "name": "g", "rows": ["r1"], "columns": [1, 2], "defaultValue": {"r1": 2}},
            {"type": "multipletext", "name": "w", "items": [{"name": "i"}], "defaultValue": {"i": "ok"}}]}"#;
        let html = page_one(json, None, None).expect("renders").html;
        // Each input that holds its default, and only it, says so.
        let checked: Vec<&str> = html.split("<input").filter(|i| i.contains(" checked")).collect();
        let expected =
            [r#"value="b""#, r#"value="x""#, r#"value="false""#, "tanya-g-s", r#"data-row="r1" value="2""#];
        assert_eq!(checked.len(), expected.len(), "{checked:#?}");
        for (input, want) in checked.iter().zip(expected) {
            assert!(input.contains(want), "{want} in {input}");
        }
        for part in [
            r#"data-value="q" selected"#,
            r#"value="Siti &quot;S&quot;""#,
            ">a &lt; b &amp;lt; &lt;/textarea></textarea>",
            r#"value="ok""#,
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
    }

    #[test]
    fn an_order_drawn_per_entry_is_marked_to_wait_for_the_app() {
        let json = r#"{"elements": [
            {"type": "radiogroup", "name": "r", "choices": ["a", "b"], "choicesOrder": "random"},
            {"type": "radiogroup", "name": "s", "choices": ["a", "b"], "choicesOrder": "asc"},
            {"type": "matrix", "name": "m", "rows": ["x", "y"], "columns": [1], "rowOrder": "random"}]}"#;
        let html = page_one(json, None, None).expect("renders").html;
        let class_of = |name: &str| {
            let at = html.find(&format!("data-question=\"{name}\"")).expect(name);
            let rest = &html[at..];
            rest[..rest.find('>').expect("tag end")].to_string()
        };
        assert!(class_of("r").contains("tanya-shuffled"), "{}", class_of("r"));
        assert!(!class_of("s").contains("tanya-shuffled"), "{}", class_of("s"));
        assert!(class_of("m").contains("tanya-shuffled"), "{}", class_of("m"));
    }

    #[test]
    fn elements_in_an_order_drawn_per_entry_wait_for_the_app() {
        let json = r#"{"pages": [{"name": "p", "questionOrder": "random", "elements": [
            {"type": "panel", "name": "follows", "elements": [{"type": "text", "name": "x"}]},
            {"type": "panel", "name": "kept", "questionOrder": "initial", "elements": [{"type": "text", "name": "y"}]}]}]}"#;
        let html = page_one(json, None, None).expect("renders").html;
        let tag = |attr: &str| {
            let at = html.find(attr).expect(attr);
            let start = html[..at].rfind('<').expect("tag start");
            html[start..at + html[at..].find('>').expect("tag end")].to_string()
        };
        for (attr, want) in
            [(r#"data-page="p""#, true), (r#"data-panel="follows""#, true), (r#"data-panel="kept""#, false)]
        {
            assert_eq!(tag(attr).contains("tanya-reordered"), want, "{}", tag(attr));
        }
        let plain =
            page_one(r#"{"elements": [{"type": "text", "name": "x"}]}"#, None, None).expect("renders").html;
        assert!(!plain.contains("tanya-reordered"), "{plain}");
    }

    #[test]
    fn style_attributes_go_and_the_rest_stays() {
        let cases = [
            (r#"<div class="a" style="width:0%;">x</div>"#, r#"<div class="a">x</div>"#),
            (r#"<p style="">y</p><i style="a:b">z</i>"#, "<p>y</p><i>z</i>"),
            ("<b>none</b>", "<b>none</b>"),
            // The words in text, or inside another attribute's value, are no attribute.
            (r#"<p title="a style="b">x style="y" z</p>"#, r#"<p title="a style="b">x style="y" z</p>"#),
            (r#"<i> style="</i><b style="c">"#, r#"<i> style="</i><b>"#),
        ];
        for (given, want) in cases {
            assert_eq!(without_style_attributes(given), want);
        }
    }
}
