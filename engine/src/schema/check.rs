//! Step 3: expressions name known questions and functions; visibility and
//! calculated values have no cycles.

use super::model::*;
use super::Problem;
use crate::expr::Expression;
use std::collections::HashMap;

/// Names an expression may read without a question of that name: matrix
/// rows, dynamic panels and choice items are resolved by the survey model.
const CONTEXT_PREFIXES: [&str; 4] = ["row", "panel", "item", "choice"];

/// Every expression of the survey with its JSON path.
pub(crate) fn expressions(s: &Survey) -> Vec<(String, &Expression)> {
    let mut out = Vec::new();
    for p in &s.pages {
        if let Some(c) = &p.visible_if {
            out.push((format!("{}.visibleIf", p.path), c.expression()));
        }
    }
    for e in &s.elements {
        for (key, c) in
            [("visibleIf", &e.visible_if), ("enableIf", &e.enable_if), ("requiredIf", &e.required_if)]
        {
            if let Some(c) = c {
                out.push((format!("{}.{key}", e.path), c.expression()));
            }
        }
        if let Kind::Expression { expression: Some(x) } = &e.kind {
            out.push((format!("{}.expression", e.path), x));
        }
        if let Kind::Choices { choices, choices_visible_if, choices_enable_if, .. } = &e.kind {
            if let Some(c) = choices_visible_if {
                out.push((format!("{}.choicesVisibleIf", e.path), c.expression()));
            }
            if let Some(c) = choices_enable_if {
                out.push((format!("{}.choicesEnableIf", e.path), c.expression()));
            }
            for (i, c) in choices.iter().enumerate() {
                if let Some(v) = &c.visible_if {
                    out.push((format!("{}.choices[{i}].visibleIf", e.path), v.expression()));
                }
                if let Some(v) = &c.enable_if {
                    out.push((format!("{}.choices[{i}].enableIf", e.path), v.expression()));
                }
            }
        }
        for (i, v) in e.validators.iter().enumerate() {
            if let Rule::Expression(x) = &v.rule {
                out.push((format!("{}.validators[{i}].expression", e.path), x));
            }
        }
    }
    for (i, (c, _)) in s.completed_on_condition.iter().enumerate() {
        out.push((format!("completedHtmlOnCondition[{i}].expression"), c.expression()));
    }
    for (i, c) in s.calculated_values.iter().enumerate() {
        out.push((format!("calculatedValues[{i}].expression"), &c.expression));
    }
    for t in &s.triggers {
        out.push((format!("{}.expression", t.path), t.when.expression()));
        if let TriggerKind::RunExpression { expression, .. } = &t.kind {
            out.push((format!("{}.runExpression", t.path), expression));
        }
    }
    out
}

/// Lower-cased name → what it is, for reference checks.
pub(crate) fn known_names(s: &Survey) -> HashMap<String, ()> {
    let mut names = HashMap::new();
    // A template question answers inside its roster, not under its name.
    for e in s.elements.iter().filter(|e| e.roster.is_none()) {
        names.insert(crate::case::fold(&e.name), ());
    }
    for c in &s.calculated_values {
        names.insert(crate::case::fold(&c.name), ());
    }
    names
}

/// The question or calculated value a variable name refers to: the longest
/// dotted prefix (with `[n]` indexes removed) that names one.
pub(crate) fn referenced_name(names: &HashMap<String, ()>, var: &str) -> Option<String> {
    let var = crate::case::fold(var.strip_prefix('#').unwrap_or(var));
    let parts: Vec<&str> = var.split('.').collect();
    for take in (1..=parts.len()).rev() {
        let head = parts[..take].join(".");
        let base = head.split('[').next().unwrap_or(&head).to_string();
        if names.contains_key(&base) {
            return Some(base);
        }
    }
    None
}

fn is_context_name(var: &str) -> bool {
    let head = crate::case::fold(var.trim_start_matches('#').split(['.', '[']).next().unwrap_or_default());
    CONTEXT_PREFIXES.contains(&head.as_str()) || head.starts_with('$') || var.contains(':')
}

/// Column of a variable's name inside the expression text (just after `{`).
fn var_column(src: &str, var: &str) -> usize {
    let needle = format!("{{{var}}}");
    let hashed = format!("{{#{var}}}");
    src.find(&needle)
        .map(|i| i + 1)
        .or_else(|| src.find(&hashed).map(|i| i + 2))
        .map_or(1, |byte| src[..byte].chars().count() + 1)
}

