//! The export and the duplicate clusters, computed from stored entries.

use crate::store::{NewEntry, Row};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use tanya_engine::fingerprint::hamming;
use tanya_engine::schema::Survey;

fn cell(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// A cell's text. A text answer that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`, so `=HYPERLINK(…)` typed by a respondent stays text; JSON
/// numbers stay numbers.
fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The export's columns: the entry columns, one column per question (in
/// questionnaire order, across every served survey, then any other answer
/// names found in stored entries), then meta, fingerprint and quality. A
/// roster (`paneldynamic`, `matrixdynamic`, `matrixdropdown`) has one
/// column per item and leaf path (`household.0.name`): every leaf found in
/// any item, for every item up to the largest count stored.
pub struct CsvLayout {
    columns: Vec<Column>,
    /// Each column's place by name, so learning a row costs the same
    /// whatever the number of columns.
    by_name: HashMap<String, usize>,
    /// Per roster column (by place), the items and leaf paths already
    /// listed, so a roster of many items is learnt in linear time.
    seen: HashMap<usize, (std::collections::HashSet<String>, std::collections::HashSet<Vec<String>>)>,
}

/// A question's columns.
enum Column {
    /// One column holding the answer.
    Plain(String),
    /// A roster: the items seen (indexes, or fixed rows' keys) and the
    /// leaf paths inside an item, each as its keys.
    Roster(String, Vec<String>, Vec<Vec<String>>),
}

impl Column {
    fn name(&self) -> &str {
        match self {
            Column::Plain(n) | Column::Roster(n, _, _) => n,
        }
    }
}

const FIXED: [&str; 5] = ["submission_id", "survey_id", "version", "received_at", "duplicate_of"];
/// The columns after the answers. The device hash is left out: it links
/// entries made on one phone, which the duplicate report uses, and the
/// export does not need.
const TAIL: [&str; 8] = [
    "meta.started_at",
    "meta.submitted_at",
    "meta.lang",
    "fingerprint.respondent",
    "fingerprint.entry",
    "fingerprint.similarity",
    "quality.duration_ms",
    "quality.straightlining",
];

/// The leaf paths of a roster answer, items in order: an array of objects
/// (panels, rows) by index, an object by key, anything else a leaf (a
/// checkbox cell's array of choices too, which is one answer).
fn leaves(v: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let items: Vec<(String, &Value)> = match v {
        Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_object) => {
            a.iter().enumerate().map(|(i, x)| (i.to_string(), x)).collect()
        }
        Value::Object(m) => m.iter().map(|(k, x)| (k.clone(), x)).collect(),
        _ => {
            out.push(prefix.clone());
            return;
        }
    };
    for (k, x) in items {
        prefix.push(k);
        leaves(x, prefix, out);
        prefix.pop();
    }
}

impl CsvLayout {
    /// The questions of every served survey, in a stable order.
    pub fn new(surveys: &HashMap<(String, String), Survey>) -> CsvLayout {
        let mut columns: Vec<Column> = Vec::new();
        let mut keys: Vec<&(String, String)> = surveys.keys().collect();
        keys.sort();
        for k in keys {
            for (_, e) in surveys[k].questions() {
                if !columns.iter().any(|c| c.name() == e.name) {
                    columns.push(match e.kind {
                        tanya_engine::schema::Kind::Roster(_) => {
                            Column::Roster(e.name.clone(), Vec::new(), Vec::new())
                        }
                        _ => Column::Plain(e.name.clone()),
                    });
                }
            }
        }
        let by_name = columns.iter().enumerate().map(|(i, c)| (c.name().to_string(), i)).collect();
        CsvLayout { columns, by_name, seen: HashMap::new() }
    }

    /// Adds a column for each answer name in `row` that has none yet, and
    /// each roster leaf path not seen before.
    pub fn learn(&mut self, row: &Row) {
        let body: Value = serde_json::from_str(&row.entry.body).unwrap_or(Value::Null);
        let Some(a) = body.get("answers").and_then(Value::as_object) else { return };
        for (k, v) in a {
            let Some(&at) = self.by_name.get(k) else {
                self.by_name.insert(k.clone(), self.columns.len());
                self.columns.push(Column::Plain(k.clone()));
                continue;
            };
            let (seen_items, seen_subs) = self.seen.entry(at).or_default();
            match &mut self.columns[at] {
                Column::Roster(_, items, subs) => {
                    let given: Vec<(String, &Value)> = match v {
                        Value::Array(a) => a.iter().enumerate().map(|(i, x)| (i.to_string(), x)).collect(),
                        Value::Object(m) => m.iter().map(|(k, x)| (k.clone(), x)).collect(),
                        _ => Vec::new(),
                    };
                    for (key, item) in given {
                        if seen_items.insert(key.clone()) {
                            items.push(key);
                        }
                        let mut found = Vec::new();
                        leaves(item, &mut Vec::new(), &mut found);
                        for p in found.into_iter().filter(|p| !p.is_empty()) {
                            if seen_subs.insert(p.clone()) {
                                subs.push(p);
                            }
                        }
                    }
                }
                Column::Plain(_) => {}
            }
        }
    }

