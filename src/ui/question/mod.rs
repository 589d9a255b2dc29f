//! One question: its frame (title, description, error) and its control,
//! one file per question kind.

mod boolean;
mod choices;
mod matrix;
mod multiple;
mod ranking;
mod rating;
mod roster;
mod text;

use super::state::{dom_id, Ctx, Here};
use crate::ui::say;
use leptos::prelude::*;
use tanya_engine::flow::At;
use tanya_engine::schema::{ChoiceStyle, ElementId, Kind};
use tanya_engine::text::Ui;

/// The ids a question's parts use.
#[derive(Clone)]
pub struct Ids {
    /// The question where it is answered.
    pub here: Here,
    /// The question's name, or its cell's path inside a roster
    /// (`household[2].age`): what its errors are found by.
    pub name: String,
    /// The main input's id (for `<label for>`).
    pub input: String,
    /// The error message's id (for `aria-describedby`).
    pub error: String,
    /// The radio/checkbox group name.
    pub group: String,
}

impl Ids {
    fn new(here: Here, name: &str) -> Ids {
        let d = dom_id(name);
        Ids {
            here,
            name: name.to_string(),
            input: format!("tanya-i-{d}"),
            error: format!("tanya-e-{d}"),
            group: format!("tanya-g-{d}"),
        }
    }
}

/// A question's error, reactive, and the attributes that announce it.
pub fn error_of(ctx: Ctx, here: Here) -> impl Fn() -> Option<String> + Copy + 'static {
    move || ctx.error_at(here)
}

/// A panel with its elements, or a question in its frame, answered at `at`
/// (the top, or a roster's panel or row).
pub fn element_view(id: ElementId, at: At) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    match &e.kind {
        Kind::Panel { children, random_order } => {
            let title = e.title.clone();
            let show_title = !matches!(&title, tanya_engine::text::Text::Plain(t) if *t == e.name);
            let seed = ctx.model.with_untracked(|m| m.seed);
            let kids = tanya_engine::flow::in_order(children, *random_order, &e.name, seed)
                .into_iter()
                .map(|c| element_view(c, at.clone()))
                .collect_view();
            let key = at.path(ctx.survey, id);
            let here = Here::new(ctx, id, at, key);
            view! {
                <section class="tanya-panel" data-panel=e.name.clone() hidden=move || !ctx.visible_at(here)
                    class:tanya-reordered=crate::ui::PRERENDERING && *random_order>
                    {show_title.then(|| view! { <h3>{move || ctx.pipe(title.get(ctx.lang.get()))}</h3> })}
                    {kids}
                </section>
            }
            .into_any()
        }
        _ => question_view(id, at),
    }
}

