//! Tanya's own settings (`"tanya"`) and the endpoint, with their reader.
//! The page's config block reads its endpoint through [`endpoint`] alone,
//! without a loader.

use super::reader::{join, type_name, Obj, Reader};
use super::Problem;
use crate::Json;
use std::collections::BTreeMap;

/// Reads an endpoint object (`{url, method, headers, body}`) or URL string,
/// as `tanya.endpoint` takes it; the page's config block uses the same shape.
pub fn endpoint(json: &Json) -> Result<Endpoint, Vec<Problem>> {
    let mut r = Reader::default();
    match r.endpoint(json) {
        Some(e) if r.errors.is_empty() => Ok(e),
        _ => Err(r.errors),
    }
}

/// What to do with an entry already submitted from the same device.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DuplicatePolicy {
    /// Refuse it.
    Block,
    /// Warn, and let the respondent start a new entry.
    #[default]
    Warn,
    /// Accept it silently.
    Allow,
}

impl DuplicatePolicy {
    /// The policy's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicatePolicy::Block => "block",
            DuplicatePolicy::Warn => "warn",
            DuplicatePolicy::Allow => "allow",
        }
    }
}

/// How the entry is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BodyShape {
    /// `{survey, submission_id, answers, meta, fingerprint, quality}`.
    #[default]
    Envelope,
    /// The answers with `_submission_id`, `_fingerprint`, `_submitted_at` beside them.
    Flat,
}

/// `tanya.endpoint`.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// Where to send entries.
    pub url: String,
    /// `POST` or `PUT`.
    pub method: String,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Body shape.
    pub body: BodyShape,
}

/// Tanya's own settings, under `"tanya"`.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Survey id.
    pub id: Option<String>,
    /// Survey version; otherwise a hash of the questionnaire.
    pub version: Option<String>,
    /// Where entries go.
    pub endpoint: Option<Endpoint>,
    /// Question names that may be prefilled from URL parameters.
    pub prefill: Vec<String>,
    /// Duplicate policy.
    pub duplicates: DuplicatePolicy,
    /// Questions that warn once when unanswered, then let the respondent go on.
    pub soft_required: Vec<String>,
    /// Languages offered, by code.
    pub languages: Vec<String>,
    /// `embed.parentOrigin`: the only origin an iframe posts messages to.
    pub parent_origin: Option<String>,
    /// `texts`: the form's own words (buttons, messages) by language code
    /// and key (`{"fr": {"next": "Suivant", "required": "..."}}`), each
    /// key a [`Ui`](crate::text::Ui) or [`Msg`](crate::text::Msg) name in
    /// lowerCamelCase; `{0}` stands for a message's number or date.
    pub texts: BTreeMap<String, BTreeMap<String, String>>,
}

impl Settings {
    /// The questionnaire's own word for `key` in `lang` (or the language
    /// without its region), if it gives one.
    pub fn text(&self, lang: crate::text::Lang, key: &str) -> Option<&str> {
        [lang.code(), lang.primary()]
            .iter()
            .find_map(|code| self.texts.get(*code)?.get(key))
            .map(String::as_str)
    }
}

/// Properties of `"tanya"`.
const TANYA: &[&str] = &[
    "id",
    "version",
    "endpoint",
    "prefill",
    "duplicates",
    "softRequired",
    "languages",
    "embed",
    "types",
    "texts",
];

