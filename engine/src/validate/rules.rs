//! The rules, one question at a time.

use super::Entry;
use crate::expr::date::Ymd;
use crate::expr::number::{format_number, json_number, sjs_number};
use crate::expr::Value;
use crate::flow::{At, Flow};
use crate::schema::{ChoiceStyle, ElementId, InputType, Kind, Rule};
use crate::text::{Lang, Msg, Text};
use crate::Json;
use std::collections::BTreeSet;

struct Out<'a> {
    question: &'a str,
    element: ElementId,
    cell: String,
    place: Option<(ElementId, String)>,
    lang: Lang,
    /// The questionnaire's own words (`tanya.texts`).
    own: &'a crate::schema::Settings,
    /// The respondent already read this question's soft messages and went on.
    confirmed: bool,
    entries: &'a mut Vec<Entry>,
}

impl Out<'_> {
    /// Records a failure; a validator's own `text` wins over the built-in message.
    fn fail(&mut self, rule: &str, msg: Msg, custom: &Text) {
        let message = match custom.get(self.lang) {
            "" => msg.say(self.lang, self.own),
            own => own.to_string(),
        };
        self.entries.push(Entry {
            question: self.question.to_string(),
            cell: self.cell.clone(),
            place: self.place.clone(),
            element: Some(self.element),
            rule: rule.into(),
            message,
            soft: false,
        });
    }
}

/// A number from an answer: numbers, or numeric text.
fn number_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) if n.is_finite() => Some(*n),
        Value::String(s) => sjs_number(s),
        _ => None,
    }
}

/// A plausible e-mail address: one `@`, a local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// Checks one visible, enabled question answered at `at` (the top for
/// questions outside rosters); a roster checks each of its items' visible,
/// enabled questions.
pub fn check(
    flow: &Flow<'_>,
    id: ElementId,
    at: &At,
    lang: Lang,
    confirmed: &BTreeSet<String>,
    entries: &mut Vec<Entry>,
) {
    let s = flow.survey();
    let e = &s.elements[id];
    // What is checked is what will be submitted. At the top, an answer
    // outside the choices offered now (a default the questionnaire does not
    // list, a draft's choice it no longer has) shows nothing ticked and is
    // left out of the entry on completion, as SurveyJS leaves it: answering
    // a required question with it, or counting it towards a minimum, would
    // pass here and be refused where the entry is checked again (the
    // collector).
    let value = flow.value_at(id, at).cloned().unwrap_or(Value::Null);
    let value = if at.0.is_empty() { flow.without_unknown_choices(id, value) } else { value };
    let question = at.0.first().map_or(&e.name, |step| &s.elements[step.roster].name);
    let cell = if at.0.is_empty() { String::new() } else { at.path(s, id) };
    let place = at.0.last().map(|step| (id, item_label(s, step, lang)));
    let read = confirmed.contains(question);
    let mut out = Out { question, element: id, cell, place, lang, own: &s.tanya, confirmed: read, entries };

    if let Kind::Matrix { rows, all_rows_required: true, .. } = &e.kind {
        let answered = |key: &String| match &value {
            Value::Object(m) => m.get(key).is_some_and(|v| !v.is_empty()),
            _ => false,
        };
        if !rows.iter().all(|r| answered(&r.key())) {
            out.fail("isAllRowRequired", Msg::AllRowsRequired, &Text::None);
            return;
        }
    }

    if let Kind::Roster(_) = &e.kind {
        if value.is_empty() && flow.is_required_at(id, at) {
            out.fail("required", Msg::Required, &e.required_error_text);
        }
        for slot in flow.items(id, at) {
            let here = at.then(id, slot);
            for q in s.template_questions(id) {
                if flow.is_visible_at(q, &here) && flow.is_enabled_at(q, &here) {
                    check(flow, q, &here, lang, confirmed, out.entries);
                }
            }
        }
        return;
    }

    // SurveyJS counts an empty checkbox as too few choices.
    let too_few = match &e.kind {
        Kind::Choices { style: ChoiceStyle::Checkbox, min_selected: Some(min), .. } if *min > 0 => Some(*min),
        _ => None,
    };
    if value.is_empty() {
        if flow.is_required_at(id, at) {
            let rule = if e.required_if.is_some() { "requiredIf" } else { "required" };
            out.fail(rule, Msg::Required, &e.required_error_text);
        } else if at.0.is_empty()
            && s.tanya.soft_required.iter().any(|q| q == &e.name)
            && !confirmed.contains(&e.name)
        {
            out.entries.push(Entry {
                question: e.name.clone(),
                cell: String::new(),
                place: None,
                element: Some(id),
                rule: "softRequired".into(),
                message: Msg::SoftRequired.say(lang, &s.tanya),
                soft: true,
            });
        } else if let Some(min) = too_few {
            return out.fail("answercount", Msg::MinCount(min), &Text::None);
        }
        // As in SurveyJS, a multiple-text's items are checked even when it
        // is empty, and expression validators run on an empty answer (the
        // other validators pass one).
        if !flow.is_required_at(id, at) {
            if let Kind::MultipleText { items } = &e.kind {
                text_items(&mut out, flow, at, items, &value, &e.required_error_text);
            }
            for v in e.validators.iter().filter(|v| matches!(v.rule, Rule::Expression(_))) {
                validator(&mut out, flow, at, &value, v);
            }
        }
        return;
    }

    match &e.kind {
        // As in SurveyJS, "other" needs its text.
        Kind::Choices { has_other: true, .. } if at.0.is_empty() && chose_other(&value) => {
            let comment = flow.answer(&format!("{}-Comment", e.name));
            if comment.is_none_or(|c| c.to_display().trim().is_empty()) {
                out.fail("other", Msg::OtherRequired, &Text::None);
            }
        }
        Kind::Text { input_type, min, max, min_expr, max_expr, max_length, step, .. } => {
            // An expression bound is its value now: a date as YYYY-MM-DD, else a number.
            let bound = |written: &Option<Json>, expr: &Option<crate::expr::Expression>| {
                written.clone().or_else(|| {
                    let v = flow.eval_at(expr.as_ref()?, at);
                    match v {
                        Value::Date(ms) => {
                            Some(Json::String(crate::expr::date::to_iso(ms).chars().take(10).collect()))
                        }
                        Value::Null => None,
                        other => Some(other.to_json()),
                    }
                })
            };
            let (min, max) = (bound(min, min_expr), bound(max, max_expr));
            text_rules(&mut out, &value, *input_type, min.as_ref(), max.as_ref());
            if let (Some(step), Some(n)) = (step, number_of(&value)) {
                if !is_multiple(n, *step) {
                    out.fail("step", Msg::Step(format_number(*step)), &Text::None);
                }
            }
            if let Some(m) = max_length.filter(|m| *m > 0) {
                if value.to_display().chars().count() > m {
                    out.fail("maxLength", Msg::MaxLength(m), &Text::None);
                }
            }
        }
        Kind::Comment { max_length: Some(m), .. } if *m > 0 && value.to_display().chars().count() > *m => {
            out.fail("maxLength", Msg::MaxLength(*m), &Text::None);
        }
        // `maxSelectedChoices` is no rule in SurveyJS: the form stops the
        // respondent at it (the other boxes are disabled).
        Kind::Choices { style: ChoiceStyle::Checkbox, min_selected, .. } => {
            let n = match &value {
                Value::Array(a) => a.len(),
                _ => 1,
            };
            if let Some(min) = min_selected.filter(|m| n < *m) {
                out.fail("answercount", Msg::MinCount(min), &Text::None);
            }
        }
        Kind::MultipleText { items } => text_items(&mut out, flow, at, items, &value, &e.required_error_text),
        _ => {}
    }

    for v in &e.validators {
        validator(&mut out, flow, at, &value, v);
    }
}

