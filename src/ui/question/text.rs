//! `text` (text, number, email, tel, date, url) and `comment`.

use super::{described_by, invalid, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::answers::{input_text, parse_input};
use tanya_engine::expr::Value;
use tanya_engine::schema::{ElementId, InputType, Kind};
use tanya_engine::text::Lang;

/// What a text input shows for an answer, and what to store for what is
/// typed. While the typed text still means the stored answer ("1.000" for
/// a thousand, "2," on the way to "2,5"), it stays as typed, so the caret
/// never jumps; otherwise (a draft, a language switch) the answer is shown
/// as the form's language writes it.
#[derive(Clone, Copy)]
pub struct Typed {
    typed: RwSignal<String>,
    input_type: InputType,
}

impl Typed {
    /// A fresh input of `input_type`.
    pub fn new(input_type: InputType) -> Typed {
        Typed { typed: RwSignal::new(String::new()), input_type }
    }

    /// The text to show for `answer` in `lang`.
    pub fn shown(self, answer: &Value, lang: Lang) -> String {
        let typed = self.typed.get_untracked();
        if !typed.is_empty() && parse_input(&typed, self.input_type, lang) == *answer {
            typed
        } else {
            input_text(answer, lang)
        }
    }

    /// Remembers what was typed and returns the answer it means.
    pub fn read(self, raw: String, lang: Lang) -> Value {
        let v = parse_input(&raw, self.input_type, lang);
        self.typed.set(raw);
        v
    }
}

/// A labelled input or textarea.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let here = ids.here;
    let (head, desc) = title_parts(here);
    let value = move || ctx.value(here).to_display();
    let enabled = move || ctx.enabled_at(here);
    let required = move || ctx.required_at(here);
    let control = match &e.kind {
        Kind::Comment { max_length, placeholder } => {
            let placeholder = placeholder.clone();
            view! {
                <textarea id=ids.input.clone() rows="4" maxlength=max_length.map(|m| m.to_string())
                    placeholder=move || placeholder.get(ctx.lang.get()).to_string()
                    prop:value=value disabled=move || !enabled() aria-required=move || required().to_string()
                    aria-invalid=invalid(ctx, &ids) aria-describedby=described_by(ctx, &ids)
                    on:input=move |ev| ctx.put(here, parse_input(&event_target_value(&ev), InputType::Text, ctx.lang.get_untracked()))>
                    // Leptos writes a text area's text as it is: escaped here, so a
                    // default cannot end the element early.
                    {crate::ui::drawn(move || value().replace('&', "&amp;").replace('<', "&lt;"))}
                </textarea>
            }
            .into_any()
        }
        Kind::Text { input_type, min, max, max_length, placeholder, .. } => {
            let t = *input_type;
            let placeholder = placeholder.clone();
            let bound = |b: &Option<serde_json::Value>| {
                b.as_ref().map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
            };
            let typed = Typed::new(t);
            // A number is a text input, so the browser's min and max do not apply (validation says them).
            let (min, max) = if t == InputType::Number { (None, None) } else { (bound(min), bound(max)) };
            view! {
                <input id=ids.input.clone() type=t.html() inputmode=t.input_mode() min=min max=max
                    maxlength=max_length.map(|m| m.to_string()) autocomplete="off"
                    placeholder=move || placeholder.get(ctx.lang.get()).to_string()
                    prop:value=move || typed.shown(&ctx.value(here), ctx.lang.get())
                    value=crate::ui::drawn(move || typed.shown(&ctx.value(here), ctx.lang.get()))
                    disabled=move || !enabled() aria-required=move || required().to_string()
                    aria-invalid=invalid(ctx, &ids) aria-describedby=described_by(ctx, &ids)
                    on:input=move |ev| ctx.put(here, typed.read(event_target_value(&ev), ctx.lang.get_untracked()))/>
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <label class="tanya-label" for=ids.input.clone()>{head}</label>
        {desc}
        {control}
    }
    .into_any()
}
