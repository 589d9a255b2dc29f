//! Whether an entry's answers have the shape their questionnaire gives
//! them: what the form can never produce, and the collector refuses (422)
//! before any rule runs. Each misfit names where it is: `q9`, `household`,
//! `household[4]`, `immunizations[Polio].answer`.

use super::Entry;
use crate::expr::{ops::equal, Value};
use crate::flow::{At, Slot};
use crate::schema::{Choice, ChoiceStyle, Element, ElementId, Kind, Shape, Survey};
use crate::Json;
use std::collections::BTreeMap;

/// Every answer in `answers` that does not fit its questionnaire:
/// - a key that is not a question's name, the `-Comment` of a question
///   with an "other" choice, or a calculated value included in results
///   (also inside a panel or row, against its template);
/// - a choice, rating, boolean or matrix answer that is not among its
///   values, a choice repeated in a multi-choice answer, a text longer
///   than its `maxLength`, an object or array where a single value goes;
/// - a panel or row that is not an object, more items than the maximum, a
///   row key the matrix does not list.
pub fn fit(survey: &Survey, answers: &serde_json::Map<String, Json>) -> Vec<Entry> {
    let mut out = Vec::new();
    let questions: Vec<(ElementId, &Element)> = survey.questions().collect();
    let calculated = |k: &str| survey.calculated_values.iter().any(|c| c.include_into_result && c.name == k);
    for k in answers.keys() {
        if !known_key(survey, questions.iter().map(|(id, _)| *id), k) && !calculated(k) {
            misfit(&mut out, k, String::new(), format!("'{k}' is not a question of this questionnaire"));
        }
    }
    for (id, e) in questions {
        if let Some(v) = answers.get(&e.name) {
            answer(survey, id, &At::top(), &Value::from(v), &e.name, &mut out);
        }
    }
    out
}

/// Whether `key` names one of `questions` or the "other" text of one.
fn known_key(s: &Survey, mut questions: impl Iterator<Item = ElementId>, key: &str) -> bool {
    let comment_of = key.strip_suffix("-Comment");
    questions.any(|id| {
        let e = &s.elements[id];
        e.name == key
            || (comment_of == Some(&e.name) && matches!(e.kind, Kind::Choices { has_other: true, .. }))
    })
}

fn misfit(out: &mut Vec<Entry>, question: &str, cell: String, message: String) {
    out.push(Entry {
        question: question.to_string(),
        cell,
        place: None,
        element: None,
        rule: "shape".into(),
        message,
        soft: false,
    });
}

/// Whether `x` is one of `values`.
fn among(values: &[Choice], x: &Value) -> bool {
    values.iter().any(|c| equal(&Value::from(&c.value), x))
}

