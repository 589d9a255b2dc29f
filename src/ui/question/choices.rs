//! `radiogroup`, `checkbox` and `dropdown`, with the "other" and "none" items.

use super::{described_by, invalid, title_parts, Ids};
use crate::ui::say;
use crate::ui::state::Ctx;
use leptos::prelude::*;
use tanya_engine::answers::{holds, parse_input, toggle, DONT_KNOW, NONE, OTHER, REFUSED};
use tanya_engine::expr::{ops::equal, Value};
use tanya_engine::flow::choice_order;
use tanya_engine::schema::{Choice, ChoiceStyle, ElementId, Kind};
use tanya_engine::text::Ui;

/// One item the respondent can pick: a choice, "other" or "none".
struct Item {
    value: Value,
    label: Box<dyn Fn() -> String + Send + Sync>,
    /// The choice, when a condition (its own `visibleIf` or `enableIf`, the
    /// question's `choicesVisibleIf` or `choicesEnableIf`, or the mode of
    /// the question it carries its choices from) may hide or disable it.
    conditional: Option<StoredValue<Choice>>,
}

/// Whether an item of question `id` cannot be picked now by an `enableIf` (reactive).
fn locked(ctx: Ctx, id: ElementId, conditional: Option<StoredValue<Choice>>) -> impl Fn() -> bool + Copy {
    move || conditional.is_some_and(|c| !c.with_value(|c| ctx.model.with(|m| m.flow.choice_enabled(id, c))))
}

/// Whether an item of question `id` is hidden now by a `visibleIf` (reactive).
fn hidden(ctx: Ctx, id: ElementId, conditional: Option<StoredValue<Choice>>) -> impl Fn() -> bool + Copy {
    move || conditional.is_some_and(|c| !c.with_value(|c| ctx.model.with(|m| m.flow.choice_visible(id, c))))
}

/// The items of question `id`: its choices in their order, or, when it
/// carries another question's forward, the choices it has now
/// (`carried`, see `Flow::choices`), then the built-in ones.
fn items(ctx: Ctx, id: ElementId, carried: Option<Vec<Choice>>) -> Vec<Item> {
    let e: &'static _ = &ctx.survey.elements[id];
    let Kind::Choices {
        choices,
        has_other,
        has_none,
        other_text,
        none_text,
        has_refuse,
        has_dont_know,
        refuse_text,
        dont_know_text,
        choices_visible_if,
        choices_enable_if,
        from,
        ..
    } = &e.kind
    else {
        return Vec::new();
    };
    let conditional = |c: &Choice| {
        (choices_visible_if.is_some()
            || choices_enable_if.is_some()
            || from.is_some()
            || c.visible_if.is_some()
            || c.enable_if.is_some())
        .then(|| StoredValue::new(c.clone()))
    };
    let item = |c: &Choice| {
        let text = c.text.clone();
        Item {
            value: Value::from(&c.value),
            label: Box::new(move || text.get(ctx.lang.get()).to_string()),
            conditional: conditional(c),
        }
    };
    let seed = ctx.model.with_untracked(|m| m.seed);
    let listed = || choice_order(e, ctx.lang.get_untracked(), seed).into_iter().map(|i| item(&choices[i]));
    let mut out: Vec<Item> = match carried {
        // A dynamic panel's or matrix's items, in their order.
        Some(list) if from.as_ref().is_some_and(|f| f.from_items) => list.iter().map(item).collect(),
        // The listed choices in their order, then a carried "other".
        Some(list) => listed()
            .chain(list.iter().filter(|c| !choices.iter().any(|x| x.value == c.value)).map(item))
            .collect(),
        None => listed().collect(),
    };
    let special = |text: &tanya_engine::text::Text, fallback: Ui| {
        let text = text.clone();
        Box::new(move || crate::ui::own_or(&text, fallback, ctx.lang.get()))
            as Box<dyn Fn() -> String + Send + Sync>
    };
    if *has_none {
        out.push(Item {
            value: Value::from(NONE),
            label: special(none_text, Ui::NoneOfThese),
            conditional: None,
        });
    }
    // As SurveyJS orders them: none, refuse to answer, don't know, other.
    for (on, value, text, word) in [
        (*has_refuse, REFUSED, refuse_text, Ui::Refuse),
        (*has_dont_know, DONT_KNOW, dont_know_text, Ui::DontKnow),
    ] {
        if on {
            out.push(Item { value: Value::from(value), label: special(text, word), conditional: None });
        }
    }
    if *has_other {
        out.push(Item {
            value: Value::from(OTHER),
            label: special(other_text, Ui::Other),
            conditional: None,
        });
    }
    out
}

