//! Which conditions and computed values read which answers.

use crate::schema::check::{known_names, referenced_name};
use crate::schema::{ElementId, Kind, Survey};
use std::collections::{HashMap, VecDeque};

/// A condition to re-evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A page's `visibleIf`.
    Page(usize),
    /// An element's `visibleIf`.
    Visible(ElementId),
    /// An element's `enableIf`.
    Enable(ElementId),
    /// An element's `requiredIf`.
    Require(ElementId),
}

/// A value the flow computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    /// `calculatedValues[i]`.
    Calc(usize),
    /// An `expression` question.
    Question(ElementId),
}

/// The dependency index.
#[derive(Clone, Debug, Default)]
pub struct Deps {
    by_name: HashMap<String, Vec<Target>>,
    all: Vec<Target>,
    /// Computed values in an order where each comes after what it reads.
    computed: Vec<Computed>,
    /// Lower-cased name → indexes into `computed` that read it.
    computed_readers: HashMap<String, Vec<usize>>,
    /// Lower-cased name each computed value defines.
    computed_names: Vec<String>,
    /// Lower-cased names some condition or computed value reads inside
    /// (`{m.row.col}`, `{m[0].col}`), not only whole.
    read_inside: std::collections::HashSet<String>,
}

impl Deps {
    /// Indexes every condition and computed value of `s`.
    pub fn build(s: &Survey) -> Deps {
        let names = known_names(s);
        let refs = |vars: &[String]| -> Vec<String> {
            crate::sorted::sorted_unique(vars.iter().filter_map(|x| referenced_name(&names, x)))
        };
        let mut d = Deps::default();
        let mut inside = |vars: &[String]| {
            for v in vars {
                let folded = crate::case::fold(v.strip_prefix('#').unwrap_or(v));
                if let Some(n) = referenced_name(&names, v).filter(|n| *n != folded) {
                    d.read_inside.insert(n);
                }
            }
        };
        for c in s.pages.iter().filter_map(|p| p.visible_if.as_ref()) {
            inside(c.variables());
        }
        for e in s.elements.iter().filter(|e| e.roster.is_none()) {
            for c in [&e.visible_if, &e.enable_if, &e.required_if].into_iter().flatten() {
                inside(c.variables());
            }
            if let Kind::Expression { expression: Some(x) } = &e.kind {
                inside(x.variables());
            }
        }
        for c in &s.calculated_values {
            inside(c.expression.variables());
        }
        let add = |d: &mut Deps, t: Target, vars: &[String]| {
            d.all.push(t);
            for n in refs(vars) {
                d.by_name.entry(n).or_default().push(t);
            }
        };
        for (i, p) in s.pages.iter().enumerate() {
            if let Some(c) = &p.visible_if {
                add(&mut d, Target::Page(i), c.variables());
            }
        }
        // Template conditions are evaluated per item when asked (see `roster`).
        for (id, e) in s.elements.iter().enumerate().filter(|(_, e)| e.roster.is_none()) {
            if let Some(c) = &e.visible_if {
                add(&mut d, Target::Visible(id), c.variables());
            }
            if let Some(c) = &e.enable_if {
                add(&mut d, Target::Enable(id), c.variables());
            }
            if let Some(c) = &e.required_if {
                add(&mut d, Target::Require(id), c.variables());
            }
        }
        // Computed values, topologically ordered.
        let mut nodes: Vec<(Computed, String, Vec<String>)> = Vec::new();
        for (i, c) in s.calculated_values.iter().enumerate() {
            nodes.push((Computed::Calc(i), crate::case::fold(&c.name), refs(c.expression.variables())));
        }
        for (id, e) in s.elements.iter().enumerate().filter(|(_, e)| e.roster.is_none()) {
            if let Kind::Expression { expression: Some(x) } = &e.kind {
                nodes.push((Computed::Question(id), crate::case::fold(&e.name), refs(x.variables())));
            }
        }
        let defined: HashMap<&str, usize> =
            nodes.iter().enumerate().map(|(i, n)| (n.1.as_str(), i)).collect();
        let mut indegree = vec![0usize; nodes.len()];
        let mut readers: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            for r in &n.2 {
                if let Some(&j) = defined.get(r.as_str()) {
                    indegree[i] += 1;
                    readers[j].push(i);
                }
            }
        }
        let mut queue: VecDeque<usize> = (0..nodes.len()).filter(|&i| indegree[i] == 0).collect();
        let mut order = Vec::new();
        while let Some(i) = queue.pop_front() {
            order.push(i);
            for &r in &readers[i] {
                indegree[r] -= 1;
                if indegree[r] == 0 {
                    queue.push_back(r);
                }
            }
        }
        // A cycle among expression questions leaves nodes out: evaluate them last, once.
        order.extend((0..nodes.len()).filter(|i| !order.contains(i)).collect::<Vec<_>>());
        for (pos, &i) in order.iter().enumerate() {
            for r in &nodes[i].2 {
                d.computed_readers.entry(r.clone()).or_default().push(pos);
            }
        }
        d.computed = order.iter().map(|&i| nodes[i].0).collect();
        d.computed_names = order.iter().map(|&i| nodes[i].1.clone()).collect();
        d
    }

    /// Whether a condition or computed value reads inside `name`'s value
    /// (a matrix cell, a panel's question) rather than only the whole of it.
    pub fn read_inside(&self, name: &str) -> bool {
        self.read_inside.contains(&crate::case::fold(name))
    }

    /// Every condition.
    pub fn all_targets(&self) -> Vec<Target> {
        self.all.clone()
    }

    /// The conditions that read `name`.
    pub fn targets_of(&self, name: &str) -> Vec<Target> {
        self.by_name.get(&crate::case::fold(name)).cloned().unwrap_or_default()
    }

    /// Every computed value, dependencies first.
    pub fn computed_order(&self) -> &[Computed] {
        &self.computed
    }

    /// Computed values that read `name`, directly or through other computed values, in order.
    pub fn computed_affected_by(&self, name: &str) -> Vec<Computed> {
        let mut hit = vec![false; self.computed.len()];
        let mut queue = vec![crate::case::fold(name)];
        while let Some(n) = queue.pop() {
            for &pos in self.computed_readers.get(&n).map(Vec::as_slice).unwrap_or_default() {
                if !hit[pos] {
                    hit[pos] = true;
                    queue.push(self.computed_names[pos].clone());
                }
            }
        }
        self.computed.iter().zip(hit).filter(|(_, h)| *h).map(|(c, _)| *c).collect()
    }
}
