//! What an entry is sent as: its [`Meta`] and the request body in the
//! endpoint's shape.

use crate::expr::date::to_iso;
use crate::fingerprint::{self as fp, Quality};
use crate::schema::{BodyShape, Survey};
use crate::text::Lang;
use crate::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Everything an entry's payload carries besides the answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Survey id.
    pub survey_id: String,
    /// Survey version.
    pub survey_version: String,
    /// The entry's UUID.
    pub submission_id: String,
    /// When the respondent submitted, ISO 8601.
    pub submitted_at: String,
    /// When the entry started, ISO 8601.
    pub started_at: String,
    /// Language the form was filled in.
    pub lang: String,
    /// Random id kept per survey in the browser.
    pub respondent: String,
    /// `entry` hash.
    pub entry: String,
    /// `device` hash.
    pub device: String,
    /// SimHash, 16 hex digits.
    pub similarity: String,
}

impl Meta {
    /// An entry's meta for `answers` (as `Flow::submission` gives them):
    /// the questionnaire's id and version, the entry hash and the SimHash,
    /// the times (epoch ms) in ISO 8601. `respondent` and `device` are the
    /// browser's (see `src/platform/device.rs`): empty here, for the
    /// caller to fill in.
    pub fn new(
        survey: &Survey,
        answers: &serde_json::Map<String, Json>,
        submission_id: &str,
        lang: Lang,
        started_ms: f64,
        submitted_ms: f64,
    ) -> Meta {
        Meta {
            survey_id: survey.id(),
            survey_version: fp::survey_version(survey),
            submission_id: submission_id.to_string(),
            submitted_at: to_iso(submitted_ms),
            started_at: to_iso(started_ms),
            lang: lang.code().to_string(),
            respondent: String::new(),
            entry: fp::entry(survey, answers),
            device: String::new(),
            similarity: fp::similarity_hex(answers),
        }
    }
}

/// The request body in the endpoint's shape.
pub fn payload(
    shape: BodyShape,
    answers: &serde_json::Map<String, Json>,
    meta: &Meta,
    quality: &Quality,
) -> Json {
    let fingerprint = json!({
        "entry": meta.entry,
        "device": meta.device,
        "similarity": meta.similarity,
        "respondent": meta.respondent,
    });
    match shape {
        BodyShape::Envelope => json!({
            "survey": {"id": meta.survey_id, "version": meta.survey_version},
            "submission_id": meta.submission_id,
            "answers": answers,
            "meta": {
                "started_at": meta.started_at,
                "submitted_at": meta.submitted_at,
                "lang": meta.lang,
                "respondent": meta.respondent,
            },
            "fingerprint": fingerprint,
            "quality": quality,
        }),
        BodyShape::Flat => {
            let mut out = answers.clone();
            out.insert("_submission_id".into(), json!(meta.submission_id));
            out.insert("_fingerprint".into(), fingerprint);
            out.insert("_submitted_at".into(), json!(meta.submitted_at));
            Json::Object(out)
        }
    }
}

/// A UUID v4 from 16 random bytes (the caller supplies the randomness).
pub fn uuid_v4(bytes: [u8; 16]) -> String {
    let mut b = bytes;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}
