//! The form around the questions: header, language switch, progress, error
//! summary, the current page, navigation and the thank-you screen.

use super::question::element_view;
use super::state::{dom_id, Ctx, Stage, PAGE_HEADING, REVIEW_HEADING};
use crate::platform::outbox::Outbox;
use crate::ui::say;
use leptos::prelude::*;
use tanya_engine::flow::Submitted;
use tanya_engine::outbox::{refused, Item, State};
use tanya_engine::schema::{DuplicatePolicy, Survey};
use tanya_engine::schema::{Preview, ProgressType};
use tanya_engine::text::{already_submitted, long_date, page_of, strip_tags, title_with, Lang, Ui};

/// The whole form. `narrow` forces the phone layout on or off (tests);
/// by default it follows the viewport width.
#[component]
pub fn Form(ctx: Ctx, #[prop(optional, into)] narrow: Option<Signal<bool>>) -> impl IntoView {
    provide_context(ctx);
    // The one subscriber to the whole model that every question relies on.
    Effect::new(move |_| ctx.refresh());
    provide_context(narrow.unwrap_or_else(|| crate::platform::media::narrow().into()));
    let s = ctx.survey;
    let lang = ctx.lang;
    let stage = Memo::new(move |_| ctx.model.with(|m| m.stage));
    if let Some(origin) = &s.tanya.parent_origin {
        crate::platform::embed::report_height(origin);
    }
    if ctx.endpoint.is_none() {
        leptos::logging::error!(
            "tanya: this questionnaire names no endpoint (tanya.endpoint, or \"endpoint\" in #tanya-config), \
             so the form cannot send entries; respondents are told so"
        );
    }
    if ctx.root == crate::platform::dom::Root::Page {
        Effect::new(move |_| crate::platform::dom::set_title(s.title.get(lang.get())));
    }
    // Drawn: a prerendered page 1 hands over what was typed on it, then the
    // root is marked ready.
    Effect::new(move |_| {
        untrack(|| {
            crate::platform::takeover::finish(ctx.root, |typed, lang, page| ctx.take_typed(typed, lang, page))
        })
    });
    // The description belongs to the start: on later pages it would push
    // the questions down a small screen.
    let first_page = Memo::new(move |_| {
        ctx.model.with(|m| m.stage == Stage::Filling && m.flow.prev_page(m.page).is_none())
    });
    view! {
        <div class="tanya-form">
            <header class="tanya-header">
                {lang_switch(lang, &s.languages, move |l| ctx.set_lang(l))}
                <h1>{move || s.title.get(lang.get()).to_string()}</h1>
                {(!s.description.is_empty()).then(|| view! {
                    <p class="tanya-description" hidden=move || !first_page.get()>
                        {move || s.description.get(lang.get()).to_string()}
                    </p>
                })}
            </header>
            {ctx.endpoint.is_none().then(|| view! {
                <p id="tanya-no-endpoint" class="tanya-notice" role="alert" tabindex="-1">
                    {move || say(Ui::NoEndpoint, lang.get())}
                </p>
            })}
            {move || (!ctx.storage_ok.get()).then(|| view! {
                <p class="tanya-notice" role="status">{move || say(Ui::NoDraftStorage, lang.get())}</p>
            })}
            <Refused survey=s shown=Memo::new(move |_| ctx.model.with(|m| m.submission_id.clone())) lang=lang/>
            {move || match stage.get() {
                Stage::Done => view! { <ThankYou/> }.into_any(),
                Stage::Review => view! { <Review/> }.into_any(),
                Stage::Filling => view! { <Filling/> }.into_any(),
            }}
        </div>
    }
}

/// Switches between the questionnaire's languages without losing
/// anything; `pick` applies the choice. Nothing when it has one language.
fn lang_switch(
    lang: RwSignal<Lang>,
    languages: &'static [Lang],
    pick: impl Fn(Lang) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let buttons = languages
        .iter()
        .map(|&l| {
            view! {
                <button type="button" class="tanya-lang" lang=l.code().to_string()
                    aria-pressed=move || (lang.get() == l).to_string()
                    on:click=move |_| pick(l)>
                    {l.native_name()}
                </button>
            }
        })
        .collect_view();
    (languages.len() > 1).then(|| {
        view! {
            <nav class="tanya-langs" aria-label=move || say(Ui::Language, lang.get())>{buttons}</nav>
        }
    })
}

