//! Step 2: walks the JSON (pages, panels, questions, calculated values)
//! and builds the model, collecting located errors through a [`Reader`].

use super::model::*;
use super::reader::{join, type_name, Obj, Reader};
use super::{support, LoadError, Problem, MAX_PANEL_DEPTH};
use crate::text::{Lang, Text};
use crate::Json;
use std::collections::HashSet;

mod roster;
mod triggers;

/// The element types Tanya builds.
const TYPES: &[&str] = &[
    "panel",
    "text",
    "comment",
    "radiogroup",
    "checkbox",
    "dropdown",
    "ranking",
    "boolean",
    "rating",
    "matrix",
    "multipletext",
    "paneldynamic",
    "matrixdynamic",
    "matrixdropdown",
    "expression",
    "html",
];

/// SurveyJS types that Tanya loads but does not render yet (a warning, not an error).
const UNSUPPORTED_TYPES: &[&str] = &["file", "signaturepad", "imagepicker", "image", "slider"];

/// The walker: a [`Reader`] plus what it has built and the names it has seen.
#[derive(Default)]
struct Loader {
    read: Reader,
    /// `tanya.types`: question types the questionnaire maps to Tanya's.
    types: std::collections::HashMap<String, String>,
    elements: Vec<Element>,
    names: HashSet<String>,
    panel_names: HashSet<String>,
    panels: usize,
    /// The rosters whose templates are being read, innermost last, each
    /// with the names seen in its template (a template's names are its own).
    rosters: Vec<(ElementId, HashSet<String>)>,
    /// Questions whose choices are another's (`choicesFromQuestion`): the
    /// question, the source's name, its JSON path.
    carried: Vec<(ElementId, String, String)>,
}

impl std::ops::Deref for Loader {
    type Target = Reader;
    fn deref(&self) -> &Reader {
        &self.read
    }
}

impl std::ops::DerefMut for Loader {
    fn deref_mut(&mut self) -> &mut Reader {
        &mut self.read
    }
}

/// Builds the survey, or returns every structural and parse error.
pub fn structure(json: Json) -> Result<(Survey, Vec<Problem>), LoadError> {
    let mut l = Loader::default();
    let survey = l.survey(&json);
    let Reader { errors, warnings, .. } = l.read;
    match survey {
        Some(mut s) if errors.is_empty() => {
            s.source = json;
            Ok((s, warnings))
        }
        _ => Err(LoadError { problems: errors, warnings }),
    }
}

