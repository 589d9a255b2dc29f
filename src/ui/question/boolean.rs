//! `boolean`: a switch. Untouched means unanswered; a touch answers true or false.

use super::{described_by, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::expr::Value;
use tanya_engine::schema::{ElementId, Kind};
use tanya_engine::text::Ui;

/// A labelled switch with its state in words.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::Boolean { label_true, label_false } = &e.kind else { return ().into_any() };
    let (label_true, label_false) = (label_true.clone(), label_false.clone());
    let name = StoredValue::new(e.name.clone());
    let (head, desc) = title_parts(id);
    let on = move || ctx.answer(&name.read_value()) == Value::Bool(true);
    let state = move || {
        let lang = ctx.lang.get();
        match ctx.answer(&name.read_value()) {
            Value::Bool(true) => match label_true.get(lang) {
                "" => Ui::Yes.text(lang).to_string(),
                t => t.to_string(),
            },
            Value::Bool(false) => match label_false.get(lang) {
                "" => Ui::No.text(lang).to_string(),
                t => t.to_string(),
            },
            _ => String::new(),
        }
    };
    view! {
        <div class="tanya-boolean">
            <input id=ids.input.clone() type="checkbox" role="switch" class="tanya-switch"
                prop:checked=on aria-checked=move || on().to_string()
                disabled=move || !ctx.enabled(id) aria-describedby=described_by(ctx, &ids)
                on:change=move |ev| ctx.set(&name.read_value(), Value::Bool(event_target_checked(&ev)))/>
            <label class="tanya-label" for=ids.input.clone()>{head}</label>
            <span class="tanya-switch-state" aria-hidden="true">{state}</span>
        </div>
        {desc}
    }
    .into_any()
}
