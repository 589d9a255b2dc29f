//! Rosters: `paneldynamic` (a template of elements repeated per panel),
//! `matrixdynamic` and `matrixdropdown` (columns repeated per row). A
//! matrix column is loaded as the question its `cellType` names, so a cell
//! validates, shows and answers exactly like that question does.

use super::super::model::*;
use super::super::reader::{join, type_name, Obj};
use super::Loader;
use crate::Json;

/// SurveyJS's `maxPanelCount` and `maxRowCount` defaults.
const MAX_PANELS: usize = 100;
const MAX_ROWS: usize = 1000;

/// Column properties that only lay a column out or sum it up.
const COLUMN_ONLY: &[&str] =
    &["cellType", "width", "minWidth", "totalType", "totalFormat", "totalDisplayStyle", "totalAlignment"];

impl Loader {
    /// Reads a roster's own settings and loads its template with `id` as
    /// the template's parent and roster.
    pub(super) fn roster(
        &mut self,
        t: &str,
        o: &Obj,
        path: &str,
        page: usize,
        id: ElementId,
        depth: usize,
    ) -> Kind {
        let panels = t == "paneldynamic";
        let (count_key, min_key, max_key) = if panels {
            ("panelCount", "minPanelCount", "maxPanelCount")
        } else {
            ("rowCount", "minRowCount", "maxRowCount")
        };
        let shape = match t {
            "paneldynamic" => Shape::Panels,
            "matrixdynamic" => Shape::Rows,
            _ => {
                let rows = self.choice_list(o, "rows", path);
                if rows.is_empty() {
                    self.error(join(path, "rows"), "a matrixdropdown needs at least one row");
                }
                Shape::Fixed(rows)
            }
        };
        // SurveyJS starts a matrixdynamic with two rows and a paneldynamic with none.
        let start = self.count(o, count_key, path).unwrap_or(if t == "matrixdynamic" { 2 } else { 0 });
        let (min, max) = (self.count(o, min_key, path), self.count(o, max_key, path));
        self.in_order(path, (min_key, min.map(|m| m as f64)), (max_key, max.map(|m| m as f64)));
        let min = min.unwrap_or(0);
        let max = max.unwrap_or(if panels { MAX_PANELS } else { MAX_ROWS }).max(min);
        self.rosters.push((id, Default::default()));
        let template = if panels {
            self.children_of(o, "templateElements", path, page, Some(id), depth + 1)
        } else {
            self.columns(o, path, page, id, depth)
        };
        self.rosters.pop();
        if template.is_empty() && self.errors.is_empty() {
            let key = if panels { "templateElements" } else { "columns" };
            self.warn(join(path, key), format!("the {t} has no {key}: it collects nothing"));
        }
        Kind::Roster(Box::new(Roster {
            shape,
            template,
            start: start.clamp(min, max),
            min,
            max,
            item_title: self.text(o, "templateTitle", path),
            add_text: match panels {
                true if o.contains_key("addPanelText") => self.text(o, "addPanelText", path),
                true => self.text(o, "panelAddText", path),
                false => self.text(o, "addRowText", path),
            },
            remove_text: match panels {
                true if o.contains_key("removePanelText") => self.text(o, "removePanelText", path),
                true => self.text(o, "panelRemoveText", path),
                false => self.text(o, "removeRowText", path),
            },
            can_add: t != "matrixdropdown"
                && self.flag(o, if panels { "allowAddPanel" } else { "allowAddRows" }, path),
            can_remove: t != "matrixdropdown"
                && self.flag(o, if panels { "allowRemovePanel" } else { "allowRemoveRows" }, path),
            // survey-core reads only `rowOrder` here (`rowsOrder` is the matrix's old name).
            random_rows: t == "matrixdropdown"
                && self.random_order(o, "rowOrder", "rowOrder", path) == Some(true),
        }))
    }

    /// A boolean that defaults to true.
    fn flag(&mut self, o: &Obj, key: &str, path: &str) -> bool {
        !o.contains_key(key) || self.boolean(o, key, path)
    }

    /// Each column as the question its `cellType` names (`default` and a
    /// missing one take the matrix's `cellType`, else `dropdown`), with the
    /// matrix's `choices` when the column has none.
    fn columns(&mut self, o: &Obj, path: &str, page: usize, id: ElementId, depth: usize) -> Vec<ElementId> {
        let p = join(path, "columns");
        let columns = match o.get("columns") {
            None | Some(Json::Null) => return Vec::new(),
            Some(Json::Array(c)) => c,
            Some(other) => {
                self.error(p, format!("must be an array, not {}", type_name(other)));
                return Vec::new();
            }
        };
        let matrix_cell = match o.get("cellType").and_then(Json::as_str) {
            None | Some("default") => "dropdown",
            Some(t) => t,
        };
        let mut out = Vec::new();
        for (i, column) in columns.iter().enumerate() {
            let cp = format!("{p}[{i}]");
            let Some(c) = self.object(column, &cp, "a column") else { continue };
            let cell = match c.get("cellType").and_then(Json::as_str) {
                None | Some("default") => matrix_cell,
                Some(t) => t,
            };
            let mut q: Obj = c
                .iter()
                .filter(|(k, _)| !COLUMN_ONLY.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for k in ["totalType", "totalFormat"] {
                if c.get(k).is_some_and(|v| v != "none") {
                    self.warn(join(&cp, k), format!("'{k}' is ignored: Tanya shows no total row"));
                }
            }
            q.insert("type".into(), Json::String(cell.to_string()));
            let choice_cell = matches!(cell, "dropdown" | "checkbox" | "radiogroup" | "tagbox");
            if choice_cell && !q.contains_key("choices") {
                if let Some(choices) = o.get("choices") {
                    q.insert("choices".into(), choices.clone());
                }
            }
            self.in_column = true;
            let loaded = self.element(&Json::Object(q), &cp, page, Some(id), depth + 1);
            self.in_column = false;
            if let Some(e) = loaded {
                out.push(e);
            }
        }
        out
    }
}
