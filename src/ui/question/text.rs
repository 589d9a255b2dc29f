//! `text` (text, number, email, tel, date, url) and `comment`.

use super::{described_by, invalid, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::answers::parse_input;
use tanya_engine::schema::{ElementId, InputType, Kind};

/// A labelled input or textarea.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let (head, desc) = title_parts(id);
    let name = StoredValue::new(e.name.clone());
    let value = move || ctx.answer(&name.read_value()).to_display();
    let enabled = move || ctx.enabled(id);
    let required = move || ctx.required(id);
    let control = match &e.kind {
        Kind::Comment { max_length, placeholder } => {
            let placeholder = placeholder.clone();
            view! {
                <textarea id=ids.input.clone() rows="4" maxlength=max_length.map(|m| m.to_string())
                    placeholder=move || placeholder.get(ctx.lang.get()).to_string()
                    prop:value=value disabled=move || !enabled() aria-required=move || required().to_string()
                    aria-invalid=invalid(ctx, &ids) aria-describedby=described_by(ctx, &ids)
                    on:input=move |ev| ctx.set(&name.read_value(), parse_input(&event_target_value(&ev), InputType::Text))>
                </textarea>
            }
            .into_any()
        }
        Kind::Text { input_type, min, max, max_length, placeholder } => {
            let t = *input_type;
            let placeholder = placeholder.clone();
            let bound = |b: &Option<serde_json::Value>| {
                b.as_ref().map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
            };
            view! {
                <input id=ids.input.clone() type=t.html() min=bound(min) max=bound(max)
                    maxlength=max_length.map(|m| m.to_string()) autocomplete="off"
                    step=(t == InputType::Number).then_some("any")
                    placeholder=move || placeholder.get(ctx.lang.get()).to_string()
                    prop:value=value disabled=move || !enabled() aria-required=move || required().to_string()
                    aria-invalid=invalid(ctx, &ids) aria-describedby=described_by(ctx, &ids)
                    on:input=move |ev| ctx.set(&name.read_value(), parse_input(&event_target_value(&ev), t))/>
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