impl Loader {
    fn survey(&mut self, json: &Json) -> Option<Survey> {
        let o = self.object(json, "", "the questionnaire")?;
        // Filled, not collected: collecting into a map sorts (and brings the
        // standard library's sorts into the browser build).
        let mut surveyjs = Obj::new();
        surveyjs.extend(o.iter().filter(|(k, _)| *k != "tanya").map(|(k, v)| (k.clone(), v.clone())));
        self.check_props(&surveyjs, "", &["survey"]);
        self.read.random_questions =
            self.random_order(o, "questionOrder", "questionsOrder", "") == Some(true);
        self.read.others_in_value =
            o.contains_key("storeOthersAsComment") && !self.boolean(o, "storeOthersAsComment", "");
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
        let progress_bar_type = match self.string(o, "progressBarType", "").as_deref() {
            None | Some("pages") => ProgressType::Pages,
            Some("questions") | Some("buttons") => ProgressType::Questions,
            Some("requiredQuestions") => ProgressType::RequiredQuestions,
            Some(other) => {
                self.warn(
                    "progressBarType",
                    format!("\"{other}\" is not supported; the progress bar counts answered questions"),
                );
                ProgressType::Questions
            }
        };
        // SurveyJS clears hidden questions' answers on completion
        // ("onComplete", the default), or also as they hide ("onHidden",
        // "onHiddenContainer"); "none" keeps them.
        let clear_invisible = self.one_of(o, "clearInvisibleValues", "", &ClearInvisible::NAMES);
        self.types = self.type_map(o);
        let mut pages = Vec::new();
        let mut page_names = HashSet::new();
        match (o.get("pages"), o.get("elements").or_else(|| o.get("questions"))) {
            (Some(Json::Array(ps)), _) => {
                for (i, p) in ps.iter().enumerate() {
                    let path = format!("pages[{i}]");
                    if let Some(page) = self.page(p, &path, pages.len()) {
                        if !page_names.insert(crate::case::fold(&page.name)) {
                            let message =
                                format!("duplicate page name '{}' (SurveyJS accepts it)", page.name);
                            self.warn(join(&path, "name"), message);
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
        let triggers = self.triggers(o);
        let tanya = self.settings(o);
        if tanya.id.is_none() {
            self.warn(
                "tanya.id",
                "no survey id: drafts, the duplicate guard and fingerprints key on the title instead",
            );
        }
        if tanya.endpoint.is_none() {
            self.warn(
                "tanya.endpoint",
                "no endpoint: unless the page's #tanya-config names one, the form cannot send entries \
                 and tells respondents so before they start",
            );
        }
        // A start page needs a page after it.
        let first_page_is_started = (self.boolean(o, "firstPageIsStartPage", "")
            || self.boolean(o, "firstPageIsStarted", ""))
            && pages.len() > 1;
        self.carry_choices_forward();
        let mut survey = Survey {
            title,
            description,
            locale,
            languages: Vec::new(),
            pages,
            elements: std::mem::take(&mut self.elements),
            show_progress_bar,
            progress_bar_type,
            completed_html,
            clear_invisible,
            check_errors: self.one_of(
                o,
                "checkErrorsMode",
                "",
                &[
                    ("onNextPage", CheckErrors::OnNextPage),
                    ("onValueChanged", CheckErrors::OnValueChanged),
                    ("onValueChanging", CheckErrors::OnValueChanged),
                    ("onComplete", CheckErrors::OnComplete),
                ],
            ),
            numbering: match o.get("showQuestionNumbers") {
                Some(Json::Bool(true)) => Numbering::On,
                Some(Json::String(n)) => match crate::case::fold(n).as_str() {
                    "on" | "true" | "recursive" => Numbering::On,
                    "onpage" => Numbering::OnPage,
                    _ => Numbering::Off,
                },
                _ => Numbering::Off,
            },
            first_page_is_started,
            start_text: self.text(o, "startSurveyText", ""),
            preview: self.preview(o),
            preview_text: self.text(o, "previewText", ""),
            edit_text: self.text(o, "editText", ""),
            show_prev: !o.contains_key("showPrevButton") || self.boolean(o, "showPrevButton", ""),
            completed_on_condition: self.completed_on_condition(o),
            calculated_values,
            triggers,
            tanya,
            source: Json::Null,
        };
        // After every text is read, so each translation's language counts.
        survey.languages = self.languages(survey.locale.as_deref(), &survey.tanya.languages);
        // `isSinglePage: true` is the old way to say `singlePage`.
        let old = o.contains_key("isSinglePage") && self.boolean(o, "isSinglePage", "");
        match self.string(o, "questionsOnPageMode", "").as_deref().or(old.then_some("singlePage")) {
            None | Some("standard") => {}
            Some("singlePage") => single_page(&mut survey),
            Some("questionPerPage") => question_per_page(&mut survey),
            Some(other) => self.warn(
                "questionsOnPageMode",
                format!(
                    "'{other}' is not standard, singlePage or questionPerPage; the pages are shown as written"
                ),
            ),
        }
        Some(survey)
    }

    /// The languages the questionnaire is in, its own first: `locale`
    /// (Indonesian when it has none), then each language its translations
    /// are keyed by. `tanya.languages` names them itself when given; one
    /// that names no language anywhere gets Indonesian and English.
    fn languages(&mut self, locale: Option<&str>, named: &[String]) -> Vec<Lang> {
        let mut out: Vec<Lang> = Vec::new();
        let add = |out: &mut Vec<Lang>, l: Lang| {
            if !out.contains(&l) {
                out.push(l);
            }
        };
        if !named.is_empty() {
            for (i, code) in named.iter().enumerate() {
                match Lang::from_code(code) {
                    Some(l) => add(&mut out, l),
                    None => {
                        self.warn(format!("tanya.languages[{i}]"), format!("'{code}' is no language code"))
                    }
                }
            }
            return out;
        }
        // A questionnaire that names no language anywhere keeps Tanya's two
        // for the form's own words.
        if locale.is_none() && self.translations.is_empty() {
            return vec![Lang::ID, Lang::EN];
        }
        match locale.map(|c| (c, Lang::from_code(c))) {
            Some((_, Some(l))) => add(&mut out, l),
            Some((c, None)) => {
                self.warn(
                    "locale",
                    format!("'{c}' is no language code; the questionnaire is read as Indonesian"),
                );
                add(&mut out, Lang::ID);
            }
            None => add(&mut out, Lang::ID),
        }
        for (code, path) in std::mem::take(&mut self.translations) {
            match Lang::from_code(&code) {
                Some(l) => add(&mut out, l),
                None => {
                    self.warn(path, format!("'{code}' is no language code; the translation is never shown"))
                }
            }
        }
        out
    }

    /// Gives each `choicesFromQuestion` question its source's choices (a
    /// source that carries its own comes first), or a located error when
    /// the source is missing or has no choices.
    fn carry_choices_forward(&mut self) {
        let mut pending = std::mem::take(&mut self.carried);
        // A chain of n questions settles in n rounds; a cycle never does.
        for _ in 0..=pending.len() {
            let before = pending.len();
            pending.retain(|(id, name, path)| {
                let source = self.elements.iter().position(|e| {
                    e.roster.is_none() && (e.question_name == *name || e.name == *name) && e.is_question()
                });
                let Some(source) = source.filter(|s| s != id) else {
                    self.read.error(path.clone(), format!("'{name}' is no question of this questionnaire"));
                    return false;
                };
                if self.carried_waits(source) {
                    return true;
                }
                let (choices, from_items) = match &self.elements[source].kind {
                    Kind::Choices { choices, .. } => (choices.clone(), false),
                    // As survey-core: a question answered as a list carries
                    // its items forward, one choice per item.
                    Kind::Roster(r) if !matches!(r.shape, Shape::Fixed(_)) => (Vec::new(), true),
                    _ => {
                        self.read.error(
                            path.clone(),
                            format!(
                                "'{name}' is neither a question with choices nor a dynamic panel or matrix: \
                                 it has no choices to give"
                            ),
                        );
                        return false;
                    }
                };
                if from_items {
                    self.check_item_keys(*id, source, path);
                }
                if let Kind::Choices { choices: own, from: Some(f), .. } = &mut self.elements[*id].kind {
                    *own = choices;
                    f.source = source;
                    f.from_items = from_items;
                }
                false
            });
            if pending.is_empty() || pending.len() == before {
                break;
            }
        }
        for (_, name, path) in pending {
            self.read.error(path, format!("'{name}' takes its choices from a question that takes them back"));
        }
    }

    /// Warns when `choiceValuesFromQuestion` or `choiceTextsFromQuestion`
    /// of question `id` names no question of roster `source`'s items.
    fn check_item_keys(&mut self, id: ElementId, source: ElementId, path: &str) {
        let Kind::Choices { from: Some(f), .. } = &self.elements[id].kind else { return };
        let names: Vec<&str> = self
            .elements
            .iter()
            .filter(|e| e.roster == Some(source) && e.is_question())
            .flat_map(|e| [e.name.as_str(), e.question_name.as_str()])
            .collect();
        let mut unknown = Vec::new();
        for (key, given) in
            [("choiceValuesFromQuestion", &f.values_from), ("choiceTextsFromQuestion", &f.texts_from)]
        {
            if let Some(g) = given.as_ref().filter(|g| !names.contains(&g.as_str())) {
                unknown.push((key, g.clone()));
            }
        }
        let base = path.trim_end_matches(".choicesFromQuestion").to_string();
        for (key, g) in unknown {
            self.read.warn(
                join(&base, key),
                format!("'{g}' is no question of the items it carries; no choice comes of them"),
            );
        }
    }

    /// Whether question `id` still waits for the choices it carries forward.
    fn carried_waits(&self, id: ElementId) -> bool {
        matches!(&self.elements[id].kind, Kind::Choices { from: Some(f), .. } if f.source == usize::MAX)
    }

    fn completed_on_condition(&mut self, o: &Obj) -> Vec<(crate::expr::Condition, Text)> {
        let mut out = Vec::new();
        let Some(list) = o.get("completedHtmlOnCondition") else { return out };
        let Json::Array(list) = list else {
            self.error("completedHtmlOnCondition", format!("must be an array, not {}", type_name(list)));
            return out;
        };
        for (i, item) in list.iter().enumerate() {
            let p = format!("completedHtmlOnCondition[{i}]");
            let Some(io) = self.object(item, &p, "an item") else { continue };
            self.check_props(io, &p, &["htmlconditionitem"]);
            if let Some(c) = self.condition(io, "expression", &p) {
                out.push((c, self.text(io, "html", &p)));
            }
        }
        out
    }

    fn preview(&mut self, o: &Obj) -> Preview {
        match self.string(o, "showPreviewBeforeComplete", "").as_deref() {
            None | Some("noPreview") => Preview::Off,
            Some("showAllQuestions") => Preview::All,
            Some("showAnsweredQuestions") => Preview::Answered,
            Some(other) => {
                self.warn(
                    "showPreviewBeforeComplete",
                    format!("\"{other}\" is not a SurveyJS value; there is no review page"),
                );
                Preview::Off
            }
        }
    }

    fn page(&mut self, v: &Json, path: &str, index: usize) -> Option<Page> {
        let o = self.object(v, path, "a page")?;
        if !path.is_empty() {
            self.check_props(o, path, &["page"]);
        }
        let name = self.string(o, "name", path).unwrap_or_else(|| format!("page{}", index + 1));
        let title = self.text(o, "title", path);
        let description = self.text(o, "description", path);
        let visible_if = self.condition(o, "visibleIf", path);
        // As in SurveyJS, a visibleIf decides whenever there is one: it runs
        // at the start and overrides `"visible": false`.
        let hidden = o.get("visible") == Some(&Json::Bool(false)) && visible_if.is_none();
        let own = self.random_order(o, "questionOrder", "questionsOrder", path);
        let random_order = own.unwrap_or(self.random_questions);
        self.page_random = random_order;
        let children = self.children(o, path, index, None, 0);
        Some(Page {
            name,
            title,
            description,
            visible_if,
            hidden,
            children,
            random_order,
            path: path.to_string(),
        })
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
        self.children_of(o, key, path, page, parent, depth)
    }

    /// The elements listed under `key`.
    fn children_of(
        &mut self,
        o: &Obj,
        key: &str,
        path: &str,
        page: usize,
        parent: Option<ElementId>,
        depth: usize,
    ) -> Vec<ElementId> {
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
                self.error(join(path, "type"), format!("must be a string, not {}", type_name(other)));
                return None;
            }
            None => {
                self.error(path, "missing 'type'");
                return None;
            }
        };
        let mapped = self.types.get(&type_name).cloned();
        // Properties are SurveyJS's for the type as written (a `tagbox`'s),
        // else for the type it is shown as (a widget's native counterpart).
        let written = support::class_of(&type_name);
        let counterpart =
            super::types::counterpart(&type_name, o, path, mapped.as_deref(), &mut self.read.warnings);
        let (type_name, o) = match &counterpart {
            Some((t, obj)) => (t.clone(), obj),
            None => (type_name, o),
        };
        let unsupported = UNSUPPORTED_TYPES.contains(&type_name.as_str());
        if !TYPES.contains(&type_name.as_str()) && !unsupported {
            self.error(
                join(path, "type"),
                format!(
                    "unknown question type '{type_name}'; to show it as one of Tanya's, map it: \
                     \"tanya\": {{\"types\": {{\"{type_name}\": \"text\"}}}}"
                ),
            );
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
        // `valueName`: the answer lives under it, shared with any question
        // naming the same (a sharing SurveyJS means, so no duplicate warning).
        let question_name = name.clone();
        let value_name = match o.get("valueName") {
            Some(Json::String(v)) if !v.trim().is_empty() && type_name != "panel" => Some(v.clone()),
            _ => None,
        };
        let shares = value_name.is_some();
        let name = value_name.unwrap_or(name);
        // Panels hold no answer, so SurveyJS keeps their names apart from questions'.
        let names = match self.rosters.last_mut() {
            Some((_, template)) => template,
            None if type_name == "panel" => &mut self.panel_names,
            None => &mut self.names,
        };
        if !names.insert(crate::case::fold(&name)) && !shares {
            let message = format!("duplicate name '{name}': the questions share one value, as in SurveyJS");
            self.warn(join(path, "name"), message);
        }
        if !unsupported {
            // A matrix column's own properties come before its cell type's.
            let class = written.or_else(|| support::class_of(&type_name)).unwrap_or("question");
            let classes: &[&str] = if self.in_column { &["matrixdropdowncolumn", class] } else { &[class] };
            self.check_props(o, path, classes);
        }
        let id = self.elements.len();
        let title = match self.text(o, "title", path) {
            Text::None => Text::Plain(question_name.clone()),
            t => t,
        };
        let visible_if = self.condition(o, "visibleIf", path);
        let clear_if_invisible = self.one_of(
            o,
            "clearIfInvisible",
            path,
            &[
                ("default", None),
                ("onComplete", Some(ClearInvisible::OnComplete)),
                ("onHidden", Some(ClearInvisible::OnHidden)),
                ("onHiddenContainer", Some(ClearInvisible::OnHiddenContainer)),
                ("none", Some(ClearInvisible::Never)),
            ],
        );
        let element = Element {
            name,
            question_name,
            clear_if_invisible,
            page,
            parent,
            roster: self.rosters.last().map(|(r, _)| *r),
            path: path.to_string(),
            title,
            description: self.text(o, "description", path),
            // A visibleIf overrides `"visible": false`, as in SurveyJS (and as for pages).
            hidden: o.get("visible") == Some(&Json::Bool(false)) && visible_if.is_none(),
            visible_if,
            enable_if: self.condition(o, "enableIf", path),
            required_if: self.condition(o, "requiredIf", path),
            read_only: self.boolean(o, "readOnly", path),
            is_required: self.boolean(o, "isRequired", path),
            required_error_text: self.text(o, "requiredErrorText", path),
            validators: Vec::new(),
            default_value: o.get("defaultValue").filter(|v| !v.is_null()).cloned(),
            title_hidden: self.string(o, "titleLocation", path).as_deref() == Some("hidden"),
            unnumbered: (o.contains_key("showNumber") && !self.boolean(o, "showNumber", path))
                || self.boolean(o, "hideNumber", path),
            value_rules: self.value_rules(o, path),
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
        if let (Kind::Choices { from: Some(_), .. }, Some(name)) =
            (&kind, o.get("choicesFromQuestion").and_then(Json::as_str))
        {
            self.carried.push((id, name.to_string(), join(path, "choicesFromQuestion")));
        }
        let e = &mut self.elements[id];
        // A boolean's "true" or "false" written as text is the boolean, as SurveyJS reads it.
        if let (Kind::Boolean { value_true: Json::Bool(true), .. }, Some(Json::String(t))) =
            (&kind, &e.default_value)
        {
            if let Ok(b) = t.trim().parse::<bool>() {
                e.default_value = Some(Json::Bool(b));
            }
        }
        // A default equal to a choice is that choice's value ("0" for 0), as
        // SurveyJS reads a value into a choice question.
        if let (Kind::Choices { choices, .. }, Some(d)) = (&kind, &mut e.default_value) {
            let as_choice = |x: &mut Json| {
                let v = crate::expr::Value::from(&*x);
                if let Some(c) =
                    choices.iter().find(|c| crate::expr::ops::equal(&crate::expr::Value::from(&c.value), &v))
                {
                    x.clone_from(&c.value);
                }
            };
            match d {
                Json::Array(items) => items.iter_mut().for_each(as_choice),
                x => as_choice(x),
            }
        }
        e.kind = kind;
        e.validators = validators;
        Some(id)
    }

    fn value_rules(&mut self, o: &Obj, path: &str) -> Option<Box<ValueRules>> {
        let rules = ValueRules {
            set_if: self.condition(o, "setValueIf", path),
            set_to: self.expression(o, "setValueExpression", path),
            reset_if: self.condition(o, "resetValueIf", path),
            default_to: self.expression(o, "defaultValueExpression", path),
        };
        (rules.set_if.is_some()
            || rules.set_to.is_some()
            || rules.reset_if.is_some()
            || rules.default_to.is_some())
        .then(|| Box::new(rules))
    }

    fn kind(&mut self, t: &str, o: &Obj, path: &str, page: usize, id: ElementId, depth: usize) -> Kind {
        match t {
            "panel" => {
                if depth + 1 > MAX_PANEL_DEPTH {
                    self.error(path, format!("panels nest deeper than {MAX_PANEL_DEPTH} levels"));
                    return Kind::Panel { children: Vec::new(), random_order: false };
                }
                let own = self.random_order(o, "questionOrder", "questionsOrder", path);
                // SurveyJS shuffles a page's own panels only.
                if depth > 0 && own == Some(true) {
                    self.warn(
                        path,
                        "questionOrder \"random\" on a panel inside a panel or a dynamic panel: SurveyJS \
                         shuffles only a page's own panels; shown in order",
                    );
                }
                let random_order = depth == 0 && own.unwrap_or(self.page_random);
                Kind::Panel { children: self.children(o, path, page, Some(id), depth + 1), random_order }
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
                value_true: o.get("valueTrue").filter(|v| !v.is_null()).cloned().unwrap_or(Json::Bool(true)),
                value_false: o
                    .get("valueFalse")
                    .filter(|v| !v.is_null())
                    .cloned()
                    .unwrap_or(Json::Bool(false)),
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
                let random_rows = self.random_order(o, "rowOrder", "rowsOrder", path) == Some(true);
                Kind::Matrix { rows, columns, all_rows_required, random_rows }
            }
            "multipletext" => self.multiple_text(o, path),
            "paneldynamic" | "matrixdynamic" | "matrixdropdown" => {
                if depth + 1 > MAX_PANEL_DEPTH {
                    self.error(path, format!("panels nest deeper than {MAX_PANEL_DEPTH} levels"));
                    return Kind::Html { html: Text::None };
                }
                self.roster(t, o, path, page, id, depth)
            }
            "expression" => Kind::Expression { expression: self.expression(o, "expression", path) },
            _ => Kind::Html { html: self.text(o, "html", path) },
        }
    }

    /// `tanya.types`: `{"written type": "Tanya's type"}`, each target a type
    /// Tanya builds.
    fn type_map(&mut self, o: &Obj) -> std::collections::HashMap<String, String> {
        let mut out = std::collections::HashMap::new();
        let Some(types) = o.get("tanya").and_then(|t| t.get("types")) else { return out };
        let Some(types) = self.object(types, "tanya.types", "tanya.types") else { return out };
        for (from, to) in types {
            let p = format!("tanya.types.{from}");
            match to.as_str().map(crate::case::fold) {
                Some(to) if TYPES.contains(&to.as_str()) && to != "panel" => {
                    out.insert(crate::case::fold(from), to);
                }
                _ => self.error(p, format!("must name a question type Tanya shows, not {to}")),
            }
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
            self.check_props(vo, &p, &["calculatedvalue"]);
            let Some(name) = self.string(vo, "name", &p) else {
                self.error(&p, "missing 'name'");
                continue;
            };
            if !self.names.insert(crate::case::fold(&name)) {
                let message = format!("duplicate name '{name}': SurveyJS accepts it; the later value wins");
                self.warn(join(&p, "name"), message);
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
}

/// `questionsOnPageMode: "questionPerPage"`: one question (or panel) at a
/// time. survey-core steps through each page's elements one by one; Tanya
/// gives each element a page of its own, under its page's name (so the
/// pages visited read as survey-core's), condition and title. A start page
/// stays whole, as survey-core shows it.
fn question_per_page(s: &mut Survey) {
    let pages = std::mem::take(&mut s.pages);
    let mut split: Vec<Page> = Vec::new();
    for (i, page) in pages.into_iter().enumerate() {
        if page.children.len() <= 1 || (i == 0 && s.first_page_is_started) {
            split.push(page);
            continue;
        }
        for &child in &page.children {
            split.push(Page { children: vec![child], random_order: false, ..page.clone() });
        }
    }
    let mut page_of = vec![0; s.elements.len()];
    for (p, page) in split.iter().enumerate() {
        for &child in &page.children {
            page_of[child] = p;
        }
    }
    for id in 0..s.elements.len() {
        let mut top = id;
        while let Some(parent) = s.elements[top].parent {
            top = parent;
        }
        s.elements[id].page = page_of[top];
    }
    s.pages = split;
}

/// `questionsOnPageMode: "singlePage"`, as survey-core builds it: one page,
/// `single-page`, holding each page as a panel (its title, description and
/// conditions kept), so every question shows at once.
fn single_page(s: &mut Survey) {
    let pages = std::mem::take(&mut s.pages);
    let mut children = Vec::new();
    for page in pages {
        let id = s.elements.len();
        for &child in &page.children {
            s.elements[child].parent = Some(id);
        }
        s.elements.push(Element {
            name: page.name.clone(),
            question_name: page.name,
            title_hidden: false,
            unnumbered: true,
            clear_if_invisible: None,
            page: 0,
            parent: None,
            roster: None,
            path: page.path,
            title: page.title,
            description: page.description,
            hidden: page.hidden,
            visible_if: page.visible_if,
            enable_if: None,
            required_if: None,
            read_only: false,
            is_required: false,
            required_error_text: Text::None,
            validators: Vec::new(),
            default_value: None,
            value_rules: None,
            kind: Kind::Panel { children: page.children, random_order: page.random_order },
        });
        children.push(id);
    }
    for e in &mut s.elements {
        e.page = 0;
    }
    s.pages = vec![Page {
        name: "single-page".into(),
        title: Text::None,
        description: Text::None,
        visible_if: None,
        hidden: false,
        children,
        random_order: false,
        path: String::new(),
    }];
    s.first_page_is_started = false;
}
