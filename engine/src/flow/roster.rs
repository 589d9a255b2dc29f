//! Rosters in the flow: where a template question's answer lives, and its
//! visibility, enabling and requirement in one panel or row.
//!
//! A roster's answer is SurveyJS's shape: `paneldynamic` and `matrixdynamic`
//! an array of objects, one per panel or row; `matrixdropdown` an object of
//! row objects keyed by row value. A template question is addressed by its
//! element and an [`At`]: the roster items that enclose it, outermost first
//! (`household[2].age`, `immunizations[Polio].year`).
//!
//! Template conditions are evaluated when asked, with that item's scope:
//! `{panel.x}`, `{panelIndex}` (from 0) and `{parentPanel.x}` in panels;
//! `{row.x}`, `{rowIndex}` (from 1) and `{rowValue}` in matrices. A change in
//! one panel therefore re-runs no other panel's conditions: nothing is
//! cached per item, and the global conditions that read the roster (its
//! `length`, `sumInArray`, ...) re-run through the dependency index, since
//! every cell change sets the roster's whole answer.

use super::{Both, Flow};
use crate::expr::{Condition, Env, Expression, Scope, Value};
use crate::schema::{Element, ElementId, Kind, Roster, Shape};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// One item of a roster: a panel or added row by position, or a fixed row by its key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// A panel or an added row, from 0.
    Index(usize),
    /// A `matrixdropdown` row, by its key.
    Row(String),
}

/// A roster item holding a template question.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Step {
    /// The roster.
    pub roster: ElementId,
    /// The item.
    pub slot: Slot,
}

/// Where a question is answered: the roster items around it, outermost
/// first; empty for a question outside every template.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At(pub Vec<Step>);

impl At {
    /// Outside every roster.
    pub fn top() -> At {
        At(Vec::new())
    }

    /// This location one item deeper.
    pub fn then(&self, roster: ElementId, slot: Slot) -> At {
        let mut steps = self.0.clone();
        steps.push(Step { roster, slot });
        At(steps)
    }

    /// Whether an item around it is found by its position (a panel, an added
    /// row) rather than by a key (a `matrixdropdown` row): such a location
    /// names whichever item stands there, not a particular one.
    pub fn by_position(&self) -> bool {
        self.0.iter().any(|step| matches!(step.slot, Slot::Index(_)))
    }

    /// The location of the roster around the innermost item, and that item.
    pub fn split_last(&self) -> Option<(At, &Step)> {
        let (last, rest) = self.0.split_last()?;
        Some((At(rest.to_vec()), last))
    }

    /// The path of question `id` at this location, as errors and inputs name
    /// it: `household[2].age`, `immunizations[Polio].year`, or the name alone.
    pub fn path(&self, survey: &crate::schema::Survey, id: ElementId) -> String {
        let mut out = String::new();
        for step in &self.0 {
            out.push_str(&survey.elements[step.roster].name);
            match &step.slot {
                Slot::Index(i) => out.push_str(&format!("[{i}].")),
                Slot::Row(k) => out.push_str(&format!("[{k}].")),
            }
        }
        out.push_str(&survey.elements[id].name);
        out
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slot::Index(i) => write!(f, "{i}"),
            Slot::Row(k) => f.write_str(k),
        }
    }
}

/// One item's variables, seen before the survey's.
pub(super) struct ItemScope<'a> {
    vars: Vec<(&'static str, Cow<'a, Value>)>,
    outer: &'a dyn Scope,
}

impl<'a> ItemScope<'a> {
    /// `vars` seen before `outer`.
    pub(super) fn with(vars: Vec<(&'static str, Cow<'a, Value>)>, outer: &'a dyn Scope) -> ItemScope<'a> {
        ItemScope { vars, outer }
    }
}

impl Scope for ItemScope<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        match self.vars.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)) {
            Some((_, v)) => Some(v.as_ref()),
            None => self.outer.get(key),
        }
    }
}

/// The roster settings of an element known to be a roster.
pub(super) fn roster_of(kind: &Kind) -> Option<&Roster> {
    match kind {
        Kind::Roster(r) => Some(r),
        _ => None,
    }
}

