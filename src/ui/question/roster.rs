//! Rosters (`paneldynamic`, `matrixdynamic`, `matrixdropdown`): each panel
//! or row is a card, a fieldset titled by its item ("Anggota 2", a row's
//! text), holding the template's questions answered in that item. Add and
//! Remove change the list; at the bounds they are disabled and a note says
//! why. The engine decides everything (`Flow::items`, `add_item`,
//! `remove_item`); this only shows it.

use super::{element_view, title_parts, Ids};
use crate::platform::dom;
use crate::ui::say;
use crate::ui::state::{dom_id, Ctx, Here};
use leptos::prelude::*;
use tanya_engine::flow::{At, Slot};
use tanya_engine::schema::{ElementId, Kind, Shape};
use tanya_engine::text::{Text, Ui};

/// The roster's cards, then Add.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::Roster(r) = &e.kind else { return ().into_any() };
    let here = ids.here;
    let (head, desc) = title_parts(here);
    let base = dom_id(&ids.name);
    let fixed = matches!(r.shape, Shape::Fixed(_));
    let (min, max) = (r.min, r.max);
    let count = Memo::new(move |_| ctx.model.with(|m| here.at.with_value(|at| m.flow.items(id, at).len())));
    let card_base = base.clone();
    let cards = move || {
        count.track();
        let mut slots = ctx.model.with_untracked(|m| here.at.with_value(|at| m.flow.items(id, at)));
        // `rowOrder: "random"`: fixed rows shuffled, the same for this entry on every visit.
        if r.random_rows {
            let order =
                tanya_engine::flow::shuffled(slots.len(), &e.name, ctx.model.with_untracked(|m| m.seed));
            slots = order.into_iter().filter_map(|i| slots.get(i).cloned()).collect();
        }
        let n = slots.len();
        slots
            .into_iter()
            .enumerate()
            .map(|(i, slot)| card(id, here, i, slot, format!("tanya-card-{card_base}-{i}"), n > min))
            .collect_view()
    };
    let add = (!fixed && r.can_add).then(|| {
        let full = move || count.get() >= max;
        let note = format!("tanya-full-{base}");
        let add_text = r.add_text.clone();
        let new_card = base.clone();
        view! {
            <button type="button" class="tanya-add" disabled=full
                aria-describedby=move || full().then(|| note.clone())
                on:click=move |_| {
                    let at = here.at.get_value();
                    let mut added = false;
                    ctx.change(|f| added = f.add_item(id, &at));
                    if added {
                        let last = count.get_untracked().saturating_sub(1);
                        ctx.root.focus_within_soon(format!("tanya-card-{new_card}-{last}"));
                    }
                }>
                {move || label(&add_text, Ui::AddItem, ctx)}
            </button>
            <p class="tanya-roster-note" id=format!("tanya-full-{base}") role="status">
                {move || full().then(|| say(Ui::AtMost, ctx.lang.get()))}
            </p>
        }
    });
    view! {
        <fieldset class="tanya-group tanya-roster">
            <legend>{head}</legend>
            {desc}
            {cards}
            {add}
        </fieldset>
    }
    .into_any()
}

/// A button's text: the questionnaire's own, else the built-in one.
fn label(own: &Text, fallback: Ui, ctx: Ctx) -> String {
    crate::ui::own_or(own, fallback, ctx.lang.get())
}

/// One panel or row: its title, its questions, and Remove.
fn card(
    roster: ElementId,
    outer: Here,
    index: usize,
    slot: Slot,
    card_id: String,
    removable: bool,
) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[roster];
    let Kind::Roster(r) = &e.kind else { return ().into_any() };
    let at: At = outer.at.with_value(|a| a.then(roster, slot.clone()));
    let item_at = StoredValue::new(at.clone());
    let (item_title, roster_title, shape) = (r.item_title.clone(), e.title.clone(), r.shape.clone());
    let title = move || {
        let lang = ctx.lang.get();
        match (&shape, &slot) {
            (Shape::Fixed(rows), Slot::Row(k)) => {
                rows.iter().find(|c| c.key() == *k).map(|c| c.text.get(lang).to_string()).unwrap_or_default()
            }
            _ if !item_title.is_empty() => {
                ctx.model.with(|m| item_at.with_value(|at| m.flow.pipe_at(item_title.get(lang), lang, at)))
            }
            (Shape::Panels, _) => format!("{} {}", ctx.pipe(roster_title.get(lang)), index + 1),
            _ => format!("{} {}", say(Ui::Row, lang), index + 1),
        }
    };
    let kids = r.template.iter().map(|&q| element_view(q, at.clone())).collect_view();
    let remove = (!matches!(r.shape, Shape::Fixed(_)) && r.can_remove).then(|| {
        let remove_text = r.remove_text.clone();
        let note = format!("{card_id}-min");
        let note_shown = note.clone();
        view! {
            <button type="button" class="tanya-remove" disabled=!removable
                aria-describedby=(!removable).then(|| note.clone())
                on:click=move |_| {
                    let asks = ctx.model.with_untracked(|m| item_at.with_value(|at| m.flow.item_has_answers(at)));
                    if asks && !dom::confirm(&say(Ui::RemoveAsk, ctx.lang.get_untracked())) {
                        return;
                    }
                    let at = outer.at.get_value();
                    ctx.change(|f| {
                        f.remove_item(roster, &at, index);
                    });
                }>
                {move || label(&remove_text, Ui::RemoveItem, ctx)}
            </button>
            {(!removable).then(|| view! {
                <p class="tanya-roster-note" id=note_shown>{move || say(Ui::AtLeast, ctx.lang.get())}</p>
            })}
        }
    });
    view! {
        <fieldset class="tanya-card" id=card_id.clone()>
            <legend>{title}</legend>
            {kids}
            {remove}
        </fieldset>
    }
    .into_any()
}
