//! The question kinds' own properties: text inputs and their bounds,
//! choice lists, ratings, multiple text items and validators.

use super::model::*;
use super::reader::{join, plain, type_name, Obj, Reader};
use crate::expr::number::json_number;
use crate::text::Text;
use crate::Json;
use std::collections::HashSet;

impl Reader {
    pub(super) fn placeholder(&mut self, o: &Obj, path: &str) -> Text {
        let key = if o.contains_key("placeholder") { "placeholder" } else { "placeHolder" };
        self.text(o, key, path)
    }

    pub(super) fn text_kind(&mut self, o: &Obj, path: &str) -> Kind {
        let input_type = match self.string(o, "inputType", path).as_deref() {
            None | Some("text") => InputType::Text,
            Some("number" | "range") => InputType::Number,
            Some("email") => InputType::Email,
            Some("tel") => InputType::Tel,
            Some("date") => InputType::Date,
            Some("url") => InputType::Url,
            Some(other) => {
                self.warn(join(path, "inputType"), format!("inputType '{other}' is shown as plain text"));
                InputType::Text
            }
        };
        let mut min = o.get("min").filter(|v| !v.is_null()).cloned();
        let mut max = o.get("max").filter(|v| !v.is_null()).cloned();
        // A bound written as an expression, `"=today()"`, or in
        // minValueExpression / maxValueExpression, is evaluated when checked.
        let mut bound_expr = |bound: &mut Option<Json>, key: &str, expr_key: &str| {
            let written = match bound.as_ref().and_then(Json::as_str).and_then(|s| s.strip_prefix('=')) {
                Some(text) => Some((text.to_string(), key)),
                None => o.get(expr_key).and_then(Json::as_str).map(|t| (t.to_string(), expr_key)),
            };
            let (text, at) = written?;
            if at == key {
                *bound = None;
            }
            match crate::expr::Expression::parse(&text) {
                Ok(x) => Some(x),
                Err(e) => {
                    self.errors.push(super::Problem::at_column(join(path, at), e.message, e.column));
                    None
                }
            }
        };
        let min_expr = bound_expr(&mut min, "min", "minValueExpression");
        let max_expr = bound_expr(&mut max, "max", "maxValueExpression");
        self.check_bounds(&min, &max, input_type, path);
        Kind::Text {
            input_type,
            min,
            max,
            min_expr,
            max_expr,
            max_length: self.count(o, "maxLength", path),
            step: self.number(o, "step", path).filter(|s| *s > 0.0 && input_type == InputType::Number),
            placeholder: self.placeholder(o, path),
        }
    }

    pub(super) fn check_bounds(
        &mut self,
        min: &Option<Json>,
        max: &Option<Json>,
        input_type: InputType,
        path: &str,
    ) {
        match input_type {
            InputType::Date => {
                for (key, v) in [("min", min), ("max", max)] {
                    if let Some(v) = v {
                        let ok = v.as_str().is_some_and(|s| crate::expr::date::Ymd::parse(s).is_some());
                        if !ok && !v.as_str().is_some_and(|s| s.contains('(')) {
                            self.error(join(path, key), format!("must be a date YYYY-MM-DD, not {v}"));
                        }
                    }
                }
                if let (Some(a), Some(b)) =
                    (min.as_ref().and_then(Json::as_str), max.as_ref().and_then(Json::as_str))
                {
                    if crate::expr::date::Ymd::parse(a) > crate::expr::date::Ymd::parse(b)
                        && crate::expr::date::Ymd::parse(b).is_some()
                    {
                        self.error(path, format!("min ({a}) is after max ({b})"));
                    }
                }
            }
            _ => {
                for (key, v) in [("min", min), ("max", max)] {
                    if let Some(v) = v {
                        if json_number(v).is_none() {
                            self.error(join(path, key), format!("must be a number, not {v}"));
                        }
                    }
                }
                let bounds = (min.as_ref().and_then(json_number), max.as_ref().and_then(json_number));
                self.in_order(path, ("min", bounds.0), ("max", bounds.1));
            }
        }
    }