/// A page being filled in.
#[component]
fn Filling() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let page = Memo::new(move |_| ctx.model.with(|m| m.page));
    let on_start = move || ctx.model.with(|m| m.flow.start_page() == Some(m.page));
    let body = move || {
        let p = page.get();
        let def = &ctx.survey.pages[p];
        let title = def.title.clone();
        let description = def.description.clone();
        let seed = ctx.model.with_untracked(|m| m.seed);
        let children = tanya_engine::flow::in_order(&def.children, def.random_order, &def.name, seed)
            .into_iter()
            .map(|c| element_view(c, tanya_engine::flow::At::top()))
            .collect_view();
        // Focus lands on the heading after a page change, so a screen reader
        // hears where it is; an untitled page gets one for screen readers.
        let heading = if title.is_empty() {
            view! {
                <h2 id=PAGE_HEADING class="tanya-sr" tabindex="-1">{move || {
                    let (n, total) = ctx.model.with(|m| m.flow.page_position(m.page));
                    page_of(ctx.lang.get(), n, total)
                }}</h2>
            }
            .into_any()
        } else {
            let t = title.clone();
            view! { <h2 id=PAGE_HEADING class="tanya-page-title" tabindex="-1">{move || ctx.pipe(t.get(ctx.lang.get()))}</h2> }
                .into_any()
        };
        view! {
            <section class="tanya-page" data-page=def.name.clone()
                class:tanya-reordered=crate::ui::PRERENDERING && def.random_order>
                {heading}
                {(!description.is_empty()).then(|| {
                    let d = description.clone();
                    view! { <p class="tanya-description">{move || ctx.pipe(d.get(ctx.lang.get()))}</p> }
                })}
                {children}
            </section>
        }
    };
    view! {
        // A start page (firstPageIsStarted) is not one of the pages: no progress yet.
        {move || (ctx.survey.show_progress_bar && !on_start()).then(|| view! { <Progress/> })}
        <Summary/>
        <form class="tanya-body" method="dialog" novalidate=true on:submit=move |ev| {
            ev.prevent_default();
            ctx.advance();
        }>
            {body}
            <Nav/>
        </form>
    }
}

/// The progress bar, counting what the questionnaire's `progressBarType`
/// says (pages by default); it never moves back while a page is answered.
#[component]
fn Progress() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let pct = Memo::new(move |_| ctx.progress());
    let text = move || match ctx.survey.progress_bar_type {
        ProgressType::Pages => {
            let (n, total) = ctx.model.with(|m| m.flow.page_position(m.page));
            page_of(ctx.lang.get(), n, total)
        }
        _ => format!("{}%", pct.get()),
    };
    view! {
        <div class="tanya-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=move || pct.get().to_string()
            aria-label=move || say(Ui::Progress, ctx.lang.get())>
            <div class="tanya-progress-bar" style:width=move || format!("{}%", pct.get())></div>
        </div>
        <p class="tanya-progress-text" aria-hidden="true">{text}</p>
    }
}

/// The error summary: one link per invalid question; focus lands here.
#[component]
fn Summary() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        // Soft-required notices are not errors: they stay by their questions.
        let entries: Vec<_> = ctx.model.with(|m| m.report.blocking().cloned().collect());
        if entries.is_empty() {
            return None;
        }
        let lang = ctx.lang.get();
        let items = entries
            .into_iter()
            .map(|e| {
                let title_of = |id: usize| ctx.pipe(ctx.survey.elements[id].title.get(lang));
                let mut title = ctx.survey.find(&e.question).map(title_of).unwrap_or_default();
                // A cell: "Anggota rumah tangga 2 · Umur".
                if let Some((cell, item)) = &e.place {
                    title = format!("{title} {item} · {}", title_of(*cell));
                }
                let href = format!("#tanya-q-{}", dom_id(e.key()));
                let question = dom_id(e.key());
                // The link moves focus to the question's input itself; the
                // URL keeps no fragment.
                view! {
                    <li><a href=href on:click=move |ev| {
                        ev.prevent_default();
                        ctx.root.focus_question(&question);
                    }>{title_with(&title, &e.message)}</a></li>
                }
            })
            .collect_view();
        Some(view! {
            <div id="tanya-summary" class="tanya-summary" role="alert" tabindex="-1">
                <h2>{say(Ui::ErrorSummary, lang)}</h2>
                <ul>{items}</ul>
            </div>
        })
    }
}

