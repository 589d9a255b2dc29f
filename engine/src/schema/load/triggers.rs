//! `triggers`: what happens when a condition turns true on an answer
//! change, in SurveyJS's current form (`expression`) and its legacy one
//! (`name`, `operator`, `value`).

use super::super::model::{Trigger, TriggerKind};
use super::super::reader::{join, type_name, Obj};
use super::Loader;
use crate::expr::Condition;
use crate::Json;

/// The legacy operators, as SurveyJS writes them, and their expression form.
const OPERATORS: [(&str, &str); 12] = [
    ("equal", "="),
    ("notequal", "!="),
    ("contains", "contains"),
    ("notcontains", "notcontains"),
    ("greater", ">"),
    ("less", "<"),
    ("greaterorequal", ">="),
    ("lessorequal", "<="),
    ("empty", "empty"),
    ("notempty", "notempty"),
    ("anyof", "anyof"),
    ("allof", "allof"),
];

impl Loader {
    /// Reads `triggers`; each problem is located at its trigger.
    pub(super) fn triggers(&mut self, o: &Obj) -> Vec<Trigger> {
        let mut out = Vec::new();
        let list = match o.get("triggers") {
            None | Some(Json::Null) => return out,
            Some(Json::Array(l)) => l,
            Some(other) => {
                self.error("triggers", format!("must be an array, not {}", type_name(other)));
                return out;
            }
        };
        for (i, t) in list.iter().enumerate() {
            let p = format!("triggers[{i}]");
            let Some(to) = self.object(t, &p, "a trigger") else { continue };
            if let Some(trigger) = self.trigger(to, &p) {
                out.push(trigger);
            }
        }
        out
    }

    fn trigger(&mut self, o: &Obj, p: &str) -> Option<Trigger> {
        let class = format!(
            "{}trigger",
            o.get("type").and_then(Json::as_str).map(crate::case::fold).unwrap_or_default()
        );
        self.check_props(o, p, &[&class, "surveytrigger"]);
        let when = match o.get("expression") {
            Some(_) => self.condition(o, "expression", p)?,
            None => self.legacy(o, p)?,
        };
        let to = self.string(o, "setToName", p);
        let (from, goto) = (self.string(o, "fromName", p), self.string(o, "gotoName", p));
        let kind = match self.string(o, "type", p).as_deref().map(crate::case::fold).as_deref() {
            Some("complete") => TriggerKind::Complete,
            Some("setvalue") => TriggerKind::SetValue {
                to: self.required_name(to, p, "setToName")?,
                value: o.get("setValue").cloned().unwrap_or(Json::Null),
                variable: self.boolean(o, "isVariable", p),
            },
            Some("copyvalue") => TriggerKind::CopyValue {
                to: self.required_name(to, p, "setToName")?,
                from: self.required_name(from, p, "fromName")?,
            },
            Some("runexpression") => {
                TriggerKind::RunExpression { to, expression: self.expression(o, "runExpression", p)? }
            }
            Some("skip") => TriggerKind::Skip { to: self.required_name(goto, p, "gotoName")? },
            Some(other) => {
                self.error(join(p, "type"), format!("unknown trigger type '{other}'"));
                return None;
            }
            None => {
                self.error(p, "missing 'type'");
                return None;
            }
        };
        Some(Trigger { kind, when, path: p.to_string() })
    }

    fn required_name(&mut self, name: Option<String>, p: &str, key: &str) -> Option<String> {
        if name.is_none() {
            self.error(p, format!("missing '{key}'"));
        }
        name
    }

    /// `{name} operator value` from the legacy form.
    fn legacy(&mut self, o: &Obj, p: &str) -> Option<Condition> {
        let Some(name) = self.string(o, "name", p) else {
            self.error(p, "a trigger needs an 'expression' (or 'name' and 'operator')");
            return None;
        };
        let op = self.string(o, "operator", p).unwrap_or_else(|| "equal".into());
        let Some((_, sym)) = OPERATORS.iter().find(|(k, _)| k.eq_ignore_ascii_case(&op)) else {
            self.error(join(p, "operator"), format!("unknown operator '{op}'"));
            return None;
        };
        let value = o.get("value").map_or_else(
            || "null".to_string(),
            |v| match v {
                Json::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
                other => other.to_string(),
            },
        );
        let text = match *sym {
            "empty" | "notempty" => format!("{{{name}}} {sym}"),
            _ => format!("{{{name}}} {sym} {value}"),
        };
        match Condition::parse(&text) {
            Ok(c) => Some(c),
            Err(e) => {
                self.error(p, format!("the trigger's condition {text} does not parse: {e}"));
                None
            }
        }
    }
}
