//! The adaptive flow: answers in, visibility, navigation, progress and piping out.
//!
//! A [`Flow`] evaluates every condition once when it is built, then on each
//! answer change re-evaluates only the conditions that read that answer
//! (and calculated values that depend on it, transitively).

mod deps;
mod draft;
mod order;
mod piping;
mod prefill;
mod preview;
mod review;
mod roster;
mod typed;

pub use draft::{Draft, Submitted};
pub use order::{choice_order, in_order, order_varies, page_in_order, shuffled};
pub use prefill::prefill;
pub use preview::Preview;
pub use review::Reviewed;
pub use roster::{At, Slot, Step};
pub use typed::Typed;

use crate::expr::{Env, Scope, Value};
use crate::schema::{ClearInvisible, ElementId, Kind, ProgressType, Survey, TriggerKind};
use crate::Json;
use deps::{Deps, Target};
use std::collections::BTreeMap;

/// Answers keyed by question name.
pub type Answers = BTreeMap<String, Value>;

/// The state of one respondent's entry.
#[derive(Clone, Debug)]
pub struct Flow<'s> {
    survey: &'s Survey,
    answers: Answers,
    /// Calculated values and expression questions, by name.
    computed: Answers,
    own_visible: Vec<bool>,
    enabled: Vec<bool>,
    required_if: Vec<Option<bool>>,
    page_own_visible: Vec<bool>,
    deps: Deps,
    /// Questions with a choice that has a `visibleIf`.
    conditional_choices: Vec<ElementId>,
    /// The question a `skip` trigger sent the respondent to, until taken.
    skip: Option<ElementId>,
    /// Answers the respondent (or the answers given) set, which a
    /// `defaultValueExpression` no longer overwrites.
    answered: std::collections::BTreeSet<String>,
    /// Questions whose answer is cleared the moment they hide
    /// (`clearInvisibleValues` or `clearIfInvisible` `onHidden` or
    /// `onHiddenContainer`); empty for most questionnaires.
    hiding_clears: Vec<ElementId>,
    /// How deep answers cleared or restored by hiding and showing set off
    /// more of the same; conditions that contradict each other stop at
    /// [`MAX_HIDING_DEPTH`], as survey-core stops re-running conditions.
    hiding_depth: usize,
    now: Option<f64>,
    /// The entry's seed for `questionOrder: "random"` ([`Flow::set_seed`]);
    /// `None`: pages and panels count as listed.
    seed: Option<u64>,
}

/// How many rounds of hiding-and-clearing one change may set off.
const MAX_HIDING_DEPTH: usize = 10;

/// Whether survey-core runs a rule whose expression is `first` (and whose
/// second expression is `second`) after `changed` changed: when `first`
/// reads `changed`; else, without `second`, when `first` calls a function
/// or reads nothing; else when `second` reads `changed`, calls a function
/// or reads nothing.
fn runs(
    changed: &str,
    first: Option<&crate::expr::Expression>,
    second: Option<&crate::expr::Expression>,
) -> bool {
    #[derive(PartialEq)]
    enum Why {
        Reads,
        Calls,
        Constant,
        No,
    }
    let why = |x: &crate::expr::Expression| {
        let mut calls = false;
        x.tree().visit_calls(&mut |_, _| calls = true);
        let reads = x.variables().iter().any(|v| {
            let root = v.trim_start_matches('#').split(['.', '[']).next().unwrap_or(v);
            crate::expr::eq_ignore_case(root, changed)
        });
        match (reads, calls, x.variables().is_empty()) {
            (true, _, _) => Why::Reads,
            (_, true, _) => Why::Calls,
            (_, _, true) => Why::Constant,
            _ => Why::No,
        }
    };
    let (first, second) = match (first, second) {
        (None, Some(b)) => (Some(b), None),
        pair => pair,
    };
    let Some(first) = first else { return false };
    let one = why(first);
    match second {
        _ if one == Why::Reads => true,
        None => one != Why::No,
        Some(b) => why(b) != Why::No,
    }
}

/// The key under which a multiple-text item counts as answered by the respondent.
fn item_key(question: &str, item: &str) -> String {
    format!("{question}\u{0}{item}")
}

/// Answers and computed values seen together, answers first.
struct Both<'a> {
    answers: &'a Answers,
    computed: &'a Answers,
}

impl Scope for Both<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        Scope::get(self.answers, key).or_else(|| Scope::get(self.computed, key))
    }
}