    /// The header line, with its CRLF.
    pub fn header(&self) -> String {
        let mut cells: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
        for c in &self.columns {
            match c {
                Column::Plain(n) => cells.push(n.clone()),
                Column::Roster(n, items, subs) => {
                    for item in items {
                        cells.extend(subs.iter().map(|p| format!("{n}.{item}.{}", p.join("."))));
                    }
                }
            }
        }
        cells.extend(TAIL.iter().map(|s| s.to_string()));
        cells.iter().map(|c| cell(&text_header(c))).collect::<Vec<_>>().join(",") + "\r\n"
    }

    /// One entry's line, with its CRLF.
    pub fn line(&self, r: &Row) -> String {
        let b: Value = serde_json::from_str(&r.entry.body).unwrap_or(Value::Null);
        let e = &r.entry;
        let mut line: Vec<String> = vec![
            e.submission_id.clone(),
            e.survey_id.clone(),
            e.version.clone(),
            to_minute(&e.received_at),
            r.duplicate_of.clone().unwrap_or_default(),
        ];
        let answers = b.get("answers");
        for c in &self.columns {
            let answer = answers.and_then(|a| a.get(c.name()));
            match c {
                Column::Plain(_) => line.push(text(answer)),
                Column::Roster(_, items, subs) => {
                    for item in items {
                        line.extend(subs.iter().map(|p| {
                            let leaf = std::iter::once(item).chain(p).fold(answer, |v, k| match v? {
                                Value::Array(a) => k.parse::<usize>().ok().and_then(|i| a.get(i)),
                                other => other.get(k),
                            });
                            text(leaf)
                        }));
                    }
                }
            }
        }
        for path in TAIL {
            let (group, key) = path.split_once('.').unwrap_or((path, ""));
            let v = b.get(group).and_then(|g| g.get(key));
            line.push(match (group, v) {
                ("meta", Some(Value::String(t))) => to_minute(t),
                _ => text(v),
            });
        }
        line.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",") + "\r\n"
    }
}

/// A header cell: a question name guarded like a text answer, since names
/// come from questionnaires and row keys from respondents' entries.
fn text_header(name: &str) -> String {
    text(Some(&Value::String(name.to_string())))
}

/// An ISO 8601 time rounded down to its minute (`2026-12-02T06:46:00.000Z`):
/// the export keeps when, not the second that could tell respondents apart.
/// Anything else is kept as a text cell.
fn to_minute(iso: &str) -> String {
    match tanya_engine::expr::date::parse(iso) {
        Some(ms) => tanya_engine::expr::date::to_iso((ms / 60_000.0).floor() * 60_000.0),
        None => text(Some(&Value::String(iso.to_string()))),
    }
}

/// One entry for `export.ndjson`: its columns and its stored body's
/// answers, meta, fingerprint and quality, on one line, with times rounded
/// to the minute and without the device hash (as in the CSV).
pub fn ndjson_line(r: &Row) -> String {
    let mut b: Value = serde_json::from_str(&r.entry.body).unwrap_or(Value::Null);
    if let Some(meta) = b.get_mut("meta").and_then(Value::as_object_mut) {
        for k in ["started_at", "submitted_at"] {
            if let Some(Value::String(t)) = meta.get(k) {
                let rounded = tanya_engine::expr::date::parse(t)
                    .map(|ms| tanya_engine::expr::date::to_iso((ms / 60_000.0).floor() * 60_000.0));
                meta.insert(k.to_string(), rounded.map_or(Value::Null, Value::String));
            }
        }
    }
    if let Some(fp) = b.get_mut("fingerprint").and_then(Value::as_object_mut) {
        fp.remove("device");
    }
    let e = &r.entry;
    let line = json!({
        "submission_id": e.submission_id,
        "survey_id": e.survey_id,
        "version": e.version,
        "received_at": to_minute(&e.received_at),
        "duplicate_of": r.duplicate_of,
        "answers": b.get("answers"),
        "meta": b.get("meta"),
        "fingerprint": b.get("fingerprint"),
        "quality": b.get("quality"),
    });
    line.to_string() + "\n"
}

/// The union-find root of `i`, halving paths on the way.
fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

