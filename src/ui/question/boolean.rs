//! `boolean`: two labelled choices, yes and no. Neither is picked until the
//! respondent picks one, so "no" is as easy to give as "yes" and an
//! untouched question reads as unanswered (a switch that starts "off" looks
//! like a "no" it has not recorded).

use super::{described_by, invalid, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::expr::{ops::equal, Value};
use tanya_engine::schema::{ElementId, Kind};
use tanya_engine::text::Ui;

/// A radio pair in a fieldset whose legend is the question.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::Boolean { label_true, label_false, value_true, value_false } = &e.kind else {
        return ().into_any();
    };
    let here = ids.here;
    let (head, desc) = title_parts(here);
    // What each choice stores: `valueTrue` / `valueFalse`, else true / false.
    let options =
        [(true, label_true.clone(), Ui::Yes, value_true), (false, label_false.clone(), Ui::No, value_false)]
            .into_iter()
            .map(|(answer, label, fallback, stored)| {
                let stored = StoredValue::new(Value::from(stored));
                let text = move || crate::ui::own_or(&label, fallback, ctx.lang.get());
                let on = move || stored.with_value(|s| equal(&ctx.value(here), s));
                view! {
                    <label class="tanya-choice">
                        <input type="radio" name=ids.group.clone() value=answer.to_string()
                            aria-invalid=invalid(ctx, &ids)
                            prop:checked=on checked=crate::ui::drawn(on)
                            disabled=move || !ctx.enabled_at(here)
                            on:change=move |_| ctx.put(here, stored.get_value())/>
                        <span>{text}</span>
                    </label>
                }
            })
            .collect_view();
    view! {
        <fieldset class="tanya-group" aria-describedby=described_by(ctx, &ids)>
            <legend>{head}</legend>
            {desc}
            <div class="tanya-choices tanya-yes-no">{options}</div>
        </fieldset>
    }
    .into_any()
}
