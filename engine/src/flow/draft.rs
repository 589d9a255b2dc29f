//! Drafts and the duplicate guard's record: what the browser keeps between
//! reloads, as JSON. Like the outbox's items, each stored format has
//! `from_json`/`to_json`, with `parse`/`to_text` for the text in storage.
//!
//! Read and written by hand rather than by serde's derive: the derive was
//! several KB of the wasm for one small object, and reading through
//! [`Json`] reuses code the wasm carries anyway.

use crate::Json;
use std::collections::BTreeMap;

/// An unfinished entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The page the respondent was on.
    pub page: usize,
    /// Every answer given so far.
    pub answers: serde_json::Map<String, Json>,
    /// Soft-required questions already confirmed as skipped.
    pub confirmed: Vec<String>,
    /// Seed of the random choice order, so a reload shows the same order.
    pub seed: u64,
    /// The entry's UUID, fixed when it started: the `Idempotency-Key`.
    pub submission_id: String,
    /// When the entry started (epoch milliseconds).
    pub started_at: f64,
    /// Time spent per page in milliseconds, by page name.
    pub page_ms: BTreeMap<String, f64>,
    /// The language the respondent was reading in (`id`, `en`), so a reload
    /// continues in it.
    pub lang: Option<String>,
    /// The answers the respondent gave ([`Flow::answered`](super::Flow::answered)),
    /// so a resumed entry's expressions overwrite none of them; `None` in a
    /// draft of an earlier release.
    pub answered: Option<Vec<String>>,
}

impl Draft {
    /// Reads a stored draft; anything unreadable is treated as no draft.
    /// `page` and `answers` must be there; the other keys came in later
    /// releases and default when missing.
    pub fn parse(text: &str) -> Option<Draft> {
        Draft::from_json(&serde_json::from_str(text).ok()?)
    }

    /// Reads a draft from its JSON (see [`Draft::parse`]).
    pub fn from_json(json: &Json) -> Option<Draft> {
        let o = json.as_object()?;
        // A key that is absent takes its default; one of the wrong type
        // makes the whole draft unreadable.
        fn opt<T: Default>(
            o: &serde_json::Map<String, Json>,
            key: &str,
            read: impl Fn(&Json) -> Option<T>,
        ) -> Option<T> {
            o.get(key).map_or(Some(T::default()), read)
        }
        let strings = |v: &Json| v.as_array()?.iter().map(|s| s.as_str().map(str::to_string)).collect();
        let times = |v: &Json| {
            let mut out = BTreeMap::new();
            for (k, ms) in v.as_object()? {
                out.insert(k.clone(), ms.as_f64()?);
            }
            Some(out)
        };
        Some(Draft {
            page: usize::try_from(o.get("page")?.as_u64()?).ok()?,
            answers: o.get("answers")?.as_object()?.clone(),
            confirmed: opt(o, "confirmed", strings)?,
            seed: opt(o, "seed", Json::as_u64)?,
            submission_id: opt(o, "submission_id", |v| v.as_str().map(str::to_string))?,
            started_at: opt(o, "started_at", Json::as_f64)?,
            page_ms: opt(o, "page_ms", times)?,
            // A preference, not an answer: an unreadable one is dropped alone.
            lang: o.get("lang").and_then(Json::as_str).map(str::to_string),
            // Unreadable, it is as in a draft of an earlier release: the
            // answers stay, and which are the respondent's is inferred.
            answered: o.get("answered").and_then(strings),
        })
    }

    /// The stored form.
    pub fn to_text(&self) -> String {
        self.to_json().to_string()
    }

    /// The stored form as JSON.
    pub fn to_json(&self) -> Json {
        let mut o = serde_json::Map::new();
        o.insert("page".into(), Json::from(self.page));
        o.insert("answers".into(), Json::Object(self.answers.clone()));
        o.insert("confirmed".into(), Json::from(self.confirmed.clone()));
        o.insert("seed".into(), Json::from(self.seed));
        o.insert("submission_id".into(), Json::from(self.submission_id.as_str()));
        o.insert("started_at".into(), Json::from(self.started_at));
        let mut times = serde_json::Map::new();
        for (k, ms) in &self.page_ms {
            times.insert(k.clone(), Json::from(*ms));
        }
        o.insert("page_ms".into(), Json::Object(times));
        if let Some(lang) = &self.lang {
            o.insert("lang".into(), Json::from(lang.as_str()));
        }
        if let Some(answered) = &self.answered {
            o.insert("answered".into(), Json::from(answered.clone()));
        }
        Json::Object(o)
    }
}

/// What the browser remembers after a submit, for the duplicate guard:
/// when, and which entry. No answer hash: on a shared phone it would let
/// anyone test guesses of the answers against it.
#[derive(Clone, Debug, PartialEq)]
pub struct Submitted {
    /// When (ISO 8601).
    pub at: String,
    /// The entry's UUID.
    pub submission_id: String,
}

