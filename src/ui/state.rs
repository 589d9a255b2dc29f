//! The form's state, shared by every component through context.
//!
//! It holds the engine's [`Flow`] and the few view facts the engine does not
//! (current page, whether the respondent already tried to move on, the
//! progress already shown). What is valid, which page Submit returns to and
//! what an entry carries are the engine's (`validate`, `outbox::Meta`);
//! this routes events to it, keeps focus and scroll, and hands entries to
//! the outbox. The draft and the duplicate guard's record are `stored`.

use super::stored::{draft_key, earlier_submit, submitted_key, unsent_draft};
use crate::platform::outbox::Outbox;
use crate::platform::{clock, device, dom, storage};
use leptos::prelude::*;
use std::collections::BTreeSet;
use tanya_engine::expr::Value;
use tanya_engine::flow::{At, Draft, Flow, Submitted};
use tanya_engine::schema::{CheckErrors, ElementId, Preview, Survey};
use tanya_engine::text::Lang;
use tanya_engine::validate::{self, Report};

/// Where the respondent is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Filling in a page.
    Filling,
    /// Reviewing every answer before Submit (`showPreviewBeforeComplete`).
    Review,
    /// Submitted: the thank-you screen.
    Done,
}

/// A question where it is answered: its element, the roster items around
/// it (none outside rosters), and what the form shows of it.
#[derive(Clone, Copy)]
pub struct Here {
    /// The question.
    pub id: ElementId,
    /// The panels or rows around it.
    pub at: StoredValue<At>,
    /// Its answer, state and messages. Only [`Ctx::refresh`] sets it, and
    /// only when they differ: each control reads this, not the whole model,
    /// so a change wakes the few views it touches (a roster of 500
    /// questions would otherwise wake thousands of closures).
    pub shown: ReadSignal<Shown>,
}

/// What the form shows of one question.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The answer.
    pub value: Value,
    /// Shown at all.
    pub visible: bool,
    /// Accepts input.
    pub enabled: bool,
    /// Must be answered.
    pub required: bool,
    /// The first error, if it failed.
    pub error: Option<String>,
    /// A soft-required notice.
    pub notice: Option<String>,
}

impl Shown {
    fn of(m: &Model, id: ElementId, at: &At, key: &str) -> Shown {
        Shown {
            value: m.flow.value_at(id, at).cloned().unwrap_or(Value::Null),
            visible: m.flow.is_visible_at(id, at),
            enabled: m.flow.is_enabled_at(id, at),
            required: m.flow.is_required_at(id, at),
            error: m.report.for_question(key).find(|e| !e.soft).map(|e| e.message.clone()),
            notice: m.report.for_question(key).find(|e| e.soft).map(|e| e.message.clone()),
        }
    }
}

/// A question on screen, as [`Ctx::refresh`] keeps it current.
pub struct Watched {
    id: ElementId,
    at: At,
    key: String,
    shown: WriteSignal<Shown>,
    last: Shown,
}

impl Here {
    /// The question `id` answered at `at`, whose errors are found by `key`
    /// (its name, or its cell's path); watched until its view is dropped.
    pub fn new(ctx: Ctx, id: ElementId, at: At, key: String) -> Here {
        let last = ctx.model.with_untracked(|m| Shown::of(m, id, &at, &key));
        let (read, write) = signal(last.clone());
        let watched = Watched { id, at: at.clone(), key, shown: write, last };
        let slot = ctx.watched.try_update_value(|list| match list.iter().position(Option::is_none) {
            Some(free) => {
                list[free] = Some(watched);
                free
            }
            None => {
                list.push(Some(watched));
                list.len() - 1
            }
        });
        if let Some(slot) = slot {
            on_cleanup(move || {
                ctx.watched.try_update_value(|list| list[slot] = None);
            });
        }
        Here { id, at: StoredValue::new(at), shown: read }
    }
}

