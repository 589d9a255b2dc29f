//! Why an attempt did not deliver an entry, typed, so the respondent reads
//! it in the form's language.
//!
//! Stored items keep a reason as the English line they always held
//! (`HTTP 400: …`, `HTTP 503`, `network: …`, `no answer within 30 s`, the
//! redirect sentence): [`Reason`]'s `Display` writes exactly that line and
//! `From<&str>` reads it back, so items stored by every release still load.

use crate::text::{Builtin, Lang};
use std::fmt;

/// The stored line of [`Reason::Redirect`].
const REDIRECT: &str = "the endpoint answered with a redirect: configure the address it redirects to";
/// The stored line of [`Reason::Timeout`].
const TIMEOUT: &str = "no answer within 30 s";
/// The stored line of [`Reason::Duplicate`].
const DUPLICATE: &str = "refused as a duplicate: this respondent already sent an entry to this survey";

/// The rule an endpoint names to refuse an entry as a duplicate by policy:
/// a non-2xx answer whose body is `{"errors": [{"rule": "duplicate", …}]}`.
/// `tanya-collector` answers so (422) under `block`; see the README's
/// endpoint contract.
pub const DUPLICATE_RULE: &str = "duplicate";

/// Whether an endpoint's answer `body` refuses the entry as a duplicate
/// (see [`DUPLICATE_RULE`]).
pub fn is_duplicate_refusal(body: &str) -> bool {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else { return false };
    v.get("errors")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|es| es.iter().any(|e| e.get("rule").and_then(|r| r.as_str()) == Some(DUPLICATE_RULE)))
}

/// Why an attempt failed or the endpoint refused the entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The endpoint answered with this status; `detail` is the start of its
    /// body (empty for a retried status, whose body is not kept).
    Status {
        /// The HTTP status.
        status: u16,
        /// The endpoint's own words, at most 500 characters.
        detail: String,
    },
    /// The endpoint answered with a redirect, which is never followed.
    Redirect,
    /// No response: offline, refused or reset, in the browser's words.
    Network(String),
    /// No response within [`super::TIMEOUT_MS`].
    Timeout,
    /// The endpoint refused the entry as a duplicate by its policy (the same
    /// respondent already sent one); see [`DUPLICATE_RULE`].
    Duplicate,
    /// A stored line no release of Tanya wrote, kept as it is.
    Other(String),
}

impl Reason {
    /// The reason as the respondent reads it in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (lang.builtin(), self) {
            (Builtin::En, r) => r.to_string(),
            (Builtin::Id, Reason::Status { status, detail }) if detail.is_empty() => {
                format!("server menjawab HTTP {status}")
            }
            (Builtin::Id, Reason::Status { status, detail }) => {
                format!("server menjawab HTTP {status}: {detail}")
            }
            (Builtin::Id, Reason::Redirect) => {
                "alamat pengiriman dialihkan ke alamat lain; penyelenggara survei perlu memperbaiki alamatnya"
                    .to_string()
            }
            (Builtin::Id, Reason::Network(e)) => format!("tidak ada koneksi ({e})"),
            (Builtin::Id, Reason::Timeout) => "server tidak menjawab dalam 30 detik".to_string(),
            (Builtin::Id, Reason::Duplicate) => {
                "ditolak sebagai isian ganda: responden ini sudah pernah mengirim isian untuk survei ini"
                    .to_string()
            }
            (Builtin::Id, Reason::Other(line)) => line.clone(),
        }
    }
}

/// The stored line, which is also the English text.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Status { status, detail } if detail.is_empty() => write!(f, "HTTP {status}"),
            Reason::Status { status, detail } => write!(f, "HTTP {status}: {detail}"),
            Reason::Redirect => f.write_str(REDIRECT),
            Reason::Network(e) => write!(f, "network: {e}"),
            Reason::Timeout => f.write_str(TIMEOUT),
            Reason::Duplicate => f.write_str(DUPLICATE),
            Reason::Other(line) => f.write_str(line),
        }
    }
}

/// Reads a stored line back (see the module's note).
impl From<&str> for Reason {
    fn from(line: &str) -> Reason {
        if line == REDIRECT {
            return Reason::Redirect;
        }
        if line == TIMEOUT {
            return Reason::Timeout;
        }
        if line == DUPLICATE {
            return Reason::Duplicate;
        }
        if let Some(e) = line.strip_prefix("network: ") {
            return Reason::Network(e.to_string());
        }
        let status = line.strip_prefix("HTTP ").and_then(|rest| {
            let (code, detail) = rest.split_once(": ").unwrap_or((rest, ""));
            Some(Reason::Status { status: code.parse().ok()?, detail: detail.to_string() })
        });
        status.unwrap_or_else(|| Reason::Other(line.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_body_naming_the_duplicate_rule_is_a_duplicate_refusal() {
        let cases = [
            (r#"{"errors":[{"question":"","rule":"duplicate","message":"x"}]}"#, true),
            (r#"{"errors":[{"rule":"required"},{"rule":"duplicate"}]}"#, true),
            (r#"{"errors":[{"question":"q1","rule":"required"}]}"#, false),
            (r#"{"error":"duplicate entry"}"#, false),
            ("duplicate", false),
            ("", false),
        ];
        for (body, want) in cases {
            assert_eq!(is_duplicate_refusal(body), want, "{body}");
        }
    }

    #[test]
    fn every_reason_reads_back_from_its_stored_line_and_reads_in_both_languages() {
        // (reason, stored line = English, Indonesian)
        let cases = [
            (
                Reason::Status { status: 400, detail: "{\"error\":\"q9\"}".into() },
                "HTTP 400: {\"error\":\"q9\"}",
                "server menjawab HTTP 400: {\"error\":\"q9\"}",
            ),
            (Reason::Status { status: 503, detail: String::new() }, "HTTP 503", "server menjawab HTTP 503"),
            (Reason::Redirect, REDIRECT, "alamat pengiriman dialihkan ke alamat lain; penyelenggara survei perlu memperbaiki alamatnya"),
            (Reason::Network("offline".into()), "network: offline", "tidak ada koneksi (offline)"),
            (Reason::Timeout, TIMEOUT, "server tidak menjawab dalam 30 detik"),
            (
                Reason::Duplicate,
                DUPLICATE,
                "ditolak sebagai isian ganda: responden ini sudah pernah mengirim isian untuk survei ini",
            ),
            (Reason::Other("HTTP x".into()), "HTTP x", "HTTP x"),
        ];
        for (reason, line, id) in cases {
            assert_eq!(reason.to_string(), line);
            assert_eq!(Reason::from(line), reason, "{line}");
            assert_eq!(reason.text(Lang::EN), line);
            assert_eq!(reason.text(Lang::ID), id);
        }
    }
}
