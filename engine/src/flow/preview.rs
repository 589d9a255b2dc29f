//! What a prerendered page can show and hide before the app arrives: for
//! each one-answer question on the page (radio group, drop-down, yes/no,
//! rating), the elements whose visibility reads that answer and nothing
//! else, and which of them each answer shows.
//!
//! The table is the engine's own verdict, computed by setting each answer
//! in turn; the page only looks it up (`web/preview.js`). An element whose
//! conditions read anything more (another answer, a calculated value, a
//! variable, a function such as `today()` whose verdict the build would
//! freeze) is left out: before the app arrives it keeps what it showed. So
//! are rosters (their items' markup has visibility of its own), panels
//! holding anything left out (it would stay hidden inside), and questions
//! two of whose answers the page writes alike (`1` and `"1"`).

use super::Flow;
use crate::expr::Value;
use crate::schema::check::{known_names, referenced_name};
use crate::schema::{ChoiceStyle, ElementId, Kind};

/// One question whose answer alone decides whether some elements show.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The question answered.
    pub source: ElementId,
    /// The elements (questions and panels) whose visibility reads only it.
    pub targets: Vec<ElementId>,
    /// For each answer, as the page's input carries it (a radio's `value`,
    /// an option's `data-value`; `""` for none), whether each target shows.
    pub shown: Vec<(String, Vec<bool>)>,
}