/// The item `slot` of a roster answer.
fn item<'v>(value: &'v Value, slot: &Slot) -> Option<&'v Value> {
    match (value, slot) {
        (Value::Array(items), Slot::Index(i)) => items.get(*i),
        (Value::Object(rows), Slot::Row(k)) => rows.get(k),
        _ => None,
    }
}

/// `value` with `item` replaced by `f` applied to it (created when missing).
fn with_item(value: Option<&Value>, slot: &Slot, f: impl FnOnce(Value) -> Value) -> Value {
    match slot {
        Slot::Index(i) => {
            let mut items = match value {
                Some(Value::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            while items.len() <= *i {
                items.push(Value::Object(BTreeMap::new()));
            }
            items[*i] = f(std::mem::replace(&mut items[*i], Value::Null));
            Value::Array(items)
        }
        Slot::Row(k) => {
            let mut rows = match value {
                Some(Value::Object(m)) => m.clone(),
                _ => BTreeMap::new(),
            };
            let old = rows.remove(k).unwrap_or(Value::Null);
            let new = f(old);
            if !new.is_empty() {
                rows.insert(k.clone(), new);
            }
            Value::Object(rows)
        }
    }
}

/// `object` with `key` set to `value`, or removed when it is empty.
fn with_key(object: Value, key: &str, value: Value) -> Value {
    let mut map = match object {
        Value::Object(m) => m,
        _ => BTreeMap::new(),
    };
    if value.is_empty() && !matches!(value, Value::Array(_)) {
        map.remove(key);
    } else {
        map.insert(key.to_string(), value);
    }
    Value::Object(map)
}

impl Flow<'_> {
    /// What SurveyJS stores for the top-level rosters before any answer,
    /// and the column defaults it adds to matrix answers it is given:
    /// `panelCount` panels, each with its template's default values; a
    /// matrixdynamic's `rowCount` rows when a column has a default, else
    /// `minRowCount` empty rows when that is below `rowCount`; a
    /// matrixdropdown's rows when a column has a
    /// default. Missing cells of given matrix rows get their column's default.
    ///
    /// With `given_whole` (answers given whole, as `survey.data` or
    /// `setValue` gives them) a roster that some condition or computed
    /// value reads inside (`{m.row.col}`) is left as given: SurveyJS built
    /// its rows, defaults and all, when the questionnaire loaded, and a
    /// value given later replaces them (of questions sharing the value,
    /// only the first is read, so only its rows are built then). The others
    /// get their defaults when SurveyJS first builds their rows, on
    /// completion. Questions sharing a value each add their own rows.
    pub(super) fn roster_defaults(&mut self, given_whole: bool) {
        let s = self.survey;
        let mut seen = std::collections::HashSet::new();
        for (_, e) in s.questions() {
            let Kind::Roster(r) = &e.kind else { continue };
            let first = seen.insert(e.name.as_str());
            if given_whole && first && self.deps.read_inside(&e.name) {
                continue;
            }
            let defaults: BTreeMap<String, Value> = r
                .template
                .iter()
                .filter_map(|&q| {
                    Some((s.elements[q].name.clone(), Value::from(s.elements[q].default_value.as_ref()?)))
                })
                .collect();
            let row = || Value::Object(defaults.clone());
            let filled = |object: &Value| match object {
                Value::Object(m) => {
                    let mut m = m.clone();
                    for (k, v) in &defaults {
                        m.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                    Value::Object(m)
                }
                other => other.clone(),
            };
            let value = match (self.answers.get(&e.name), &r.shape) {
                (None, Shape::Panels) if r.start > 0 => Value::Array(vec![row(); r.start]),
                (None, Shape::Rows) if !defaults.is_empty() => Value::Array(vec![row(); r.start]),
                // SurveyJS's rows when fewer are required than are shown
                // (with as many, it stores none).
                (None, Shape::Rows) if r.min > 0 && r.min < r.start => {
                    Value::Array(vec![Value::Object(BTreeMap::new()); r.min])
                }
                (None, Shape::Fixed(rows)) if !defaults.is_empty() => {
                    Value::object(rows.iter().map(|c| (c.key(), row())))
                }
                (Some(Value::Array(items)), Shape::Rows) if !defaults.is_empty() => {
                    Value::Array(items.iter().map(filled).collect())
                }
                // Rows this matrix does not have stay: another question may
                // share the value (`valueName` or a repeated name).
                (Some(Value::Object(given)), Shape::Fixed(rows)) if !defaults.is_empty() => {
                    let mut out = given.clone();
                    for c in rows {
                        out.insert(c.key(), given.get(&c.key()).map_or_else(row, filled));
                    }
                    Value::Object(out)
                }
                _ => continue,
            };
            self.answers.insert(e.name.clone(), value);
        }
    }

    /// The answer of question `id` at `at` (its own answer when `at` is empty).
    pub fn value_at(&self, id: ElementId, at: &At) -> Option<&Value> {
        let s = self.survey;
        let Some(first) = at.0.first() else { return self.answers.get(&s.elements[id].name) };
        let mut v = self.answers.get(&s.elements[first.roster].name)?;
        for (n, step) in at.0.iter().enumerate() {
            let object = item(v, &step.slot)?;
            let key = at.0.get(n + 1).map_or(id, |next| next.roster);
            let Value::Object(m) = object else { return None };
            v = m.get(&s.elements[key].name)?;
        }
        Some(v)
    }

    /// Sets the answer of question `id` at `at`; a template question's
    /// answer goes into its item, and the roster's answer is set whole.
    pub fn set_at(&mut self, id: ElementId, at: &At, value: Value) {
        let s = self.survey;
        let Some(first) = at.0.first() else {
            self.set_answer(&s.elements[id].name, value);
            return;
        };
        let top = self.answers.get(&s.elements[first.roster].name).cloned();
        let new = self.rebuilt(top.as_ref(), &at.0, id, value);
        self.set_answer(&s.elements[first.roster].name, new);
    }

    fn rebuilt(&self, current: Option<&Value>, steps: &[Step], id: ElementId, value: Value) -> Value {
        let s = self.survey;
        let Some((step, rest)) = steps.split_first() else { return value };
        let key = rest.first().map_or(id, |next| next.roster);
        with_item(current, &step.slot, |object| {
            let inner = match &object {
                Value::Object(m) => m.get(&s.elements[key].name).cloned(),
                _ => None,
            };
            let new = self.rebuilt(inner.as_ref(), rest, id, value);
            with_key(object, &s.elements[key].name, new)
        })
    }

    /// The question on `page` that `path` names, as its inputs are marked
    /// (`data-question`: `household[1].name`, `m[row2].cost`, or a name
    /// alone), and where it stands; `None` when no question there has it.
    pub fn locate(&self, page: usize, path: &str) -> Option<(ElementId, At)> {
        let children = &self.survey.pages.get(page)?.children;
        self.locate_in(children, &At::top(), path)
    }

    fn locate_in(&self, ids: &[ElementId], at: &At, path: &str) -> Option<(ElementId, At)> {
        let s = self.survey;
        ids.iter().find_map(|&id| {
            let here = at.path(s, id);
            match &s.elements[id].kind {
                Kind::Panel { children, .. } => self.locate_in(children, at, path),
                _ if here == path && s.elements[id].is_question() => Some((id, at.clone())),
                // Its items' questions, only when the path goes into it.
                Kind::Roster(r) if path.starts_with(&here) => self
                    .items(id, at)
                    .into_iter()
                    .find_map(|slot| self.locate_in(&r.template, &at.then(id, slot), path)),
                _ => None,
            }
        })
    }

    /// The items of `roster` (located at `at`): its answer's panels or
    /// rows, else `panelCount`/`rowCount` empty ones, or its fixed rows.
    pub fn items(&self, roster: ElementId, at: &At) -> Vec<Slot> {
        let Some(r) = roster_of(&self.survey.elements[roster].kind) else { return Vec::new() };
        match &r.shape {
            Shape::Fixed(rows) => rows.iter().map(|row| Slot::Row(row.key())).collect(),
            _ => {
                let n = match self.value_at(roster, at) {
                    Some(Value::Array(a)) => a.len().max(r.min),
                    Some(_) => r.min,
                    None => r.start,
                };
                (0..n).map(Slot::Index).collect()
            }
        }
    }

    /// Adds an empty panel or row at the end; false at `max` (or when adding is not allowed).
    pub fn add_item(&mut self, roster: ElementId, at: &At) -> bool {
        let Some(r) = roster_of(&self.survey.elements[roster].kind) else { return false };
        let n = self.items(roster, at).len();
        if !r.can_add || n >= r.max || matches!(r.shape, Shape::Fixed(_)) {
            return false;
        }
        let mut items = self.materialized(roster, at, n);
        items.push(Value::Object(BTreeMap::new()));
        self.set_at(roster, at, Value::Array(items));
        true
    }

    /// Removes panel or row `index`; false at `min` (or when removing is not allowed).
    pub fn remove_item(&mut self, roster: ElementId, at: &At, index: usize) -> bool {
        let Some(r) = roster_of(&self.survey.elements[roster].kind) else { return false };
        let n = self.items(roster, at).len();
        if !r.can_remove || n <= r.min || index >= n || matches!(r.shape, Shape::Fixed(_)) {
            return false;
        }
        let mut items = self.materialized(roster, at, n);
        items.remove(index);
        self.set_at(roster, at, Value::Array(items));
        true
    }

    /// The roster's items as objects, `n` of them.
    fn materialized(&self, roster: ElementId, at: &At, n: usize) -> Vec<Value> {
        let mut items = match self.value_at(roster, at) {
            Some(Value::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        items.resize(n, Value::Object(BTreeMap::new()));
        items
    }

    /// Whether roster item `at` holds any answer (removing it asks first).
    pub fn item_has_answers(&self, at: &At) -> bool {
        let Some((outer, last)) = at.split_last() else { return false };
        self.value_at(last.roster, &outer).and_then(|v| item(v, &last.slot)).is_some_and(|v| !v.is_empty())
    }

    /// Evaluates an expression in the scope of `at`: the survey's answers
    /// plus the variables of every enclosing item.
    pub fn eval_at(&self, expr: &Expression, at: &At) -> Value {
        let both = Both { answers: &self.answers, computed: &self.computed };
        if at.0.is_empty() {
            return expr.eval(&self.env(&both));
        }
        let scope = ItemScope { vars: self.item_vars(at), outer: &both };
        expr.eval(&Env { scope: &scope, now: self.now })
    }

    /// The variables of the items around `at`, innermost first so that
    /// `{panel}` is the nearest panel and `{parentPanel}` the one around it.
    fn item_vars(&self, at: &At) -> Vec<(&'static str, Cow<'_, Value>)> {
        let mut vars = Vec::new();
        let mut panels = 0;
        for n in (0..at.0.len()).rev() {
            let step = &at.0[n];
            let outer = At(at.0[..n].to_vec());
            let object = self
                .value_at(step.roster, &outer)
                .and_then(|v| item(v, &step.slot))
                .map_or(Cow::Owned(Value::Null), Cow::Borrowed);
            let Some(r) = roster_of(&self.survey.elements[step.roster].kind) else { continue };
            if r.is_matrix() {
                let index = match &step.slot {
                    Slot::Index(i) => *i + 1,
                    Slot::Row(k) => match &r.shape {
                        Shape::Fixed(rows) => {
                            rows.iter().position(|row| row.key() == *k).map_or(0, |i| i + 1)
                        }
                        _ => 0,
                    },
                };
                vars.push(("row", object));
                vars.push(("rowIndex", Cow::Owned(Value::Number(index as f64))));
                if let Slot::Row(k) = &step.slot {
                    vars.push(("rowValue", Cow::Owned(Value::String(k.clone()))));
                    vars.push(("rowName", Cow::Owned(Value::String(k.clone()))));
                }
            } else {
                let name = match panels {
                    0 => "panel",
                    1 => "parentPanel",
                    _ => continue,
                };
                if panels == 0 {
                    let index = match &step.slot {
                        Slot::Index(i) => *i,
                        Slot::Row(_) => 0,
                    };
                    vars.push(("panelIndex", Cow::Owned(Value::Number(index as f64))));
                }
                vars.push((name, object));
                panels += 1;
            }
        }
        vars
    }

    /// Walks from `id` up to the roster of the innermost item of `at`,
    /// calling `f` on each element with the item's scope, then hands the
    /// roster and the outer location back.
    fn up_to_roster(
        &self,
        mut id: ElementId,
        at: &At,
        mut f: impl FnMut(ElementId) -> bool,
    ) -> Option<(ElementId, At)> {
        let (outer, last) = at.split_last()?;
        loop {
            if !f(id) {
                return None;
            }
            match self.survey.elements[id].parent {
                Some(p) if p == last.roster => return Some((p, outer)),
                Some(p) => id = p,
                None => return None,
            }
        }
    }

    /// Whether question (or panel) `id` is shown at `at`: itself and its
    /// template panels by the item's scope, then the roster where it stands.
    pub fn is_visible_at(&self, id: ElementId, at: &At) -> bool {
        self.holds_at(id, at, Flow::is_visible, |e| !e.hidden, |e| e.visible_if.as_ref())
    }

    /// Whether question `id` accepts input at `at`.
    pub fn is_enabled_at(&self, id: ElementId, at: &At) -> bool {
        self.holds_at(id, at, Flow::is_enabled, |e| !e.read_only, |e| e.enable_if.as_ref())
    }

    /// A property that must hold for `id`, its template panels and every
    /// roster around them: outside rosters `top` decides; inside, each
    /// element must pass `fixed` and its `condition` in the item's scope.
    fn holds_at(
        &self,
        id: ElementId,
        at: &At,
        top: fn(&Self, ElementId) -> bool,
        fixed: fn(&Element) -> bool,
        condition: fn(&Element) -> Option<&Condition>,
    ) -> bool {
        if at.0.is_empty() {
            return top(self, id);
        }
        let s = self.survey;
        let holds = |e: ElementId| {
            let el = &s.elements[e];
            fixed(el) && condition(el).is_none_or(|c| self.eval_at(c.expression(), at).is_true_condition())
        };
        match self.up_to_roster(id, at, holds) {
            Some((roster, outer)) => self.holds_at(roster, &outer, top, fixed, condition),
            None => false,
        }
    }

    /// Whether question `id` must be answered at `at`: `requiredIf` in the
    /// item's scope when present, else `isRequired`.
    pub fn is_required_at(&self, id: ElementId, at: &At) -> bool {
        if at.0.is_empty() {
            return self.is_required(id);
        }
        let e = &self.survey.elements[id];
        if !e.can_be_required() {
            return false;
        }
        match &e.required_if {
            Some(c) => self.eval_at(c.expression(), at).is_true_condition(),
            None => e.is_required,
        }
    }

    /// A roster's answer as submitted: in panels, answers to questions
    /// hidden in that panel are dropped, as SurveyJS clears invisible
    /// values on completion; matrix cells stay, as in SurveyJS. Nested
    /// rosters are cleaned the same way.
    pub(super) fn submitted_roster(&self, roster: ElementId, at: &At) -> Option<Value> {
        let s = self.survey;
        let r = roster_of(&s.elements[roster].kind)?;
        let value = self.value_at(roster, at)?.clone();
        let clean = |slot: &Slot, object: Value| -> Value {
            let Value::Object(mut m) = object else { return object };
            m.retain(|_, v| !v.is_empty());
            let here = at.then(roster, slot.clone());
            for q in s.template_questions(roster) {
                let name = &s.elements[q].name;
                if !m.contains_key(name) {
                    continue;
                }
                if !r.is_matrix() && self.clears_hidden(q) && !self.is_visible_at(q, &here) {
                    m.remove(name);
                } else if matches!(s.elements[q].kind, Kind::Roster(_)) {
                    match self.submitted_roster(q, &here) {
                        Some(v) if !v.is_empty() => {
                            m.insert(name.clone(), v);
                        }
                        _ => {
                            m.remove(name);
                        }
                    }
                }
            }
            Value::Object(m)
        };
        Some(match value {
            Value::Array(items) => {
                Value::Array(items.into_iter().enumerate().map(|(i, o)| clean(&Slot::Index(i), o)).collect())
            }
            Value::Object(rows) => {
                Value::object(rows.into_iter().map(|(k, o)| (k.clone(), clean(&Slot::Row(k), o))))
            }
            other => other,
        })
    }
}
