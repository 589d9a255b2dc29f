//! `cargo xtask codegen`: regenerates the tables the engine carries instead
//! of the standard library's, from the standard library itself. A test
//! checks that the committed tables are current, so a toolchain with newer
//! Unicode data says so instead of drifting.

use crate::cmd::Result;
use crate::root;

/// Where the case-folding runs live, between these two lines.
const CASE_FILE: &str = "engine/src/case.rs";
const RUNS_OPEN: &str = "const RUNS: &[(u32, u8, u8, i32)] = &[\n";
const RUNS_CLOSE: &str = "\n];";

/// The runs of characters that lower-case to one other character:
/// `(first, reach past it, step, what to add)`, in order. A run takes
/// characters `step` apart (1, or 2 where capitals and small letters
/// alternate) that all move by the same amount. "İ", which lowers to two
/// characters, is not in a run (`case::fold` handles it).
pub fn case_runs() -> Vec<(u32, u8, u8, i32)> {
    let delta = |n: u32| -> Option<i32> {
        let c = char::from_u32(n)?;
        let mut lower = c.to_lowercase();
        let (l, rest) = (lower.next()?, lower.next());
        (rest.is_none() && l != c).then(|| l as i32 - n as i32)
    };
    let mut runs = Vec::new();
    let mut n = 0x41;
    while n <= 0x10FFFF {
        let Some(d) = delta(n) else {
            n += 1;
            continue;
        };
        let step = if delta(n + 1) != Some(d) && delta(n + 2) == Some(d) { 2 } else { 1 };
        let mut last = n;
        while last - n + step <= u32::from(u8::MAX) && delta(last + step) == Some(d) {
            last += step;
        }
        runs.push((n, (last - n) as u8, step as u8, d));
        n = last + 1;
    }
    runs
}

/// The runs as the Rust lines between [`RUNS_OPEN`] and [`RUNS_CLOSE`].
fn case_lines() -> String {
    let cells: Vec<String> = case_runs()
        .iter()
        .map(|(n, reach, step, add)| format!("(0x{n:X}, {reach}, {step}, {add})"))
        .collect();
    cells.chunks(4).map(|row| format!("    {},", row.join(", "))).collect::<Vec<_>>().join("\n")
}

/// `text` with its runs table replaced by the generated one; `None` when
/// the markers are missing.
fn with_case_lines(text: &str) -> Option<String> {
    let start = text.find(RUNS_OPEN)? + RUNS_OPEN.len();
    let end = start + text[start..].find(RUNS_CLOSE)?;
    Some(format!("{}{}{}", &text[..start], case_lines(), &text[end..]))
}

/// The SurveyJS support document, generated from the engine's table.
pub const SUPPORT_DOC: &str = "docs/surveyjs-support.md";

/// The form's own words, the keys `tanya.texts` overrides.
pub const TEXTS_DOC: &str = "docs/texts.md";

/// `docs/texts.md`, from the engine's catalogue.
fn texts_markdown() -> String {
    let mut out = String::from(
        "# The form's own words\n\n\
         Generated from the engine's messages by `cargo xtask codegen`; a test keeps it in sync.\n\n\
         Tanya says these in Indonesian for `id` and in English for every other language. A \
         questionnaire gives its own per language under `tanya.texts`, by key:\n\n\
         ```json\n\"tanya\": {\"texts\": {\"fr\": {\"next\": \"Suivant\", \"required\": \"Réponse obligatoire.\"}}}\n```\n\n\
         `{0}` stands for a message's number or date. An unknown key or language is a warning.\n\n\
         | key | English | Indonesian |\n|---|---|---|\n",
    );
    for (key, en, id) in tanya_engine::text::catalogue() {
        let cell = |t: &str| t.replace('|', "\\|");
        out.push_str(&format!("| `{key}` | {} | {} |\n", cell(&en), cell(&id)));
    }
    out
}

/// Writes `markdown` to `rel` unless it is already there.
fn write_doc(rel: &str, markdown: &str) -> Result<()> {
    let doc = root().join(rel);
    if std::fs::read_to_string(&doc).ok().as_deref() == Some(markdown) {
        println!("xtask codegen: {rel} is current");
    } else {
        std::fs::write(&doc, markdown).map_err(|e| format!("{}: {e}", doc.display()))?;
        println!("xtask codegen: rewrote {rel}");
    }
    Ok(())
}

/// Rewrites the generated documents and tables in place.
pub fn codegen() -> Result<()> {
    write_doc(SUPPORT_DOC, &tanya_engine::schema::support::markdown())?;
    write_doc(TEXTS_DOC, &texts_markdown())?;
    let path = root().join(CASE_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let next = with_case_lines(&text).ok_or(format!("{CASE_FILE}: no RUNS table to replace"))?;
    if next == text {
        println!("xtask codegen: {CASE_FILE} is current");
        return Ok(());
    }
    std::fs::write(&path, next).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("xtask codegen: rewrote the case-folding runs in {CASE_FILE}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_support_document_is_current() {
        let doc = std::fs::read_to_string(root().join(SUPPORT_DOC)).unwrap_or_default();
        assert!(
            doc == tanya_engine::schema::support::markdown(),
            "{SUPPORT_DOC} is out of date: run `cargo xtask codegen`"
        );
    }

    #[test]
    fn the_committed_texts_document_is_current() {
        let doc = std::fs::read_to_string(root().join(TEXTS_DOC)).unwrap_or_default();
        assert!(doc == texts_markdown(), "{TEXTS_DOC} is out of date: run `cargo xtask codegen`");
        assert!(doc.contains("| `next` | Next | Berikutnya |"), "{doc}");
    }

    #[test]
    fn the_committed_case_table_is_current() {
        let text = std::fs::read_to_string(root().join(CASE_FILE)).expect("engine/src/case.rs");
        let generated = with_case_lines(&text).expect("the RUNS markers");
        assert!(generated == text, "{CASE_FILE} is out of date: run `cargo xtask codegen`");
        assert!(case_runs().len() > 100, "the table is not empty");
    }
}