    pub(super) fn choice_list(&mut self, o: &Obj, key: &str, path: &str) -> Vec<Choice> {
        let p = join(path, key);
        let items = match o.get(key) {
            None | Some(Json::Null) => return Vec::new(),
            Some(Json::Array(items)) => items,
            Some(other) => {
                self.error(p, format!("must be an array, not {}", type_name(other)));
                return Vec::new();
            }
        };
        let mut out: Vec<Choice> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let ip = format!("{p}[{i}]");
            let choice = match item {
                Json::Object(c) => {
                    self.check_props(c, &ip, &["choiceitem"]);
                    let value = match c.get("value").filter(|v| !v.is_null()) {
                        Some(v) => v.clone(),
                        // SurveyJS reads `{"text": "x"}` as the value "x", and
                        // any other object without a value as that whole object.
                        None => match c.get("text") {
                            Some(t) if c.len() == 1 => t.clone(),
                            _ => {
                                self.warn(
                                    &ip,
                                    "a choice without 'value': its whole object is the value, as in SurveyJS",
                                );
                                item.clone()
                            }
                        },
                    };
                    let text = match self.text(c, "text", &ip) {
                        Text::None => Text::Plain(plain(&value)),
                        t => t,
                    };
                    let visible_if = self.condition(c, "visibleIf", &ip);
                    let enable_if = self.condition(c, "enableIf", &ip);
                    Choice { value, text, visible_if, enable_if }
                }
                Json::String(_) | Json::Number(_) | Json::Bool(_) => {
                    let (value, text) = split_pipe(item);
                    Choice { value, text, visible_if: None, enable_if: None }
                }
                other => {
                    self.error(
                        ip,
                        format!("a choice must be a value or an object, not {}", type_name(other)),
                    );
                    continue;
                }
            };
            if out.iter().any(|c| crate::expr::ops::equal(&(&c.value).into(), &(&choice.value).into())) {
                self.error(ip, format!("duplicate value {}", choice.value));
                continue;
            }
            out.push(choice);
        }
        out
    }

    pub(super) fn choices_kind(&mut self, t: &str, o: &Obj, path: &str) -> Kind {
        let style = match t {
            "radiogroup" => ChoiceStyle::Radio,
            "checkbox" => ChoiceStyle::Checkbox,
            "dropdown" => ChoiceStyle::Dropdown,
            _ => ChoiceStyle::Ranking,
        };
        let mut choices = self.choice_list(o, "choices", path);
        if choices.is_empty() {
            if let (Some(min), Some(max)) =
                (self.number(o, "choicesMin", path), self.number(o, "choicesMax", path))
            {
                let step = self.number(o, "choicesStep", path).filter(|s| *s > 0.0).unwrap_or(1.0);
                let ordered = self.in_order(path, ("choicesMin", Some(min)), ("choicesMax", Some(max)));
                if ordered && (max - min) / step > 10_000.0 {
                    self.error(path, "choicesMin..choicesMax makes more than 10000 choices");
                } else if ordered {
                    let mut v = min;
                    while v <= max {
                        let value = crate::expr::number_json(v);
                        choices.push(Choice {
                            text: Text::Plain(plain(&value)),
                            value,
                            visible_if: None,
                            enable_if: None,
                        });
                        v += step;
                    }
                }
            }
        }
        let from = self.string(o, "choicesFromQuestion", path).map(|_| {
            let modes = [
                ("all", CarryMode::All),
                ("selected", CarryMode::Selected),
                ("unselected", CarryMode::Unselected),
            ];
            self.one_of(o, "choicesFromQuestionMode", path, &modes)
        });
        if from.is_some() {
            // The source's choices replace these once every question is read.
        } else if choices.is_empty() {
            if o.contains_key("choicesByUrl") {
                self.warn(path, "choicesByUrl is not supported; the question has no choices");
            } else if self.in_column {
                self.warn(join(path, "choices"), "the column has no choices: its cells cannot be answered");
            } else {
                self.error(join(path, "choices"), format!("a '{t}' question needs at least one choice"));
            }
        }
        let order = match self.string(o, "choicesOrder", path).as_deref() {
            None | Some("none") => ChoicesOrder::None,
            Some("asc") => ChoicesOrder::Asc,
            Some("desc") => ChoicesOrder::Desc,
            Some("random") => ChoicesOrder::Random,
            Some(other) => {
                self.error(
                    join(path, "choicesOrder"),
                    format!("must be none, asc, desc or random, not '{other}'"),
                );
                ChoicesOrder::None
            }
        };
        let min_selected = self.count(o, "minSelectedChoices", path);
        let max_selected = self.count(o, "maxSelectedChoices", path).filter(|m| *m > 0);
        self.in_order(
            path,
            ("minSelectedChoices", min_selected.map(|n| n as f64)),
            ("maxSelectedChoices", max_selected.map(|n| n as f64)),
        );
        Kind::Choices {
            style,
            choices,
            order,
            has_other: self.boolean(o, "hasOther", path) || self.boolean(o, "showOtherItem", path),
            has_none: self.boolean(o, "hasNone", path) || self.boolean(o, "showNoneItem", path),
            other_text: self.text(o, "otherText", path),
            none_text: self.text(o, "noneText", path),
            has_refuse: self.boolean(o, "showRefuseItem", path),
            has_dont_know: self.boolean(o, "showDontKnowItem", path),
            refuse_text: self.text(o, "refuseText", path),
            dont_know_text: self.text(o, "dontKnowText", path),
            min_selected,
            max_selected,
            choices_visible_if: self.condition(o, "choicesVisibleIf", path),
            choices_enable_if: self.condition(o, "choicesEnableIf", path),
            from: from.map(|mode| CarryForward {
                source: usize::MAX,
                mode,
                from_items: false,
                values_from: self.string(o, "choiceValuesFromQuestion", path),
                texts_from: self.string(o, "choiceTextsFromQuestion", path),
            }),
            select_all: style == ChoiceStyle::Checkbox
                && (self.boolean(o, "showSelectAllItem", path) || self.boolean(o, "hasSelectAll", path)),
            select_all_text: self.text(o, "selectAllText", path),
            other_in_value: match o.get("storeOthersAsComment") {
                None | Some(Json::Null) => self.others_in_value,
                Some(Json::String(d)) if d == "default" => self.others_in_value,
                Some(_) => !self.boolean(o, "storeOthersAsComment", path),
            },
        }
    }

    pub(super) fn rating_kind(&mut self, o: &Obj, path: &str) -> Kind {
        let mut values = self.choice_list(o, "rateValues", path);
        if values.is_empty() {
            let step = self.number(o, "rateStep", path).unwrap_or(1.0);
            let (given_min, given_max) = (self.number(o, "rateMin", path), self.number(o, "rateMax", path));
            // `rateCount` counts from the one bound given, as SurveyJS reads
            // it; with both bounds, or neither, it changes nothing.
            let span = self.count(o, "rateCount", path).map(|n| step * (n.max(1) - 1) as f64);
            let (min, max) = match (given_min, given_max, span) {
                (Some(min), None, Some(span)) => (min, min + span),
                (None, Some(max), Some(span)) => (max - span, max),
                (min, max, _) => (min.unwrap_or(1.0), max.unwrap_or(5.0)),
            };
            let ordered = self.in_order(path, ("rateMin", Some(min)), ("rateMax", Some(max)));
            if ordered && (step <= 0.0 || (max - min) / step > 100.0) {
                self.error(join(path, "rateStep"), "rateStep must be positive and give at most 100 values");
            } else if ordered {
                let mut v = min;
                while v <= max + 1e-9 {
                    let value = crate::expr::number_json(v);
                    values.push(Choice {
                        text: Text::Plain(plain(&value)),
                        value,
                        visible_if: None,
                        enable_if: None,
                    });
                    v += step;
                }
            }
        }
        let min_key = if o.contains_key("minRateDescription") {
            "minRateDescription"
        } else {
            "mininumRateDescription"
        };
        let max_key = if o.contains_key("maxRateDescription") {
            "maxRateDescription"
        } else {
            "maximumRateDescription"
        };
        let shapes =
            [("labels", RateShape::Labels), ("stars", RateShape::Stars), ("smileys", RateShape::Smileys)];
        let shape = self.one_of(o, "rateType", path, &shapes);
        Kind::Rating {
            values,
            min_description: self.text(o, min_key, path),
            max_description: self.text(o, max_key, path),
            shape,
        }
    }

    pub(super) fn multiple_text(&mut self, o: &Obj, path: &str) -> Kind {
        let p = join(path, "items");
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        match o.get("items") {
            Some(Json::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    let ip = format!("{p}[{i}]");
                    let Some(io) = self.object(item, &ip, "an item") else { continue };
                    self.check_props(io, &ip, &["multipletextitem"]);
                    let Some(name) = self.string(io, "name", &ip) else {
                        self.error(&ip, "missing 'name' on an item");
                        continue;
                    };
                    if !seen.insert(crate::case::fold(&name)) {
                        self.error(join(&ip, "name"), format!("duplicate item name '{name}'"));
                    }
                    let title = match self.text(io, "title", &ip) {
                        Text::None => Text::Plain(name.clone()),
                        t => t,
                    };
                    let input_type = match self.string(io, "inputType", &ip).as_deref() {
                        Some("number") => InputType::Number,
                        Some("email") => InputType::Email,
                        Some("tel") => InputType::Tel,
                        Some("date") => InputType::Date,
                        _ => InputType::Text,
                    };
                    let is_required = self.boolean(io, "isRequired", &ip);
                    let max_length = self.count(io, "maxLength", &ip).filter(|m| *m > 0);
                    let validators = self.validators(io, &ip);
                    let default_to = self.expression(io, "defaultValueExpression", &ip);
                    items.push(TextItem {
                        name,
                        title,
                        input_type,
                        is_required,
                        max_length,
                        validators,
                        default_to,
                    });
                }
            }
            _ => self.error(p, "a 'multipletext' question needs an array of items"),
        }
        Kind::MultipleText { items }
    }

    pub(super) fn validators(&mut self, o: &Obj, path: &str) -> Vec<Validator> {
        let p = join(path, "validators");
        let list = match o.get("validators") {
            None | Some(Json::Null) => return Vec::new(),
            Some(Json::Array(l)) => l,
            Some(other) => {
                self.error(p, format!("must be an array, not {}", type_name(other)));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let vp = format!("{p}[{i}]");
            let Some(vo) = self.object(v, &vp, "a validator") else { continue };
            let kind = crate::case::fold(&self.string(vo, "type", &vp).unwrap_or_default());
            let class = format!("{}validator", kind.trim_end_matches("validator"));
            self.check_props(vo, &vp, &[&class, "surveyvalidator"]);
            let rule = match kind.trim_end_matches("validator") {
                "numeric" => {
                    let (min, max) = (self.number(vo, "minValue", &vp), self.number(vo, "maxValue", &vp));
                    self.in_order(&vp, ("minValue", min), ("maxValue", max));
                    Rule::Numeric { min, max }
                }
                "text" => {
                    let (min_length, max_length) =
                        (self.count(vo, "minLength", &vp), self.count(vo, "maxLength", &vp));
                    let max_given = max_length.filter(|m| *m > 0);
                    self.in_order(
                        &vp,
                        ("minLength", min_length.map(|n| n as f64)),
                        ("maxLength", max_given.map(|n| n as f64)),
                    );
                    let no_digits = vo.contains_key("allowDigits") && !self.boolean(vo, "allowDigits", &vp);
                    Rule::Text { min_length, max_length: max_length.filter(|m| *m > 0), no_digits }
                }
                "regex" => {
                    let src = self.string(vo, "regex", &vp).unwrap_or_default();
                    let case_insensitive = self.boolean(vo, "caseInsensitive", &vp);
                    match regex_lite::RegexBuilder::new(&src).case_insensitive(case_insensitive).build() {
                        Ok(r) => Rule::Regex(r),
                        Err(e) => {
                            let first = e.to_string().lines().last().unwrap_or_default().trim().to_string();
                            self.error(join(&vp, "regex"), format!("invalid regular expression: {first}"));
                            continue;
                        }
                    }
                }
                "email" => Rule::Email,
                "expression" => match self.expression(vo, "expression", &vp) {
                    Some(e) => Rule::Expression(e),
                    None => continue,
                },
                "answercount" => {
                    let (min, max) = (self.count(vo, "minCount", &vp), self.count(vo, "maxCount", &vp));
                    self.in_order(
                        &vp,
                        ("minCount", min.map(|n| n as f64)),
                        ("maxCount", max.map(|n| n as f64)),
                    );
                    Rule::AnswerCount { min, max }
                }
                other => {
                    self.error(join(&vp, "type"), format!("unknown validator type '{other}'"));
                    continue;
                }
            };
            let text = self.text(vo, "text", &vp);
            let notice = self.one_of(
                vo,
                "notificationType",
                &vp,
                &[("error", false), ("warning", true), ("info", true)],
            );
            out.push(Validator { rule, text, notice });
        }
        out
    }
}

/// SurveyJS's `"value|text"` shorthand for choices.
fn split_pipe(item: &Json) -> (Json, Text) {
    if let Json::String(s) = item {
        if let Some((v, t)) = s.split_once('|') {
            return (Json::String(v.to_string()), Text::Plain(t.to_string()));
        }
    }
    (item.clone(), Text::Plain(plain(item)))
}