/// Everything that changes while an entry is filled in.
#[derive(Clone)]
pub struct Model {
    /// The engine's state.
    pub flow: Flow<'static>,
    /// The page shown.
    pub page: usize,
    /// After the first failed Next or Submit, validation re-runs on every change.
    pub attempted: bool,
    /// The questions shown at that failed try: only these are re-validated
    /// on a change, so a question revealed since is not in error before the
    /// respondent has seen it.
    pub checked: BTreeSet<String>,
    /// The lowest progress to show on this page: what it already showed, so
    /// the bar never moves back while the respondent answers.
    pub progress_floor: u32,
    /// What the last validation found on this page.
    pub report: Report,
    /// Soft-required questions the respondent chose to leave empty.
    pub confirmed: BTreeSet<String>,
    /// Seed of the random choice order.
    pub seed: u64,
    /// Filling in or done.
    pub stage: Stage,
    /// When the entry started.
    pub started_at: f64,
    /// When the current page was shown.
    pub page_since: f64,
    /// Milliseconds spent per page, by page name.
    pub page_ms: std::collections::BTreeMap<String, f64>,
    /// The entry's UUID, fixed when it started.
    pub submission_id: String,
}

impl Model {
    /// A new entry: the questionnaire's defaults and the link's prefill.
    fn fresh(survey: &'static Survey, params: &[(String, String)], now: f64) -> Model {
        let mut flow = Flow::new(survey, Some(now));
        for (name, value) in tanya_engine::flow::prefill(survey, params) {
            flow.set_answer(&name, value);
        }
        let seed = clock::seed();
        flow.set_seed(seed);
        // A start page (firstPageIsStarted) comes first.
        let page = flow.start_page().or(flow.first_page()).unwrap_or(0);
        Model::at(flow, page, seed, now, new_id())
    }

    /// The entry a stored draft holds, as the respondent left it, on the
    /// page they were on (when it still shows).
    fn from_draft(survey: &'static Survey, d: &Draft, now: f64) -> Model {
        let mut flow = Flow::resumed(survey, Some(now), &d.answers, d.answered.as_deref());
        let seed = Some(d.seed).filter(|s| *s != 0).unwrap_or_else(clock::seed);
        flow.set_seed(seed);
        let first = flow.first_page().unwrap_or(0);
        let page =
            Some(d.page).filter(|p| *p < survey.pages.len() && flow.is_page_visible(*p)).unwrap_or(first);
        let id = Some(d.submission_id.clone()).filter(|id| !id.is_empty()).unwrap_or_else(new_id);
        let mut model = Model::at(flow, page, seed, now, id);
        // `extend` inserts one by one; `collect` into a set sorts first,
        // with a sort of its own in the wasm.
        model.confirmed.extend(d.confirmed.iter().cloned());
        model.started_at = Some(d.started_at).filter(|t| *t > 0.0).unwrap_or(now);
        model.page_ms = d.page_ms.clone();
        model
    }

    /// An entry begun `now` on `page`, under `submission_id`.
    fn at(flow: Flow<'static>, page: usize, seed: u64, now: f64, submission_id: String) -> Model {
        Model {
            flow,
            page,
            attempted: false,
            checked: BTreeSet::new(),
            progress_floor: 0,
            report: Report::default(),
            confirmed: BTreeSet::new(),
            seed,
            stage: Stage::Filling,
            started_at: now,
            page_since: now,
            page_ms: Default::default(),
            submission_id,
        }
    }
}

/// A new entry's id.
fn new_id() -> String {
    tanya_engine::outbox::uuid_v4(device::random_bytes())
}

/// The handles every component uses.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The questionnaire (lives as long as the page).
    pub survey: &'static Survey,
    /// The form state.
    pub model: RwSignal<Model>,
    /// The language shown.
    pub lang: RwSignal<Lang>,
    /// False while the browser keeps no draft: it refuses storage, or the
    /// last draft could not be written (storage full). The form says so.
    pub storage_ok: RwSignal<bool>,
    /// Where entries go: the page's config, else `tanya.endpoint`.
    pub endpoint: Option<&'static tanya_engine::schema::Endpoint>,
    /// Entries waiting to be delivered.
    pub outbox: Outbox,
    /// Where the form is mounted (focus, scrolling and `lang` go there).
    pub root: dom::Root,
    /// The questions on screen (see [`Here`]).
    pub watched: StoredValue<Vec<Option<Watched>>, LocalStorage>,
    /// True when the entry went on from a stored draft, which a prerendered
    /// page 1 was drawn without.
    pub resumed: bool,
}

