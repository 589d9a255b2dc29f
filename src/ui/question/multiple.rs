//! `multipletext`: several labelled inputs answered as one object.

use super::{described_by, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::answers::with_key;
use tanya_engine::expr::Value;
use tanya_engine::schema::{ElementId, Kind};

/// The items as labelled inputs.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::MultipleText { items } = &e.kind else { return ().into_any() };
    let here = ids.here;
    let (head, desc) = title_parts(here);
    let inputs = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let input_id = format!("{}-{i}", ids.input);
            let key = StoredValue::new(item.name.clone());
            let t = item.input_type;
            let title = item.title.clone();
            let typed = super::text::Typed::new(t);
            let shown = move || {
                let v = match ctx.value(here) {
                    Value::Object(m) => m.get(key.read_value().as_str()).cloned().unwrap_or(Value::Null),
                    _ => Value::Null,
                };
                typed.shown(&v, ctx.lang.get())
            };
            view! {
                <label class="tanya-label" for=input_id.clone()>{move || title.get(ctx.lang.get()).to_string()}</label>
                <input id=input_id type=t.html() inputmode=t.input_mode() disabled=move || !ctx.enabled_at(here)
                    prop:value=shown value=crate::ui::drawn(shown)
                    on:input=move |ev| {
                        let v = typed.read(event_target_value(&ev), ctx.lang.get_untracked());
                        let next = with_key(&ctx.current(here), &key.read_value(), v);
                        ctx.put(here, next);
                    }/>
            }
        })
        .collect_view();
    view! {
        <fieldset class="tanya-group" aria-describedby=described_by(ctx, &ids)>
            <legend>{head}</legend>
            {desc}
            {inputs}
        </fieldset>
    }
    .into_any()
}
