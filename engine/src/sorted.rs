//! Sorting by insertion into a sorted list.
//!
//! Every call of the standard library's sort on a new element type adds
//! another copy of its merge and quick sorts (2–5 KB each) to the browser
//! build; seven of them were a tenth of the engine's code. The lists the
//! engine sorts are small (choices, object keys, the conditions one answer
//! touches), so a binary-search insertion is fast enough and costs a few
//! hundred bytes per type.

/// `items` in order, keeping the given order among equal items (stable).
/// `le(a, b)` says whether `a` may stay before `b`.
pub(crate) fn sorted_by<T>(items: impl IntoIterator<Item = T>, le: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        let at = out.partition_point(|x| le(x, &item));
        out.insert(at, item);
    }
    out
}

/// `items` sorted with each value once.
pub(crate) fn sorted_unique<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if let Err(at) = out.binary_search(&item) {
            out.insert(at, item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_uniquely() {
        // (input, sorted by the first letter only, sorted unique)
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            (&[], &[], &[]),
            (&["b"], &["b"], &["b"]),
            (&["b2", "a", "b1", "c", "a"], &["a", "a", "b2", "b1", "c"], &["a", "b1", "b2", "c"]),
            (&["c", "b", "a", "a", "b"], &["a", "a", "b", "b", "c"], &["a", "b", "c"]),
        ];
        for (input, stable, unique) in cases {
            let by_first = sorted_by(input.iter().copied(), |a, b| a[..1] <= b[..1]);
            assert_eq!(&by_first, stable, "stable sort of {input:?}");
            assert_eq!(&sorted_unique(input.iter().copied()), unique, "unique sort of {input:?}");
        }
    }
}