/// Checks question `id`'s answer `v` at `at`; `top` is the top-level
/// question it belongs to (the roster, for a cell).
fn answer(s: &Survey, id: ElementId, at: &At, v: &Value, top: &str, out: &mut Vec<Entry>) {
    if v.is_empty() {
        return;
    }
    let path = || if at.0.is_empty() { String::new() } else { at.path(s, id) };
    let mut wrong = |message: String| misfit(out, top, path(), message);
    let scalar = |x: &Value| matches!(x, Value::String(_) | Value::Number(_) | Value::Bool(_));
    let longer = |x: &Value, max: &Option<usize>| match (x, max) {
        (Value::String(t), Some(max)) => t.chars().count() > *max,
        _ => false,
    };
    match &s.elements[id].kind {
        Kind::Roster(_) => roster(s, id, at, v, top, out),
        kind @ Kind::Choices { choices, has_other, style, other_in_value, from, .. } => {
            // Under `storeOthersAsComment: false` the "other" text is the answer.
            let other_text = |x: &Value| *has_other && *other_in_value && matches!(x, Value::String(_));
            // A `selected` carry-forward offers the source's "other" as an item.
            let carried_other = |x: &Value| {
                from.as_ref().is_some_and(|f| {
                    f.mode == crate::schema::CarryMode::Selected
                        && !f.from_items
                        && matches!(s.elements[f.source].kind, Kind::Choices { has_other: true, .. })
                }) && equal(x, &Value::from(crate::answers::OTHER))
            };
            let known =
                |x: &Value| among(choices, x) || other_text(x) || kind.offers_special(x) || carried_other(x);
            // Choices listed nowhere (`choicesByUrl`, `choicesFromQuestion`)
            // are not known here, so any scalar may be one of them.
            let open = choices.is_empty();
            match (style, v) {
                (ChoiceStyle::Checkbox | ChoiceStyle::Ranking, Value::Array(xs)) => {
                    if let Some(x) = xs.iter().find(|x| !scalar(x) || (!open && !known(x))) {
                        wrong(format!("{} is not among its choices", x.to_json()));
                    } else if xs.len() > 1 && xs.iter().any(crate::answers::is_exclusive) {
                        wrong("none, refuse to answer and don't know are each chosen alone".into());
                    } else if let Some(x) =
                        xs.iter().enumerate().find(|(i, x)| xs[..*i].iter().any(|y| equal(y, x)))
                    {
                        wrong(format!("{} is chosen more than once", x.1.to_json()));
                    }
                }
                (ChoiceStyle::Checkbox | ChoiceStyle::Ranking, _) => {
                    wrong("must be an array of choices".into())
                }
                (_, x) if !scalar(x) || (!open && !known(x)) => {
                    wrong(format!("{} is not among its choices", x.to_json()))
                }
                _ => {}
            }
        }
        Kind::Rating { values, .. } => {
            if !scalar(v) || (!values.is_empty() && !among(values, v)) {
                wrong(format!("{} is not among its rating values", v.to_json()));
            }
        }
        Kind::Boolean { value_true, value_false, .. } => {
            if !equal(v, &Value::from(value_true)) && !equal(v, &Value::from(value_false)) {
                wrong(format!("{} is not one of its two values", v.to_json()));
            }
        }
        Kind::Matrix { rows, columns, .. } => {
            let Value::Object(cells) = v else {
                return wrong("must be an object of rows keyed by row value".into());
            };
            for (row, x) in cells {
                if !rows.iter().any(|r| r.key() == *row) {
                    wrong(format!("'{row}' is not a row of this matrix"));
                } else if !x.is_empty() && !among(columns, x) {
                    wrong(format!("{} in row '{row}' is not among its columns", x.to_json()));
                }
            }
        }
        Kind::MultipleText { items } => {
            let Value::Object(cells) = v else {
                return wrong("must be an object of items keyed by name".into());
            };
            for (name, x) in cells {
                match items.iter().find(|i| i.name == *name) {
                    None => wrong(format!("'{name}' is not an item of this question")),
                    Some(_) if !x.is_empty() && !scalar(x) => {
                        wrong(format!("item '{name}' must be a single value"))
                    }
                    Some(i) if longer(x, &i.max_length) => {
                        wrong(format!("item '{name}' is longer than its maximum of {:?}", i.max_length))
                    }
                    Some(_) => {}
                }
            }
        }
        Kind::Text { max_length, .. } | Kind::Comment { max_length, .. } => {
            if !scalar(v) {
                wrong("must be a single value".into());
            } else if let (true, Some(max)) = (longer(v, max_length), max_length) {
                wrong(format!("is longer than its maximum of {max} characters"));
            }
        }
        // The collector computes these itself; no answer is read from them.
        Kind::Expression { .. } | Kind::Panel { .. } | Kind::Html { .. } | Kind::Unsupported { .. } => {}
    }
}

fn roster(s: &Survey, id: ElementId, at: &At, value: &Value, top: &str, out: &mut Vec<Entry>) {
    let Kind::Roster(r) = &s.elements[id].kind else { return };
    let path = at.path(s, id);
    let items: Vec<(Slot, &Value)> = match (&r.shape, value) {
        (Shape::Fixed(rows), Value::Object(m)) => {
            let mut items = Vec::new();
            for (k, v) in m {
                if rows.iter().any(|row| row.key() == *k) {
                    items.push((Slot::Row(k.clone()), v));
                } else {
                    misfit(out, top, format!("{path}[{k}]"), format!("'{k}' is not a row of this matrix"));
                }
            }
            items
        }
        (Shape::Fixed(_), _) => {
            return misfit(out, top, path, "must be an object of rows keyed by row value".into());
        }
        (_, Value::Array(a)) => {
            if a.len() > r.max {
                misfit(
                    out,
                    top,
                    path.clone(),
                    format!("holds {} items, more than its maximum of {}", a.len(), r.max),
                );
            }
            a.iter().enumerate().map(|(i, v)| (Slot::Index(i), v)).collect()
        }
        (_, _) => return misfit(out, top, path, "must be an array of objects".into()),
    };
    let template = s.template_questions(id);
    for (slot, item) in items {
        let Value::Object(cells) = item else {
            misfit(out, top, format!("{path}[{slot}]"), "must be an object".into());
            continue;
        };
        let item = format!("{path}[{slot}]");
        cells_fit(s, &template, &at.then(id, slot), &item, cells, top, out);
    }
}

/// The cells of one panel or row: each key one of its template's
/// questions, each value fitting its question.
fn cells_fit(
    s: &Survey,
    template: &[ElementId],
    here: &At,
    item: &str,
    cells: &BTreeMap<String, Value>,
    top: &str,
    out: &mut Vec<Entry>,
) {
    for k in cells.keys() {
        if !known_key(s, template.iter().copied(), k) {
            misfit(out, top, format!("{item}.{k}"), format!("'{k}' is not a question of this panel or row"));
        }
    }
    for &q in template {
        if let Some(v) = cells.get(&s.elements[q].name) {
            answer(s, q, here, v, top, out);
        }
    }
}
