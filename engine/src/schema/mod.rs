//! Loading a questionnaire written in SurveyJS JSON.
//!
//! [`load`] runs three steps and stops after the first that finds errors:
//! JSON syntax (line and column), structure (types, names, choices, bounds),
//! then semantics (expressions parse and call known functions, and
//! visibility has no cycle). What SurveyJS loads but reads its own way (a
//! name used twice, a name no question has, a widget type) loads with a
//! warning. Every problem carries its JSON path:
//!
//! ```
//! let err = tanya_engine::schema::load(r#"{"pages":[{"elements":[
//!     {"type":"text","name":"q1","visibleIf":"{q1} = = 1"}]}]}"#).unwrap_err();
//! assert_eq!(err.problems[0].to_string(),
//!     "pages[0].elements[0].visibleIf: unexpected operator '=' (column 8)");
//! let loaded = tanya_engine::schema::load(r#"{"pages":[{"elements":[
//!     {"type":"text","name":"q1","visibleIf":"{q9} = 1"}]}]}"#).unwrap();
//! assert!(loaded.warnings.iter().any(|w| w.to_string()
//!     == "pages[0].elements[0].visibleIf: unknown question 'q9': it reads as empty, as in SurveyJS (column 2)"));
//! ```

pub(crate) mod check;
mod kinds;
mod load;
mod model;
mod reader;
mod settings;
pub mod support;
pub mod types;

pub use model::*;
pub use settings::{endpoint, BodyShape, DuplicatePolicy, Endpoint, Settings};

use std::fmt;

/// The deepest panels may nest.
pub const MAX_PANEL_DEPTH: usize = 16;

/// One located problem: an error or a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path such as `pages[2].elements[3].visibleIf`; empty for the whole document.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// 1-based column inside an expression, when the problem is in one.
    pub column: Option<usize>,
    /// A property Tanya ignores: unknown, or one [`support`] lists as
    /// ignored. `tanya check` counts them and `--strict` fails on them.
    pub ignored: bool,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into(), column: None, ignored: false }
    }

    /// A problem at `column` of the expression at `path`.
    pub fn at_column(path: impl Into<String>, message: impl Into<String>, column: usize) -> Problem {
        Problem { path: path.into(), message: message.into(), column: Some(column), ignored: false }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(c) = self.column {
            write!(f, " (column {c})")?;
        }
        Ok(())
    }
}

/// Occurs when a questionnaire cannot be loaded: every error found, located.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct LoadError {
    /// The errors, in document order.
    pub problems: Vec<Problem>,
    /// Warnings found before loading stopped.
    pub warnings: Vec<Problem>,
}

/// A questionnaire that loaded, with its warnings.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The questionnaire.
    pub survey: Survey,
    /// Unknown properties and unsupported features, located.
    pub warnings: Vec<Problem>,
}

impl Loaded {
    /// How many properties are ignored (see [`Problem::ignored`]).
    pub fn ignored(&self) -> usize {
        self.warnings.iter().filter(|w| w.ignored).count()
    }
}

/// Loads a questionnaire from JSON text.
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError {
        problems: vec![Problem::new(
            "",
            format!("JSON syntax error at line {}, column {}: {}", e.line(), e.column(), syntax_message(&e)),
        )],
        warnings: Vec::new(),
    })?;
    load_json(json)
}

fn syntax_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

/// Loads a questionnaire from parsed JSON.
pub fn load_json(json: serde_json::Value) -> Result<Loaded, LoadError> {
    let (survey, mut warnings) = load::structure(json)?;
    let (errors, unknown_names) = check::semantics(&survey);
    warnings.extend(unknown_names);
    if errors.is_empty() {
        Ok(Loaded { survey, warnings })
    } else {
        Err(LoadError { problems: errors, warnings })
    }
}

impl Survey {
    /// The element named `name` (case-insensitive, as SurveyJS matches
    /// names); a question wins over a panel of the same name.
    pub fn find(&self, name: &str) -> Option<ElementId> {
        let named = |e: &Element| e.roster.is_none() && crate::expr::eq_ignore_case(&e.name, name);
        self.elements
            .iter()
            .position(|e| named(e) && !matches!(e.kind, Kind::Panel { .. }))
            .or_else(|| self.elements.iter().position(named))
    }

    /// Questions in document order, outside roster templates (those
    /// answer inside their roster's answer).
    pub fn questions(&self) -> impl Iterator<Item = (ElementId, &Element)> {
        self.elements.iter().enumerate().filter(|(_, e)| e.is_question() && e.roster.is_none())
    }

    /// Whether the answer key `name` is one a form computes rather than
    /// asks: an expression question's result, or a calculated value kept in
    /// the result (`includeIntoResult`). A receiver computes these itself.
    pub fn is_computed(&self, name: &str) -> bool {
        self.computed_keys().any(|k| k == name)
    }

    /// Every answer key a form computes rather than asks (see
    /// [`Survey::is_computed`]).
    pub fn computed_keys(&self) -> impl Iterator<Item = &str> {
        let calculated =
            self.calculated_values.iter().filter(|c| c.include_into_result).map(|c| c.name.as_str());
        let expressions = self
            .questions()
            .filter(|(_, e)| matches!(e.kind, Kind::Expression { .. }))
            .map(|(_, e)| e.name.as_str());
        calculated.chain(expressions)
    }

    /// The questions of a roster's template in document order, through its
    /// template panels but not into nested rosters' templates.
    pub fn template_questions(&self, roster: ElementId) -> Vec<ElementId> {
        let Kind::Roster(r) = &self.elements[roster].kind else { return Vec::new() };
        let mut out = Vec::new();
        let mut stack: Vec<ElementId> = r.template.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            match &self.elements[id].kind {
                Kind::Panel { children, .. } => stack.extend(children.iter().rev().copied()),
                _ if self.elements[id].is_question() => out.push(id),
                _ => {}
            }
        }
        out
    }

    /// Every element of a page, depth first, in document order.
    pub fn page_elements(&self, page: usize) -> Vec<ElementId> {
        let mut out = Vec::new();
        if let Some(p) = self.pages.get(page) {
            let mut stack: Vec<ElementId> = p.children.iter().rev().copied().collect();
            while let Some(id) = stack.pop() {
                out.push(id);
                if let Kind::Panel { children, .. } = &self.elements[id].kind {
                    stack.extend(children.iter().rev().copied());
                }
            }
        }
        out
    }

    /// The survey id: `tanya.id`, else the title's default text, else
    /// `survey`. Drafts, the duplicate guard and fingerprints key on it, so
    /// two untitled questionnaires without an id share them.
    pub fn id(&self) -> String {
        if let Some(id) = &self.tanya.id {
            return id.clone();
        }
        match self.title.original().trim() {
            "" => "survey".to_string(),
            title => title.to_string(),
        }
    }
}