/// The review page (`showPreviewBeforeComplete`): each visible page's
/// questions and answers as text, an Edit button back to each page, and
/// Submit. Nothing is sent before Submit here.
#[component]
fn Review() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let answered_only = ctx.survey.preview == Preview::Answered;
    let edit_word = move |lang: Lang| match ctx.survey.edit_text.get(lang) {
        "" => say(Ui::Edit, lang).to_string(),
        own => own.to_string(),
    };
    let pages = move || {
        let lang = ctx.lang.get();
        let reviewed = ctx.model.with(|m| m.flow.review(lang, answered_only));
        reviewed
            .into_iter()
            .map(|r| {
                let def = &ctx.survey.pages[r.page];
                let title = match def.title.get(lang) {
                    "" => {
                        let (n, total) = ctx.model.with(|m| m.flow.page_position(r.page));
                        page_of(lang, n, total)
                    }
                    t => ctx.pipe(t),
                };
                let items = r
                    .questions
                    .into_iter()
                    .map(|(id, lines)| {
                        let question = ctx.pipe(ctx.survey.elements[id].title.get(lang));
                        let answer = if lines.is_empty() {
                            view! { <dd class="tanya-unanswered">{say(Ui::NotAnswered, lang)}</dd> }.into_any()
                        } else {
                            let lines = lines.into_iter().map(|l| view! { <span class="tanya-line">{l}</span> });
                            view! { <dd>{lines.collect_view()}</dd> }.into_any()
                        };
                        view! { <dt>{question}</dt>{answer} }
                    })
                    .collect_view();
                let page = r.page;
                let label = format!("{}: {title}", edit_word(lang));
                view! {
                    <section class="tanya-review-page" data-page=def.name.clone()>
                        <h3>{title}</h3>
                        <dl>{items}</dl>
                        <button type="button" class="tanya-edit" aria-label=label on:click=move |_| ctx.edit(page)>
                            {edit_word(lang)}
                        </button>
                    </section>
                }
            })
            .collect_view()
    };
    let last = move || ctx.model.with(|m| m.page);
    view! {
        <section class="tanya-review">
            <h2 id=REVIEW_HEADING class="tanya-page-title" tabindex="-1">
                {move || say(Ui::ReviewHeading, ctx.lang.get())}
            </h2>
            {pages}
            <form class="tanya-body" method="dialog" novalidate=true on:submit=move |ev| {
                ev.prevent_default();
                ctx.advance();
            }>
                <div class="tanya-nav">
                    <button type="button" class="tanya-prev" on:click=move |_| ctx.edit(last())>
                        {move || say(Ui::Previous, ctx.lang.get())}
                    </button>
                    <button type="submit" class="tanya-next">{move || say(Ui::Submit, ctx.lang.get())}</button>
                </div>
            </form>
        </section>
    }
}

/// Previous / Next / Submit.
#[component]
fn Nav() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let has_prev = move || ctx.survey.show_prev && ctx.model.with(|m| m.flow.prev_page(m.page).is_some());
    let is_last = move || ctx.model.with(|m| m.flow.next_page(m.page).is_none() || m.flow.completes());
    let on_start = move || ctx.model.with(|m| m.flow.start_page() == Some(m.page));
    let label = move || {
        let lang = ctx.lang.get();
        if on_start() {
            match ctx.survey.start_text.get(lang) {
                "" => say(Ui::Start, lang).to_string(),
                own => own.to_string(),
            }
        } else if is_last() && ctx.survey.preview != Preview::Off {
            match ctx.survey.preview_text.get(lang) {
                "" => say(Ui::ReviewAnswers, lang).to_string(),
                own => own.to_string(),
            }
        } else if is_last() {
            say(Ui::Submit, lang).to_string()
        } else {
            say(Ui::Next, lang).to_string()
        }
    };
    view! {
        <div class="tanya-nav">
            {move || has_prev().then(|| view! {
                <button type="button" class="tanya-prev" on:click=move |_| ctx.back()>
                    {move || say(Ui::Previous, ctx.lang.get())}
                </button>
            })}
            <button type="submit" class="tanya-next">
                {label}
            </button>
        </div>
    }
}

