//! Piping: `{name}` in a title becomes the answer's text.

use super::Flow;
use crate::expr::{resolve, Value};
use crate::schema::Kind;
use crate::text::Lang;

impl Flow<'_> {
    /// Replaces each `{name}` in `text` with the display text of that answer
    /// (a choice's text rather than its value). Names that are not questions
    /// or computed values stay as written; known but unanswered ones become empty.
    pub fn pipe(&self, text: &str, lang: Lang) -> String {
        self.pipe_at(text, lang, &super::At::top())
    }

    /// [`Flow::pipe`] inside a roster item: `{panel.name}`, `{panelIndex}`,
    /// `{row.x}` and `{rowIndex}` read that panel or row.
    pub fn pipe_at(&self, text: &str, lang: Lang, at: &super::At) -> String {
        if !text.contains('{') {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            let name = &after[..close];
            let item = (!at.0.is_empty()).then(|| self.item_display(name, at)).flatten();
            match item.or_else(|| self.display(name, lang)) {
                Some(shown) => out.push_str(&shown),
                None => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// An item variable's text (`panel.x`, `panelIndex`, `row.x`, ...), or
    /// `None` when `name` is not one.
    fn item_display(&self, name: &str, at: &super::At) -> Option<String> {
        let head = name.split(['.', '[']).next().unwrap_or(name);
        let item_var = ["panel", "parentPanel", "panelIndex", "row", "rowIndex", "rowValue", "rowName"]
            .iter()
            .any(|v| v.eq_ignore_ascii_case(head));
        if !item_var {
            return None;
        }
        let expr = crate::expr::Expression::parse(&format!("{{{name}}}")).ok()?;
        Some(self.eval_at(&expr, at).to_display())
    }

    /// The text of an answer for piping, or `None` when `name` is unknown.
    fn display(&self, name: &str, lang: Lang) -> Option<String> {
        let s = self.survey();
        let root = name.split(['.', '[']).next().unwrap_or(name);
        let Some(id) = s.find(root) else {
            let v = s
                .calculated_values
                .iter()
                .any(|c| crate::expr::eq_ignore_case(&c.name, root))
                .then(|| self.computed(root).cloned().unwrap_or(Value::Null))?;
            return Some(v.to_display());
        };
        let e = &s.elements[id];
        let value = match &e.kind {
            Kind::Expression { .. } => self.computed(&e.name).cloned(),
            _ => resolve(self.answers(), name),
        }
        .unwrap_or(Value::Null);
        // A choice question's choices now: carried ones included.
        let listed = matches!(e.kind, Kind::Choices { .. }).then(|| self.choices(id));
        let choice_text = |v: &Value| -> String {
            let choices: &[crate::schema::Choice] = match (&e.kind, &listed) {
                (_, Some(choices)) => choices,
                (Kind::Rating { values, .. }, None) => values,
                _ => return v.to_display(),
            };
            choices
                .iter()
                .find(|c| crate::expr::ops::equal(&Value::from(&c.value), v))
                .map_or_else(|| v.to_display(), |c| c.text.get(lang).to_string())
        };
        Some(match &value {
            Value::Array(items) if name == root => {
                items.iter().map(choice_text).collect::<Vec<_>>().join(", ")
            }
            v if name == root => choice_text(v),
            v => v.to_display(),
        })
    }
}