/// Calls `link(i, j)` for pairs whose SimHashes are within `distance` bits,
/// enough to link every near group, without comparing every pair (a
/// national round has hundreds of thousands of entries). Equal hashes are
/// linked in a chain; then the 64 bits are cut into `distance + 1` bands:
/// two hashes within `distance` bits agree on at least one whole band
/// (pigeonhole), so only distinct hashes sharing a band value are compared.
/// A pair may be reported more than once; nothing is collected, so memory
/// stays flat however many pairs are near. From 16 bits on, bands are too
/// narrow to help and every distinct pair is compared.
pub fn near_pairs(sims: &[Option<u64>], distance: u32, mut link: impl FnMut(usize, usize)) {
    let mut first_of: HashMap<u64, usize> = HashMap::new();
    let mut distinct: Vec<(u64, usize)> = Vec::new();
    for (i, s) in sims.iter().enumerate() {
        let Some(s) = *s else { continue };
        match first_of.get(&s) {
            Some(&first) => link(first, i),
            None => {
                first_of.insert(s, i);
                distinct.push((s, i));
            }
        }
    }
    let mut compare = |bucket: &[(u64, usize)]| {
        for (x, &(a, i)) in bucket.iter().enumerate() {
            for &(b, j) in &bucket[x + 1..] {
                if hamming(a, b) <= distance {
                    link(i, j);
                }
            }
        }
    };
    if distance >= 16 {
        compare(&distinct);
        return;
    }
    let bands = distance as usize + 1;
    for b in 0..bands {
        let (start, end) = (64 * b / bands, 64 * (b + 1) / bands);
        let width = end - start;
        let mask = if width == 64 { u64::MAX } else { ((1u64 << width) - 1) << start };
        let mut buckets: HashMap<u64, Vec<(u64, usize)>> = HashMap::new();
        for &(s, i) in &distinct {
            buckets.entry(s & mask).or_default().push((s, i));
        }
        for bucket in buckets.values() {
            compare(bucket);
        }
    }
}

/// Groups of two or more entries, per survey: `exact` shares an entry hash or a
/// respondent id; `near` has SimHashes within `distance` bits (linked transitively).
pub fn clusters(rows: &[Row], distance: u32) -> Value {
    let mut by_survey: BTreeMap<&str, Vec<&NewEntry>> = BTreeMap::new();
    for r in rows {
        by_survey.entry(&r.entry.survey_id).or_default().push(&r.entry);
    }
    let mut out = serde_json::Map::new();
    for (survey, rs) in by_survey {
        let mut exact: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for r in &rs {
            if !r.entry.is_empty() {
                exact.entry(format!("entry:{}", r.entry)).or_default().push(&r.submission_id);
            }
            if !r.respondent.is_empty() {
                exact.entry(format!("respondent:{}", r.respondent)).or_default().push(&r.submission_id);
            }
        }
        let exact: Vec<Value> = exact
            .into_iter()
            .filter(|(_, ids)| ids.len() > 1)
            .map(|(key, ids)| json!({"key": key, "ids": ids}))
            .collect();
        // Union-find over near pairs.
        let sims: Vec<Option<u64>> = rs.iter().map(|r| u64::from_str_radix(&r.similarity, 16).ok()).collect();
        let mut parent: Vec<usize> = (0..rs.len()).collect();
        near_pairs(&sims, distance, |i, j| {
            let (x, y) = (find(&mut parent, i), find(&mut parent, j));
            parent[x] = y;
        });
        let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for (i, r) in rs.iter().enumerate() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(&r.submission_id);
        }
        let near: Vec<Value> = groups.into_values().filter(|g| g.len() > 1).map(|g| json!(g)).collect();
        out.insert(survey.to_string(), json!({"exact": exact, "near": near}));
    }
    json!({"distance": distance, "surveys": out})
}

#[cfg(test)]
mod tests {
    use super::{find, near_pairs};
    use tanya_engine::fingerprint::hamming;

    /// Group roots from pairs, as sets of members, for comparing partitions.
    fn groups(n: usize, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut parent: Vec<usize> = (0..n).collect();
        for &(i, j) in pairs {
            let (x, y) = (find(&mut parent, i), find(&mut parent, j));
            parent[x] = y;
        }
        let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..n {
            let r = find(&mut parent, i);
            by_root.entry(r).or_default().push(i);
        }
        let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
        out.sort();
        out
    }

    #[test]
    fn banding_finds_the_same_groups_as_comparing_every_pair() {
        // A small xorshift, so the data is the same on every run.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for distance in [0, 1, 3, 5, 9, 20, 64] {
            // Clumps: a few centres, each with variants a few bits away, plus noise and gaps.
            let mut sims = Vec::new();
            for _ in 0..12 {
                let centre = next();
                for _ in 0..15 {
                    let mut v = centre;
                    for _ in 0..(next() % 6) {
                        v ^= 1 << (next() % 64);
                    }
                    sims.push(Some(v));
                }
                sims.push(None);
                sims.push(Some(next()));
            }
            let brute: Vec<(usize, usize)> = (0..sims.len())
                .flat_map(|i| (i + 1..sims.len()).map(move |j| (i, j)))
                .filter(
                    |&(i, j)| matches!((sims[i], sims[j]), (Some(a), Some(b)) if hamming(a, b) <= distance),
                )
                .collect();
            let mut fast = Vec::new();
            near_pairs(&sims, distance, |i, j| fast.push((i, j)));
            assert!(fast.iter().all(
                |&(i, j)| matches!((sims[i], sims[j]), (Some(a), Some(b)) if hamming(a, b) <= distance)
            ));
            assert_eq!(groups(sims.len(), &fast), groups(sims.len(), &brute), "distance {distance}");
        }
    }
}
