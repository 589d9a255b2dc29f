//! `matrix`: a Likert table on wide screens; under 600 px, a list of rows,
//! each a fieldset of its own with the full statement.

use super::{described_by, title_parts, Ids};
use crate::ui::state::{Ctx, Here};
use leptos::prelude::*;
use tanya_engine::answers::with_key;
use tanya_engine::expr::{ops::equal, Value};
use tanya_engine::schema::{Choice, ElementId, Kind};
use tanya_engine::text::title_with;

/// One radio: row `r`, column `c`.
fn cell(ctx: Ctx, here: Here, group: String, row: &Choice, col: &Choice, err: bool) -> impl IntoView {
    let key = StoredValue::new(row.key());
    let shown = Value::from(&col.value).to_display();
    let value = StoredValue::new(Value::from(&col.value));
    let (rt, ct) = (row.text.clone(), col.text.clone());
    let row_answered = move || match ctx.value(here) {
        Value::Object(m) => m.get(key.read_value().as_str()).is_some_and(|v| !v.is_empty()),
        _ => false,
    };
    let on = move || match ctx.value(here) {
        Value::Object(m) => m.get(key.read_value().as_str()).is_some_and(|v| equal(v, &value.read_value())),
        _ => false,
    };
    // The row and column are on the input, so a tap on a prerendered page
    // (whose rows may be in another order) is read back by them.
    view! {
        <input type="radio" name=group data-row=row.key() value=shown
            aria-label=move || title_with(rt.get(ctx.lang.get()), ct.get(ctx.lang.get()))
            aria-invalid=move || (err && ctx.error_at(here).is_some() && !row_answered()).to_string()
            prop:checked=on checked=crate::ui::drawn(on)
            disabled=move || !ctx.enabled_at(here)
            on:change=move |_| {
                let next = with_key(&ctx.current(here), &key.read_value(), value.get_value());
                ctx.put(here, next);
            }/>
    }
}

/// The matrix in the layout the screen width calls for.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let narrow = expect_context::<Signal<bool>>();
    let e = &ctx.survey.elements[id];
    let Kind::Matrix { rows, columns, random_rows, .. } = &e.kind else { return ().into_any() };
    // `rowOrder: "random"`: shuffled, the same for this entry on every visit.
    let order: Vec<usize> = if *random_rows {
        tanya_engine::flow::shuffled(rows.len(), &e.name, ctx.model.with_untracked(|m| m.seed))
    } else {
        (0..rows.len()).collect()
    };
    let rows: Vec<&'static tanya_engine::schema::Choice> = order.into_iter().map(|i| &rows[i]).collect();
    let here = ids.here;
    let (head, desc) = title_parts(here);
    let group = ids.group.clone();
    let body = move || {
        let lang_text = |t: &tanya_engine::text::Text| {
            let t = t.clone();
            move || t.get(ctx.lang.get()).to_string()
        };
        if narrow.get() {
            rows.iter()
                .enumerate()
                .map(|(r, row)| {
                    let cells = columns
                        .iter()
                        .map(|col| {
                            view! {
                                <label class="tanya-choice">
                                    {cell(ctx, here, format!("{group}-{r}"), row, col, true)}
                                    <span aria-hidden="true">{lang_text(&col.text)}</span>
                                </label>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="tanya-matrix-row">
                            <legend>{lang_text(&row.text)}</legend>
                            <div class="tanya-choices">{cells}</div>
                        </fieldset>
                    }
                })
                .collect_view()
                .into_any()
        } else {
            let head_cells =
                columns.iter().map(|c| view! { <th scope="col">{lang_text(&c.text)}</th> }).collect_view();
            let body_rows = rows
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let cells = columns
                        .iter()
                        .map(|col| view! { <td>{cell(ctx, here, format!("{group}-{r}"), row, col, true)}</td> })
                        .collect_view();
                    view! { <tr><th scope="row">{lang_text(&row.text)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table class="tanya-matrix">
                    <thead><tr><td></td>{head_cells}</tr></thead>
                    <tbody>{body_rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="tanya-group" aria-describedby=described_by(ctx, &ids)>
            <legend>{head}</legend>
            {desc}
            {body}
        </fieldset>
    }
    .into_any()
}