fn call_column(src: &str, name: &str) -> usize {
    src.find(&format!("{name}(")).map_or(1, |byte| src[..byte].chars().count() + 1)
}

/// Runs every semantic check and returns `(errors, warnings)`. A name no
/// question, panel or calculated value has is a warning: SurveyJS loads
/// such a questionnaire and reads the name as empty, and so does Tanya.
pub fn semantics(s: &Survey) -> (Vec<Problem>, Vec<Problem>) {
    let names = known_names(s);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (path, x) in expressions(s) {
        for var in x.variables() {
            if referenced_name(&names, var).is_none() && !is_context_name(var) {
                warnings.push(Problem::at_column(
                    path.clone(),
                    format!("unknown question '{var}': it reads as empty, as in SurveyJS"),
                    var_column(x.source(), var),
                ));
            }
        }
        for f in x.unknown_functions() {
            errors.push(Problem::at_column(
                path.clone(),
                format!("unknown function '{f}'"),
                call_column(x.source(), f),
            ));
        }
    }
    // SurveyJS loads a visibility cycle (each condition is evaluated once
    // per change, so nothing loops) and so does Tanya, with a warning; a
    // question whose condition reads its own answer is no cycle at all.
    warnings.extend(visibility_cycles(s, &names));
    errors.extend(calculation_cycles(s, &names));
    (errors, warnings)
}

/// Finds cycles in a graph of named nodes; each cycle is reported once, at
/// the node where the search first re-entered it.
fn cycles(edges: &[(String, Vec<String>)]) -> Vec<Vec<String>> {
    let index: HashMap<&str, usize> = edges.iter().enumerate().map(|(i, (n, _))| (n.as_str(), i)).collect();
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut state = vec![0u8; edges.len()];
    let mut found = Vec::new();
    for start in 0..edges.len() {
        if state[start] != 0 {
            continue;
        }
        // Iterative DFS: (node, next edge to follow).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            let deps = &edges[node].1;
            if next >= deps.len() {
                state[node] = 2;
                stack.pop();
                continue;
            }
            top.1 += 1;
            let Some(&d) = index.get(deps[next].as_str()) else { continue };
            match state[d] {
                0 => {
                    state[d] = 1;
                    stack.push((d, 0));
                }
                1 => {
                    let from = stack.iter().position(|(n, _)| *n == d).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|(n, _)| edges[*n].0.clone()).collect();
                    cycle.push(edges[d].0.clone());
                    found.push(cycle);
                }
                _ => {}
            }
        }
    }
    found
}

fn visibility_cycles(s: &Survey, names: &HashMap<String, ()>) -> Vec<Problem> {
    let edges: Vec<(String, Vec<String>)> = s
        .elements
        .iter()
        .filter(|e| e.roster.is_none())
        .map(|e| {
            let own = crate::case::fold(&e.name);
            let deps = e.visible_if.as_ref().map_or_else(Vec::new, |c| {
                c.variables().iter().filter_map(|v| referenced_name(names, v)).filter(|d| *d != own).collect()
            });
            (own, deps)
        })
        .collect();
    cycles(&edges)
        .into_iter()
        .map(|cycle| {
            let first = s.find(&cycle[0]).map(|id| &s.elements[id]);
            let path = first.map_or_else(String::new, |e| format!("{}.visibleIf", e.path));
            let shown: Vec<String> = cycle
                .iter()
                .map(|n| s.find(n).map_or_else(|| n.clone(), |id| s.elements[id].name.clone()))
                .collect();
            Problem::new(
                path,
                format!("visibility cycle: {} (loaded, as SurveyJS loads it)", shown.join(" → ")),
            )
        })
        .collect()
}

fn calculation_cycles(s: &Survey, names: &HashMap<String, ()>) -> Vec<Problem> {
    let edges: Vec<(String, Vec<String>)> = s
        .calculated_values
        .iter()
        .map(|c| {
            let deps = c.expression.variables().iter().filter_map(|v| referenced_name(names, v)).collect();
            (crate::case::fold(&c.name), deps)
        })
        .collect();
    cycles(&edges)
        .into_iter()
        .map(|cycle| {
            let i =
                s.calculated_values.iter().position(|c| crate::case::fold(&c.name) == cycle[0]).unwrap_or(0);
            Problem::new(
                format!("calculatedValues[{i}].expression"),
                format!("calculation cycle: {}", cycle.join(" → ")),
            )
        })
        .collect()
}