/// "You already filled in this survey on this device on DATE": `block`
/// stops there, `warn` also offers a new entry, as a secondary link (the
/// respondent who came back only to check is done). An earlier entry still
/// waiting on the phone says so.
#[component]
pub fn Duplicate<F>(
    survey: &'static Survey,
    earlier: Submitted,
    lang: Lang,
    root: crate::platform::dom::Root,
    start: F,
) -> impl IntoView
where
    F: Fn(Lang) -> AnyView + Send + Sync + Clone + 'static,
{
    // The notice replaces a prerendered page 1 (nothing typed there counts).
    Effect::new(move |_| untrack(|| crate::platform::takeover::finish(root, |_, _, _| {})));
    let lang = RwSignal::new(lang);
    let started = RwSignal::new(false);
    let at = earlier.at.clone();
    let can_restart = survey.tanya.duplicates == DuplicatePolicy::Warn;
    let outbox = Outbox::shared();
    let id = earlier.submission_id.clone();
    let waiting = Memo::new(move |_| {
        outbox.items.with(|items| items.iter().any(|i| i.submission_id == id && i.state.is_open()))
    });
    move || {
        if started.get() {
            return start(lang.get_untracked()).into_any();
        }
        let at = at.clone();
        view! {
            <div class="tanya-form">
                {lang_switch(lang, &survey.languages, move |l| {
                    lang.set(l);
                    root.set_lang(l.code());
                })}
                <h1>{move || survey.title.get(lang.get()).to_string()}</h1>
                <div class="tanya-done" role="status">
                    <p class="tanya-duplicate">{move || already_submitted(lang.get(), &long_date(lang.get(), &at))}</p>
                    {move || waiting.get().then(|| view! {
                        <p class="tanya-delivery" data-state="queued">{say(Ui::EarlierNotSent, lang.get())}</p>
                    })}
                    <p class="tanya-finished">{move || say(Ui::Finished, lang.get())}</p>
                </div>
                <Refused survey=survey shown=String::new() lang=lang/>
                {can_restart.then(|| view! {
                    <p><button type="button" class="tanya-link tanya-start-new" on:click=move |_| started.set(true)>
                        {move || say(Ui::StartNew, lang.get())}
                    </button></p>
                })}
            </div>
        }
        .into_any()
    }
}

/// Where the submitted entry stands, from the outbox.
#[component]
fn Delivery() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = ctx.model.with_untracked(|m| m.submission_id.clone());
    let id = StoredValue::new(id);
    // The last state seen: the outbox forgets a delivered entry after a
    // while, and the page keeps saying it was sent.
    let last = StoredValue::new(None::<tanya_engine::outbox::Item>);
    let item = Memo::new(move |_| {
        let now = ctx.outbox.items.with(|i| i.iter().find(|x| x.submission_id == *id.read_value()).cloned());
        if now.is_some() {
            last.set_value(now.clone());
        }
        now.or_else(|| last.get_value().filter(|x| matches!(x.state, State::Delivered { .. })))
    });
    move || {
        ctx.endpoint?;
        let lang = ctx.lang.get();
        let item = item.get()?;
        let memory = (!ctx.outbox.persistent())
            .then(|| view! { <p class="tanya-notice">{say(Ui::MemoryOnly, lang)}</p> });
        let state = match &item.state {
            State::Pending | State::Sending { .. } => {
                view! { <p class="tanya-delivery" data-state="sending">{say(Ui::Sending, lang)}</p> }
                    .into_any()
            }
            State::Waiting { .. } => {
                view! { <p class="tanya-delivery" data-state="queued">{say(Ui::SavedOffline, lang)}</p> }
                    .into_any()
            }
            State::Delivered { .. } => {
                view! { <p class="tanya-delivery" data-state="sent">{say(Ui::Sent, lang)}</p> }.into_any()
            }
            State::Refused { .. } => {
                view! { <RefusedEntry item=item.clone() outbox=ctx.outbox lang=lang/> }.into_any()
            }
        };
        Some(view! { <div aria-live="polite">{state}{memory}</div> })
    }
}

