//! Taking over a page 1 that `tanya site` rendered into `index.html`.
//!
//! The prerendered markup stays on screen, and in use, while the app starts
//! in a hidden element beside it. Once the form is drawn, what the
//! respondent typed or tapped meanwhile is read off the prerendered inputs,
//! the app's own (identical) markup takes its place in the same frame, and
//! focus goes back to the input that had it. The root then carries
//! `data-tanya-ready`.

use super::dom::window;
use std::cell::RefCell;
use tanya_engine::flow::Typed;
use tanya_engine::text::Lang;
use wasm_bindgen::JsCast;

/// The attribute `tanya site` puts on `#tanya` when page 1 is prerendered in it.
pub const PRERENDERED: &str = "data-tanya-prerendered";
/// The attribute the root gets once the form answers to taps and keys.
pub const READY: &str = "data-tanya-ready";

/// A prerendered page waiting for the app.
struct Waiting {
    /// `#tanya`, which holds both.
    target: web_sys::HtmlElement,
    /// The hidden element the app mounts into.
    app: web_sys::HtmlElement,
    /// The language the prerendered page is in (`<html lang>` before the
    /// app sets its own): what was typed there is read in it.
    lang: Option<Lang>,
}

thread_local! {
    static WAITING: RefCell<Option<Waiting>> = const { RefCell::new(None) };
}

/// When `target` holds a prerendered page: takes the ids off the
/// prerendered markup (the app's copy is about to carry them), adds the
/// hidden element the app mounts into, and returns it. `None` for a page
/// with nothing prerendered.
pub fn prepare(target: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    if !target.has_attribute(PRERENDERED) {
        return None;
    }
    let doc = window()?.document()?;
    let lang = doc
        .document_element()
        .map(|e| e.get_attribute("lang").unwrap_or_default())
        .and_then(|l| Lang::from_code(&l));
    if let Ok(with_ids) = target.query_selector_all("[id]") {
        for i in 0..with_ids.length() {
            if let Some(e) = with_ids.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                // Kept under another name, so a label still focuses its input.
                let id = e.id();
                let _ = e.set_attribute("data-tanya-id", &id);
                e.set_id(&format!("tanya-pre-{id}"));
            }
        }
        relink_labels(target);
    }
    let app: web_sys::HtmlElement = doc.create_element("div").ok()?.dyn_into().ok()?;
    app.set_class_name("tanya-app");
    app.set_hidden(true);
    let _ = target.append_child(&app);
    WAITING.with(|w| *w.borrow_mut() = Some(Waiting { target: target.clone(), app: app.clone(), lang }));
    Some(app)
}

/// Points each prerendered `<label for>` at its input's new id.
fn relink_labels(target: &web_sys::HtmlElement) {
    let Ok(labels) = target.query_selector_all("label[for]") else { return };
    for i in 0..labels.length() {
        if let Some(l) = labels.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            if let Some(f) = l.get_attribute("for") {
                let _ = l.set_attribute("for", &format!("tanya-pre-{f}"));
            }
        }
    }
}

/// Once the form is drawn: hands `apply` the answers read off the
/// prerendered page (by question path, in the order they were given), the
/// language they were typed in and the name of the page they were on,
/// swaps the app's markup in, puts focus back, and marks the root ready.
/// Without a prerendered page it only marks `root` ready.
pub fn finish(root: super::dom::Root, apply: impl FnOnce(Vec<Read>, Option<Lang>, Option<String>)) {
    let Some(Waiting { target, app, lang }) = WAITING.with(|w| w.borrow_mut().take()) else {
        root.mark_ready();
        return;
    };
    let prerendered: Vec<web_sys::Element> =
        children(&target).into_iter().filter(|c| !c.is_same_node(Some(&app))).collect();
    let mut typed = Vec::new();
    for part in &prerendered {
        read_questions(part, &mut typed);
    }
    let focus = focused(&prerendered);
    let page = prerendered.iter().find_map(|part| {
        part.query_selector(".tanya-page[data-page]")
            .ok()
            .flatten()
            .and_then(|p| p.get_attribute("data-page"))
    });
    apply(typed.into_iter().map(|(_, answer)| answer).collect(), lang, page);
    for part in prerendered {
        part.remove();
    }
    app.set_hidden(false);
    if let Some(focus) = focus {
        refocus(&app, &focus);
    }
    let _ = target.remove_attribute(PRERENDERED);
    let _ = target.set_attribute(READY, "");
}

/// The element children of `e`.
fn children(e: &web_sys::Element) -> Vec<web_sys::Element> {
    let list = e.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The inputs of a question, in page order.
fn inputs(question: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(list) = question.query_selector_all("input, select, textarea") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i).and_then(|n| n.dyn_into().ok())).collect()
}

/// An answer read off the prerendered page: the question's path, what it
/// holds now and what it was drawn with.
pub type Read = (String, Typed, Typed);

