//! `boolean`: two labelled choices, yes and no. Neither is picked until the
//! respondent picks one, so "no" is as easy to give as "yes" and an
//! untouched question reads as unanswered (a switch that starts "off" looks
//! like a "no" it has not recorded).

use super::{described_by, invalid, title_parts, Ids};
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::expr::Value;
use tanya_engine::schema::{ElementId, Kind};
use tanya_engine::text::Ui;

/// A radio pair in a fieldset whose legend is the question.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::Boolean { label_true, label_false } = &e.kind else { return ().into_any() };
    let here = ids.here;
    let (head, desc) = title_parts(here);
    let options = [(true, label_true.clone(), Ui::Yes), (false, label_false.clone(), Ui::No)]
        .into_iter()
        .map(|(answer, label, fallback)| {
            let text = move || {
                let lang = ctx.lang.get();
                match label.get(lang) {
                    "" => fallback.text(lang).to_string(),
                    t => t.to_string(),
                }
            };
            view! {
                <label class="tanya-choice">
                    <input type="radio" name=ids.group.clone() value=answer.to_string()
                        aria-invalid=invalid(ctx, &ids)
                        prop:checked=move || ctx.value(here) == Value::Bool(answer)
                        disabled=move || !ctx.enabled_at(here)
                        on:change=move |_| ctx.put(here, Value::Bool(answer))/>
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
