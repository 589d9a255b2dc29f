//! `rating`: a row of buttons, each a native radio styled as a button.

use super::{described_by, invalid, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::expr::{ops::equal, Value};
use tanya_engine::schema::{ElementId, Kind, RateShape};

/// Faces from unhappy to happy, spread over the values of a smiley scale.
const SMILEYS: [&str; 5] = ["\u{1F61E}", "\u{1F641}", "\u{1F610}", "\u{1F642}", "\u{1F604}"];

/// The rating scale with its end descriptions.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::Rating { values, min_description, max_description, shape } = &e.kind else {
        return ().into_any();
    };
    let shape = *shape;
    let here = ids.here;
    let (head, desc) = title_parts(here);
    let all: Vec<Value> = values.iter().map(|c| Value::from(&c.value)).collect();
    let all = StoredValue::new(all);
    // The place of the value chosen, for stars filled up to it.
    let chosen = move || {
        let answer = ctx.value(here);
        all.with_value(|vs| vs.iter().position(|v| equal(v, &answer)))
    };
    let n = values.len();
    let buttons = values
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let shown_value = Value::from(&c.value).to_display();
            let value = StoredValue::new(Value::from(&c.value));
            let text = c.text.clone();
            let label = move || text.get(ctx.lang.get()).to_string();
            // Stars and faces are drawn; the value's text stays for screen readers.
            let face = match shape {
                RateShape::Labels => None,
                RateShape::Stars => Some("\u{2605}"),
                RateShape::Smileys => Some(SMILEYS[if n > 1 { i * (SMILEYS.len() - 1) / (n - 1) } else { 2 }]),
            };
            let shown = match face {
                None => view! { <span>{label}</span> }.into_any(),
                Some(f) => view! {
                    <span class="tanya-rate-icon" class:tanya-on=move || shape == RateShape::Stars && chosen().is_some_and(|c| i <= c)>
                        <span aria-hidden="true">{f}</span>
                        <span class="tanya-sr">{label}</span>
                    </span>
                }
                .into_any(),
            };
            let on = move || equal(&ctx.value(here), &value.read_value());
            view! {
                <label class="tanya-rate">
                    // The value on the input, as on a choice's, for the page 1 preview.
                    <input type="radio" name=ids.group.clone() value=shown_value aria-invalid=invalid(ctx, &ids)
                        prop:checked=on checked=crate::ui::drawn(on)
                        disabled=move || !ctx.enabled_at(here)
                        on:change=move |_| ctx.put(here, value.get_value())/>
                    {shown}
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