/// An entry the endpoint refused: its reason, a retry and a download.
#[component]
fn RefusedEntry(item: Item, outbox: Outbox, lang: Lang) -> impl IntoView {
    let State::Refused { reason } = &item.state else { return None };
    let reason = reason.clone();
    let id = item.submission_id.clone();
    Some(view! {
        <div class="tanya-delivery" data-state="rejected" role="alert">
            <p>{say(Ui::Refused, lang)}" "<span class="tanya-reason">{reason.text(lang)}</span></p>
            <div class="tanya-nav">
                <button type="button" class="tanya-retry" on:click=move |_| outbox.retry(&id)>
                    {say(Ui::Retry, lang)}
                </button>
                <button type="button" class="tanya-download" on:click=move |_| crate::platform::download::download(&item)>
                    {say(Ui::Download, lang)}
                </button>
            </div>
        </div>
    })
}

/// This questionnaire's earlier entries that the endpoint refused, other
/// than `shown`: kept on the phone, so they are listed on every visit
/// (the duplicate screen included) until a retry gets them through.
#[component]
pub fn Refused(
    survey: &'static Survey,
    #[prop(into)] shown: Signal<String>,
    #[prop(into)] lang: Signal<Lang>,
) -> impl IntoView {
    let outbox = Outbox::shared();
    let id = survey.id();
    // Rebuilt only when the list itself changes, not on every outbox write.
    let list = Memo::new(move |_| {
        outbox.items.with(|items| refused(items, &id, &shown.get()).cloned().collect::<Vec<_>>())
    });
    move || {
        let lang = lang.get();
        list.get()
            .into_iter()
            .map(|item| view! { <RefusedEntry item=item outbox=outbox lang=lang/> })
            .collect_view()
    }
}

/// The thank-you screen: `completedHtml` (as text, never as HTML) once the
/// endpoint has the entry; until then it says the answers have not arrived,
/// and the delivery line below says where they are.
#[component]
fn ThankYou() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = StoredValue::new(ctx.model.with_untracked(|m| m.submission_id.clone()));
    // Where the entry stands: sending (or not yet stored), waiting or refused, delivered.
    // Delivered once is delivered for good, though the outbox forgets the
    // record after a while (`KEEP_DELIVERED_MS`).
    let ever = StoredValue::new(false);
    let stage = Memo::new(move |_| {
        ctx.outbox.items.with(|i| {
            match i.iter().find(|x| x.submission_id == *id.read_value()).map(|x| &x.state) {
                None if ever.get_value() => Ui::ThankYou,
                None | Some(State::Pending | State::Sending { .. }) => Ui::ThanksSending,
                Some(State::Waiting { .. } | State::Refused { .. }) => Ui::ThanksPending,
                Some(State::Delivered { .. }) => {
                    ever.set_value(true);
                    Ui::ThankYou
                }
            }
        })
    });
    let delivered = move || stage.get() == Ui::ThankYou;
    // completedHtml, piped, once the entry is delivered; the form's own words before.
    let text = move || {
        let lang = ctx.lang.get();
        let html = ctx.model.with(|m| m.flow.completed_html().get(lang).to_string());
        let tree = tanya_engine::text::markup::sanitize(&html);
        match stage.get() {
            Ui::ThankYou if !strip_tags(&html).is_empty() => {
                view! { <div class="tanya-html">{crate::ui::markup::render(&tree, &|t| ctx.pipe(t))}</div> }
                    .into_any()
            }
            words => view! { <p>{crate::ui::say(words, lang)}</p> }.into_any(),
        }
    };
    view! {
        <div class="tanya-done" role="status" data-delivered=move || delivered().to_string()>
            {text}
        </div>
        <Delivery/>
    }
}
