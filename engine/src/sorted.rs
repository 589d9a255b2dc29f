//! Sorting without the standard library's sorts.
//!
//! Every call of the standard library's sort on a new element type adds
//! another copy of its merge and quick sorts (2–5 KB each) to the browser
//! build; seven of them were a tenth of the engine's code. This is one
//! small bottom-up merge sort: O(n log n) whatever the input, since some
//! lists come from clients (a checkbox answer the collector fingerprints).

/// `items` in order, keeping the given order among equal items (stable).
/// `le(a, b)` says whether `a` may stay before `b`.
pub(crate) fn sorted_by<T>(items: impl IntoIterator<Item = T>, le: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut run: Vec<Option<T>> = items.into_iter().map(Some).collect();
    let n = run.len();
    let mut width = 1;
    while width < n {
        let mut merged: Vec<Option<T>> = Vec::with_capacity(n);
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            while i < mid || j < end {
                // Take from the left run while it may stay first: stable.
                let left = i < mid
                    && (j >= end
                        || match (&run[i], &run[j]) {
                            (Some(a), Some(b)) => le(a, b),
                            _ => true,
                        });
                let k = if left { &mut i } else { &mut j };
                merged.push(run[*k].take());
                *k += 1;
            }
            start = end;
        }
        run = merged;
        width *= 2;
    }
    run.into_iter().flatten().collect()
}

/// `items` sorted with each value once.
pub(crate) fn sorted_unique<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = sorted_by(items, |a, b| a <= b);
    out.dedup();
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

    #[test]
    fn a_large_list_sorts_in_order() {
        // A shuffled list of 50,000 (the size of a hostile checkbox answer).
        let n: u64 = 50_000;
        let input: Vec<u64> = (0..n).map(|i| (i * 7_919) % n).collect();
        let out = sorted_by(input, |a, b| a <= b);
        assert!(out.windows(2).all(|w| w[0] <= w[1]) && out.len() == n as usize);
    }
}
