//! Entry fingerprints: recognise duplicates without identifying anyone.
//!
//! Everything here is pure, so the browser, `tanya fingerprint` and the
//! collector compute the same values bit for bit.
//!
//! # Canonical encoding (version 1)
//!
//! Another implementation reproduces `entry` like this:
//!
//! 1. Take the submitted answers (visible questions only) as a JSON object.
//! 2. Encode a value canonically:
//!    - `null`, `true`, `false` as written;
//!    - a number as JavaScript prints it (`1`, `1.0` and `1e0` all give `1`,
//!      `0.5` gives `0.5`, `-0` gives `0`); non-finite numbers as `null`;
//!    - a string trimmed of leading and trailing white space, then written as a
//!      JSON string: `"` and `\` escaped with `\`, control characters below
//!      U+0020 as `\u00XX` (lower-case hex), everything else as UTF-8;
//!    - an array as `[` items joined by `,` `]`, in order, except the answer of
//!      a `checkbox` question, whose items are sorted by their encoding
//!      (a set of choices, not a sequence). That holds at any depth: an
//!      array under a key that names a checkbox question, such as a checkbox
//!      cell in a roster's panel or row, is sorted too;
//!    - a roster (`paneldynamic`, `matrixdynamic`) is an array of objects, one
//!      per panel or row, kept in order; a `matrixdropdown` an object of row
//!      objects keyed by row value;
//!    - an object as `{` `"key":value` pairs joined by `,` `}`, keys sorted by
//!      their UTF-8 bytes.
//! 3. `entry` = lower-case hex SHA-256 of the UTF-8 bytes of
//!    `tanya-entry-v1\n{survey id}\n{survey version}\n{canonical answers}`.
//!
//! `version` is `tanya.version` when set, else the hex SHA-256 of the
//! canonical encoding of the whole questionnaire JSON.
//! `device` is the hex SHA-256 of `{salt}\n{canonical signals}`.
//! `similarity` is a 64-bit SimHash (see [`similarity`]).

use crate::expr::number::format_number;
use crate::schema::{ChoiceStyle, Kind, Survey};
use crate::Json;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The encoding version, part of every entry hash.
pub const ENTRY_DOMAIN: &str = "tanya-entry-v1";

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The canonical encoding of a JSON value (see the module docs). `set_keys`
/// names keys whose arrays are sets (sorted before encoding), at any depth.
pub fn canonical(value: &Json, set_keys: &[&str]) -> String {
    let mut out = String::new();
    encode(&mut out, value, set_keys);
    out
}

fn encode(out: &mut String, value: &Json, set_keys: &[&str]) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => match n.as_f64().filter(|f| f.is_finite()) {
            Some(f) => out.push_str(&format_number(f)),
            None => out.push_str("null"),
        },
        Json::String(s) => write_string(out, s.trim()),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode(out, item, set_keys);
            }
            out.push(']');
        }
        Json::Object(map) => {
            let keys = crate::sorted::sorted_by(map.keys(), |a, b| a.as_bytes() <= b.as_bytes());
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                match &map[*k] {
                    Json::Array(items) if set_keys.contains(&k.as_str()) => {
                        let parts =
                            crate::sorted::sorted_by(items.iter().map(|v| canonical(v, &[])), |a, b| a <= b);
                        out.push('[');
                        out.push_str(&parts.join(","));
                        out.push(']');
                    }
                    v => encode(out, v, set_keys),
                }
            }
            out.push('}');
        }
    }
}

/// The names of a survey's checkbox questions, roster cells included (their answers are sets).
fn set_questions(survey: &Survey) -> Vec<&str> {
    survey
        .elements
        .iter()
        .filter(|e| matches!(e.kind, Kind::Choices { style: ChoiceStyle::Checkbox, .. }))
        .map(|e| e.name.as_str())
        .collect()
}

/// The canonical encoding of submitted answers.
pub fn canonical_answers(survey: &Survey, answers: &serde_json::Map<String, Json>) -> String {
    canonical(&Json::Object(answers.clone()), &set_questions(survey))
}

/// The survey's version: `tanya.version`, else the hash of the canonical questionnaire.
pub fn survey_version(survey: &Survey) -> String {
    survey.tanya.version.clone().unwrap_or_else(|| sha256_hex(canonical(&survey.source, &[]).as_bytes()))
}

/// The `entry` hash of submitted answers.
pub fn entry(survey: &Survey, answers: &serde_json::Map<String, Json>) -> String {
    let text = format!(
        "{ENTRY_DOMAIN}\n{}\n{}\n{}",
        survey.id(),
        survey_version(survey),
        canonical_answers(survey, answers)
    );
    sha256_hex(text.as_bytes())
}

/// Stable browser signals. They are hashed in the browser and never sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceSignals {
    /// `navigator.languages`.
    pub languages: Vec<String>,
    /// IANA time zone, e.g. `Asia/Jakarta`.
    pub time_zone: String,
    /// Screen width in CSS pixels.
    pub screen_width: u32,
    /// Screen height in CSS pixels.
    pub screen_height: u32,
    /// `devicePixelRatio`.
    pub pixel_ratio: f64,
    /// `screen.colorDepth`.
    pub color_depth: u32,
    /// `navigator.platform`.
    pub platform: String,
    /// `navigator.hardwareConcurrency`.
    pub hardware_concurrency: u32,
    /// `navigator.maxTouchPoints`.
    pub max_touch_points: u32,
    /// Browser family from the user agent, e.g. `Chrome`.
    pub ua_family: String,
    /// Its major version.
    pub ua_major: u32,
}

/// The per-survey salt: different surveys give unjoinable device hashes.
pub fn salt(survey: &Survey) -> String {
    format!("tanya-device-v1:{}", survey.id())
}