/// A multiple-text's items, each with its own rules on its own answer, as
/// SurveyJS checks them: a required item left empty, then each item's
/// rules (only expression validators on an empty item).
fn text_items(
    out: &mut Out<'_>,
    flow: &Flow<'_>,
    at: &At,
    items: &[crate::schema::TextItem],
    value: &Value,
    required_text: &Text,
) {
    let item_value = |name: &str| match value {
        Value::Object(m) => m.get(name).cloned().unwrap_or(Value::Null),
        _ => Value::Null,
    };
    if items.iter().any(|item| item.is_required && item_value(&item.name).is_empty()) {
        out.fail("required", Msg::Required, required_text);
    }
    for item in items {
        let v = item_value(&item.name);
        if v.is_empty() {
            for val in item.validators.iter().filter(|v| matches!(v.rule, Rule::Expression(_))) {
                validator(out, flow, at, &v, val);
            }
            continue;
        }
        text_rules(out, &v, item.input_type, None, None);
        if let Some(m) = item.max_length.filter(|m| v.to_display().chars().count() > *m) {
            out.fail("maxLength", Msg::MaxLength(m), &Text::None);
        }
        for val in &item.validators {
            validator(out, flow, at, &v, val);
        }
    }
}

/// A roster item as the respondent reads it: "2" for the second panel or
/// row, a fixed row's text.
pub fn item_label(s: &crate::schema::Survey, step: &crate::flow::Step, lang: Lang) -> String {
    match (&step.slot, &s.elements[step.roster].kind) {
        (crate::flow::Slot::Index(i), _) => (i + 1).to_string(),
        (crate::flow::Slot::Row(k), Kind::Roster(r)) => match &r.shape {
            crate::schema::Shape::Fixed(rows) => rows
                .iter()
                .find(|c| c.key() == *k)
                .map_or_else(|| k.clone(), |c| c.text.get(lang).to_string()),
            _ => k.clone(),
        },
        (crate::flow::Slot::Row(k), _) => k.clone(),
    }
}