/// Adds to `out` what each question under `part` holds now, and what it was
/// drawn with (its inputs' `checked`, `selected` and `value` attributes),
/// for those the respondent changed, a roster's cells and panels'
/// questions included (by their paths). `out` stays in the order they were
/// last answered in (`data-tanya-seq`, which the loader's `preview.js`
/// stamps), so the rules an answer runs meet the others as they did when it
/// was last given (a question answered twice counts once, at its last
/// answer); what was answered before the loader ran comes first, in page
/// order.
fn read_questions(part: &web_sys::Element, out: &mut Vec<(u32, Read)>) {
    let Ok(list) = part.query_selector_all("[data-question]") else { return };
    for i in 0..list.length() {
        let Some(q) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(name) = q.get_attribute("data-question") else { continue };
        // A question the preview hid again after something was typed in it
        // is read too: the engine keeps or clears it as the questionnaire says.
        let (now, drawn) = (read_inputs(&q, false), read_inputs(&q, true));
        if now != drawn {
            let seq = q.get_attribute("data-tanya-seq").and_then(|s| s.parse().ok()).unwrap_or(0);
            // After every answer given before it (a few dozen at most).
            let at = out.iter().position(|(other, _)| *other > seq).unwrap_or(out.len());
            out.insert(at, (seq, (name, now, drawn)));
        }
    }
}

/// What a question's inputs hold: as they were drawn, or now.
fn read_inputs(q: &web_sys::Element, drawn: bool) -> Typed {
    let mut typed = Typed::default();
    let mut position = 0;
    for input in inputs(q) {
        if let Some(i) = input.dyn_ref::<web_sys::HtmlInputElement>() {
            let on = if drawn { i.default_checked() } else { i.checked() };
            match (i.type_().as_str(), i.get_attribute("data-row")) {
                // A matrix cell.
                ("radio", Some(_)) if !on => {}
                ("radio", Some(row)) => typed.cells.push((row, i.value())),
                ("radio" | "checkbox", None) => {
                    if on && i.closest(".tanya-select-all").ok().flatten().is_none() {
                        typed.checked.push((position, i.value()));
                    }
                    position += 1;
                }
                _ if !i.class_list().contains("tanya-other") => {
                    let text = if drawn { drawn_text(i) } else { i.value() };
                    typed.text.get_or_insert_with(|| text.clone());
                    typed.texts.push(text);
                }
                _ => {}
            }
        } else if let Some(t) = input.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            typed.text.get_or_insert_with(|| {
                if drawn {
                    t.default_value().unwrap_or_default()
                } else {
                    t.value()
                }
            });
        } else if let Some(s) = input.dyn_ref::<web_sys::HtmlSelectElement>() {
            let picked = if drawn { "option[selected]" } else { "option:checked" };
            typed.selected =
                s.query_selector(picked).ok().flatten().and_then(|o| o.get_attribute("data-value"));
        }
    }
    typed
}

/// A text box's text as the browser drew it. Its `value` attribute holds a
/// default as written, but a date, e-mail or URL box shows (and its
/// `value` gives) only what the browser can read of it: a default written
/// `2024-1-2` draws an empty date box. Read as written, such a box would
/// look emptied by the respondent, and its default would be cleared.
fn drawn_text(i: &web_sys::HtmlInputElement) -> String {
    let written = i.default_value();
    let probe = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("input").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    match probe {
        Some(p) => {
            p.set_type(&i.type_());
            p.set_value(&written);
            p.value()
        }
        None => written,
    }
}

/// Where focus was in the prerendered page: the question, the input's
/// position in it, and a choice's value and a matrix cell's row (choices
/// and rows may come in another order once the app shuffles them with the
/// entry's own seed).
struct Focus {
    question: String,
    index: usize,
    value: Option<String>,
    row: Option<String>,
}

/// Where focus is in the prerendered page, if in it.
fn focused(parts: &[web_sys::Element]) -> Option<Focus> {
    let active = window()?.document()?.active_element()?;
    if !parts.iter().any(|p| p.contains(Some(&active))) {
        return None;
    }
    let question = active.closest("[data-question]").ok()??;
    let index = inputs(&question).iter().position(|i| i.is_same_node(Some(&active)))?;
    let value = active
        .dyn_ref::<web_sys::HtmlInputElement>()
        .filter(|i| matches!(i.type_().as_str(), "radio" | "checkbox"))
        .map(|i| i.value());
    let row = active.get_attribute("data-row");
    Some(Focus { question: question.get_attribute("data-question")?, index, value, row })
}

/// Focuses the same input in the app's markup: the choice with the same
/// value (in the same row), else the input at the same position.
fn refocus(app: &web_sys::Element, focus: &Focus) {
    let selector =
        format!("[data-question=\"{}\"]", focus.question.replace('\\', "\\\\").replace('"', "\\\""));
    let Some(q) = app.query_selector(&selector).ok().flatten() else { return };
    let all = inputs(&q);
    let same_value = focus.value.as_ref().and_then(|v| {
        all.iter().find(|i| {
            i.dyn_ref::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.value() == *v && i.get_attribute("data-row") == focus.row)
        })
    });
    if let Some(input) = same_value.or(all.get(focus.index)).and_then(|i| i.dyn_ref::<web_sys::HtmlElement>())
    {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = input.focus_with_options(&options);
    }
}