/// A choice question.
pub fn view(id: ElementId, ids: Ids) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let Kind::Choices { style, has_other, max_selected, select_all, select_all_text, .. } = &e.kind else {
        return ().into_any();
    };
    let (style, has_other, max_selected) = (*style, *has_other, *max_selected);
    let here = ids.here;
    let (head, desc) = title_parts(here);
    // Carried choices follow the question they come from (a dynamic
    // panel's items, a carried "other"); every other question's items are
    // fixed, and built once.
    let carries = ctx.model.with_untracked(|m| m.flow.choices_follow_answers(id));
    let carried = carries.then(|| Memo::new(move |_| ctx.model.with(|m| m.flow.choices(id).into_owned())));
    let list = move || items(ctx, id, carried.map(|m| m.get()));
    let comment_name = StoredValue::new(format!("{}-Comment", e.name));
    let other_chosen = move || holds(&ctx.value(here), &Value::from(OTHER));
    // The "other" text of a question inside a roster is not kept (its item holds no comment).
    let at_top = here.at.with_value(|at| at.0.is_empty());
    let other_box = (has_other && at_top).then(|| {
        let label = say(Ui::Other, ctx.lang.get_untracked());
        view! {
            <input class="tanya-other" type="text" aria-label=label hidden=move || !other_chosen()
                prop:value=move || ctx.answer(&comment_name.read_value()).to_display()
                on:input=move |ev| ctx.set(&comment_name.read_value(), parse_input(
                    &event_target_value(&ev), tanya_engine::schema::InputType::Text, ctx.lang.get_untracked()))/>
        }
    });
    if style == ChoiceStyle::Dropdown {
        let values = Memo::new(move |_| list().into_iter().map(|i| i.value).collect::<Vec<_>>());
        let selected = move || {
            let a = ctx.value(here);
            values.with(|vs| vs.iter().position(|v| equal(v, &a)).map(|i| i.to_string()).unwrap_or_default())
        };
        let options = move || {
            list()
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let at = i.to_string();
                    view! {
                        <option value=i.to_string() data-value=item.value.to_display() selected=crate::ui::drawn(move || selected() == at) hidden=hidden(ctx, id, item.conditional)
                            disabled=locked(ctx, id, item.conditional)>{item.label}</option>
                    }
                })
                .collect_view()
        };
        return view! {
            <label class="tanya-label" for=ids.input.clone()>{head}</label>
            {desc}
            <select id=ids.input.clone() prop:value=selected disabled=move || !ctx.enabled_at(here)
                aria-required=move || ctx.required_at(here).to_string()
                aria-invalid=invalid(ctx, &ids) aria-describedby=described_by(ctx, &ids)
                on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<usize>().ok()
                        .and_then(|i| values.with_untracked(|vs| vs.get(i).cloned())).unwrap_or(Value::Null);
                    ctx.put(here, v);
                }>
                <option value="">{move || say(Ui::Choose, ctx.lang.get())}</option>
                {options}
            </select>
            {other_box}
        }
        .into_any();
    }
    let multi = style == ChoiceStyle::Checkbox;
    let kind = if multi { "checkbox" } else { "radio" };
    let group = ids.group.clone();
    // `showSelectAllItem`: one box for every choice shown and enabled.
    let all_box = select_all.then(|| {
        let text = select_all_text.clone();
        view! {
            <label class="tanya-choice tanya-select-all">
                <input type="checkbox" disabled=move || !ctx.enabled_at(here)
                    prop:checked=move || {
                        let answer = ctx.value(here);
                        ctx.model.with(|m| m.flow.all_selected(id, &answer))
                    }
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let answer = ctx.current(here);
                        let next = ctx.model.with_untracked(|m| m.flow.select_all(id, &answer, on));
                        ctx.put(here, next);
                    }/>
                <span>{move || match text.get(ctx.lang.get()) {
                    "" => say(Ui::SelectAll, ctx.lang.get()),
                    t => t.to_string(),
                }}</span>
            </label>
        }
    });
    let option_ids = ids.clone();
    let options = move || {
        list()
        .into_iter()
        .map(|item| {
            let shown = item.value.to_display();
            let value = StoredValue::new(item.value);
            let locked = locked(ctx, id, item.conditional);
            let on = move || holds(&ctx.value(here), &value.read_value());
            view! {
                <label class="tanya-choice" hidden=hidden(ctx, id, item.conditional)>
                    <input type=kind name=group.clone() value=shown aria-invalid=invalid(ctx, &option_ids)
                        prop:checked=on checked=crate::ui::drawn(on)
                        // At maxSelectedChoices, the boxes not ticked stop taking ticks.
                        disabled=move || !ctx.enabled_at(here) || locked() || max_selected.is_some_and(|max| {
                            let answer = ctx.value(here);
                            !holds(&answer, &value.read_value())
                                && matches!(&answer, Value::Array(a) if a.len() >= max)
                        })
                        on:change=move |ev| {
                            let v = value.get_value();
                            let next = if multi {
                                toggle(&ctx.current(here), &v, event_target_checked(&ev))
                            } else {
                                v
                            };
                            ctx.put(here, next);
                        }/>
                    <span>{item.label}</span>
                </label>
            }
        })
        .collect_view()
    };
    view! {
        <fieldset class="tanya-group" aria-describedby=described_by(ctx, &ids)>
            <legend>{head}</legend>
            {desc}
            <div class="tanya-choices">{all_box}{options}</div>
            {other_box}
        </fieldset>
    }
    .into_any()
}