impl Reader {
    /// `tanya.texts`: an object per language code of known keys to strings.
    fn texts(&mut self, t: &Obj) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        let Some(v) = t.get("texts") else { return out };
        let Some(by_lang) = self.object(v, "tanya.texts", "\"texts\"") else { return out };
        for (code, words) in by_lang {
            let path = format!("tanya.texts.{code}");
            if crate::text::Lang::from_code(code).is_none() {
                self.warn(path.clone(), format!("'{code}' is no language code; these texts are never shown"));
            }
            let Some(words) = self.object(words, &path, "an object of texts") else { continue };
            let mut kept = BTreeMap::new();
            for (key, w) in words {
                match w {
                    Json::String(w) if crate::text::is_text_key(key) => {
                        kept.insert(key.clone(), w.clone());
                    }
                    Json::String(_) => self.warn(
                        format!("{path}.{key}"),
                        format!(
                            "'{key}' is not one of the form's texts (see docs/texts.md); it is never shown"
                        ),
                    ),
                    other => self.error(
                        format!("{path}.{key}"),
                        format!("must be a string, not {}", type_name(other)),
                    ),
                }
            }
            out.insert(code.clone(), kept);
        }
        out
    }

    pub(super) fn settings(&mut self, o: &Obj) -> Settings {
        let mut s = Settings::default();
        let Some(v) = o.get("tanya") else { return s };
        let Some(t) = self.object(v, "tanya", "\"tanya\"") else { return s };
        self.unknown_props(t, "tanya", TANYA);
        s.id = self.string(t, "id", "tanya");
        s.version = self.string(t, "version", "tanya");
        s.prefill = self.names_list(t, "prefill");
        s.soft_required = self.names_list(t, "softRequired");
        s.languages = self.names_list(t, "languages");
        s.texts = self.texts(t);
        if let Some(d) = t.get("duplicates") {
            let policy = match d {
                Json::Object(d) => d.get("policy").and_then(Json::as_str).map(str::to_string),
                Json::String(p) => Some(p.clone()),
                _ => None,
            };
            s.duplicates = match policy.as_deref() {
                Some("block") => DuplicatePolicy::Block,
                Some("warn") | None => DuplicatePolicy::Warn,
                Some("allow") => DuplicatePolicy::Allow,
                Some(other) => {
                    self.error(
                        "tanya.duplicates.policy",
                        format!("must be block, warn or allow, not '{other}'"),
                    );
                    DuplicatePolicy::Warn
                }
            };
        }
        if let Some(Json::Object(e)) = t.get("embed") {
            s.parent_origin = self.string(e, "parentOrigin", "tanya.embed");
        }
        if let Some(e) = t.get("endpoint") {
            s.endpoint = self.endpoint(e);
        }
        s
    }

    pub(super) fn names_list(&mut self, t: &Obj, key: &str) -> Vec<String> {
        match t.get(key) {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(a)) if a.iter().all(Json::is_string) => {
                a.iter().filter_map(Json::as_str).map(str::to_string).collect()
            }
            Some(_) => {
                self.error(format!("tanya.{key}"), "must be an array of names");
                Vec::new()
            }
        }
    }

    pub(super) fn endpoint(&mut self, e: &Json) -> Option<Endpoint> {
        let p = "tanya.endpoint";
        if let Json::String(url) = e {
            if url.trim().is_empty() {
                self.error(p, "the URL is empty: entries would have nowhere to go");
                return None;
            }
            return Some(Endpoint {
                url: url.clone(),
                method: "POST".into(),
                headers: Vec::new(),
                body: BodyShape::Envelope,
            });
        }
        let eo = self.object(e, p, "the endpoint")?;
        self.unknown_props(eo, p, &["url", "method", "headers", "body"]);
        let Some(url) = self.string(eo, "url", p) else {
            self.error(p, "missing 'url'");
            return None;
        };
        if url.trim().is_empty() {
            self.error(join(p, "url"), "the URL is empty: entries would have nowhere to go");
            return None;
        }
        let method = self.string(eo, "method", p).unwrap_or_else(|| "POST".into()).to_ascii_uppercase();
        if method != "POST" && method != "PUT" {
            self.error(join(p, "method"), format!("must be POST or PUT, not '{method}'"));
        }
        let mut headers = Vec::new();
        match eo.get("headers") {
            None | Some(Json::Null) => {}
            Some(Json::Object(h)) => {
                for (k, v) in h {
                    match v.as_str() {
                        Some(v) => headers.push((k.clone(), v.to_string())),
                        None => self.error(format!("{p}.headers.{k}"), "a header value must be a string"),
                    }
                }
            }
            Some(_) => self.error(join(p, "headers"), "must be an object of strings"),
        }
        let body = match self.string(eo, "body", p).as_deref() {
            None | Some("envelope") => BodyShape::Envelope,
            Some("flat") => BodyShape::Flat,
            Some(other) => {
                self.error(join(p, "body"), format!("must be envelope or flat, not '{other}'"));
                BodyShape::Envelope
            }
        };
        Some(Endpoint { url, method, headers, body })
    }
}