impl Ctx {
    /// Builds the state: a stored draft if there is one, else URL prefill.
    pub fn new(
        survey: &'static Survey,
        lang: Lang,
        params: &[(String, String)],
        endpoint: Option<&'static tanya_engine::schema::Endpoint>,
        outbox: Outbox,
    ) -> Ctx {
        let now = clock::now_ms();
        let storage_ok = RwSignal::new(storage::local().is_some());
        // A stale tab's draft of an entry already sent: the respondent starts afresh.
        let draft = storage::get(&draft_key(survey)).and_then(|t| unsent_draft(survey, &t));
        let resumed = draft.is_some();
        let model = match &draft {
            Some(d) => {
                let model = Model::from_draft(survey, d, now);
                // The link's prefill starts an entry; a resumed draft already
                // took it when it began, and holds what the respondent made of
                // it since (an answer changed, a group switched): reopening the
                // same link must not put the link's values back over theirs.
                for (name, value) in tanya_engine::flow::prefill(survey, params) {
                    if model.flow.answer(&name) != Some(&value) {
                        leptos::logging::warn!(
                            "tanya: the link's {name} is not applied over the stored draft, which holds the \
                             respondent's own answer"
                        );
                    }
                }
                model
            }
            None => Model::fresh(survey, params, now),
        };
        let endpoint = endpoint.or(survey.tanya.endpoint.as_ref());
        Ctx {
            survey,
            model: RwSignal::new(model),
            lang: RwSignal::new(lang),
            storage_ok,
            endpoint,
            outbox,
            root: dom::Root::Page,
            watched: StoredValue::new_local(Vec::new()),
            resumed,
        }
    }

    /// Follows the draft when another tab of this browser writes it: the
    /// respondent answers in whichever tab is in front, and a tab they come
    /// back to shows (and would submit, or write back) the latest answers,
    /// not its own older ones. A tab on its thank-you page stays as it is.
    /// Nothing is written back, so two tabs never echo each other. Call
    /// once the form's `root` is set, in the form's reactive owner.
    pub fn follow_other_tabs(self) {
        let (survey, model, root) = (self.survey, self.model, self.root);
        let draft = storage::on_other_tab_write(draft_key(survey), move |text| {
            let Some(d) = text.and_then(|t| unsent_draft(survey, &t)) else { return };
            let now = clock::now_ms();
            // `try_`: the form may have been unmounted since. A tab on its
            // review page follows too, back to filling in where the other is.
            let moved = model.try_update(|m| {
                let before = m.page;
                if m.stage != Stage::Done {
                    *m = Model::from_draft(survey, &d, now);
                }
                m.page != before
            });
            if moved == Some(true) {
                root.scroll_top();
            }
        });
        // The entry this tab shows was sent from another: it starts a new one,
        // as a reload would, rather than offer the sent answers again.
        let sent = storage::on_other_tab_write(submitted_key(survey), move |text| {
            let Some(sent) = text.as_deref().and_then(Submitted::parse) else { return };
            let now = clock::now_ms();
            let _ = model.try_update(|m| {
                if m.stage != Stage::Done && m.submission_id == sent.submission_id {
                    *m = Model::fresh(survey, &[], now);
                }
            });
        });
        // Held by the form's owner: an unmounted form stops listening.
        StoredValue::new_local((draft, sent));
    }

    /// Takes what the respondent changed on a prerendered page 1 before the
    /// app started (each question's inputs now and as drawn), read in the
    /// language that page was in (`page_lang`): each change to its question
    /// on that page (`page_name`, else the page shown). A default the page
    /// showed and nobody touched stays a default. Over a resumed draft too:
    /// the page was drawn without it, and what the respondent typed there
    /// since is their latest answer; the draft's other answers, and its
    /// page, stay. Except in a roster's panels or rows: the page drew its
    /// starting items, blank, and a cell is found by its item's position,
    /// which over the draft's items would write into someone else's
    /// (`household[0]` is the draft's first member); those are left out, and
    /// the console says so.
    pub fn take_typed(
        &self,
        mut typed: Vec<(String, tanya_engine::flow::Typed, tanya_engine::flow::Typed)>,
        page_lang: Option<Lang>,
        page_name: Option<String>,
    ) {
        let named = page_name.and_then(|n| self.survey.pages.iter().position(|p| p.name == n));
        if self.resumed {
            let before = typed.len();
            // A matrix row is found by its key and stays; a panel or an
            // added row by its position.
            let by_position = |path: &str| {
                self.model.with_untracked(|m| {
                    m.flow.locate(named.unwrap_or(m.page), path).is_some_and(|(_, at)| at.by_position())
                })
            };
            typed.retain(|(path, _, _)| !by_position(path));
            if typed.len() < before {
                leptos::logging::warn!(
                    "tanya: {} answer(s) typed into a roster on the prerendered page were left out: \
                     the stored draft's items stand where the page drew blank ones",
                    before - typed.len()
                );
            }
        }
        if typed.is_empty() {
            return;
        }
        let lang = page_lang.unwrap_or_else(|| self.lang.get_untracked());
        // A page being filled in (not a thank-you, a duplicate's notice).
        if let Some(page) =
            self.model.with_untracked(|m| (m.stage == Stage::Filling).then(|| named.unwrap_or(m.page)))
        {
            self.change(|flow| flow.take_typed(page, &typed, lang));
        }
    }

