//! `choicesOrder`: as written, sorted by text, or shuffled with a seed.

use crate::schema::{ChoicesOrder, Element, ElementId, Kind, Survey};
use crate::text::Lang;

/// SplitMix64: a tiny, well-mixed generator, so a seed gives the same order everywhere.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of a name, so each question shuffles differently under one seed.
fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Whether an element's choices or rows come in an order drawn per entry
/// (`choicesOrder: "random"`, `rowOrder: "random"`): what a page rendered
/// before the entry exists cannot know.
pub fn order_varies(e: &Element) -> bool {
    match &e.kind {
        // A ranking is not shown shuffled (its order is the answer).
        Kind::Choices { order, style, .. } => {
            *order == ChoicesOrder::Random && *style != crate::schema::ChoiceStyle::Ranking
        }
        Kind::Matrix { random_rows, .. } => *random_rows,
        Kind::Roster(r) => r.random_rows,
        _ => false,
    }
}

/// The order to show an element's choices in, as indexes into its choices.
/// `seed` fixes the shuffle of `choicesOrder: "random"` (keep it per entry so
/// a reload shows the same order).
pub fn choice_order(e: &Element, lang: Lang, seed: u64) -> Vec<usize> {
    let Kind::Choices { choices, order, .. } = &e.kind else { return Vec::new() };
    let mut idx: Vec<usize> = (0..choices.len()).collect();
    let alphabetical = || {
        let keys: Vec<String> = choices.iter().map(|c| crate::case::fold(c.text.get(lang))).collect();
        crate::sorted::sorted_by(0..keys.len(), |&a, &b| keys[a] <= keys[b])
    };
    match order {
        ChoicesOrder::None => {}
        ChoicesOrder::Asc => idx = alphabetical(),
        ChoicesOrder::Desc => {
            idx = alphabetical();
            idx.reverse();
        }
        ChoicesOrder::Random => idx = shuffled(idx.len(), &e.name, seed),
    }
    idx
}

/// A page's or panel's elements in the order they show: as listed, or,
/// under `questionOrder: "random"`, shuffled for the page or panel `name`
/// with the entry's `seed` (the same on every visit).
pub fn in_order(children: &[ElementId], random: bool, name: &str, seed: u64) -> Vec<ElementId> {
    if !random {
        return children.to_vec();
    }
    shuffled(children.len(), name, seed).into_iter().map(|i| children[i]).collect()
}

/// Every element of `page`, depth first, in the order they show to the
/// entry with `seed` (pages and panels shuffled as `questionOrder` says);
/// without a seed, as listed.
pub fn page_in_order(survey: &Survey, page: usize, seed: Option<u64>) -> Vec<ElementId> {
    let Some(p) = survey.pages.get(page) else { return Vec::new() };
    let ordered = |children: &[ElementId], random: bool, name: &str| match seed {
        Some(seed) => in_order(children, random, name, seed),
        None => children.to_vec(),
    };
    let mut out = Vec::new();
    let mut stack: Vec<ElementId> = ordered(&p.children, p.random_order, &p.name);
    stack.reverse();
    while let Some(id) = stack.pop() {
        out.push(id);
        let e = &survey.elements[id];
        if let Kind::Panel { children, random_order } = &e.kind {
            stack.extend(ordered(children, *random_order, &e.name).into_iter().rev());
        }
    }
    out
}

/// `0..n` shuffled for the thing named `name` (a question, a page) under
/// the entry's `seed`: the same order on every reload of the entry.
pub fn shuffled(n: usize, name: &str, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut state = seed ^ name_hash(name);
    for i in (1..idx.len()).rev() {
        let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
        idx.swap(i, j);
    }
    idx
}
