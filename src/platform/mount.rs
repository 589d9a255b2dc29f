//! The JavaScript entry for host pages: `mount(element, options)` renders a
//! form into `element` and returns a handle whose `unmount()` removes it.
//! `web/tanya-embed.js` (copied into `dist/` by `cargo xtask dist`) wraps it with a shadow root, the stylesheet and
//! the `<tanya-survey>` custom element.

use crate::config::Config;
use crate::platform::dom::Root;
use crate::platform::outbox::Outbox;
use crate::ui::{App, AppProps};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The mounted forms' view handles, by root: dropping one unmounts it.
    /// They live here rather than in [`Mounted`] so that a host page which
    /// drops its handle (and lets the garbage collector free it) keeps its form.
    static MOUNTED: std::cell::RefCell<Vec<(Root, Box<dyn std::any::Any>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A mounted form, as JavaScript holds it.
#[wasm_bindgen]
pub struct Mounted {
    root: Root,
}

#[wasm_bindgen]
impl Mounted {
    /// Removes the form and everything it added to the container; its
    /// reactive state is disposed. Entries already submitted stay in the
    /// page's outbox and are still delivered. Calling it twice does nothing.
    pub fn unmount(&self) {
        let handle = MOUNTED.with(|m| {
            let mut m = m.borrow_mut();
            m.iter().position(|(r, _)| *r == self.root).map(|i| m.remove(i).1)
        });
        drop(handle);
        self.root.release();
    }
}

/// Renders a form into `element`. `options` has the shape of the page's
/// `#tanya-config` block: `{survey, endpoint, lang, group, theme}`, where
/// `survey` is a questionnaire object or a same-origin URL. Problems in the
/// options are reported in the console; the host page's URL parameters are
/// never read.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Mounted {
    let given = !(options.is_undefined() || options.is_null());
    let text = given.then(|| js_sys::JSON::stringify(&options).ok().and_then(|s| s.as_string())).flatten();
    let mut config = Config::parse(text.as_deref().unwrap_or("{}"));
    if given && text.is_none() {
        // A cyclic object, or a function: nothing JSON can hold.
        config.problems.push("mount() options: not readable as JSON, so none is used".into());
    }
    let root = Root::register(&element);
    config.root = root;
    Outbox::shared();
    let handle = leptos::mount::mount_to(element, move || App(AppProps { config }));
    MOUNTED.with(|m| m.borrow_mut().push((root, Box::new(handle))));
    Mounted { root }
}