    /// The current answer to a question (reactive).
    pub fn answer(&self, name: &str) -> Value {
        self.model.with(|m| m.flow.answer(name).cloned().unwrap_or(Value::Null))
    }

    /// Sets an answer, re-validates what the respondent already tried to
    /// move on with, and saves the draft.
    pub fn set(&self, name: &str, value: Value) {
        self.change(|flow| flow.set_answer(name, value));
    }

    /// The answer to a question where it stands (reactive).
    pub fn value(&self, here: Here) -> Value {
        here.shown.with(|s| s.value.clone())
    }

    /// The answer as the model holds it now, untracked: what an event
    /// handler changes (the [`Shown`] a view reads catches up a moment
    /// later, so two changes in one task must not read it).
    pub fn current(&self, here: Here) -> Value {
        let at = here.at.get_value();
        self.model.with_untracked(|m| m.flow.value_at(here.id, &at).cloned().unwrap_or(Value::Null))
    }

    /// Sets the answer to a question where it stands, like [`Ctx::set`].
    pub fn put(&self, here: Here, value: Value) {
        let at = here.at.get_value();
        let s = self.survey;
        let key =
            at.0.first().map_or(&s.elements[here.id].name, |step| &s.elements[step.roster].name).clone();
        self.change(|flow| flow.set_at(here.id, &at, value));
        // `checkErrorsMode: "onValueChanged"`: a question is checked as soon
        // as its answer changes.
        if s.check_errors == CheckErrors::OnValueChanged {
            let lang = self.lang.get_untracked();
            self.model.update(|m| {
                m.checked.insert(key);
                m.report = validate::recheck(&m.flow, m.page, lang, &m.confirmed, &m.checked);
            });
        }
    }

    /// Applies a change to the answers, then re-validates and saves.
    pub fn change(&self, f: impl FnOnce(&mut Flow<'static>)) {
        let lang = self.lang.get_untracked();
        self.model.update(|m| {
            let before = m.flow.progress_percent(m.page);
            f(&mut m.flow);
            m.progress_floor = m.progress_floor.max(before);
            // A `skip` trigger moves the respondent to its question's page.
            if let Some(q) = m.flow.take_skip() {
                let page = ctx_page(m, q);
                if page != m.page {
                    m.page = page;
                    m.attempted = false;
                    m.report = Report::default();
                    m.progress_floor = 0;
                }
            }
            if m.attempted {
                m.report = validate::recheck(&m.flow, m.page, lang, &m.confirmed, &m.checked);
            }
        });
        self.save_draft();
    }

    /// Brings every watched question's [`Shown`] up to date with the model,
    /// setting only those that changed. One effect runs it after each change.
    pub fn refresh(&self) {
        self.model.with(|m| {
            self.watched.update_value(|list| {
                for w in list.iter_mut().flatten() {
                    let now = Shown::of(m, w.id, &w.at, &w.key);
                    if now != w.last {
                        w.last = now.clone();
                        w.shown.set(now);
                    }
                }
            })
        });
    }

    /// Shows the form in another language: every text, the messages already
    /// shown included, and the draft remembers it.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        self.root.set_lang(lang.code());
        self.model.update(|m| {
            if m.attempted {
                m.report = validate::recheck(&m.flow, m.page, lang, &m.confirmed, &m.checked);
            }
        });
        self.save_draft();
    }

    /// Whether a question is shown where it stands (reactive).
    pub fn visible_at(&self, here: Here) -> bool {
        here.shown.with(|s| s.visible)
    }

    /// Whether a question accepts input where it stands (reactive).
    pub fn enabled_at(&self, here: Here) -> bool {
        here.shown.with(|s| s.enabled)
    }

    /// Whether a question must be answered where it stands (reactive).
    pub fn required_at(&self, here: Here) -> bool {
        here.shown.with(|s| s.required)
    }

