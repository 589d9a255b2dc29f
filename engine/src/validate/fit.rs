//! Whether a roster's answer has the shape its question gives it: what the
//! form can never produce, and the collector refuses (422) before any rule
//! runs. Each misfit names where it is: `household`, `household[4]`,
//! `immunizations[Polio].answer`.

use super::Entry;
use crate::expr::{ops::equal, Value};
use crate::flow::{At, Slot};
use crate::schema::{ChoiceStyle, ElementId, Kind, Shape, Survey};
use crate::Json;

/// Every roster answer in `answers` that does not fit its question: a
/// panel or row that is not an object, more items than the maximum, a row
/// key the matrix does not list, a choice cell's value not among its choices.
pub fn fit(survey: &Survey, answers: &serde_json::Map<String, Json>) -> Vec<Entry> {
    let mut out = Vec::new();
    for (id, e) in survey.questions() {
        if let (Kind::Roster(_), Some(v)) = (&e.kind, answers.get(&e.name)) {
            roster(survey, id, &At::top(), &Value::from(v), &e.name, &mut out);
        }
    }
    out
}

fn misfit(out: &mut Vec<Entry>, question: &str, cell: String, message: String) {
    out.push(Entry {
        question: question.to_string(),
        cell,
        place: None,
        rule: "shape".into(),
        message,
        soft: false,
    });
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
        let here = at.then(id, slot);
        for &q in &template {
            let Some(v) = cells.get(&s.elements[q].name) else { continue };
            match &s.elements[q].kind {
                Kind::Roster(_) => roster(s, q, &here, v, top, out),
                Kind::Choices { choices, has_other, has_none, style, .. } => {
                    let known = |x: &Value| {
                        choices.iter().any(|c| equal(&Value::from(&c.value), x))
                            || (*has_other && matches!(x, Value::String(t) if t == "other"))
                            || (*has_none && matches!(x, Value::String(t) if t == "none"))
                    };
                    let fits = match (style, v) {
                        (ChoiceStyle::Checkbox | ChoiceStyle::Ranking, Value::Array(xs)) => {
                            xs.iter().all(known)
                        }
                        (ChoiceStyle::Radio | ChoiceStyle::Dropdown, x) => x.is_empty() || known(x),
                        (_, x) => x.is_empty(),
                    };
                    if !fits && !choices.is_empty() {
                        misfit(
                            out,
                            top,
                            here.path(s, q),
                            format!("{} is not among its choices", v.to_json()),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
