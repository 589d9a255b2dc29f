//! DOM helpers, and [`Root`]: where a form is mounted.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// The browser window, or `None` where there is none: page 1 rendered
/// natively (`tanya site`) runs the same components, and every platform
/// call is then inert instead of calling into a JavaScript that is not there.
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The element with `id`, if the page has one.
pub fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    window()?.document()?.get_element_by_id(id)?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Focuses the first enabled input inside `within` (else `within`) and
/// brings it into view.
fn focus_first_input(within: web_sys::HtmlElement) {
    let target = within
        .query_selector("input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or(within);
    let _ = target.focus();
    target.scroll_into_view();
}

/// Asks the respondent to confirm with the browser's own dialog; true when
/// there is no window to ask in.
pub fn confirm(message: &str) -> bool {
    window().is_none_or(|w| w.confirm_with_message(message).unwrap_or(true))
}

/// Sets the tab's title (Tanya's own page only; a host page keeps its own).
pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        if !title.is_empty() {
            d.set_title(title);
        }
    }
}

/// Where a form is mounted: the whole page (the standalone site), or an
/// element a host page gave (`mount()`, `<tanya-survey>`), perhaps inside a
/// shadow root, where `document.getElementById` cannot see and where the
/// page's scroll position and `<html lang>` belong to the host.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Root {
    /// The page is Tanya's own.
    #[default]
    Page,
    /// A container element in a host page, by its registry key.
    Element(u32),
}

thread_local! {
    static ROOTS: RefCell<HashMap<u32, web_sys::HtmlElement>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

impl Root {
    /// Registers a host page's container; [`Root::release`] forgets it.
    pub fn register(container: &web_sys::HtmlElement) -> Root {
        let key = NEXT.with(|n| {
            let k = n.get();
            n.set(k.wrapping_add(1).max(1));
            k
        });
        ROOTS.with(|r| r.borrow_mut().insert(key, container.clone()));
        Root::Element(key)
    }

    /// Forgets a container after unmounting.
    pub fn release(self) {
        if let Root::Element(key) = self {
            ROOTS.with(|r| r.borrow_mut().remove(&key));
        }
    }

    /// The container element, for [`Root::Element`].
    pub fn container(self) -> Option<web_sys::HtmlElement> {
        match self {
            Root::Page => None,
            Root::Element(key) => ROOTS.with(|r| r.borrow().get(&key).cloned()),
        }
    }

    /// The element with `id` inside this root.
    pub fn find(self, id: &str) -> Option<web_sys::HtmlElement> {
        match self {
            Root::Page => element_by_id(id),
            Root::Element(_) => {
                let found = self.container()?.query_selector(&format!("#{id}")).ok()??;
                found.dyn_into::<web_sys::HtmlElement>().ok()
            }
        }
    }

    /// Moves focus to the element with `id` once the current render has landed.
    /// With `scroll`, the element is also brought into view; without, the
    /// view stays where it is (a page change has already scrolled to the top).
    pub fn focus_soon(self, id: String, scroll: bool) {
        let Some(w) = window() else { return };
        let f = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(e) = self.find(&id) {
                if scroll {
                    let _ = e.focus();
                    e.scroll_into_view();
                } else {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = e.focus_with_options(&options);
                }
            }
        });
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
    }

    /// Moves focus to a question's first input (`dom_id` as in its
    /// `tanya-q-…` id), else the question itself, and brings it into view.
    pub fn focus_question(self, dom_id: &str) {
        if let Some(question) = self.find(&format!("tanya-q-{dom_id}")) {
            focus_first_input(question);
        }
    }

    /// Once the current render has landed, moves focus to the first input
    /// inside the element with `id` (a roster's new card).
    pub fn focus_within_soon(self, id: String) {
        let Some(w) = window() else { return };
        let f = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(e) = self.find(&id) {
                focus_first_input(e);
            }
        });
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
    }

    /// Brings the top of the form into view after a page change: the window's
    /// top on Tanya's own page, the container's top in a host page.
    pub fn scroll_top(self) {
        match self.container() {
            Some(c) => c.scroll_into_view(),
            None => {
                if let Some(w) = window() {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        }
    }

    /// Where page-wide attributes go: `<html>` on Tanya's own page, the
    /// container in a host page.
    fn attribute_holder(self) -> Option<web_sys::HtmlElement> {
        match self {
            Root::Page => window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.dyn_into().ok()),
            Root::Element(_) => self.container(),
        }
    }

    /// Marks the form as answering to taps and keys: `data-tanya-ready` on
    /// `#tanya` (else `<body>`) on Tanya's own page, on the container in a
    /// host page.
    pub fn mark_ready(self) {
        let holder = match self {
            Root::Page => element_by_id("tanya").or_else(|| window()?.document()?.body()),
            Root::Element(_) => self.container(),
        };
        if let Some(e) = holder {
            let _ = e.set_attribute(super::takeover::READY, "");
        }
    }

    /// Sets the language attribute screen readers read: `<html lang>` on
    /// Tanya's own page, the container's `lang` in a host page.
    pub fn set_lang(self, code: &str) {
        if let Some(e) = self.attribute_holder() {
            let _ = e.set_attribute("lang", code);
        }
    }

    /// Sets theme custom properties (`--tanya-*` only) on the container, or
    /// on `<html>` for Tanya's own page.
    pub fn set_theme(self, theme: &[(String, String)]) {
        let Some(e) = self.attribute_holder() else { return };
        for (name, value) in theme {
            let _ = e.style().set_property(name, value);
        }
    }
}