    /// A question's first error where it stands (reactive).
    pub fn error_at(&self, here: Here) -> Option<String> {
        here.shown.with(|s| s.error.clone())
    }

    /// A question's soft-required notice where it stands (reactive).
    pub fn notice_at(&self, here: Here) -> Option<String> {
        here.shown.with(|s| s.notice.clone())
    }

    /// The progress bar's percentage (reactive): never lower than it already
    /// was on this page.
    pub fn progress(&self) -> u32 {
        self.model.with(|m| m.flow.progress_percent(m.page).max(m.progress_floor))
    }

    /// Text with `{name}` piped in (reactive).
    pub fn pipe(&self, text: &str) -> String {
        // Text without `{` pipes nothing, and then reads no answers: it
        // must not re-run on every change.
        if !text.contains('{') {
            return text.to_string();
        }
        let lang = self.lang.get();
        self.model.with(|m| m.flow.pipe(text, lang))
    }

    /// Next (or, on the last page, Submit): validate, then move on or show
    /// errors. With no endpoint the last step is refused: the answers stay
    /// in the draft and the notice that says why gets the focus.
    pub fn advance(&self) {
        let lang = self.lang.get_untracked();
        let survey = self.survey;
        let has_endpoint = self.endpoint.is_some();
        let mut outcome = Advance::Stayed;
        self.model.update(|m| {
            // `checkErrorsMode: "onComplete"`: Next checks nothing; Submit
            // checks every page.
            let later = m.flow.next_page(m.page).is_some() && !m.flow.completes();
            let report = if survey.check_errors == CheckErrors::OnComplete && later {
                Report::default()
            } else {
                validate::page(&m.flow, m.page, lang, &m.confirmed)
            };
            if !report.is_ok() {
                if !report.has_blocking() {
                    m.confirmed.extend(report.soft_questions());
                }
                outcome =
                    Advance::Invalid(report.blocking().next().is_none().then(|| report.soft_questions()));
                m.attempted = true;
                m.checked = validate::shown(&m.flow, m.page);
                m.report = report;
                return;
            }
            // A `complete` trigger that holds makes this Next the Submit,
            // with the pages after this one left unanswered (as SurveyJS does).
            let early = m.flow.completes() && m.flow.next_page(m.page).is_some();
            let next = m.flow.next_page(m.page).filter(|_| !early);
            if next.is_none() && !has_endpoint {
                outcome = Advance::NoEndpoint;
                return;
            }
            let now = clock::now_ms();
            *m.page_ms.entry(survey.pages[m.page].name.clone()).or_default() += now - m.page_since;
            m.page_since = now;
            m.attempted = false;
            m.checked.clear();
            m.report = Report::default();
            m.progress_floor = 0;
            match next {
                Some(next) => m.page = next,
                None => {
                    // Submit: every visible page must pass; show the first that does not.
                    let blocking =
                        if early { None } else { validate::first_blocking_page(&m.flow, lang, &m.confirmed) };
                    if let Some(page) = blocking {
                        m.stage = Stage::Filling;
                        m.page = page;
                        m.report = validate::page(&m.flow, page, lang, &m.confirmed);
                        m.attempted = true;
                        m.checked = validate::shown(&m.flow, page);
                        outcome = Advance::Invalid(None);
                        return;
                    }
                    m.stage = match (survey.preview, m.stage) {
                        (Preview::Off, _) | (_, Stage::Review) => Stage::Done,
                        _ => Stage::Review,
                    };
                }
            }
            outcome = Advance::Moved;
        });
        match outcome {
            Advance::Moved if self.model.with_untracked(|m| m.stage == Stage::Done) => {
                self.submit();
                self.root.scroll_top();
            }
            Advance::Moved if self.model.with_untracked(|m| m.stage == Stage::Review) => {
                self.save_draft();
                self.root.scroll_top();
                self.root.focus_soon(REVIEW_HEADING.to_string(), false);
            }
            Advance::Moved => {
                self.save_draft();
                self.root.scroll_top();
                self.root.focus_soon(PAGE_HEADING.to_string(), false);
            }
            // Only soft-required notices: the first one's question takes the focus.
            Advance::Invalid(Some(soft)) => {
                if let Some(name) = soft.first() {
                    self.root.focus_soon(format!("tanya-n-{}", dom_id(name)), true);
                }
            }
            Advance::Invalid(None) => self.root.focus_soon("tanya-summary".to_string(), true),
            Advance::NoEndpoint => self.root.focus_soon("tanya-no-endpoint".to_string(), true),
            Advance::Stayed => {}
        }
    }