/// The `device` hash: salt, then the canonical signals.
pub fn device(salt: &str, signals: &DeviceSignals) -> String {
    let json = serde_json::to_value(signals).unwrap_or(Json::Null);
    sha256_hex(format!("{salt}\n{}", canonical(&json, &[])).as_bytes())
}

/// A user agent's browser family and major version (`Chrome`, 131), with no other detail.
pub fn ua_family(ua: &str) -> (String, u32) {
    const FAMILIES: [(&str, &str); 8] = [
        ("FBAN", "Facebook"),
        ("Instagram", "Instagram"),
        ("SamsungBrowser/", "Samsung"),
        ("OPR/", "Opera"),
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Version/", "Safari"),
    ];
    if ua.contains("WhatsApp") {
        return ("WhatsApp".into(), 0);
    }
    for (marker, family) in FAMILIES {
        if let Some(i) = ua.find(marker) {
            let major = ua[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect::<String>();
            return (family.to_string(), major.parse().unwrap_or(0));
        }
    }
    ("Other".into(), 0)
}

/// Feature strings of answers: `q=value`, one per array item, `q.key=value`
/// inside objects, and `q.2.key=value` per cell of a roster's panels or rows.
fn features(answers: &serde_json::Map<String, Json>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in answers {
        match v {
            Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object) => {
                for (i, item) in items.iter().enumerate() {
                    let Json::Object(cells) = item else { continue };
                    out.extend(cells.iter().map(|(ck, cv)| format!("{k}.{i}.{ck}={}", canonical(cv, &[]))));
                }
            }
            Json::Array(items) => out.extend(items.iter().map(|i| format!("{k}={}", canonical(i, &[])))),
            Json::Object(map) => {
                out.extend(map.iter().map(|(rk, rv)| format!("{k}.{rk}={}", canonical(rv, &[]))))
            }
            other => out.push(format!("{k}={}", canonical(other, &[]))),
        }
    }
    out
}

/// [`similarity`] as it is sent and stored: 16 lower-case hex digits.
pub fn similarity_hex(answers: &serde_json::Map<String, Json>) -> String {
    format!("{:016x}", similarity(answers))
}

/// A 64-bit SimHash of the answers: each feature's hash votes on every bit,
/// so entries that differ in a few answers land a small Hamming distance apart.
pub fn similarity(answers: &serde_json::Map<String, Json>) -> u64 {
    let mut votes = [0i32; 64];
    for f in features(answers) {
        let d = Sha256::digest(f.as_bytes());
        let h = u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    votes.iter().enumerate().fold(0u64, |acc, (bit, v)| if *v > 0 { acc | 1 << bit } else { acc })
}

/// Bits that differ between two SimHashes.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Answer-quality signals sent with an entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// From start to submit, in milliseconds.
    pub duration_ms: f64,
    /// Share of answered matrices (two rows or more: Likert, dynamic and
    /// dropdown matrices) whose rows all gave the same answer.
    pub straightlining: f64,
    /// Milliseconds spent per page, by page name.
    pub page_ms: std::collections::BTreeMap<String, f64>,
}

/// Computes the quality signals.
pub fn quality(
    survey: &Survey,
    answers: &serde_json::Map<String, Json>,
    duration_ms: f64,
    page_ms: std::collections::BTreeMap<String, f64>,
) -> Quality {
    let mut matrices = 0usize;
    let mut straight = 0usize;
    for (_, e) in survey.questions() {
        // A Likert matrix's rows, or a dynamic or dropdown matrix's rows
        // (panels are not rows: their answers differ by nature).
        let rows: Vec<&Json> = match (&e.kind, answers.get(&e.name)) {
            (Kind::Matrix { .. }, Some(Json::Object(rows))) => rows.values().collect(),
            (Kind::Roster(r), Some(Json::Object(rows))) if r.is_matrix() => rows.values().collect(),
            (Kind::Roster(r), Some(Json::Array(rows))) if r.is_matrix() => rows.iter().collect(),
            _ => continue,
        };
        let rows: Vec<&Json> =
            rows.into_iter().filter(|v| !crate::expr::Value::from(*v).is_empty()).collect();
        if rows.len() < 2 {
            continue;
        }
        matrices += 1;
        if rows.iter().all(|v| *v == rows[0]) {
            straight += 1;
        }
    }
    let straightlining = if matrices == 0 { 0.0 } else { straight as f64 / matrices as f64 };
    Quality { duration_ms: duration_ms.max(0.0), straightlining, page_ms }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_encoding_is_stable() {
        let a: Json = serde_json::from_str(r#"{"b": [2, 1.0], "a": " x ", "c": {"z": 1.50, "y": null}}"#)
            .unwrap_or_default();
        assert_eq!(canonical(&a, &[]), r#"{"a":"x","b":[2,1],"c":{"y":null,"z":1.5}}"#);
        assert_eq!(canonical(&a, &["b"]), r#"{"a":"x","b":[1,2],"c":{"y":null,"z":1.5}}"#);
        assert_eq!(canonical(&Json::from("a\"\\\n"), &[]), r#""a\"\\""#, "trimmed, then escaped");
        assert_eq!(canonical(&Json::from("tab\there"), &[]), "\"tab\\u0009here\"");
    }

    #[test]
    fn user_agent_families() {
        let chrome =
            "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/131.0.0.0 Mobile Safari/537.36";
        assert_eq!(ua_family(chrome), ("Chrome".into(), 131));
        assert_eq!(
            ua_family("Mozilla/5.0 (iPhone) Version/17.4 Mobile/15E148 Safari/604.1"),
            ("Safari".into(), 17)
        );
        assert_eq!(ua_family("curl/8"), ("Other".into(), 0));
    }
}
