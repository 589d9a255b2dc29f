//! The typed JSON readers every part of the loader uses: one [`Reader`]
//! that collects located errors and warnings while it reads text, numbers,
//! counts, expressions and conditions, and reports bounds out of order.

use super::Problem;
use crate::expr::number::{format_number, json_number};
use crate::expr::{Condition, Expression};
use crate::text::Text;
use crate::Json;
use serde_json::Map;

/// A JSON object being read.
pub(super) type Obj = Map<String, Json>;

/// Reads typed values out of JSON objects, collecting every problem with
/// its JSON path instead of stopping at the first.
#[derive(Default)]
pub(super) struct Reader {
    /// Problems that stop the questionnaire from loading.
    pub(super) errors: Vec<Problem>,
    /// Problems reported beside a loaded questionnaire.
    pub(super) warnings: Vec<Problem>,
    /// Reading a matrix column: a choice cell without choices loads (SurveyJS
    /// shows an empty list), with a warning.
    pub(super) in_column: bool,
    /// The language codes translations are keyed by (not `default`), with
    /// the path of the first text using each.
    pub(super) translations: std::collections::BTreeMap<String, String>,
    /// The questionnaire's `storeOthersAsComment: false`.
    pub(super) others_in_value: bool,
    /// The questionnaire's `questionOrder: "random"`.
    pub(super) random_questions: bool,
    /// Whether the page being read shuffles its elements (its own
    /// `questionOrder`, else the questionnaire's): its panels follow.
    pub(super) page_random: bool,
}