fn question_view(id: ElementId, at: At) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[id];
    let key = at.path(ctx.survey, id);
    let here = Here::new(ctx, id, at, key.clone());
    let ids = Ids::new(here, &key);
    let err = error_of(ctx, here);
    // A soft-required question left empty: a neutral notice, not an error.
    let notice = move || ctx.notice_at(here);
    let notice_id = format!("tanya-n-{}", dom_id(&key)); // as in `described_by`
    let control = match &e.kind {
        Kind::Text { .. } | Kind::Comment { .. } => text::view(id, ids.clone()),
        Kind::Choices { style: ChoiceStyle::Ranking, .. } => ranking::view(id, ids.clone()),
        Kind::Choices { .. } => choices::view(id, ids.clone()),
        Kind::Boolean { .. } => boolean::view(id, ids.clone()),
        Kind::Rating { .. } => rating::view(id, ids.clone()),
        Kind::Matrix { .. } => matrix::view(id, ids.clone()),
        Kind::MultipleText { .. } => multiple::view(id, ids.clone()),
        Kind::Expression { expression } => {
            let name = e.name.clone();
            let title = e.title.clone();
            let expression = expression.clone();
            // Outside rosters the flow keeps the value; in a panel or row
            // (an expression column) it is computed from that item.
            let value = move || {
                ctx.model.with(|m| {
                    here.at.with_value(|at| match (&expression, at.0.is_empty()) {
                        (_, true) => m.flow.computed(&name).map(|v| v.to_display()).unwrap_or_default(),
                        (Some(x), false) => m.flow.eval_at(x, at).to_display(),
                        (None, false) => String::new(),
                    })
                })
            };
            view! {
                <p class="tanya-expression">
                    <span class="tanya-title">{move || ctx.pipe(title.get(ctx.lang.get()))}</span>" "
                    <output>{value}</output>
                </p>
            }
            .into_any()
        }
        Kind::Html { html } => {
            let html = html.clone();
            let shown = move || {
                let tree = tanya_engine::text::markup::sanitize(html.get(ctx.lang.get()));
                crate::ui::markup::render(&tree, &|t| ctx.pipe(t))
            };
            view! { <div class="tanya-html">{shown}</div> }.into_any()
        }
        Kind::Roster(_) => roster::view(id, ids.clone()),
        Kind::Panel { .. } => ().into_any(),
        Kind::Unsupported { .. } => {
            let title = e.title.clone();
            view! {
                <p class="tanya-unsupported">
                    <span class="tanya-title">{move || ctx.pipe(title.get(ctx.lang.get()))}</span>" — "
                    {move || say(Ui::Unsupported, ctx.lang.get())}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <div class="tanya-question" id=format!("tanya-q-{}", dom_id(&key)) data-question=key.clone()
            class:tanya-invalid=move || err().is_some()
            // Prerendered, an order drawn per entry is not yet known: its
            // choices keep their place but wait, unseen, for the app.
            class:tanya-shuffled=crate::ui::PRERENDERING && tanya_engine::flow::order_varies(e)
            hidden=move || !ctx.visible_at(here)>
            {control}
            {move || err().map(|m| view! { <p class="tanya-error-msg" id=ids.error.clone()>{m}</p> })}
            {move || notice().map(|m| view! {
                <p class="tanya-soft-msg" id=notice_id.clone() tabindex="-1">{m}</p>
            })}
        </div>
    }
    .into_any()
}

/// The title (piped, live), a required mark for screen readers and sighted
/// users alike, and the description.
pub fn title_parts(here: Here) -> (impl IntoView, impl IntoView) {
    let ctx = expect_context::<Ctx>();
    let e = &ctx.survey.elements[here.id];
    let title = e.title.clone();
    let description = e.description.clone();
    // A matrix whose every row must be answered is required too.
    let every_row = matches!(e.kind, Kind::Matrix { all_rows_required: true, .. });
    // `titleLocation: "hidden"` hides it from sight, not from screen readers.
    let class = if e.title_hidden { "tanya-title tanya-sr" } else { "tanya-title" };
    let number = move || {
        ctx.model
            .with(|m| m.flow.question_number(here.id))
            .map(|n| view! { <span class="tanya-number">{format!("{n}.\u{a0}")}</span> })
    };
    let head = view! {
        {number}
        <span class=class>{move || ctx.pipe(title.get(ctx.lang.get()))}</span>
        {move || (every_row || ctx.required_at(here)).then(|| view! {
            <span class="tanya-required" title=say(Ui::RequiredMark, ctx.lang.get())>"\u{a0}*"</span>
            <span class="tanya-sr">{say(Ui::RequiredMark, ctx.lang.get())}</span>
        })}
    };
    let desc = (!description.is_empty()).then(|| {
        view! { <p class="tanya-q-description">{move || ctx.pipe(description.get(ctx.lang.get()))}</p> }
    });
    (head, desc)
}

/// `aria-describedby` for a control: the error while there is one, else a
/// soft-required notice while there is one.
pub fn described_by(ctx: Ctx, ids: &Ids) -> impl Fn() -> Option<String> + 'static {
    let here = ids.here;
    let err = error_of(ctx, here);
    let (eid, nid) = (ids.error.clone(), format!("tanya-n-{}", dom_id(&ids.name)));
    move || match err() {
        Some(_) => Some(eid.clone()),
        None => ctx.notice_at(here).map(|_| nid.clone()),
    }
}

/// `aria-invalid` for a control.
pub fn invalid(ctx: Ctx, ids: &Ids) -> impl Fn() -> &'static str + 'static {
    let err = error_of(ctx, ids.here);
    move || if err().is_some() { "true" } else { "false" }
}
