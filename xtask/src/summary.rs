//! Reads test counts out of the runners' own closing lines.

/// Counts of tests across every step of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed, plus steps that failed without running tests.
    pub failed: u64,
    /// Tests that were skipped or ignored.
    pub skipped: u64,
}

impl Counts {
    /// Adds another step's counts.
    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

/// Sums every libtest `test result:` line (cargo test, wasm-bindgen-test-runner).
pub fn libtest(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result:") else { continue };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(n)) = (words.next(), words.next()) else { continue };
            let Ok(n) = n.parse::<u64>() else { continue };
            match label {
                "passed" => c.passed += n,
                "failed" => c.failed += n,
                "ignored" => c.skipped += n,
                _ => {}
            }
        }
    }
    c
}

/// Reads node's TAP closing block (`# pass N`, `# fail N`, `# skipped N`).
pub fn node_tap(output: &str) -> Counts {
    let mut c = Counts::default();
    for line in output.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("#") {
            continue;
        }
        let (Some(label), Some(n)) = (words.next(), words.next()) else { continue };
        let Ok(n) = n.parse::<u64>() else { continue };
        match label {
            "pass" => c.passed += n,
            "fail" | "cancelled" => c.failed += n,
            "skipped" | "todo" => c.skipped += n,
            _ => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libtest_lines_are_summed() {
        let out = "running 2 tests\n\
                   test result: ok. 2 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
                   test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(libtest(out), Counts { passed: 5, failed: 2, skipped: 1 });
    }

    #[test]
    fn node_tap_block_is_read() {
        let out =
            "ok 1 - loads\n# tests 4\n# suites 0\n# pass 3\n# fail 1\n# cancelled 0\n# skipped 2\n# todo 0\n";
        assert_eq!(node_tap(out), Counts { passed: 3, failed: 1, skipped: 2 });
    }

    #[test]
    fn unrelated_output_counts_nothing() {
        assert_eq!(libtest("compiling\nwarning: x"), Counts::default());
        assert_eq!(node_tap("# Subtest: x\n"), Counts::default());
    }
}