/// `path.key`, or `key` at the top.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// What a JSON value is, for messages ("must be a string, not a number").
pub(super) fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// A value's plain text (strings without quotes).
pub(super) fn plain(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Reader {
    pub(super) fn error(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.errors.push(Problem::new(path, msg));
    }

    pub(super) fn warn(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.warnings.push(Problem::new(path, msg));
    }

    /// Warns about each key of `o` not in `known` (Tanya's own settings).
    pub(super) fn unknown_props(&mut self, o: &Obj, path: &str, known: &[&str]) {
        for k in o.keys() {
            if !known.contains(&k.as_str()) {
                self.ignore(join(path, k), format!("unknown property '{k}' is ignored"));
            }
        }
    }

    /// Warns about each property of `o` that none of SurveyJS's `classes`
    /// has, or that Tanya ignores ([`super::support`]): nothing is ignored
    /// silently.
    pub(super) fn check_props(&mut self, o: &Obj, path: &str, classes: &[&str]) {
        use super::support::{lookup, Support};
        for k in o.keys() {
            match classes.iter().find_map(|c| lookup(c, k)) {
                Some(Support::Supported | Support::Layout) => {}
                Some(Support::Ignored) => self.ignore(
                    join(path, k),
                    format!("'{k}' is ignored: Tanya does not do what SurveyJS does with it (docs/surveyjs-support.md)"),
                ),
                None => self.ignore(join(path, k), format!("unknown property '{k}' is ignored")),
            }
        }
    }

    fn ignore(&mut self, path: String, msg: String) {
        self.warnings.push(Problem { ignored: true, ..Problem::new(path, msg) });
    }

    pub(super) fn object<'a>(&mut self, v: &'a Json, path: &str, what: &str) -> Option<&'a Obj> {
        match v {
            Json::Object(o) => Some(o),
            other => {
                self.error(path, format!("{what} must be an object, not {}", type_name(other)));
                None
            }
        }
    }

    pub(super) fn text(&mut self, o: &Obj, key: &str, path: &str) -> Text {
        match o.get(key) {
            None | Some(Json::Null) => Text::None,
            Some(Json::String(s)) => Text::Plain(s.clone()),
            Some(Json::Number(n)) => Text::Plain(n.to_string()),
            Some(Json::Object(m)) => {
                let mut out = std::collections::BTreeMap::new();
                for (lang, v) in m {
                    match v {
                        Json::String(s) => {
                            if lang != "default" {
                                self.translations.entry(lang.clone()).or_insert_with(|| join(path, key));
                            }
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

    /// `rowOrder`/`questionOrder` (or the old `rowsOrder`/`questionsOrder`):
    /// `Some(true)` for `random`, `Some(false)` for `initial`, `None` for
    /// `default` or nothing.
    pub(super) fn random_order(&mut self, o: &Obj, key: &str, old: &str, path: &str) -> Option<bool> {
        let k = if o.contains_key(key) { key } else { old };
        match self.string(o, k, path).as_deref() {
            None | Some("default") => None,
            Some("random") => Some(true),
            Some("initial" | "none") => Some(false),
            Some(other) => {
                self.warn(
                    join(path, k),
                    format!("'{other}' is not initial, random or default; read as default"),
                );
                None
            }
        }
    }

    /// One of a property's named values (`choices`, the first of them the
    /// default, also for a value none of them names, with a located warning,
    /// as SurveyJS's serializer falls back).
    pub(super) fn one_of<T: Copy>(&mut self, o: &Obj, key: &str, path: &str, choices: &[(&str, T)]) -> T {
        let given = self.string(o, key, path);
        let found = given
            .as_deref()
            .map_or(Some(choices[0].1), |g| choices.iter().find(|(name, _)| *name == g).map(|&(_, v)| v));
        found.unwrap_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            let given = given.unwrap_or_default();
            self.warn(
                join(path, key),
                format!("'{given}' is not {}; read as {}", names.join(", "), names[0]),
            );
            choices[0].1
        })
    }

    pub(super) fn boolean(&mut self, o: &Obj, key: &str, path: &str) -> bool {
        match o.get(key) {
            None | Some(Json::Null) => false,
            Some(Json::Bool(b)) => *b,
            // Read as SurveyJS's serializer reads them: "true"/"false" text
            // as booleans, anything else as JavaScript's truthiness, named.
            Some(Json::String(s)) if s.eq_ignore_ascii_case("true") => true,
            Some(Json::String(s)) if s.eq_ignore_ascii_case("false") => false,
            Some(other) => {
                let truthy = match other {
                    Json::String(s) => !s.is_empty(),
                    Json::Number(n) => n.as_f64().is_some_and(|x| x != 0.0 && !x.is_nan()),
                    _ => true,
                };
                self.warn(
                    join(path, key),
                    format!("{other} is not true or false; read as {truthy}, as JavaScript reads it"),
                );
                truthy
            }
        }
    }

    pub(super) fn count(&mut self, o: &Obj, key: &str, path: &str) -> Option<usize> {
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

    pub(super) fn number(&mut self, o: &Obj, key: &str, path: &str) -> Option<f64> {
        let v = o.get(key).filter(|v| !v.is_null())?;
        let n = json_number(v);
        if n.is_none() {
            self.error(join(path, key), format!("must be a number, not {}", type_name(v)));
        }
        n
    }

    pub(super) fn string(&mut self, o: &Obj, key: &str, path: &str) -> Option<String> {
        match o.get(key)? {
            Json::Null => None,
            Json::String(s) => Some(s.clone()),
            other => {
                self.error(join(path, key), format!("must be a string, not {}", type_name(other)));
                None
            }
        }
    }

    pub(super) fn expression(&mut self, o: &Obj, key: &str, path: &str) -> Option<Expression> {
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

    pub(super) fn condition(&mut self, o: &Obj, key: &str, path: &str) -> Option<Condition> {
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

    /// Reports "`lo` (a) is greater than `hi` (b)" at `path` when both
    /// bounds are given and out of order; true when they are in order.
    pub(super) fn in_order(&mut self, path: &str, lo: (&str, Option<f64>), hi: (&str, Option<f64>)) -> bool {
        match (lo.1, hi.1) {
            (Some(a), Some(b)) if a > b => {
                let message = format!(
                    "{} ({}) is greater than {} ({})",
                    lo.0,
                    format_number(a),
                    hi.0,
                    format_number(b)
                );
                self.error(path, message);
                false
            }
            _ => true,
        }
    }
}