    /// Builds the entry (answers, fingerprints, quality) and queues it for
    /// the endpoint. Only once the outbox has stored it are the draft
    /// removed and the entry remembered for the duplicate guard: a tab
    /// closed in between finds the draft again, under the same id.
    fn submit(&self) {
        use tanya_engine::fingerprint as fp;
        let s = self.survey;
        let now = clock::now_ms();
        let lang = self.lang.get_untracked();
        // Another tab already sent this draft: these answers are a new entry.
        let sent_elsewhere = earlier_submit(s).map(|e| e.submission_id);
        if self.model.with_untracked(|m| sent_elsewhere.as_ref() == Some(&m.submission_id)) {
            self.model.update_untracked(|m| m.submission_id = new_id());
            // Until the entry is stored, the draft is its only copy.
            self.write_draft();
        }
        let (answers, meta, quality) = self.model.with_untracked(|m| {
            let answers = m.flow.submission();
            let meta = tanya_engine::outbox::Meta {
                respondent: device::respondent_id(&s.id()),
                device: device::device_hash(&fp::salt(s)),
                ..tanya_engine::outbox::Meta::new(s, &answers, &m.submission_id, lang, m.started_at, now)
            };
            let quality = fp::quality(s, &answers, now - m.started_at, m.page_ms.clone());
            (answers, meta, quality)
        });
        let record = Submitted { at: meta.submitted_at.clone(), submission_id: meta.submission_id.clone() };
        // The draft goes first: where storage is full, its room lets the
        // duplicate guard's record be written.
        let stored = move || {
            storage::remove(&draft_key(s));
            if !storage::set(&submitted_key(s), &record.to_text()) {
                leptos::logging::warn!(
                    "tanya: the record of this entry could not be stored: the duplicate guard will not see it"
                );
            }
        };
        // `advance` never submits without an endpoint; were it to, the draft
        // stays, since nothing has stored the entry.
        let Some(ep) = self.endpoint else { return };
        let body = tanya_engine::outbox::payload(ep.body, &answers, &meta, &quality).to_string();
        let mut item = tanya_engine::outbox::Item::new(
            &meta.submission_id,
            &ep.url,
            &ep.method,
            ep.headers.clone(),
            body,
        );
        item.parent_origin = s.tanya.parent_origin.clone();
        item.survey_id = Some(s.id());
        self.outbox.push(item, stored);
    }

    /// From the review page back to `page` to change its answers; Next
    /// from the last page comes back to the review.
    pub fn edit(&self, page: usize) {
        self.turn(|m| {
            m.stage = Stage::Filling;
            Some(page)
        });
    }

    /// Previous page, without validating.
    pub fn back(&self) {
        self.turn(|m| m.flow.prev_page(m.page));
    }

    /// Shows the page `pick` names (none: stays), fresh, without
    /// validating; saves the draft and puts the focus on its heading.
    fn turn(&self, pick: impl FnOnce(&mut Model) -> Option<usize>) {
        self.model.update(|m| {
            if let Some(p) = pick(m) {
                m.page = p;
                m.attempted = false;
                m.report = Report::default();
                m.progress_floor = 0;
            }
        });
        self.save_draft();
        self.root.scroll_top();
        self.root.focus_soon(PAGE_HEADING.to_string(), false);
    }
}

/// The page of top-level question `q` (its own page for a roster's cell).
fn ctx_page(m: &Model, q: ElementId) -> usize {
    m.flow.survey().elements[q].page
}

/// What a press of Next or Submit did.
enum Advance {
    /// Nothing was pressed yet.
    Stayed,
    /// On to another page, or submitted.
    Moved,
    /// Stopped by validation: `Some` with the soft-required questions when
    /// nothing else stopped it.
    Invalid(Option<Vec<String>>),
    /// The last page, with no endpoint to send to.
    NoEndpoint,
}

/// The id of the current page's heading, which takes the focus after a page change.
pub const PAGE_HEADING: &str = "tanya-page-heading";

/// The id of the review page's heading, which takes the focus when it shows.
pub const REVIEW_HEADING: &str = "tanya-review-heading";

/// A DOM id fragment for a question name (names may hold spaces and symbols).
pub fn dom_id(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' }).collect()
}