impl<'s> Flow<'s> {
    /// Starts an entry: default values filled in, then everything evaluated.
    /// `now` (epoch milliseconds) feeds `today()` and `age()`.
    pub fn new(survey: &'s Survey, now: Option<f64>) -> Flow<'s> {
        let n = survey.elements.len();
        let mut flow = Flow {
            survey,
            answers: Answers::new(),
            computed: Answers::new(),
            own_visible: vec![true; n],
            enabled: vec![true; n],
            required_if: vec![None; n],
            page_own_visible: vec![true; survey.pages.len()],
            deps: Deps::build(survey),
            conditional_choices: survey
                .questions()
                .filter(|(_, e)| {
                    matches!(&e.kind, Kind::Choices { choices, choices_visible_if, from, .. }
                        if choices_visible_if.is_some() || from.is_some() || choices.iter().any(|c| c.visible_if.is_some()))
                })
                .map(|(id, _)| id)
                .collect(),
            skip: None,
            answered: std::collections::BTreeSet::new(),
            hiding_clears: survey
                .questions()
                .filter(|(id, e)| {
                    e.roster.is_none()
                        && e.clear_if_invisible.unwrap_or(survey.clear_invisible).on_hiding()
                        && !matches!(survey.elements[*id].kind, Kind::Expression { .. })
                })
                .map(|(id, _)| id)
                .collect(),
            hiding_depth: 0,
            now,
            seed: None,
        };
        for e in survey.elements.iter().filter(|e| e.roster.is_none()) {
            if let Some(d) = &e.default_value {
                flow.answers.insert(e.name.clone(), Value::from(d));
            }
        }
        flow.roster_defaults(false);
        flow.evaluate_all();
        flow.hold_back_hidden_defaults();
        flow.run_default_expressions();
        flow
    }

    /// As survey-core, which gives a question that clears on hiding its
    /// default only while it shows: takes back the defaults of those
    /// hidden at the start, until what they showed settles.
    fn hold_back_hidden_defaults(&mut self) {
        let s = self.survey;
        for _ in 0..=self.hiding_clears.len() {
            // survey-core asks the question's own visibility here (`isVisible`).
            let held: Vec<&String> = self
                .hiding_clears
                .iter()
                .filter(|&&id| !self.own_visible(id))
                .map(|&id| &s.elements[id])
                .filter(|e| {
                    e.default_value
                        .as_ref()
                        .is_some_and(|d| self.answers.get(&e.name) == Some(&Value::from(d)))
                })
                .map(|e| &e.name)
                .collect();
            if held.is_empty() {
                return;
            }
            for name in held {
                self.answers.remove(name);
            }
            self.evaluate_all();
        }
        // One taken back may have hidden another that shows again now.
        let given_back: Vec<(&String, Value)> = self
            .hiding_clears
            .iter()
            .filter(|&&id| self.own_visible(id) && !self.answers.contains_key(&s.elements[id].name))
            .filter_map(|&id| {
                s.elements[id].default_value.as_ref().map(|d| (&s.elements[id].name, Value::from(d)))
            })
            .collect();
        if !given_back.is_empty() {
            for (name, v) in given_back {
                self.answers.insert(name.clone(), v);
            }
            self.evaluate_all();
        }
    }

    /// Whether element `id` shows by itself (`visible`, `visibleIf`), its
    /// panels and page aside.
    fn own_visible(&self, id: ElementId) -> bool {
        !self.survey.elements[id].hidden && self.own_visible[id]
    }

    /// Whether question `id`'s default waits until it shows (it clears on hiding and is hidden).
    fn default_held_back(&self, id: ElementId) -> bool {
        self.clear_mode(id).on_hiding() && !self.is_visible(id)
    }

    /// Sets every `defaultValueExpression` answer not given yet.
    fn run_default_expressions(&mut self) {
        for (id, e) in self.survey.questions() {
            let Some(x) = e.value_rules.as_ref().and_then(|r| r.default_to.as_ref()) else { continue };
            if !self.answered.contains(&e.name) && !self.default_held_back(id) {
                let v = self.eval(x);
                if self.answers.get(&e.name) != Some(&v) {
                    self.set_by_trigger(&e.name.clone(), v, 1);
                }
            }
        }
        self.run_item_defaults(None, 1);
    }

    /// Sets the `defaultValueExpression` of multiple-text items the
    /// respondent has not changed: all of them (`changed` `None`), or those
    /// whose expression survey-core runs after `changed` changed.
    fn run_item_defaults(&mut self, changed: Option<&str>, depth: usize) {
        let s = self.survey;
        for (id, e) in s.questions() {
            let Kind::MultipleText { items } = &e.kind else { continue };
            if self.default_held_back(id) {
                continue;
            }
            for item in items {
                let Some(x) = &item.default_to else { continue };
                if changed.is_some_and(|c| !runs(c, Some(x), None))
                    || self.answered.contains(&item_key(&e.name, &item.name))
                {
                    continue;
                }
                let v = self.eval(x);
                let mut object = match self.answers.get(&e.name) {
                    Some(Value::Object(o)) => o.clone(),
                    _ => Default::default(),
                };
                if object.get(&item.name).unwrap_or(&Value::Null) == &v {
                    continue;
                }
                if v.is_empty() {
                    object.remove(&item.name);
                } else {
                    object.insert(item.name.clone(), v);
                }
                self.set_by_trigger(&e.name.clone(), Value::Object(object), depth + 1);
            }
        }
    }

    /// Checks answers as submitted (by the collector, `tanya fingerprint`):
    /// the questionnaire's defaults, then the answers given over them. A
    /// submission leaves out hidden questions' answers, so a hidden
    /// question keeps its default, and the conditions reading it see what
    /// the form saw. A question that shows and was given nothing had its
    /// default cleared by the respondent: it is cleared here too (and what
    /// that shows or hides follows). Expressions never run over the
    /// answers given.
    pub fn with_answers(
        survey: &'s Survey,
        now: Option<f64>,
        answers: &serde_json::Map<String, Json>,
    ) -> Flow<'s> {
        let mut flow = Flow::new(survey, now);
        for (k, v) in answers {
            flow.answers.insert(k.clone(), Value::from(v));
            flow.answered.insert(k.clone());
        }
        flow.roster_defaults(false);
        flow.evaluate_all();
        for _ in 0..=survey.elements.len() {
            let cleared: Vec<String> = survey
                .questions()
                .filter(|(id, e)| {
                    e.roster.is_none()
                        && !matches!(e.kind, Kind::Roster(_) | Kind::Expression { .. })
                        && !answers.contains_key(&e.name)
                        && flow.answers.contains_key(&e.name)
                        && flow.is_visible(*id)
                })
                .map(|(_, e)| e.name.clone())
                .collect();
            if cleared.is_empty() {
                break;
            }
            for name in cleared {
                flow.answers.remove(&name);
                flow.answered.insert(name);
            }
            flow.evaluate_all();
        }
        flow
    }

