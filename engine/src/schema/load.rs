//! Step 2: walks the JSON and builds the model, collecting located errors.

use super::model::*;
use super::{props, LoadError, Problem, MAX_PANEL_DEPTH};
use crate::expr::number::{format_number, json_number};
use crate::expr::{Condition, Expression};
use crate::text::Text;
use crate::Json;
use serde_json::Map;
use std::collections::HashSet;

type Obj = Map<String, Json>;

struct Loader {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
    elements: Vec<Element>,
    names: HashSet<String>,
    panel_names: HashSet<String>,
    panels: usize,
}

/// Reads an endpoint object (`{url, method, headers, body}`) or URL string,
/// as `tanya.endpoint` takes it; the page's config block uses the same shape.
pub fn endpoint(json: &Json) -> Result<Endpoint, Vec<Problem>> {
    let mut l = Loader {
        errors: Vec::new(),
        warnings: Vec::new(),
        elements: Vec::new(),
        names: HashSet::new(),
        panel_names: HashSet::new(),
        panels: 0,
    };
    match l.endpoint(json) {
        Some(e) if l.errors.is_empty() => Ok(e),
        _ => Err(l.errors),
    }
}

/// Builds the survey, or returns every structural and parse error.
pub fn structure(json: Json) -> Result<(Survey, Vec<Problem>), LoadError> {
    let mut l = Loader {
        errors: Vec::new(),
        warnings: Vec::new(),
        elements: Vec::new(),
        names: HashSet::new(),
        panel_names: HashSet::new(),
        panels: 0,
    };
    let survey = l.survey(&json);
    match survey {
        Some(mut s) if l.errors.is_empty() => {
            s.source = json;
            Ok((s, l.warnings))
        }
        _ => Err(LoadError { problems: l.errors, warnings: l.warnings }),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

impl Loader {
    fn error(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.errors.push(Problem::new(path, msg));
    }

    fn warn(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.warnings.push(Problem::new(path, msg));
    }

    fn unknown_props(&mut self, o: &Obj, path: &str, lists: &[&[&str]]) {
        for k in o.keys() {
            if !lists.iter().any(|l| l.contains(&k.as_str())) {
                self.warn(join(path, k), format!("unknown property '{k}' is ignored"));
            }
        }
    }

    fn object<'a>(&mut self, v: &'a Json, path: &str, what: &str) -> Option<&'a Obj> {
        match v {
            Json::Object(o) => Some(o),
            other => {
                self.error(path, format!("{what} must be an object, not {}", type_name(other)));
                None
            }
        }
    }

    fn text(&mut self, o: &Obj, key: &str, path: &str) -> Text {
        match o.get(key) {
            None | Some(Json::Null) => Text::None,
            Some(Json::String(s)) => Text::Plain(s.clone()),
            Some(Json::Number(n)) => Text::Plain(n.to_string()),
            Some(Json::Object(m)) => {
                let mut out = std::collections::BTreeMap::new();
                for (lang, v) in m {
                    match v {
                        Json::String(s) => {
                            out.insert(lang.clone(), s.clone());
                        }
                        other => self.error(
                            join(&join(path, key), lang),
                            format!("a translation must be a string, not {}", type_name(other)),
                        ),
                    }
                }
                Text::Localized(out)
            }
            Some(other) => {
                self.error(
                    join(path, key),
                    format!("must be text or an object of translations, not {}", type_name(other)),
                );
                Text::None
            }
        }
    }

    fn boolean(&mut self, o: &Obj, key: &str, path: &str) -> bool {
        match o.get(key) {
            None | Some(Json::Null) => false,
            Some(Json::Bool(b)) => *b,
            Some(other) => {
                self.error(join(path, key), format!("must be true or false, not {}", type_name(other)));
                false
            }
        }
    }

    fn count(&mut self, o: &Obj, key: &str, path: &str) -> Option<usize> {
        match o.get(key)? {
            Json::Null => None,
            Json::Number(n) => match n.as_f64() {
                Some(x) if x < 0.0 => {
                    self.error(join(path, key), format!("must not be negative (is {})", format_number(x)));
                    None
                }
                Some(x) if x.fract() == 0.0 => Some(x as usize),
                x => {
                    let shown = x.map_or_else(|| n.to_string(), format_number);
                    self.error(join(path, key), format!("must be a whole number (is {shown})"));
                    None
                }
            },
            other => {
                self.error(join(path, key), format!("must be a number, not {}", type_name(other)));
                None
            }
        }
    }

    fn number(&mut self, o: &Obj, key: &str, path: &str) -> Option<f64> {
        let v = o.get(key).filter(|v| !v.is_null())?;
        let n = json_number(v);
        if n.is_none() {
            self.error(join(path, key), format!("must be a number, not {}", type_name(v)));
        }
        n
    }

    fn string(&mut self, o: &Obj, key: &str, path: &str) -> Option<String> {
        match o.get(key)? {
            Json::Null => None,
            Json::String(s) => Some(s.clone()),
            other => {
                self.error(join(path, key), format!("must be a string, not {}", type_name(other)));
                None
            }
        }
    }

    fn expression(&mut self, o: &Obj, key: &str, path: &str) -> Option<Expression> {
        let src = self.string(o, key, path)?;
        if src.trim().is_empty() {
            return None;
        }
        match Expression::parse(&src) {
            Ok(e) => Some(e),
            Err(e) => {
                self.errors.push(Problem::at_column(join(path, key), e.message, e.column));
                None
            }
        }
    }

    fn condition(&mut self, o: &Obj, key: &str, path: &str) -> Option<Condition> {
        let src = match o.get(key)? {
            Json::Bool(b) => b.to_string(),
            _ => self.string(o, key, path)?,
        };
        if src.trim().is_empty() {
            return None;
        }
        match Condition::parse(&src) {
            Ok(c) => Some(c),
            Err(e) => {
                self.errors.push(Problem::at_column(join(path, key), e.message, e.column));
                None
            }
        }
    }

    fn survey(&mut self, json: &Json) -> Option<Survey> {
        let o = self.object(json, "", "the questionnaire")?;
        self.unknown_props(o, "", &[props::SURVEY]);
        let title = self.text(o, "title", "");
        let description = self.text(o, "description", "");
        let locale = self.string(o, "locale", "");
        let completed_html = self.text(o, "completedHtml", "");
        let show_progress_bar = match o.get("showProgressBar") {
            None | Some(Json::Null) => false,
            Some(Json::String(s)) => s != "off",
            Some(Json::Bool(b)) => *b,
            Some(other) => {
                self.error(
                    "showProgressBar",
                    format!("must be a string such as \"top\", not {}", type_name(other)),
                );
                false
            }
        };
        let mut pages = Vec::new();
        let mut page_names = HashSet::new();
        match (o.get("pages"), o.get("elements").or_else(|| o.get("questions"))) {
            (Some(Json::Array(ps)), _) => {
                for (i, p) in ps.iter().enumerate() {
                    let path = format!("pages[{i}]");
                    if let Some(page) = self.page(p, &path, pages.len()) {
                        if !page_names.insert(crate::case::fold(&page.name)) {
                            self.error(join(&path, "name"), format!("duplicate page name '{}'", page.name));
                        }
                        pages.push(page);
                    }
                }
            }
            (Some(other), _) => self.error("pages", format!("must be an array, not {}", type_name(other))),
            (None, Some(_)) => {
                if let Some(page) = self.page(json, "", 0) {
                    pages.push(page);
                }
            }
            (None, None) => self.error("", "the questionnaire has no pages"),
        }
        if pages.is_empty() && self.errors.is_empty() {
            self.error("pages", "the questionnaire has no pages");
        }
        let calculated_values = self.calculated_values(o);
        let tanya = self.settings(o);
        if tanya.id.is_none() {
            self.warn(
                "tanya.id",
                "no survey id: drafts, the duplicate guard and fingerprints key on the title instead",
            );
        }
        Some(Survey {
            title,
            description,
            locale,
            pages,
            elements: std::mem::take(&mut self.elements),
            show_progress_bar,
            completed_html,
            calculated_values,
            tanya,
            source: Json::Null,
        })
    }

    fn page(&mut self, v: &Json, path: &str, index: usize) -> Option<Page> {
        let o = self.object(v, path, "a page")?;
        if !path.is_empty() {
            self.unknown_props(o, path, &[props::PAGE]);
        }
        let name = self.string(o, "name", path).unwrap_or_else(|| format!("page{}", index + 1));
        let title = self.text(o, "title", path);
        let description = self.text(o, "description", path);
        let visible_if = self.condition(o, "visibleIf", path);
        let hidden = o.get("visible") == Some(&Json::Bool(false));
        let children = self.children(o, path, index, None, 0);
        Some(Page { name, title, description, visible_if, hidden, children, path: path.to_string() })
    }

    fn children(
        &mut self,
        o: &Obj,
        path: &str,
        page: usize,
        parent: Option<ElementId>,
        depth: usize,
    ) -> Vec<ElementId> {
        let key = if o.contains_key("elements") { "elements" } else { "questions" };
        let mut ids = Vec::new();
        match o.get(key) {
            None | Some(Json::Null) => {}
            Some(Json::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{}[{i}]", join(path, key));
                    if let Some(id) = self.element(item, &p, page, parent, depth) {
                        ids.push(id);
                    }
                }
            }
            Some(other) => self.error(join(path, key), format!("must be an array, not {}", type_name(other))),
        }
        ids
    }

    fn element(
        &mut self,
        v: &Json,
        path: &str,
        page: usize,
        parent: Option<ElementId>,
        depth: usize,
    ) -> Option<ElementId> {
        let o = self.object(v, path, "an element")?;
        let type_name = match o.get("type") {
            Some(Json::String(t)) => crate::case::fold(t),
            Some(other) => {
                self.error(join(path, "type"), format!("must be a string, not {}", self::type_name(other)));
                return None;
            }
            None => {
                self.error(path, "missing 'type'");
                return None;
            }
        };
        let known = props::for_type(&type_name);
        let unsupported = props::UNSUPPORTED_TYPES.contains(&type_name.as_str());
        if known.is_empty() && !unsupported {
            self.error(join(path, "type"), format!("unknown question type '{type_name}'"));
            return None;
        }
        let name = match o.get("name") {
            Some(Json::String(n)) if !n.trim().is_empty() => n.clone(),
            Some(Json::Number(n)) => n.to_string(),
            None | Some(Json::Null) if type_name == "panel" => {
                self.panels += 1;
                format!("panel{}", self.panels)
            }
            Some(Json::String(_)) => {
                self.error(join(path, "name"), "the name is empty");
                return None;
            }
            _ => {
                self.error(path, format!("missing 'name' on a '{type_name}' element"));
                return None;
            }
        };
        // Panels hold no answer, so SurveyJS keeps their names apart from questions'.
        let names = if type_name == "panel" { &mut self.panel_names } else { &mut self.names };
        if !names.insert(crate::case::fold(&name)) {
            self.error(join(path, "name"), format!("duplicate name '{name}'"));
        }
        if !unsupported {
            self.unknown_props(o, path, &[props::ELEMENT, known]);
        }
        let id = self.elements.len();
        let title = match self.text(o, "title", path) {
            Text::None => Text::Plain(name.clone()),
            t => t,
        };
        let element = Element {
            name,
            page,
            parent,
            path: path.to_string(),
            title,
            description: self.text(o, "description", path),
            hidden: o.get("visible") == Some(&Json::Bool(false)),
            visible_if: self.condition(o, "visibleIf", path),
            enable_if: self.condition(o, "enableIf", path),
            required_if: self.condition(o, "requiredIf", path),
            read_only: self.boolean(o, "readOnly", path),
            is_required: self.boolean(o, "isRequired", path),
            required_error_text: self.text(o, "requiredErrorText", path),
            validators: Vec::new(),
            default_value: o.get("defaultValue").filter(|v| !v.is_null()).cloned(),
            kind: Kind::Html { html: Text::None },
        };
        self.elements.push(element);
        let kind = if unsupported {
            self.warn(
                join(path, "type"),
                format!("SurveyJS type '{type_name}' is not rendered by Tanya yet; the question is shown as a notice and not validated"),
            );
            Kind::Unsupported { type_name }
        } else {
            self.kind(&type_name, o, path, page, id, depth)
        };
        let validators = self.validators(o, path);
        let e = &mut self.elements[id];
        e.kind = kind;
        e.validators = validators;
        Some(id)
    }

    fn kind(&mut self, t: &str, o: &Obj, path: &str, page: usize, id: ElementId, depth: usize) -> Kind {
        match t {
            "panel" => {
                if depth + 1 > MAX_PANEL_DEPTH {
                    self.error(path, format!("panels nest deeper than {MAX_PANEL_DEPTH} levels"));
                    return Kind::Panel { children: Vec::new() };
                }
                Kind::Panel { children: self.children(o, path, page, Some(id), depth + 1) }
            }
            "text" => self.text_kind(o, path),
            "comment" => Kind::Comment {
                max_length: self.count(o, "maxLength", path),
                placeholder: self.placeholder(o, path),
            },
            "radiogroup" | "checkbox" | "dropdown" | "ranking" => self.choices_kind(t, o, path),
            "boolean" => Kind::Boolean {
                label_true: self.text(o, "labelTrue", path),
                label_false: self.text(o, "labelFalse", path),
            },
            "rating" => self.rating_kind(o, path),
            "matrix" => {
                let rows = self.choice_list(o, "rows", path);
                let columns = self.choice_list(o, "columns", path);
                if rows.is_empty() {
                    self.error(join(path, "rows"), "a matrix needs at least one row");
                }
                if columns.is_empty() {
                    self.error(join(path, "columns"), "a matrix needs at least one column");
                }
                let all_rows_required =
                    self.boolean(o, "isAllRowRequired", path) || self.boolean(o, "eachRowRequired", path);
                Kind::Matrix { rows, columns, all_rows_required }
            }
            "multipletext" => self.multiple_text(o, path),
            "expression" => Kind::Expression { expression: self.expression(o, "expression", path) },
            _ => Kind::Html { html: self.text(o, "html", path) },
        }
    }

    fn placeholder(&mut self, o: &Obj, path: &str) -> Text {
        let key = if o.contains_key("placeholder") { "placeholder" } else { "placeHolder" };
        self.text(o, key, path)
    }

    fn text_kind(&mut self, o: &Obj, path: &str) -> Kind {
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
        let min = o.get("min").filter(|v| !v.is_null()).cloned();
        let max = o.get("max").filter(|v| !v.is_null()).cloned();
        self.check_bounds(&min, &max, input_type, path);
        Kind::Text {
            input_type,
            min,
            max,
            max_length: self.count(o, "maxLength", path),
            placeholder: self.placeholder(o, path),
        }
    }

    fn check_bounds(&mut self, min: &Option<Json>, max: &Option<Json>, input_type: InputType, path: &str) {
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
                if let (Some(a), Some(b)) =
                    (min.as_ref().and_then(json_number), max.as_ref().and_then(json_number))
                {
                    if a > b {
                        self.error(
                            path,
                            format!("min ({}) is greater than max ({})", format_number(a), format_number(b)),
                        );
                    }
                }
            }
        }
    }

    fn choice_list(&mut self, o: &Obj, key: &str, path: &str) -> Vec<Choice> {
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
                    self.unknown_props(c, &ip, &[props::CHOICE]);
                    let Some(value) = c.get("value").filter(|v| !v.is_null()).cloned() else {
                        self.error(ip, "a choice needs a 'value'");
                        continue;
                    };
                    let text = match self.text(c, "text", &ip) {
                        Text::None => Text::Plain(plain(&value)),
                        t => t,
                    };
                    Choice { value, text }
                }
                Json::String(_) | Json::Number(_) | Json::Bool(_) => {
                    let (value, text) = split_pipe(item);
                    Choice { value, text }
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

    fn choices_kind(&mut self, t: &str, o: &Obj, path: &str) -> Kind {
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
                if min > max {
                    self.error(
                        path,
                        format!(
                            "choicesMin ({}) is greater than choicesMax ({})",
                            format_number(min),
                            format_number(max)
                        ),
                    );
                } else if (max - min) / step > 10_000.0 {
                    self.error(path, "choicesMin..choicesMax makes more than 10000 choices");
                } else {
                    let mut v = min;
                    while v <= max {
                        let value = crate::expr::number_json(v);
                        choices.push(Choice { text: Text::Plain(plain(&value)), value });
                        v += step;
                    }
                }
            }
        }
        if choices.is_empty() {
            if o.contains_key("choicesByUrl") || o.contains_key("choicesFromQuestion") {
                self.warn(
                    path,
                    "choicesByUrl and choicesFromQuestion are not supported; the question has no choices",
                );
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
        if let (Some(a), Some(b)) = (min_selected, max_selected) {
            if a > b {
                self.error(
                    path,
                    format!("minSelectedChoices ({a}) is greater than maxSelectedChoices ({b})"),
                );
            }
        }
        Kind::Choices {
            style,
            choices,
            order,
            has_other: self.boolean(o, "hasOther", path) || self.boolean(o, "showOtherItem", path),
            has_none: self.boolean(o, "hasNone", path) || self.boolean(o, "showNoneItem", path),
            other_text: self.text(o, "otherText", path),
            none_text: self.text(o, "noneText", path),
            min_selected,
            max_selected,
        }
    }

    fn rating_kind(&mut self, o: &Obj, path: &str) -> Kind {
        let mut values = self.choice_list(o, "rateValues", path);
        if values.is_empty() {
            let min = self.number(o, "rateMin", path).unwrap_or(1.0);
            let max = self.number(o, "rateMax", path).unwrap_or(5.0);
            let step = self.number(o, "rateStep", path).unwrap_or(1.0);
            if min > max {
                self.error(
                    path,
                    format!(
                        "rateMin ({}) is greater than rateMax ({})",
                        format_number(min),
                        format_number(max)
                    ),
                );
            } else if step <= 0.0 || (max - min) / step > 100.0 {
                self.error(join(path, "rateStep"), "rateStep must be positive and give at most 100 values");
            } else {
                let mut v = min;
                while v <= max + 1e-9 {
                    let value = crate::expr::number_json(v);
                    values.push(Choice { text: Text::Plain(plain(&value)), value });
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
        Kind::Rating {
            values,
            min_description: self.text(o, min_key, path),
            max_description: self.text(o, max_key, path),
        }
    }

    fn multiple_text(&mut self, o: &Obj, path: &str) -> Kind {
        let p = join(path, "items");
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        match o.get("items") {
            Some(Json::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    let ip = format!("{p}[{i}]");
                    let Some(io) = self.object(item, &ip, "an item") else { continue };
                    self.unknown_props(io, &ip, &[props::TEXT_ITEM]);
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
                    items.push(TextItem { name, title, input_type, is_required });
                }
            }
            _ => self.error(p, "a 'multipletext' question needs an array of items"),
        }
        Kind::MultipleText { items }
    }

    fn validators(&mut self, o: &Obj, path: &str) -> Vec<Validator> {
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
            self.unknown_props(vo, &vp, &[props::VALIDATOR]);
            let kind = crate::case::fold(&self.string(vo, "type", &vp).unwrap_or_default());
            let rule = match kind.trim_end_matches("validator") {
                "numeric" => {
                    let (min, max) = (self.number(vo, "minValue", &vp), self.number(vo, "maxValue", &vp));
                    if let (Some(a), Some(b)) = (min, max) {
                        if a > b {
                            self.error(
                                &vp,
                                format!(
                                    "minValue ({}) is greater than maxValue ({})",
                                    format_number(a),
                                    format_number(b)
                                ),
                            );
                        }
                    }
                    Rule::Numeric { min, max }
                }
                "text" => {
                    let (min_length, max_length) =
                        (self.count(vo, "minLength", &vp), self.count(vo, "maxLength", &vp));
                    if let (Some(a), Some(b)) = (min_length, max_length.filter(|m| *m > 0)) {
                        if a > b {
                            self.error(&vp, format!("minLength ({a}) is greater than maxLength ({b})"));
                        }
                    }
                    Rule::Text { min_length, max_length: max_length.filter(|m| *m > 0) }
                }
                "regex" => {
                    let src = self.string(vo, "regex", &vp).unwrap_or_default();
                    match regex_lite::Regex::new(&src) {
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
                    if let (Some(a), Some(b)) = (min, max) {
                        if a > b {
                            self.error(&vp, format!("minCount ({a}) is greater than maxCount ({b})"));
                        }
                    }
                    Rule::AnswerCount { min, max }
                }
                other => {
                    self.error(join(&vp, "type"), format!("unknown validator type '{other}'"));
                    continue;
                }
            };
            let text = self.text(vo, "text", &vp);
            out.push(Validator { rule, text });
        }
        out
    }

    fn calculated_values(&mut self, o: &Obj) -> Vec<CalculatedValue> {
        let mut out = Vec::new();
        let Some(list) = o.get("calculatedValues") else { return out };
        let Json::Array(list) = list else {
            self.error("calculatedValues", "must be an array");
            return out;
        };
        for (i, v) in list.iter().enumerate() {
            let p = format!("calculatedValues[{i}]");
            let Some(vo) = self.object(v, &p, "a calculated value") else { continue };
            self.unknown_props(vo, &p, &[&["name", "expression", "includeIntoResult"]]);
            let Some(name) = self.string(vo, "name", &p) else {
                self.error(&p, "missing 'name'");
                continue;
            };
            if !self.names.insert(crate::case::fold(&name)) {
                self.error(join(&p, "name"), format!("duplicate name '{name}'"));
            }
            let Some(expression) = self.expression(vo, "expression", &p) else {
                if !self.errors.iter().any(|e| e.path.starts_with(&p)) {
                    self.error(&p, "missing 'expression'");
                }
                continue;
            };
            let include_into_result = self.boolean(vo, "includeIntoResult", &p);
            out.push(CalculatedValue { name, expression, include_into_result });
        }
        out
    }

    fn settings(&mut self, o: &Obj) -> Settings {
        let mut s = Settings::default();
        let Some(v) = o.get("tanya") else { return s };
        let Some(t) = self.object(v, "tanya", "\"tanya\"") else { return s };
        self.unknown_props(t, "tanya", &[props::TANYA]);
        s.id = self.string(t, "id", "tanya");
        s.version = self.string(t, "version", "tanya");
        s.prefill = self.names_list(t, "prefill");
        s.soft_required = self.names_list(t, "softRequired");
        s.languages = self.names_list(t, "languages");
        if let Some(d) = t.get("duplicates") {
            let policy = match d {
                Json::Object(d) => d.get("policy").and_then(Json::as_str).map(str::to_string),
                Json::String(p) => Some(p.clone()),
                _ => None,
            };
            s.duplicates = match policy.as_deref() {
                Some("block") => DuplicatePolicy::Block,
                Some("warn") | None => DuplicatePolicy::Warn,
                Some("allow") => DuplicatePolicy::Allow,
                Some(other) => {
                    self.error(
                        "tanya.duplicates.policy",
                        format!("must be block, warn or allow, not '{other}'"),
                    );
                    DuplicatePolicy::Warn
                }
            };
        }
        if let Some(Json::Object(e)) = t.get("embed") {
            s.parent_origin = self.string(e, "parentOrigin", "tanya.embed");
        }
        if let Some(e) = t.get("endpoint") {
            s.endpoint = self.endpoint(e);
        }
        s
    }

    fn names_list(&mut self, t: &Obj, key: &str) -> Vec<String> {
        match t.get(key) {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(a)) if a.iter().all(Json::is_string) => {
                a.iter().filter_map(Json::as_str).map(str::to_string).collect()
            }
            Some(_) => {
                self.error(format!("tanya.{key}"), "must be an array of names");
                Vec::new()
            }
        }
    }

    fn endpoint(&mut self, e: &Json) -> Option<Endpoint> {
        let p = "tanya.endpoint";
        if let Json::String(url) = e {
            return Some(Endpoint {
                url: url.clone(),
                method: "POST".into(),
                headers: Vec::new(),
                body: BodyShape::Envelope,
            });
        }
        let eo = self.object(e, p, "the endpoint")?;
        self.unknown_props(eo, p, &[&["url", "method", "headers", "body"]]);
        let Some(url) = self.string(eo, "url", p) else {
            self.error(p, "missing 'url'");
            return None;
        };
        let method = self.string(eo, "method", p).unwrap_or_else(|| "POST".into()).to_ascii_uppercase();
        if method != "POST" && method != "PUT" {
            self.error(join(p, "method"), format!("must be POST or PUT, not '{method}'"));
        }
        let mut headers = Vec::new();
        match eo.get("headers") {
            None | Some(Json::Null) => {}
            Some(Json::Object(h)) => {
                for (k, v) in h {
                    match v.as_str() {
                        Some(v) => headers.push((k.clone(), v.to_string())),
                        None => self.error(format!("{p}.headers.{k}"), "a header value must be a string"),
                    }
                }
            }
            Some(_) => self.error(join(p, "headers"), "must be an object of strings"),
        }
        let body = match self.string(eo, "body", p).as_deref() {
            None | Some("envelope") => BodyShape::Envelope,
            Some("flat") => BodyShape::Flat,
            Some(other) => {
                self.error(join(p, "body"), format!("must be envelope or flat, not '{other}'"));
                BodyShape::Envelope
            }
        };
        Some(Endpoint { url, method, headers, body })
    }
}

/// A value's plain text (strings without quotes).
fn plain(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
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
