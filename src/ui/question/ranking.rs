//! `ranking`: reorder by Up/Down buttons (keyboard and touch) or by drag;
//! dragging is never the only way.

use super::{described_by, title_parts, Ids};
use crate::ui::say;
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::answers::moved;
use tanya_engine::expr::{ops::equal, Value};
use tanya_engine::schema::{ElementId, Kind};
use tanya_engine::text::Ui;

/// The list with its buttons.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    if !matches!(e.kind, Kind::Choices { .. }) {
        return ().into_any();
    }
    let here = ids.here;
    // The choices shown now: a choice's `visibleIf`, and those carried from
    // another question by its mode (rank what was ticked before).
    let choices = Memo::new(move |_| {
        ctx.model.with(|m| {
            m.flow.choices(id).iter().filter(|c| m.flow.choice_visible(id, c)).cloned().collect::<Vec<_>>()
        })
    });
    let (head, desc) = title_parts(here);
    let dragging = RwSignal::new(None::<usize>);
    let order_of = move |answer: Value| -> Vec<Value> {
        // Read, not only tracked: a memo never read never reruns.
        choices.with(|_| ());
        ctx.model.with_untracked(|m| m.flow.ranking_order(id, &answer))
    };
    // Shown (reactive) for the list; current (untracked) for a move.
    let order = move || order_of(ctx.value(here));
    let now = move || order_of(ctx.current(here));
    let label_of = move |v: &Value| {
        choices.with(|cs| {
            cs.iter()
                .find(|c| equal(&Value::from(&c.value), v))
                .map(|c| c.text.get(ctx.lang.get()).to_string())
                .unwrap_or_else(|| v.to_display())
        })
    };
    let list = move || {
        let current = order();
        let n = current.len();
        current
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let label = label_of(v);
                let (up_label, down_label) = (
                    format!("{}: {label}", say(Ui::MoveUp, ctx.lang.get())),
                    format!("{}: {label}", say(Ui::MoveDown, ctx.lang.get())),
                );
                let go = move |to: usize| ctx.put(here, moved(&now(), i, to));
                view! {
                    <li class="tanya-rank-item" draggable="true"
                        on:dragstart=move |_| dragging.set(Some(i))
                        on:dragover=move |ev| ev.prevent_default()
                        on:drop=move |ev| {
                            ev.prevent_default();
                            if let Some(from) = dragging.get() {
                                ctx.put(here, moved(&now(), from, i));
                            }
                            dragging.set(None);
                        }>
                        <span class="tanya-rank-pos" aria-hidden="true">{i + 1}</span>
                        <span class="tanya-rank-label">{label}</span>
                        <button type="button" aria-label=up_label disabled=i == 0 on:click=move |_| go(i.saturating_sub(1))>"↑"</button>
                        <button type="button" aria-label=down_label disabled=i + 1 == n on:click=move |_| go(i + 1)>"↓"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="tanya-group" aria-describedby=described_by(ctx, &ids)>
            <legend>{head}</legend>
            {desc}
            <ol class="tanya-ranking">{list}</ol>
        </fieldset>
    }
    .into_any()
}