    /// Resumes an entry from its draft: exactly the answers it kept, as
    /// survey-core takes `survey.data`, so a default the respondent cleared
    /// stays cleared. `answered` names the answers the respondent gave (the
    /// draft keeps them, see [`Flow::answered`]); expressions go on
    /// following the others. A draft of an earlier release has no such
    /// list: then an answer counts as given where survey-core would not
    /// follow its expression ([`Flow::mark_given`]).
    pub fn resumed(
        survey: &'s Survey,
        now: Option<f64>,
        answers: &serde_json::Map<String, Json>,
        answered: Option<&[String]>,
    ) -> Flow<'s> {
        let mut flow = Flow::new(survey, now);
        let before = std::mem::take(&mut flow.answers);
        for (k, v) in answers {
            flow.answers.insert(k.clone(), Value::from(v));
        }
        flow.roster_defaults(false);
        flow.evaluate_all();
        match answered {
            Some(names) => flow.answered.extend(names.iter().cloned()),
            None => flow.mark_given(&before),
        }
        flow.run_default_expressions();
        flow
    }

    /// What the respondent answered (and multiple-text items they changed,
    /// keyed within their question): the answers no expression overwrites.
    pub fn answered(&self) -> impl Iterator<Item = &String> {
        self.answered.iter()
    }

    /// Marks as the respondent's each answer of a draft that does not say
    /// which: one an expression would not give now (a question's, or a
    /// multiple-text item's), or a question's emptied where it held
    /// something at the start. What the expression gives now, and an empty
    /// answer where it held nothing, go on following it.
    fn mark_given(&mut self, before: &Answers) {
        let s = self.survey;
        let filled = |v: Option<&Value>| v.filter(|v| !v.is_empty()).cloned();
        let mut given = Vec::new();
        for (_, e) in s.questions().filter(|(_, e)| e.roster.is_none()) {
            let now = filled(self.answers.get(&e.name));
            if let Some(x) = e.value_rules.as_ref().and_then(|r| r.default_to.as_ref()) {
                let mine = match &now {
                    Some(v) => *v != self.eval(x),
                    None => filled(before.get(&e.name)).is_some(),
                };
                if mine {
                    given.push(e.name.clone());
                }
            }
            if let Kind::MultipleText { items } = &e.kind {
                for item in items {
                    let Some(x) = &item.default_to else { continue };
                    let value = match &now {
                        Some(Value::Object(m)) => filled(m.get(&item.name)),
                        _ => None,
                    };
                    if value.is_some_and(|v| v != self.eval(x)) {
                        given.push(item_key(&e.name, &item.name));
                    }
                }
            }
        }
        self.answered.extend(given);
    }

    /// The questionnaire.
    pub fn survey(&self) -> &'s Survey {
        self.survey
    }

    fn env<'a>(&self, scope: &'a Both<'a>) -> Env<'a> {
        Env { scope, now: self.now }
    }

    /// Evaluates every condition and computed value from scratch.
    pub fn evaluate_all(&mut self) {
        self.recompute_values(None);
        for t in self.deps.all_targets() {
            self.evaluate(t);
        }
    }

    fn evaluate(&mut self, t: Target) {
        let s = self.survey;
        let scope = Both { answers: &self.answers, computed: &self.computed };
        let env = self.env(&scope);
        match t {
            Target::Page(p) => {
                let v = s.pages[p].visible_if.as_ref().is_none_or(|c| c.check(&env));
                self.page_own_visible[p] = v;
            }
            Target::Visible(id) => {
                let v = s.elements[id].visible_if.as_ref().is_none_or(|c| c.check(&env));
                self.own_visible[id] = v;
            }
            Target::Enable(id) => {
                let v = s.elements[id].enable_if.as_ref().is_none_or(|c| c.check(&env));
                self.enabled[id] = v;
            }
            Target::Require(id) => {
                let v = s.elements[id].required_if.as_ref().map(|c| c.check(&env));
                self.required_if[id] = v;
            }
        }
    }

    /// Recomputes calculated values and expression questions: all of them, or
    /// those that (transitively) read `changed`. Returns the names that changed.
    fn recompute_values(&mut self, changed: Option<&str>) -> Vec<String> {
        let s = self.survey;
        let order = match changed {
            None => self.deps.computed_order().to_vec(),
            Some(name) => self.deps.computed_affected_by(name),
        };
        let mut updated = Vec::new();
        for c in order {
            let (name, expr) = match c {
                deps::Computed::Calc(i) => (&s.calculated_values[i].name, &s.calculated_values[i].expression),
                deps::Computed::Question(id) => match &s.elements[id].kind {
                    Kind::Expression { expression: Some(x) } => (&s.elements[id].name, x),
                    _ => continue,
                },
            };
            let scope = Both { answers: &self.answers, computed: &self.computed };
            let v = expr.eval(&self.env(&scope));
            if self.computed.get(name) != Some(&v) {
                self.computed.insert(name.clone(), v);
                updated.push(name.clone());
            }
        }
        updated
    }

    /// Starts an entry from answers given as if the respondent gave them
    /// one by one in questionnaire order (what `tanya run` does, as
    /// SurveyJS's `setValue` would): triggers fire on the way.
    pub fn replayed(
        survey: &'s Survey,
        now: Option<f64>,
        answers: &serde_json::Map<String, Json>,
    ) -> Flow<'s> {
        let mut flow = Flow::new(survey, now);
        let answers = &others_as_comments(survey, answers);
        let mut done = std::collections::BTreeSet::new();
        for (_, e) in survey.questions() {
            if let Some(v) = answers.get(&e.name).filter(|_| done.insert(e.name.clone())) {
                flow.set_answer(&e.name, Value::from(v));
            }
        }
        for (k, v) in answers.iter().filter(|(k, _)| !done.contains(*k)) {
            flow.set_answer(k, Value::from(v));
        }
        flow.roster_defaults(true);
        flow.evaluate_all();
        flow
    }

    /// Sets (or, with `Value::Null`, clears) an answer, re-evaluates what
    /// reads it, and runs the triggers whose condition reads it and holds.
    pub fn set_answer(&mut self, name: &str, value: Value) {
        self.answered.insert(name.to_string());
        // A multiple-text item the respondent changed keeps its answer from
        // then on; the other items' defaults still follow what they read.
        if let Some(Kind::MultipleText { items }) =
            self.survey.find(name).map(|id| &self.survey.elements[id].kind)
        {
            // An emptied question (no object) empties each item.
            let new = match &value {
                Value::Object(o) => o.clone(),
                _ => Default::default(),
            };
            let old = match self.answers.get(name) {
                Some(Value::Object(o)) => o.clone(),
                _ => Default::default(),
            };
            for item in items {
                if new.get(&item.name) != old.get(&item.name) {
                    self.answered.insert(item_key(name, &item.name));
                }
            }
        }
        self.set_by_trigger(name, value, 0);
    }

    fn set_by_trigger(&mut self, name: &str, value: Value, depth: usize) {
        // As in SurveyJS, an answer naming a choice that this change hides
        // is cleared now, so the conditions reading it see it empty (an
        // answer given to a choice already hidden waits for submission).
        let fitting: Vec<ElementId> = if depth == 0 { self.fitting_choice_answers(name) } else { Vec::new() };
        self.set_one(name, value);
        self.run_triggers(name, depth);
        self.run_value_rules(name, depth);
        for id in fitting {
            let q = &self.survey.elements[id].name;
            let Some(v) = self.answers.get(q) else { continue };
            let kept = self.without_hidden_choices(id, v.clone());
            if kept != *v && self.is_visible(id) {
                self.set_one(&q.clone(), kept);
            }
        }
    }

    /// The questions with conditional choices, other than `name`'s, whose
    /// answers name only choices shown now.
    fn fitting_choice_answers(&self, name: &str) -> Vec<ElementId> {
        self.conditional_choices
            .iter()
            .copied()
            .filter(|&id| {
                let q = &self.survey.elements[id].name;
                !crate::expr::eq_ignore_case(q, name)
                    && self
                        .answers
                        .get(q)
                        .is_some_and(|v| !v.is_empty() && self.without_hidden_choices(id, v.clone()) == *v)
            })
            .collect()
    }

    /// Runs the questions' `resetValueIf`, `setValueIf` and
    /// `setValueExpression` after `changed` changed, as survey-core's
    /// `runTriggers` does for every question on every change: a rule runs
    /// when its expression reads `changed`, calls a function, or reads
    /// nothing; `setValueIf` also when its `setValueExpression` would. An
    /// answer a rule sets runs the rules in turn, eight deep at most.
    fn run_value_rules(&mut self, changed: &str, depth: usize) {
        let s = self.survey;
        if depth > 8 {
            return;
        }
        for (id, e) in s.questions() {
            let Some(rules) = &e.value_rules else { continue };
            let holds = |f: &Flow<'_>, c: &crate::expr::Condition| f.eval(c.expression()).is_true_condition();
            if let Some(c) = rules.reset_if.as_ref().filter(|c| runs(changed, Some(c.expression()), None)) {
                if self.answers.get(&e.name).is_some_and(|v| !v.is_empty()) && holds(self, c) {
                    let default = e.default_value.as_ref().map_or(Value::Null, Value::from);
                    self.set_by_trigger(&e.name.clone(), default, depth + 1);
                }
            }
            let set_if = rules.set_if.as_ref().map(crate::expr::Condition::expression);
            let fire = match set_if {
                Some(c) if runs(changed, Some(c), rules.set_to.as_ref()) => self.eval(c).is_true_condition(),
                Some(_) => false,
                None => runs(changed, rules.set_to.as_ref(), None),
            };
            if fire {
                let v = rules.set_to.as_ref().map_or(Value::Null, |x| self.eval(x));
                if self.answers.get(&e.name) != Some(&v) {
                    self.set_by_trigger(&e.name.clone(), v, depth + 1);
                }
            }
            if let Some(x) = rules.default_to.as_ref().filter(|x| runs(changed, Some(x), None)) {
                let v = self.eval(x);
                if !self.answered.contains(&e.name)
                    && !self.default_held_back(id)
                    && self.answers.get(&e.name) != Some(&v)
                {
                    self.set_by_trigger(&e.name.clone(), v, depth + 1);
                }
            }
        }
        self.run_item_defaults(Some(changed), depth);
    }

    /// Runs the triggers that read `changed` and hold now (`complete` waits
    /// for Next: see [`Flow::completes`]). A trigger that sets an answer
    /// runs the triggers reading that one in turn, eight deep at most.
    fn run_triggers(&mut self, changed: &str, depth: usize) {
        let s = self.survey;
        if s.triggers.is_empty() || depth > 8 {
            return;
        }
        let reads = |t: &crate::schema::Trigger| {
            t.when.variables().iter().any(|v| {
                let root = v.trim_start_matches('#').split(['.', '[']).next().unwrap_or(v);
                crate::expr::eq_ignore_case(root, changed)
            })
        };
        for t in s.triggers.iter().filter(|t| reads(t)) {
            if matches!(t.kind, TriggerKind::Complete) || !self.eval(t.when.expression()).is_true_condition()
            {
                continue;
            }
            match &t.kind {
                TriggerKind::SetValue { to, value, variable: true } => {
                    self.computed.insert(to.clone(), Value::from(value));
                }
                TriggerKind::SetValue { to, value, variable: false } => {
                    self.set_by_trigger(to, Value::from(value), depth + 1)
                }
                TriggerKind::CopyValue { to, from } => {
                    let v = self.answers.get(from).cloned().unwrap_or(Value::Null);
                    self.set_by_trigger(to, v, depth + 1);
                }
                TriggerKind::RunExpression { to, expression } => {
                    let v = self.eval(expression);
                    if let Some(to) = to {
                        self.set_by_trigger(to, v, depth + 1);
                    }
                }
                TriggerKind::Skip { to } => self.skip = s.find(to),
                TriggerKind::Complete => {}
            }
        }
    }

    /// Whether a `complete` trigger holds: Next completes the questionnaire.
    pub fn completes(&self) -> bool {
        self.survey.triggers.iter().any(|t| {
            matches!(t.kind, TriggerKind::Complete) && self.eval(t.when.expression()).is_true_condition()
        })
    }

    /// The question a `skip` trigger sent the respondent to, once.
    pub fn take_skip(&mut self) -> Option<ElementId> {
        self.skip.take()
    }

    fn set_one(&mut self, name: &str, value: Value) {
        let before = self.hiding_states();
        // A roster keeps an empty list: the respondent removed every panel,
        // which is not the same as never having answered (`panelCount` panels).
        let kept_empty = matches!(&value, Value::Array(a) if a.is_empty())
            && self
                .survey
                .find(name)
                .is_some_and(|id| matches!(self.survey.elements[id].kind, Kind::Roster(_)));
        if value.is_empty() && !kept_empty {
            self.answers.remove(name);
        } else {
            self.answers.insert(name.to_string(), value);
        }
        let mut touched = vec![name.to_string()];
        touched.extend(self.recompute_values(Some(name)));
        let targets = crate::sorted::sorted_unique(touched.iter().flat_map(|n| self.deps.targets_of(n)));
        for t in targets {
            self.evaluate(t);
        }
        self.follow_hiding(&before);
    }

    /// Each clearing-on-hiding question's own visibility (its `visibleIf`)
    /// and its panels' and page's.
    fn hiding_states(&self) -> Vec<(bool, bool)> {
        self.hiding_clears.iter().map(|&id| (self.own_visible[id], self.containers_visible(id))).collect()
    }

    /// Whether every panel around element `id`, and its page, show.
    fn containers_visible(&self, id: ElementId) -> bool {
        let e = &self.survey.elements[id];
        e.parent.is_none_or(|p| self.element_visible(p))
            && self.page_own_visible[e.page]
            && !self.survey.pages[e.page].hidden
    }

    /// After a change, as survey-core: clears the answer of a question that
    /// just hid (`onHidden`: by its own condition, unless another question
    /// sharing its value shows or it sits on the start page;
    /// `onHiddenContainer`: also by its panel's or page's), and gives a
    /// question that just showed, empty, its default again.
    fn follow_hiding(&mut self, before: &[(bool, bool)]) {
        if self.hiding_depth >= MAX_HIDING_DEPTH {
            return;
        }
        let s = self.survey;
        for (i, &(own_was, box_was)) in before.iter().enumerate() {
            let id = self.hiding_clears[i];
            let e = &s.elements[id];
            let (own, boxed) = (self.own_visible[id], self.containers_visible(id));
            let hid_itself = own_was && !own && self.may_clear_hidden(id);
            let hid_inside = box_was && !boxed && self.clear_mode(id) == ClearInvisible::OnHiddenContainer;
            let change = if hid_itself || hid_inside {
                self.cleared_on_hiding(id)
            } else if !(own_was && box_was) && self.is_visible(id) && !self.answers.contains_key(&e.name) {
                let expression = e.value_rules.as_ref().and_then(|r| r.default_to.as_ref());
                let default = match (expression, &e.default_value) {
                    (Some(x), _) if !self.answered.contains(&e.name) => self.eval(x),
                    (_, Some(d)) => Value::from(d),
                    _ => Value::Null,
                };
                (!default.is_empty()).then_some(default)
            } else {
                None
            };
            if let Some(v) = change {
                // Through the triggers and value rules, as any change is.
                self.hiding_depth += 1;
                self.set_by_trigger(&e.name, v, 1);
                self.hiding_depth -= 1;
            }
        }
    }

    /// Clears what hiding clears, as survey-core's clearValue: the answer's
    /// "other" text and what the respondent did to it (a default applies
    /// again); the answer itself is returned as `Null` to be set through
    /// the triggers, when there is one.
    fn cleared_on_hiding(&mut self, id: ElementId) -> Option<Value> {
        let name = &self.survey.elements[id].name;
        self.answers.remove(&format!("{name}-Comment"));
        self.answered.remove(name);
        self.answers.contains_key(name).then_some(Value::Null)
    }

    /// Whether question `id`, hidden now, would have lost its answer on
    /// hiding: by its own condition (`onHidden`, `onHiddenContainer`, see
    /// [`Self::may_clear_hidden`]) or by its panel's or page's
    /// (`onHiddenContainer`).
    fn clears_now_hidden(&self, id: ElementId) -> bool {
        let mode = self.clear_mode(id);
        let on_hiding = matches!(mode, ClearInvisible::OnHidden | ClearInvisible::OnHiddenContainer);
        (on_hiding && !self.own_visible[id] && self.may_clear_hidden(id))
            || (mode == ClearInvisible::OnHiddenContainer && !self.containers_visible(id))
    }

    /// Whether a question that hid by its own condition loses its answer now.
    fn may_clear_hidden(&self, id: ElementId) -> bool {
        let s = self.survey;
        let name = &s.elements[id].name;
        !self.is_visible(id)
            && self.start_page() != Some(s.elements[id].page)
            && !s.questions().any(|(other, e)| other != id && e.name == *name && self.is_visible(other))
    }

    /// Clears answers that name a choice hidden now (by its `visibleIf`),
    /// as SurveyJS does on completion; what reads those answers is
    /// evaluated again, so a question they showed may hide in turn.
    fn clear_hidden_choices(&mut self) {
        let s = self.survey;
        // Each pass clears at least one answer, or stops.
        for _ in 0..=self.conditional_choices.len() {
            // Only shown questions: a hidden one is cleared anyway, and, as
            // in SurveyJS, without clearing what its answer showed.
            let stale = self.conditional_choices.iter().filter(|&&id| self.is_visible(id)).find_map(|&id| {
                let name = &s.elements[id].name;
                let v = self.answers.get(name)?;
                let kept = self.without_hidden_choices(id, v.clone());
                (kept != *v).then(|| (name.clone(), kept))
            });
            match stale {
                Some((name, kept)) => self.set_one(&name, kept),
                None => return,
            }
        }
    }

    /// The raw answer to `name`.
    pub fn answer(&self, name: &str) -> Option<&Value> {
        self.answers.get(name)
    }

    /// Every answer given so far, visible or not (what a draft saves).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// A calculated value or expression question's current value.
    pub fn computed(&self, name: &str) -> Option<&Value> {
        self.computed.get(name)
    }

    /// Whether an element is shown: itself, every enclosing panel and its page.
    pub fn is_visible(&self, id: ElementId) -> bool {
        let e = &self.survey.elements[id];
        self.element_visible(id) && self.page_own_visible[e.page] && !self.survey.pages[e.page].hidden
    }

    fn element_visible(&self, mut id: ElementId) -> bool {
        loop {
            let e = &self.survey.elements[id];
            if e.hidden || !self.own_visible[id] {
                return false;
            }
            match e.parent {
                Some(p) => id = p,
                None => return true,
            }
        }
    }

    /// Whether an element accepts input (`enableIf`, `readOnly`, and its panels).
    pub fn is_enabled(&self, mut id: ElementId) -> bool {
        loop {
            let e = &self.survey.elements[id];
            if e.read_only || !self.enabled[id] {
                return false;
            }
            match e.parent {
                Some(p) => id = p,
                None => return true,
            }
        }
    }

    /// Whether a question must be answered: `requiredIf` when present, else `isRequired`.
    pub fn is_required(&self, id: ElementId) -> bool {
        let e = &self.survey.elements[id];
        if !e.can_be_required() {
            return false;
        }
        self.required_if[id].unwrap_or(e.is_required)
    }

    /// The start page (`firstPageIsStarted`), if the questionnaire has one.
    pub fn start_page(&self) -> Option<usize> {
        self.survey.first_page_is_started.then_some(0)
    }

    /// Whether a page is shown: not hidden, its `visibleIf` holds, and it
    /// has a visible element. A start page is not one of the pages.
    pub fn is_page_visible(&self, page: usize) -> bool {
        if self.start_page() == Some(page) {
            return false;
        }
        let p = &self.survey.pages[page];
        !p.hidden && self.page_own_visible[page] && p.children.iter().any(|&id| self.element_visible(id))
    }

    /// Visible pages in order.
    pub fn visible_pages(&self) -> Vec<usize> {
        (0..self.survey.pages.len()).filter(|&p| self.is_page_visible(p)).collect()
    }

    /// The next visible page after `page`.
    pub fn next_page(&self, page: usize) -> Option<usize> {
        (page + 1..self.survey.pages.len()).find(|&p| self.is_page_visible(p))
    }

    /// The previous visible page before `page`.
    pub fn prev_page(&self, page: usize) -> Option<usize> {
        (0..page).rev().find(|&p| self.is_page_visible(p))
    }

    /// The first visible page.
    pub fn first_page(&self) -> Option<usize> {
        (0..self.survey.pages.len()).find(|&p| self.is_page_visible(p))
    }

    /// Shows pages and panels in `questionOrder: "random"` in the order the
    /// entry with `seed` sees them: its questions are then numbered,
    /// checked and reviewed in that order, as SurveyJS does.
    pub fn set_seed(&mut self, seed: u64) {
        self.seed = Some(seed);
    }

    /// Visible questions of a page, in the order they show (as listed,
    /// until [`Flow::set_seed`]).
    pub fn visible_questions(&self, page: usize) -> Vec<ElementId> {
        order::page_in_order(self.survey, page, self.seed)
            .into_iter()
            .filter(|&id| self.survey.elements[id].is_question() && self.is_visible(id))
            .collect()
    }

    /// The number shown before question `id`'s title (`showQuestionNumbers`):
    /// its place among the visible questions with a title, through the
    /// questionnaire or on its page; `None` when numbers are off or it has
    /// none (`showNumber: false`, an html block, a question in a panel or row
    /// of a roster, a hidden one). As in SurveyJS, questions count in the
    /// order they show ([`Flow::visible_questions`]).
    pub fn question_number(&self, id: ElementId) -> Option<usize> {
        let s = self.survey;
        let numbered = |q: ElementId| {
            let e = &s.elements[q];
            !e.unnumbered && e.roster.is_none() && !matches!(e.kind, Kind::Html { .. })
        };
        if s.numbering == crate::schema::Numbering::Off || !numbered(id) || !self.is_visible(id) {
            return None;
        }
        let page = s.elements[id].page;
        let pages: Vec<usize> = match s.numbering {
            // Pages split one question per screen share their page's path.
            crate::schema::Numbering::OnPage => {
                let path = &s.pages[page].path;
                (0..s.pages.len()).filter(|&p| p <= page && s.pages[p].path == *path).collect()
            }
            _ => self.visible_pages().into_iter().filter(|&p| p <= page).collect(),
        };
        let mut n = 0;
        for p in pages {
            for q in self.visible_questions(p).into_iter().filter(|&q| numbered(q)) {
                n += 1;
                if q == id {
                    return Some(n);
                }
            }
        }
        None
    }

    /// Whether a question has a non-empty answer.
    pub fn is_answered(&self, id: ElementId) -> bool {
        self.answers.get(&self.survey.elements[id].name).is_some_and(|v| !v.is_empty())
    }

    /// Progress as `(answered, total)` over the visible questions, or only
    /// the required ones, of every visible page. A matrix counts each of its
    /// rows as a question, so a page of eight statements moves the bar eight
    /// times rather than once (SurveyJS counts a `matrix` once, answered at
    /// its first row: a difference on purpose).
    pub fn progress(&self, required_only: bool) -> (usize, usize) {
        let (mut answered, mut total) = (0, 0);
        for p in self.visible_pages() {
            for id in self.visible_questions(p) {
                let required = self.is_required(id);
                if required_only && !required {
                    continue;
                }
                let e = &self.survey.elements[id];
                let answer = self.answers.get(&e.name);
                match &e.kind {
                    Kind::Matrix { rows, .. } if !rows.is_empty() => {
                        total += rows.len();
                        answered += rows
                            .iter()
                            .filter(|r| match answer {
                                Some(Value::Object(m)) => m.get(&r.key()).is_some_and(|v| !v.is_empty()),
                                _ => false,
                            })
                            .count();
                    }
                    Kind::Expression { .. } | Kind::Html { .. } | Kind::Unsupported { .. } => {}
                    _ => {
                        total += 1;
                        answered += usize::from(self.is_answered(id));
                    }
                }
            }
        }
        (answered, total)
    }

    /// Where `page` stands among the visible pages: `(its number from 1,
    /// how many are visible)`, for "Halaman 2 dari 5". A page that is not
    /// visible counts after the visible pages before it.
    pub fn page_position(&self, page: usize) -> (usize, usize) {
        let pages = self.visible_pages();
        (pages.iter().filter(|&&p| p < page).count() + 1, pages.len())
    }

    /// The progress bar's percentage with the respondent on `page`, as
    /// SurveyJS's `getProgress` computes it for the questionnaire's
    /// `progressBarType`: pages before this one among the visible pages,
    /// rounded up (the default); or answered among (required) questions,
    /// rounded down, 100 when none counts.
    pub fn progress_percent(&self, page: usize) -> u32 {
        let percent = |done: usize, total: usize, up: bool| {
            let p = if up { (done * 100).div_ceil(total) } else { done * 100 / total };
            u32::try_from(p.min(100)).unwrap_or(100)
        };
        match self.survey.progress_bar_type {
            ProgressType::Pages => match self.page_position(page) {
                (_, 0) => 0,
                (number, total) => percent(number - 1, total, true),
            },
            kind => match self.progress(kind == ProgressType::RequiredQuestions) {
                (_, 0) => 100,
                (done, total) => percent(done, total, false),
            },
        }
    }

    /// The answers submitted: only questions visible now (every question
    /// with `clearInvisibleValues: "none"`), with their non-empty answers,
    /// plus calculated values marked `includeIntoResult`.
    pub fn submission(&self) -> serde_json::Map<String, Json> {
        if let Some(cleared) = self.without_stale_choices() {
            return cleared.submission();
        }
        let mut out = serde_json::Map::new();
        for (id, e) in self.survey.questions() {
            if !self.is_visible(id) && self.clears_hidden(id) {
                continue;
            }
            let v = match &e.kind {
                Kind::Expression { .. } => self.computed.get(&e.name).cloned(),
                Kind::Roster(_) => self.submitted_roster(id, &At::top()),
                _ => self.answers.get(&e.name).cloned(),
            };
            let v = v.map(|v| self.without_unknown_choices(id, v));
            // The "other" text, kept only where there is an "other" choice:
            // beside the answer, or in it (`storeOthersAsComment: false`).
            let comment = format!("{}-Comment", e.name);
            let (has_other, in_value) = match e.kind {
                Kind::Choices { has_other, other_in_value, .. } => (has_other, other_in_value),
                _ => (false, false),
            };
            let text = self.answers.get(&comment).filter(|v| has_other && !v.is_empty());
            let v = match (v, text) {
                (Some(v), Some(t)) if in_value => Some(with_other_text(v, t)),
                (v, _) => v,
            };
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                out.insert(e.name.clone(), v.to_json());
            }
            if let Some(c) = text.filter(|_| !in_value) {
                out.insert(comment, c.to_json());
            }
        }
        for c in &self.survey.calculated_values {
            if c.include_into_result {
                if let Some(v) = self.computed.get(&c.name).filter(|v| !v.is_empty()) {
                    out.insert(c.name.clone(), v.to_json());
                }
            }
        }
        out
    }

    /// What is kept of the answers a client `sent`: [`Flow::submission`]
    /// (hidden questions and choices dropped as the form drops them,
    /// expression results and calculated values computed here, never
    /// taken from the client), limited to the questions the client
    /// answered, so no default the respondent cleared comes back.
    pub fn accepted(&self, sent: &serde_json::Map<String, Json>) -> serde_json::Map<String, Json> {
        let mut out = self.submission();
        out.retain(|k, _| sent.contains_key(k) || self.survey.is_computed(k));
        out
    }

    /// The entry as SurveyJS holds it once answers naming choices hidden now
    /// are cleared (SurveyJS clears them as the choice hides); `None` when
    /// no answer names one.
    pub fn without_stale_choices(&self) -> Option<Flow<'s>> {
        if self.conditional_choices.is_empty() {
            return None;
        }
        let mut cleared = self.clone();
        cleared.clear_hidden_choices();
        (cleared.answers != self.answers).then_some(cleared)
    }

    /// The thank-you text: the first `completedHtmlOnCondition` item whose
    /// expression holds, else `completedHtml`.
    pub fn completed_html(&self) -> &'s crate::text::Text {
        let s = self.survey;
        s.completed_on_condition
            .iter()
            .find(|(c, _)| self.eval(c.expression()).is_true_condition())
            .map_or(&s.completed_html, |(_, t)| t)
    }

    /// When question `id`'s answer is cleared while it is hidden: its
    /// `clearIfInvisible`, else the questionnaire's `clearInvisibleValues`.
    pub fn clear_mode(&self, id: ElementId) -> ClearInvisible {
        self.survey.elements[id].clear_if_invisible.unwrap_or(self.survey.clear_invisible)
    }

    /// Whether question `id`'s answer is left out of the submission while
    /// it is hidden (every mode but `none`).
    pub fn clears_hidden(&self, id: ElementId) -> bool {
        self.clear_mode(id) != ClearInvisible::Never
    }

    /// Whether choice `choice` of question `id` is offered now: its own
    /// `visibleIf`, and the question's `choicesVisibleIf` with `{item}` the
    /// choice's value.
    /// A choice carried from another question (`choicesFromQuestion`)
    /// shows while the source offers it and, by the mode, while the
    /// source's answer holds it (`selected`) or does not (`unselected`).
    pub fn choice_visible(&self, id: ElementId, choice: &crate::schema::Choice) -> bool {
        let (all, from) = match &self.survey.elements[id].kind {
            Kind::Choices { choices_visible_if, from, .. } => (choices_visible_if.as_ref(), from.as_ref()),
            _ => (None, None),
        };
        if let Some(f) = from.filter(|f| !f.from_items) {
            let value = Value::from(&choice.value);
            if crate::expr::ops::equal(&value, &Value::from(crate::answers::OTHER)) {
                if let Some(other) = self.carried_other(id) {
                    return *choice == other;
                }
            }
            let chosen = match self.answers.get(&self.survey.elements[f.source].name) {
                Some(Value::Array(items)) => items.iter().any(|x| crate::expr::ops::equal(x, &value)),
                Some(x) => crate::expr::ops::equal(x, &value),
                None => false,
            };
            let kept = match f.mode {
                crate::schema::CarryMode::All => true,
                crate::schema::CarryMode::Selected => chosen,
                crate::schema::CarryMode::Unselected => !chosen,
            };
            if !kept || !self.choice_visible(f.source, choice) {
                return false;
            }
        }
        self.choice_holds(choice, choice.visible_if.as_ref(), all)
    }

    /// Whether choice `choice` of question `id` can be picked now: its own
    /// `enableIf`, and the question's `choicesEnableIf` with `{item}` its value.
    pub fn choice_enabled(&self, id: ElementId, choice: &crate::schema::Choice) -> bool {
        let all = match &self.survey.elements[id].kind {
            Kind::Choices { choices_enable_if, .. } => choices_enable_if.as_ref(),
            _ => None,
        };
        self.choice_holds(choice, choice.enable_if.as_ref(), all)
    }

    /// Whether a choice's own condition and its question's condition for
    /// every choice (read with `{item}` the choice's value) both hold.
    fn choice_holds(
        &self,
        choice: &crate::schema::Choice,
        own: Option<&crate::expr::Condition>,
        all: Option<&crate::expr::Condition>,
    ) -> bool {
        if !own.is_none_or(|c| self.eval(c.expression()).is_true_condition()) {
            return false;
        }
        let Some(all) = all else { return true };
        let both = Both { answers: &self.answers, computed: &self.computed };
        let item = Value::from(&choice.value);
        let scope = roster::ItemScope::with(vec![("item", std::borrow::Cow::Borrowed(&item))], &both);
        all.check(&Env { scope: &scope, now: self.now })
    }

    /// An answer without the choices hidden now: a hidden choice cannot be
    /// an answer, as SurveyJS clears it.
    fn without_hidden_choices(&self, id: ElementId, v: Value) -> Value {
        let Kind::Choices { choices, .. } = &self.survey.elements[id].kind else { return v };
        let hidden = |x: &Value| {
            choices
                .iter()
                .any(|c| !self.choice_visible(id, c) && crate::expr::ops::equal(&Value::from(&c.value), x))
        };
        match v {
            Value::Array(items) => Value::Array(items.into_iter().filter(|x| !hidden(x)).collect()),
            x if hidden(&x) => Value::Null,
            x => x,
        }
    }

    /// An answer as SurveyJS completes it: without what is not among the
    /// choices offered now (a default or a set value outside them, a
    /// hidden choice). As in SurveyJS, nothing is cleared when the question
    /// keeps hidden answers (`clearIfInvisible: "none"`), shares its value
    /// with another question, or has no listed choices (`choicesByUrl`).
    pub(crate) fn without_unknown_choices(&self, id: ElementId, v: Value) -> Value {
        let s = self.survey;
        let kind = &s.elements[id].kind;
        let Kind::Choices { .. } = kind else {
            return v;
        };
        let choices = self.choices(id);
        let carried = self.carried_items(id).is_some();
        let name = &s.elements[id].name;
        if (choices.is_empty() && !carried)
            || !self.clears_hidden(id)
            || s.questions().filter(|(_, e)| e.name == *name).nth(1).is_some()
        {
            return v;
        }
        let offered = |x: &Value| {
            kind.offers_special(x)
                || choices
                    .iter()
                    .any(|c| crate::expr::ops::equal(&Value::from(&c.value), x) && self.choice_visible(id, c))
        };
        match v {
            Value::Array(items) => Value::Array(items.into_iter().filter(offered).collect()),
            x if x.is_empty() || offered(&x) => x,
            _ => Value::Null,
        }
    }

    /// Question `id`'s choices now: those listed (or copied from another
    /// question's), or the items of a dynamic panel or matrix it carries
    /// forward ([`Flow::carried_items`]).
    pub fn choices(&self, id: ElementId) -> std::borrow::Cow<'s, [crate::schema::Choice]> {
        if let Some(items) = self.carried_items(id) {
            return std::borrow::Cow::Owned(items);
        }
        match (&self.survey.elements[id].kind, self.carried_other(id)) {
            (Kind::Choices { choices, .. }, Some(other)) => {
                std::borrow::Cow::Owned(choices.iter().cloned().chain(std::iter::once(other)).collect())
            }
            (Kind::Choices { choices, .. }, None) => std::borrow::Cow::Borrowed(choices.as_slice()),
            _ => std::borrow::Cow::Borrowed(&[]),
        }
    }

    /// Whether question `id`'s list of choices changes with the answers:
    /// it carries a dynamic panel's or matrix's items, or a `selected`
    /// carry-forward can offer its source's "other". Every other question's
    /// list is fixed (only each choice's visibility changes).
    pub fn choices_follow_answers(&self, id: ElementId) -> bool {
        let s = self.survey;
        match &s.elements[id].kind {
            Kind::Choices { from: Some(f), has_other, .. } => {
                f.from_items
                    || (!has_other
                        && f.mode == crate::schema::CarryMode::Selected
                        && matches!(s.elements[f.source].kind, Kind::Choices { has_other: true, .. }))
            }
            _ => false,
        }
    }

    /// A ranking's order as it shows now: the choices `answer` ranks that
    /// still show, in its order, then the other choices shown, in theirs
    /// (rank what was ticked before: a newly ticked choice comes last).
    pub fn ranking_order(&self, id: ElementId, answer: &Value) -> Vec<Value> {
        let shown: Vec<Value> = self
            .choices(id)
            .iter()
            .filter(|c| self.choice_visible(id, c))
            .map(|c| Value::from(&c.value))
            .collect();
        let mut order: Vec<Value> = match answer {
            Value::Array(a) => {
                a.iter().filter(|x| shown.iter().any(|v| crate::expr::ops::equal(v, x))).cloned().collect()
            }
            _ => Vec::new(),
        };
        for v in shown {
            if !order.iter().any(|x| crate::expr::ops::equal(x, &v)) {
                order.push(v);
            }
        }
        order
    }

    /// The "other" a `selected`-mode question carries forward, as
    /// survey-core offers it: while the source's "other" is chosen with its
    /// text, and this question has no "other" of its own, an item valued
    /// `other` shown as that text.
    pub fn carried_other(&self, id: ElementId) -> Option<crate::schema::Choice> {
        let s = self.survey;
        let Kind::Choices { from: Some(f), has_other: false, .. } = &s.elements[id].kind else { return None };
        if f.from_items || f.mode != crate::schema::CarryMode::Selected {
            return None;
        }
        let source = &s.elements[f.source];
        let Kind::Choices { has_other: true, .. } = &source.kind else { return None };
        let other = Value::from(crate::answers::OTHER);
        let chosen = match self.answers.get(&source.name) {
            Some(Value::Array(items)) => items.iter().any(|x| crate::expr::ops::equal(x, &other)),
            Some(x) => crate::expr::ops::equal(x, &other),
            None => false,
        };
        let text = self.answers.get(&format!("{}-Comment", source.name)).filter(|t| !t.is_empty())?;
        chosen.then(|| crate::schema::Choice {
            value: Json::String(crate::answers::OTHER.into()),
            text: crate::text::Text::Plain(text.to_display()),
            visible_if: None,
            enable_if: None,
        })
    }

    /// The choices of a question that carries a dynamic panel's or
    /// matrix's items forward (`choicesFromQuestion` naming one), as
    /// survey-core makes them: one per item whose `choiceValuesFromQuestion`
    /// answer (without it, the item's first answered question) is not
    /// empty, shown as its `choiceTextsFromQuestion` answer or else as the
    /// value. `None` for every other question.
    pub fn carried_items(&self, id: ElementId) -> Option<Vec<crate::schema::Choice>> {
        let s = self.survey;
        let Kind::Choices { from: Some(f), .. } = &s.elements[id].kind else { return None };
        if !f.from_items {
            return None;
        }
        let Some(Value::Array(items)) = self.answers.get(&s.elements[f.source].name) else {
            return Some(Vec::new());
        };
        let columns: Vec<&str> =
            s.elements.iter().filter(|e| e.roster == Some(f.source)).map(|e| e.name.as_str()).collect();
        let mut out = Vec::new();
        for item in items {
            let Value::Object(o) = item else { continue };
            let key = match &f.values_from {
                Some(k) => Some(k.as_str()),
                None => columns
                    .iter()
                    .copied()
                    .find(|c| o.contains_key(*c))
                    .or_else(|| o.keys().next().map(String::as_str)),
            };
            let Some(value) = key.and_then(|k| o.get(k)).filter(|v| !v.is_empty()) else { continue };
            let text =
                f.texts_from.as_ref().and_then(|k| o.get(k)).filter(|t| !t.is_empty()).unwrap_or(value);
            out.push(crate::schema::Choice {
                value: value.to_json(),
                text: crate::text::Text::Plain(text.to_display()),
                visible_if: None,
                enable_if: None,
            });
        }
        Some(out)
    }

    /// The choices of question `id` that "select all" ticks now: those
    /// shown and enabled, in order (`showSelectAllItem`).
    pub fn selectable(&self, id: ElementId) -> Vec<Value> {
        self.choices(id)
            .iter()
            .filter(|c| self.choice_visible(id, c) && self.choice_enabled(id, c))
            .map(|c| Value::from(&c.value))
            .collect()
    }

    /// A "select all" box set `on` over `answer` of question `id`, as
    /// survey-core does: every choice shown and enabled, or none; a chosen
    /// choice that cannot be changed now (disabled) stays either way.
    pub fn select_all(&self, id: ElementId, answer: &Value, on: bool) -> Value {
        if !matches!(self.survey.elements[id].kind, Kind::Choices { .. }) {
            return Value::Null;
        }
        let chosen = |v: &Value| crate::answers::holds(answer, v);
        let kept: Vec<Value> = self
            .choices(id)
            .iter()
            .filter(|c| self.choice_visible(id, c))
            .map(|c| (Value::from(&c.value), self.choice_enabled(id, c)))
            .filter(|(v, enabled)| if on { *enabled || chosen(v) } else { !*enabled && chosen(v) })
            .map(|(v, _)| v)
            .collect();
        if kept.is_empty() {
            Value::Null
        } else {
            Value::Array(kept)
        }
    }

    /// Whether every choice "select all" would tick is chosen in `answer`
    /// (never while an exclusive item such as "none" is).
    pub fn all_selected(&self, id: ElementId, answer: &Value) -> bool {
        let items = self.selectable(id);
        let exclusive = matches!(answer, Value::Array(a) if a.iter().any(crate::answers::is_exclusive));
        !items.is_empty() && !exclusive && items.iter().all(|v| crate::answers::holds(answer, v))
    }

    /// Evaluates an expression against the current answers (validators use this).
    pub fn eval(&self, expr: &crate::expr::Expression) -> Value {
        let scope = Both { answers: &self.answers, computed: &self.computed };
        expr.eval(&self.env(&scope))
    }

    /// "Now", as passed in.
    pub fn now(&self) -> Option<f64> {
        self.now
    }
}