/// Whether the answer is, or includes, the "other" choice.
fn chose_other(value: &Value) -> bool {
    let other = |v: &Value| matches!(v, Value::String(s) if s == "other");
    match value {
        Value::Array(items) => items.iter().any(other),
        v => other(v),
    }
}

/// Whether `n` is a multiple of `step`, as survey-core decides it: both
/// scaled by the power of ten (up to a million) that makes them whole.
fn is_multiple(n: f64, step: f64) -> bool {
    let whole = |x: f64, pw: f64| (x * pw).round() / pw == x;
    let mut pw = 1.0;
    while (!whole(step, pw) || !whole(n, pw)) && pw < 1_000_000.0 {
        pw *= 10.0;
    }
    let (n, step) = ((n * pw).round(), (step * pw).round());
    step <= 0.0 || n % step == 0.0
}

fn text_rules(
    out: &mut Out<'_>,
    value: &Value,
    input_type: InputType,
    min: Option<&Json>,
    max: Option<&Json>,
) {
    match input_type {
        InputType::Number => {
            let Some(n) = number_of(value) else {
                out.fail("numeric", Msg::NotNumber, &Text::None);
                return;
            };
            if let Some(m) = min.and_then(json_number).filter(|m| n < *m) {
                out.fail("min", Msg::NumberMin(format_number(m)), &Text::None);
            }
            if let Some(m) = max.and_then(json_number).filter(|m| n > *m) {
                out.fail("max", Msg::NumberMax(format_number(m)), &Text::None);
            }
        }
        InputType::Date => {
            let text = value.to_display();
            let Some(d) = Ymd::parse(text.get(..10).unwrap_or(&text)) else {
                out.fail("date", Msg::NotDate, &Text::None);
                return;
            };
            if let Some((m, s)) = min.and_then(Json::as_str).and_then(|s| Some((Ymd::parse(s)?, s))) {
                if d < m {
                    out.fail("min", Msg::DateMin(s.to_string()), &Text::None);
                }
            }
            if let Some((m, s)) = max.and_then(Json::as_str).and_then(|s| Some((Ymd::parse(s)?, s))) {
                if d > m {
                    out.fail("max", Msg::DateMax(s.to_string()), &Text::None);
                }
            }
        }
        InputType::Email if !is_email(&value.to_display()) => out.fail("email", Msg::Email, &Text::None),
        _ => {}
    }
}

/// Runs one validator; a warning or info one (`notificationType`) fails
/// softly, and not at all once the respondent read it and went on.
fn validator(out: &mut Out<'_>, flow: &Flow<'_>, at: &At, value: &Value, v: &crate::schema::Validator) {
    if v.notice && out.confirmed {
        return;
    }
    let before = out.entries.len();
    rule_check(out, flow, at, value, &v.rule, &v.text);
    if v.notice {
        for e in &mut out.entries[before..] {
            e.soft = true;
        }
    }
}

fn rule_check(out: &mut Out<'_>, flow: &Flow<'_>, at: &At, value: &Value, rule: &Rule, text: &Text) {
    match rule {
        Rule::Numeric { min, max } => match number_of(value) {
            None => out.fail("numeric", Msg::NotNumber, text),
            Some(n) => {
                if let Some(m) = min.filter(|m| n < *m) {
                    out.fail("numeric", Msg::NumberMin(format_number(m)), text);
                } else if let Some(m) = max.filter(|m| n > *m) {
                    out.fail("numeric", Msg::NumberMax(format_number(m)), text);
                }
            }
        },
        Rule::Text { min_length, max_length, no_digits } => {
            let shown = value.to_display();
            let len = shown.chars().count();
            if let Some(m) = min_length.filter(|m| len < *m) {
                out.fail("minLength", Msg::MinLength(m), text);
            } else if let Some(m) = max_length.filter(|m| len > *m) {
                out.fail("maxLength", Msg::MaxLength(m), text);
            } else if *no_digits
                && !shown.chars().all(|c| c.is_ascii_alphabetic() || c.is_whitespace() || c == '.')
            {
                out.fail("allowDigits", Msg::NoDigits, text);
            }
        }
        Rule::Regex(r) => {
            let items = match value {
                Value::Array(a) => a.iter().map(Value::to_display).collect(),
                v => vec![v.to_display()],
            };
            if !items.iter().all(|s| r.is_match(s)) {
                out.fail("regex", Msg::Pattern, text);
            }
        }
        Rule::Email => {
            if !is_email(&value.to_display()) {
                out.fail("email", Msg::Email, text);
            }
        }
        Rule::Expression(x) => {
            if !flow.eval_at(x, at).is_true_condition() {
                out.fail("expression", Msg::Expression, text);
            }
        }
        Rule::AnswerCount { min, max } => {
            let n = match value {
                Value::Array(a) => a.len(),
                _ => 1,
            };
            if let Some(m) = min.filter(|m| n < *m) {
                out.fail("answercount", Msg::MinCount(m), text);
            } else if let Some(m) = max.filter(|m| n > *m) {
                out.fail("answercount", Msg::MaxCount(m), text);
            }
        }
    }
}