impl Submitted {
    /// Reads the stored record (`{"at", "submission_id"}`; records of earlier
    /// releases also hold an `entry`, which is ignored); `None` when anything
    /// is missing.
    pub fn parse(text: &str) -> Option<Submitted> {
        Submitted::from_json(&serde_json::from_str(text).ok()?)
    }

    /// Reads the record from its JSON (see [`Submitted::parse`]).
    pub fn from_json(json: &Json) -> Option<Submitted> {
        let text = |k: &str| json.get(k)?.as_str().map(str::to_string);
        Some(Submitted { at: text("at")?, submission_id: text("submission_id")? })
    }

    /// The stored form.
    pub fn to_text(&self) -> String {
        self.to_json().to_string()
    }

    /// The stored form as JSON.
    pub fn to_json(&self) -> Json {
        let mut o = serde_json::Map::new();
        o.insert("at".into(), self.at.as_str().into());
        o.insert("submission_id".into(), self.submission_id.as_str().into());
        Json::Object(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Draft {
        let mut answers = serde_json::Map::new();
        answers.insert("q1".into(), Json::from("ya"));
        answers.insert("m".into(), serde_json::json!({"r1": 3}));
        Draft {
            page: 2,
            answers,
            confirmed: vec!["q9".into()],
            seed: u64::MAX,
            submission_id: "3f0c".into(),
            started_at: 1_764_400_000_000.5,
            page_ms: BTreeMap::from([("p1".to_string(), 1234.0)]),
            lang: None,
            answered: None,
        }
    }

    #[test]
    fn drafts_survive_a_reload() {
        let draft = full();
        assert_eq!(Draft::parse(&draft.to_text()), Some(draft));
        assert_eq!(Draft::parse(&Draft::default().to_text()), Some(Draft::default()));
        let english = Draft { lang: Some("en".into()), ..full() };
        assert_eq!(Draft::parse(&english.to_text()), Some(english));
        let answered = Draft { answered: Some(vec!["q1".into(), "m\u{0}r1".into()]), ..full() };
        assert_eq!(Draft::parse(&answered.to_text()), Some(answered));
    }

    #[test]
    fn stored_drafts_of_every_release_read_or_count_as_none() {
        // (stored text, what it reads as)
        let older = Draft { page: 1, answers: full().answers, ..Draft::default() };
        let cases: Vec<(&str, Option<Draft>)> = vec![
            (
                r#"{"page":2,"answers":{"q1":"ya","m":{"r1":3}},"confirmed":["q9"],"seed":18446744073709551615,"submission_id":"3f0c","started_at":1764400000000.5,"page_ms":{"p1":1234.0}}"#,
                Some(full()),
            ),
            (r#"{"page":1,"answers":{"q1":"ya","m":{"r1":3}}}"#, Some(older)),
            (r#"{"page":1,"answers":{},"unknown":true}"#, Some(Draft { page: 1, ..Draft::default() })),
            (
                r#"{"page":0,"answers":{},"lang":"en"}"#,
                Some(Draft { lang: Some("en".into()), ..Draft::default() }),
            ),
            (r#"{"page":0,"answers":{},"lang":3}"#, Some(Draft::default())),
            (
                r#"{"page":0,"answers":{},"answered":["q1"]}"#,
                Some(Draft { answered: Some(vec!["q1".into()]), ..Draft::default() }),
            ),
            (
                r#"{"page":0,"answers":{"q1":"ya"},"answered":"q1"}"#,
                Some(Draft {
                    answers: full().answers.into_iter().filter(|(k, _)| k == "q1").collect(),
                    ..Draft::default()
                }),
            ),
            (r#"{"answers":{}}"#, None),
            (r#"{"page":-1,"answers":{}}"#, None),
            (r#"{"page":0,"answers":[]}"#, None),
            (r#"{"page":0,"answers":{},"confirmed":"q1"}"#, None),
            (r#"{"page":0,"answers":{},"confirmed":[1]}"#, None),
            (r#"{"page":0,"answers":{},"seed":1.5}"#, None),
            (r#"{"page":0,"answers":{},"page_ms":{"p1":"x"}}"#, None),
            ("not json", None),
            ("[]", None),
        ];
        for (text, want) in cases {
            assert_eq!(Draft::parse(text), want, "{text}");
        }
    }

    #[test]
    fn the_duplicate_guard_record_reads_back() {
        let record = Submitted { at: "2026-11-29T10:00:00Z".into(), submission_id: "u-1".into() };
        assert_eq!(Submitted::parse(&record.to_text()), Some(record.clone()));
        assert!(!record.to_text().contains("entry"), "no answer hash is kept");
        // As earlier releases stored it, with the hash, which is dropped.
        let stored = r#"{"entry":"ab12","at":"2026-11-29T10:00:00Z","submission_id":"u-1"}"#;
        assert_eq!(Submitted::parse(stored), Some(record));
        for bad in [r#"{"entry":"ab12","at":"x"}"#, r#"{"at":1,"submission_id":"u"}"#, "[]", ""] {
            assert_eq!(Submitted::parse(bad), None, "{bad}");
        }
    }
}