/// `other` in an answer replaced by the text typed for it, as SurveyJS
/// stores it under `storeOthersAsComment: false`.
fn with_other_text(v: Value, text: &Value) -> Value {
    let other = Value::from(crate::answers::OTHER);
    match v {
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|x| if x == other { text.clone() } else { x }).collect())
        }
        x if x == other => text.clone(),
        x => x,
    }
}

/// Answers given in SurveyJS's shape with the "other" text in the answer
/// itself (`storeOthersAsComment: false`) read as Tanya keeps them: `other`
/// in the answer and the text under `-Comment`.
fn others_as_comments(s: &Survey, answers: &serde_json::Map<String, Json>) -> serde_json::Map<String, Json> {
    let mut out = answers.clone();
    for (_, e) in s.questions() {
        let Kind::Choices { choices, has_other: true, other_in_value: true, .. } = &e.kind else { continue };
        let Some(given) = answers.get(&e.name) else { continue };
        let known = |x: &Json| {
            let v = Value::from(x);
            matches!(&v, Value::String(t) if crate::answers::is_special(t))
                || choices.iter().any(|c| crate::expr::ops::equal(&Value::from(&c.value), &v))
        };
        let typed = match given {
            Json::Array(items) => items.iter().find(|x| x.is_string() && !known(x)).cloned(),
            x if x.is_string() && !known(x) => Some(x.clone()),
            _ => None,
        };
        let Some(typed) = typed else { continue };
        let answer = match given {
            Json::Array(items) => Json::Array(
                items
                    .iter()
                    .map(|x| if *x == typed { Json::from(crate::answers::OTHER) } else { x.clone() })
                    .collect(),
            ),
            _ => Json::from(crate::answers::OTHER),
        };
        out.insert(e.name.clone(), answer);
        out.insert(format!("{}-Comment", e.name), typed);
    }
    out
}
