//! `rating`: a row of buttons, each a native radio styled as a button.

use super::{described_by, invalid, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::expr::{ops::equal, Value};
use tanya_engine::schema::{ElementId, Kind};

/// The rating scale with its end descriptions.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::Rating { values, min_description, max_description } = &e.kind else { return ().into_any() };
    let here = ids.here;
    let (head, desc) = title_parts(here);
    let buttons = values
        .iter()
        .map(|c| {
            let value = StoredValue::new(Value::from(&c.value));
            let text = c.text.clone();
            view! {
                <label class="tanya-rate">
                    <input type="radio" name=ids.group.clone() aria-invalid=invalid(ctx, &ids)
                        prop:checked=move || equal(&ctx.value(here), &value.read_value())
                        disabled=move || !ctx.enabled_at(here)
                        on:change=move |_| ctx.put(here, value.get_value())/>
                    <span>{move || text.get(ctx.lang.get()).to_string()}</span>
                </label>
            }
        })
        .collect_view();
    let (lo, hi) = (min_description.clone(), max_description.clone());
    view! {
        <fieldset class="tanya-group" aria-describedby=described_by(ctx, &ids)>
            <legend>{head}</legend>
            {desc}
            <div class="tanya-rating">{buttons}</div>
            {(!lo.is_empty() || !hi.is_empty()).then(|| view! {
                <p class="tanya-rating-ends">
                    <span>{move || lo.get(ctx.lang.get()).to_string()}</span>
                    <span>{move || hi.get(ctx.lang.get()).to_string()}</span>
                </p>
            })}
        </fieldset>
    }
    .into_any()
}