impl Flow<'_> {
    /// The preview table of `page` as it stands now (see the module).
    pub fn previews(&self, page: usize) -> Vec<Preview> {
        let survey = self.survey;
        let names = known_names(survey);
        // What each element's visibility reads: its own `visibleIf` and its
        // panels'. `None` when a name is no question's or calculated value's,
        // or a condition calls a function.
        let reads = |mut id: ElementId| -> Option<Vec<String>> {
            let mut out: Vec<String> = Vec::new();
            loop {
                let e = &survey.elements[id];
                if let Some(c) = &e.visible_if {
                    let mut calls = false;
                    c.expression().tree().visit_calls(&mut |_, _| calls = true);
                    if calls {
                        return None;
                    }
                }
                for var in e.visible_if.iter().flat_map(|c| c.variables()) {
                    let name = referenced_name(&names, var)?;
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
                match e.parent {
                    Some(p) => id = p,
                    None => return Some(out),
                }
            }
        };
        let elements: Vec<ElementId> = survey
            .page_elements(page)
            .into_iter()
            .filter(|&id| survey.elements[id].roster.is_none())
            .collect();
        let mut out = Vec::new();
        for &source in &elements {
            let Some(values) = self.one_answer_values(source) else { continue };
            if !self.is_visible(source) || !self.is_enabled(source) {
                continue;
            }
            // Two answers written alike (or like no answer) cannot be told apart.
            let texts: Vec<&str> = values.iter().map(|(t, _)| t.as_str()).collect();
            if texts.iter().enumerate().any(|(i, t)| t.is_empty() || texts[..i].contains(t)) {
                continue;
            }
            let name = crate::case::fold(&survey.elements[source].name);
            let mut targets: Vec<ElementId> = elements
                .iter()
                .copied()
                .filter(|&t| !matches!(survey.elements[t].kind, Kind::Roster(_)))
                .filter(|&t| t != source && reads(t).is_some_and(|r| r == [name.clone()]))
                .collect();
            // A panel goes only with everything inside it, until none is left without.
            loop {
                let kept: Vec<ElementId> = targets
                    .iter()
                    .copied()
                    .filter(|&t| match &survey.elements[t].kind {
                        Kind::Panel { children, .. } => self.all_within(children, &targets),
                        _ => true,
                    })
                    .collect();
                if kept.len() == targets.len() {
                    break;
                }
                targets = kept;
            }
            if targets.is_empty() {
                continue;
            }
            let unanswered = (String::new(), Value::Null);
            let shown = std::iter::once(unanswered)
                .chain(values)
                .map(|(text, value)| {
                    let mut flow = self.clone();
                    flow.set_answer(&survey.elements[source].name, value);
                    (text, targets.iter().map(|&t| flow.is_visible(t)).collect())
                })
                .collect();
            out.push(Preview { source, targets, shown });
        }
        out
    }

    /// Whether every element under `ids` (panels' children too) is in `set`.
    fn all_within(&self, ids: &[ElementId], set: &[ElementId]) -> bool {
        ids.iter().all(|id| {
            set.contains(id)
                && match &self.survey.elements[*id].kind {
                    Kind::Panel { children, .. } => self.all_within(children, set),
                    _ => true,
                }
        })
    }

    /// The answers a one-answer question offers, each with the text its
    /// input carries; `None` for any other question.
    fn one_answer_values(&self, id: ElementId) -> Option<Vec<(String, Value)>> {
        let e = &self.survey.elements[id];
        match &e.kind {
            Kind::Rating { values, .. } => {
                Some(values.iter().map(|c| Value::from(&c.value)).map(|v| (v.to_display(), v)).collect())
            }
            Kind::Boolean { value_true, value_false, .. } => Some(vec![
                ("true".to_string(), Value::from(value_true)),
                ("false".to_string(), Value::from(value_false)),
            ]),
            kind @ Kind::Choices { style: ChoiceStyle::Radio | ChoiceStyle::Dropdown, .. } => {
                let values = self
                    .choices(id)
                    .iter()
                    .map(|c| Value::from(&c.value))
                    .chain(kind.specials().map(Value::from))
                    .map(|v| (v.to_display(), v))
                    .collect();
                Some(values)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::load;

    /// A preview by names: source, targets, and each answer's verdict.
    type Named = (String, Vec<String>, Vec<(String, Vec<bool>)>);

    /// `(source, targets, [(answer, shown)])` by name, for the page `json` starts on.
    fn table(json: &str) -> Vec<Named> {
        let survey = load(json).expect("loads").survey;
        let flow = super::Flow::new(&survey, None);
        let page = flow.first_page().expect("a page");
        let name = |id: usize| survey.elements[id].name.clone();
        flow.previews(page)
            .into_iter()
            .map(|p| (name(p.source), p.targets.into_iter().map(name).collect(), p.shown))
            .collect()
    }

    /// A preview: its source, its targets and each answer's verdict.
    fn row(source: &str, targets: &[&str], shown: &[(&str, &[bool])]) -> Named {
        let shown = shown.iter().map(|(v, s)| (v.to_string(), s.to_vec())).collect();
        (source.to_string(), targets.iter().map(|t| t.to_string()).collect(), shown)
    }

    #[test]
    fn one_answer_questions_decide_what_reads_only_them() {
        let cases: Vec<(&str, &str, Vec<Named>)> = vec![
            (
                "a radio shows a note at 1 or 2, and hides a thank-you at 2",
                r#"{"elements": [
                    {"type": "radiogroup", "name": "q", "choices": [1, 2, 3]},
                    {"type": "text", "name": "note", "visibleIf": "{q} <= 2"},
                    {"type": "html", "name": "thanks", "visibleIf": "{q} <> 2", "html": "x"}]}"#,
                vec![row(
                    "q",
                    &["note", "thanks"],
                    &[
                        ("", &[false, true]),
                        ("1", &[true, true]),
                        ("2", &[true, false]),
                        ("3", &[false, true]),
                    ],
                )],
            ),
            (
                "a boolean with its own values, and a panel's condition reaching its question",
                r#"{"elements": [
                    {"type": "boolean", "name": "b", "valueTrue": "ya", "valueFalse": "tidak"},
                    {"type": "panel", "name": "p", "visibleIf": "{b} = 'ya'", "elements": [
                        {"type": "text", "name": "inside"}]}]}"#,
                vec![row(
                    "b",
                    &["p", "inside"],
                    &[("", &[false, false]), ("true", &[true, true]), ("false", &[false, false])],
                )],
            ),
            (
                "a rating's values",
                r#"{"elements": [
                    {"type": "rating", "name": "score", "rateValues": [1, 2, 3]},
                    {"type": "comment", "name": "low", "visibleIf": "{score} < 2"}]}"#,
                vec![row(
                    "score",
                    &["low"],
                    &[("", &[false]), ("1", &[true]), ("2", &[false]), ("3", &[false])],
                )],
            ),
            (
                "a dropdown with other; names are matched without case",
                r#"{"elements": [
                    {"type": "dropdown", "name": "Where", "choices": ["a", "b"], "showOtherItem": true},
                    {"type": "comment", "name": "why", "visibleIf": "{where} = 'other'"}]}"#,
                vec![row(
                    "Where",
                    &["why"],
                    &[("", &[false]), ("a", &[false]), ("b", &[false]), ("other", &[true])],
                )],
            ),
            (
                "two answers, a calculated value, an unknown variable or a checkbox: left to the app",
                r#"{"calculatedValues": [{"name": "twice", "expression": "{a} * 2"}],
                    "elements": [
                    {"type": "radiogroup", "name": "a", "choices": [1, 2]},
                    {"type": "radiogroup", "name": "b", "choices": [1, 2]},
                    {"type": "checkbox", "name": "c", "choices": [1, 2]},
                    {"type": "text", "name": "both", "visibleIf": "{a} = 1 and {b} = 1"},
                    {"type": "text", "name": "calc", "visibleIf": "{twice} = 2"},
                    {"type": "text", "name": "var", "visibleIf": "{a} = 1 and {who} = 1"},
                    {"type": "text", "name": "ticked", "visibleIf": "{c} contains 1"}]}"#,
                vec![],
            ),
            (
                "a roster, a panel holding what another answer decides, a function, and values written alike",
                r#"{"elements": [
                    {"type": "radiogroup", "name": "a", "choices": [1, 2]},
                    {"type": "radiogroup", "name": "b", "choices": [1, 2]},
                    {"type": "paneldynamic", "name": "r", "visibleIf": "{a} = 1", "templateElements": [{"type": "text", "name": "x"}]},
                    {"type": "panel", "name": "p", "visibleIf": "{a} = 1", "elements": [
                        {"type": "text", "name": "whole", "visibleIf": "{a} = 1"},
                        {"type": "text", "name": "and_b", "visibleIf": "{b} = 1"}]},
                    {"type": "text", "name": "dated", "visibleIf": "{a} = 1 and today() > '2020-01-01'"},
                    {"type": "radiogroup", "name": "same", "choices": ["", "x"]},
                    {"type": "text", "name": "by_same", "visibleIf": "{same} = 'x'"}]}"#,
                vec![row("a", &["whole"], &[("", &[false]), ("1", &[true]), ("2", &[false])])],
            ),
            (
                "a source that starts hidden is left out; what it decides stays hidden",
                r#"{"elements": [
                    {"type": "radiogroup", "name": "a", "choices": [1, 2]},
                    {"type": "radiogroup", "name": "b", "visibleIf": "{a} = 1", "choices": [1, 2]},
                    {"type": "text", "name": "c", "visibleIf": "{b} = 1"}]}"#,
                vec![row("a", &["b"], &[("", &[false]), ("1", &[true]), ("2", &[false])])],
            ),
        ];
        for (what, json, want) in cases {
            assert_eq!(table(json), want, "{what}");
        }
    }
}
