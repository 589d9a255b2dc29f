//! Delivery: the payload an entry is sent as, and the outbox state machine
//! that gets it to the endpoint exactly once.
//!
//! The outbox is pure: the caller passes in the time, the jitter and each
//! HTTP outcome, persists [`Item`]s, and sends when [`Item::is_due`].
//! The endpoint deduplicates on `submission_id` (sent as `Idempotency-Key`),
//! so retrying until an answer arrives never doubles an entry.

use crate::fingerprint::Quality;
use crate::schema::BodyShape;
use crate::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The longest wait between attempts.
pub const MAX_BACKOFF_MS: f64 = 300_000.0;
/// The first wait after a failure.
pub const BASE_BACKOFF_MS: f64 = 1_000.0;
/// A request unanswered this long counts as failed.
pub const TIMEOUT_MS: f64 = 30_000.0;

/// Where an entry stands. Stored inside its [`Item`] as a `state` tag
/// (`pending`, `sending`, `waiting`, `delivered`, `rejected`) beside the
/// variant's fields.
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// Saved, not yet sent.
    Pending,
    /// A request is under way since `since`.
    Sending {
        /// When the request started (epoch ms).
        since: f64,
    },
    /// The last attempt failed in a way worth retrying; send again at `retry_at`.
    Waiting {
        /// When to try again (epoch ms).
        retry_at: f64,
        /// Why the last attempt failed.
        reason: String,
    },
    /// The endpoint has it.
    Delivered {
        /// When it answered (epoch ms).
        at: f64,
    },
    /// The endpoint refused it; kept so the respondent can retry or download it.
    Rejected {
        /// The endpoint's reason.
        reason: String,
    },
}

/// What one HTTP attempt gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A response with its status, `Retry-After` in seconds when present, and body text.
    Response {
        /// HTTP status.
        status: u16,
        /// `Retry-After`, in seconds.
        retry_after: Option<f64>,
        /// The body, for a rejection's reason.
        body: String,
    },
    /// No response: offline, connection refused or reset.
    NetworkError(String),
    /// No response within [`TIMEOUT_MS`].
    Timeout,
}

/// One entry in the outbox. Phones keep it in browser storage across
/// releases as one JSON object; its (de)serialisation is written by hand
/// because serde's derive for a flattened, tagged enum is the largest
/// single function in the browser build.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The entry's UUID: the `Idempotency-Key`.
    pub submission_id: String,
    /// The request body, exactly as sent on every attempt.
    pub body: String,
    /// The URL.
    pub url: String,
    /// `POST` or `PUT`.
    pub method: String,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Where it stands.
    pub state: State,
    /// Attempts made so far.
    pub attempts: u32,
    /// The embedding portal's origin to tell of the delivery
    /// (`tanya.embed.parentOrigin` of the entry's questionnaire), if any.
    /// Kept per entry: one page's outbox may hold entries of several forms.
    pub notify: Option<String>,
    /// The id of the entry's questionnaire ([`crate::schema::Survey::id`]),
    /// so each form shows only its own refused entries. Items stored before
    /// it was kept have none.
    pub survey: Option<String>,
}

impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("submission_id", &self.submission_id)?;
        m.serialize_entry("body", &self.body)?;
        m.serialize_entry("url", &self.url)?;
        m.serialize_entry("method", &self.method)?;
        m.serialize_entry("headers", &self.headers)?;
        match &self.state {
            State::Pending => m.serialize_entry("state", "pending")?,
            State::Sending { since } => {
                m.serialize_entry("state", "sending")?;
                m.serialize_entry("since", since)?;
            }
            State::Waiting { retry_at, reason } => {
                m.serialize_entry("state", "waiting")?;
                m.serialize_entry("retry_at", retry_at)?;
                m.serialize_entry("reason", reason)?;
            }
            State::Delivered { at } => {
                m.serialize_entry("state", "delivered")?;
                m.serialize_entry("at", at)?;
            }
            State::Rejected { reason } => {
                m.serialize_entry("state", "rejected")?;
                m.serialize_entry("reason", reason)?;
            }
        }
        m.serialize_entry("attempts", &self.attempts)?;
        if let Some(origin) = &self.notify {
            m.serialize_entry("notify", origin)?;
        }
        if let Some(survey) = &self.survey {
            m.serialize_entry("survey", survey)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Item, D::Error> {
        let json = Json::deserialize(deserializer)?;
        Item::from_json(&json).map_err(serde::de::Error::custom)
    }
}

impl Item {
    /// Reads a stored item; the error names the first missing or mistyped key.
    fn from_json(json: &Json) -> Result<Item, String> {
        let o = json.as_object().ok_or("an outbox item must be an object")?;
        let text = |k: &str| {
            o.get(k).and_then(Json::as_str).map(str::to_string).ok_or(format!("'{k}' must be text"))
        };
        let number = |k: &str| o.get(k).and_then(Json::as_f64).ok_or(format!("'{k}' must be a number"));
        let state = match text("state")?.as_str() {
            "pending" => State::Pending,
            "sending" => State::Sending { since: number("since")? },
            "waiting" => State::Waiting { retry_at: number("retry_at")?, reason: text("reason")? },
            "delivered" => State::Delivered { at: number("at")? },
            "rejected" => State::Rejected { reason: text("reason")? },
            other => return Err(format!("unknown state '{other}'")),
        };
        let pair = |h: &Json| match h.as_array().map(Vec::as_slice) {
            Some([Json::String(k), Json::String(v)]) => Some((k.clone(), v.clone())),
            _ => None,
        };
        let headers = o.get("headers").and_then(Json::as_array).ok_or("'headers' must be a list")?;
        Ok(Item {
            submission_id: text("submission_id")?,
            body: text("body")?,
            url: text("url")?,
            method: text("method")?,
            headers: headers
                .iter()
                .map(pair)
                .collect::<Option<_>>()
                .ok_or("'headers' must be [name, value] pairs")?,
            state,
            attempts: o
                .get("attempts")
                .and_then(Json::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or("'attempts' must be a count")?,
            notify: match o.get("notify") {
                None | Some(Json::Null) => None,
                Some(_) => Some(text("notify")?),
            },
            survey: match o.get("survey") {
                None | Some(Json::Null) => None,
                Some(_) => Some(text("survey")?),
            },
        })
    }

    /// A new pending item.
    pub fn new(
        submission_id: &str,
        url: &str,
        method: &str,
        headers: Vec<(String, String)>,
        body: String,
    ) -> Item {
        Item {
            submission_id: submission_id.to_string(),
            body,
            url: url.to_string(),
            method: method.to_string(),
            headers,
            state: State::Pending,
            attempts: 0,
            notify: None,
            survey: None,
        }
    }

    /// Whether it should be sent now: pending, waiting past its time, or
    /// "sending" for longer than the timeout (the page closed mid-request).
    /// A time that only a clock since set back can explain (a start in the
    /// future, a wait longer than the longest backoff) makes it due too, so
    /// a corrected phone clock never holds an entry back for days.
    pub fn is_due(&self, now: f64) -> bool {
        match &self.state {
            State::Pending => true,
            State::Waiting { retry_at, .. } => *retry_at <= now || retry_at - now > MAX_BACKOFF_MS,
            State::Sending { since } => now - since >= TIMEOUT_MS || *since > now,
            State::Delivered { .. } | State::Rejected { .. } => false,
        }
    }

    /// Marks an attempt as started.
    pub fn start(&mut self, now: f64) {
        self.attempts += 1;
        self.state = State::Sending { since: now };
    }

    /// Applies an attempt's outcome. `jitter` in `[0, 1)` spreads retries of
    /// many phones apart. Once delivered, the body is dropped: the endpoint
    /// has the answers, and a shared phone should not keep them.
    pub fn finish(&mut self, outcome: &Outcome, now: f64, jitter: f64) {
        self.state = next_state(outcome, self.attempts, now, jitter);
        if matches!(self.state, State::Delivered { .. }) {
            self.body.clear();
        }
    }

    /// Puts a rejected item back in the queue (the respondent's retry button).
    pub fn retry(&mut self) {
        if matches!(self.state, State::Rejected { .. }) {
            self.state = State::Pending;
        }
    }
}

/// Brings what storage holds into a page's copy of the outbox. Storage is the
/// record every open tab shares, so each stored item replaces the page's copy
/// of it (another tab may have sent it meanwhile) and new stored items are
/// added. Items storage lacks stay; their ids are returned, for the caller to
/// store.
pub fn merge_stored(items: &mut Vec<Item>, stored: Vec<Item>) -> Vec<String> {
    let unstored = items
        .iter()
        .filter(|x| !stored.iter().any(|s| s.submission_id == x.submission_id))
        .map(|x| x.submission_id.clone())
        .collect();
    merge_where(items, stored, |_, _| true);
    unstored
}

/// Puts `other`'s copy of each entry into `items` where it is further along
/// (delivered, then refused, over an open state; then more attempts), and
/// adds the entries `items` lacks. For two stores of which either may hold
/// the newer copy.
pub fn merge_further(items: &mut Vec<Item>, other: Vec<Item>) {
    let progress = |x: &Item| {
        let settled = match x.state {
            State::Delivered { .. } => 2,
            State::Rejected { .. } => 1,
            _ => 0,
        };
        (settled, x.attempts)
    };
    merge_where(items, other, |theirs, mine| progress(theirs) > progress(mine));
}

/// Adds `other`'s entries that `items` lacks, and puts in its copy of the
/// others where `replaces(theirs, mine)`.
fn merge_where(items: &mut Vec<Item>, other: Vec<Item>, replaces: impl Fn(&Item, &Item) -> bool) {
    for item in other {
        match items.iter_mut().find(|x| x.submission_id == item.submission_id) {
            Some(mine) if replaces(&item, mine) => *mine = item,
            Some(_) => {}
            None => items.push(item),
        }
    }
}

/// The entries of questionnaire `survey` that the endpoint refused, except
/// `shown` (the entry on screen, which shows its own state). They wait on
/// the phone until the respondent retries or downloads them, so every
/// visit lists them. Items stored without a questionnaire id are listed
/// for every questionnaire.
pub fn refused<'a>(items: &'a [Item], survey: &'a str, shown: &'a str) -> impl Iterator<Item = &'a Item> {
    items.iter().filter(move |x| {
        matches!(x.state, State::Rejected { .. })
            && x.submission_id != shown
            && x.survey.as_deref().is_none_or(|s| s == survey)
    })
}

/// Whether a status is worth retrying: 408, 425, 429 and every 5xx.
pub fn is_retryable(status: u16) -> bool {
    matches!(status, 408 | 425 | 429) || (500..600).contains(&status)
}

/// Exponential backoff with jitter, capped at five minutes: attempt 1 waits
/// about 1 s, attempt 2 about 2 s, and so on.
pub fn backoff_ms(attempts: u32, jitter: f64) -> f64 {
    let exp = BASE_BACKOFF_MS * 2f64.powi(attempts.saturating_sub(1).min(20) as i32);
    (exp * (0.5 + jitter.clamp(0.0, 1.0) / 2.0)).min(MAX_BACKOFF_MS)
}

/// The state after an attempt.
pub fn next_state(outcome: &Outcome, attempts: u32, now: f64, jitter: f64) -> State {
    let wait = |reason: String, retry_after: Option<f64>| {
        let delay = match retry_after {
            Some(s) if s >= 0.0 => (s * 1000.0).min(MAX_BACKOFF_MS),
            _ => backoff_ms(attempts, jitter),
        };
        State::Waiting { retry_at: now + delay, reason }
    };
    match outcome {
        Outcome::Response { status, .. } if (200..300).contains(status) || *status == 409 => {
            State::Delivered { at: now }
        }
        // Redirects are not followed (a 302 would turn the POST into a GET of,
        // say, a login page, and look delivered); status 0 is how the browser
        // reports one it did not follow.
        Outcome::Response { status: 0 | 300..=399, .. } => State::Rejected {
            reason: "the endpoint answered with a redirect: configure the address it redirects to".into(),
        },
        Outcome::Response { status, retry_after, .. } if is_retryable(*status) => {
            wait(format!("HTTP {status}"), *retry_after)
        }
        Outcome::Response { status, body, .. } => {
            let detail = body.trim();
            let reason = if detail.is_empty() {
                format!("HTTP {status}")
            } else {
                format!("HTTP {status}: {}", detail.chars().take(500).collect::<String>())
            };
            State::Rejected { reason }
        }
        Outcome::NetworkError(e) => wait(format!("network: {e}"), None),
        Outcome::Timeout => wait("no answer within 30 s".into(), None),
    }
}

/// Reads `Retry-After`: seconds, or an HTTP date relative to `now`.
pub fn parse_retry_after(header: &str, now_ms: f64) -> Option<f64> {
    let h = header.trim();
    if let Some(s) = crate::expr::number::parse_decimal(h) {
        return Some(s.max(0.0));
    }
    http_date(h).map(|at| ((at - now_ms) / 1000.0).max(0.0))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` in epoch ms.
fn http_date(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 6 {
        return None;
    }
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == parts[2])? as u32 + 1;
    let day = crate::expr::date::Ymd::new(parts[3].parse().ok()?, month, parts[1].parse().ok()?)?;
    crate::expr::date::parse(&format!("{}-{:02}-{:02}T{}Z", day.year, day.month, day.day, parts[4]))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, retry_after: Option<f64>) -> Outcome {
        Outcome::Response { status, retry_after, body: "bad field".into() }
    }

    #[test]
    fn every_outcome_moves_to_the_right_state() {
        const REDIRECTED: &str =
            "the endpoint answered with a redirect: configure the address it redirects to";
        let now = 1_000_000.0;
        // (outcome, attempts, jitter, expected)
        let cases: Vec<(Outcome, u32, f64, State)> = vec![
            (resp(200, None), 1, 0.0, State::Delivered { at: now }),
            (resp(201, None), 1, 0.0, State::Delivered { at: now }),
            (resp(204, None), 3, 0.0, State::Delivered { at: now }),
            (resp(409, None), 2, 0.0, State::Delivered { at: now }),
            (resp(400, None), 1, 0.0, State::Rejected { reason: "HTTP 400: bad field".into() }),
            (resp(422, None), 1, 0.0, State::Rejected { reason: "HTTP 422: bad field".into() }),
            (resp(401, None), 1, 0.0, State::Rejected { reason: "HTTP 401: bad field".into() }),
            (resp(500, None), 1, 0.0, State::Waiting { retry_at: now + 500.0, reason: "HTTP 500".into() }),
            (resp(0, None), 1, 0.0, State::Rejected { reason: REDIRECTED.into() }),
            (resp(302, None), 1, 0.0, State::Rejected { reason: REDIRECTED.into() }),
            (resp(308, None), 2, 0.0, State::Rejected { reason: REDIRECTED.into() }),
            (
                resp(503, Some(7.0)),
                1,
                0.9,
                State::Waiting { retry_at: now + 7_000.0, reason: "HTTP 503".into() },
            ),
            (
                resp(429, Some(9999.0)),
                1,
                0.0,
                State::Waiting { retry_at: now + MAX_BACKOFF_MS, reason: "HTTP 429".into() },
            ),
            (resp(408, None), 2, 1.0, State::Waiting { retry_at: now + 2_000.0, reason: "HTTP 408".into() }),
            (resp(425, None), 3, 0.0, State::Waiting { retry_at: now + 2_000.0, reason: "HTTP 425".into() }),
            (
                Outcome::NetworkError("offline".into()),
                4,
                1.0,
                State::Waiting { retry_at: now + 8_000.0, reason: "network: offline".into() },
            ),
            (
                Outcome::Timeout,
                30,
                1.0,
                State::Waiting { retry_at: now + MAX_BACKOFF_MS, reason: "no answer within 30 s".into() },
            ),
        ];
        for (outcome, attempts, jitter, want) in cases {
            assert_eq!(
                next_state(&outcome, attempts, now, jitter),
                want,
                "{outcome:?} after {attempts} attempts"
            );
        }
    }

    #[test]
    fn only_a_delivered_item_gives_up_its_answers() {
        // (outcome, whether the body is still kept afterwards)
        let cases = [
            (resp(201, None), false),
            (resp(409, None), false),
            (resp(503, None), true),
            (resp(400, None), true),
            (Outcome::NetworkError("offline".into()), true),
            (Outcome::Timeout, true),
        ];
        for (outcome, kept) in cases {
            let mut item = Item::new("id", "/api", "POST", Vec::new(), r#"{"q1":"a"}"#.into());
            item.start(1.0);
            item.finish(&outcome, 2.0, 0.0);
            assert_eq!(!item.body.is_empty(), kept, "{outcome:?}");
        }
    }

    #[test]
    fn an_item_is_due_when_it_should_be_sent() {
        let mut item = Item::new("id", "/api", "POST", Vec::new(), "{}".into());
        assert!(item.is_due(0.0));
        item.start(10.0);
        assert!(!item.is_due(20.0), "a request is under way");
        assert!(item.is_due(10.0 + TIMEOUT_MS), "the page closed mid-request: send again");
        item.finish(&Outcome::NetworkError("reset".into()), 100.0, 0.0);
        assert!(!item.is_due(100.0));
        assert!(item.is_due(100.0 + BASE_BACKOFF_MS));
        item.start(2_000.0);
        item.finish(&resp(400, None), 2_100.0, 0.0);
        assert!(!item.is_due(1e12), "rejected entries wait for the respondent");
        // The phone's clock was a day ahead, then corrected.
        let day = 86_400_000.0;
        let mut ahead = Item::new("id", "/api", "POST", Vec::new(), "{}".into());
        ahead.start(10.0 * day);
        assert!(ahead.is_due(9.0 * day), "a request 'started' in the future is stale");
        ahead.finish(&Outcome::Timeout, 10.0 * day, 1.0);
        assert!(!ahead.is_due(10.0 * day - 1.0), "a wait within the longest backoff still holds");
        assert!(ahead.is_due(9.0 * day), "a wait longer than any backoff is stale");
        item.retry();
        assert!(item.is_due(2_200.0));
        item.start(2_300.0);
        item.finish(&resp(201, None), 2_400.0, 0.0);
        assert!(!item.is_due(1e12));
        assert_eq!(item.attempts, 3);
        let stored = serde_json::to_string(&item).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Item>(&stored).ok(), Some(item), "items survive storage");
    }

    #[test]
    fn the_portal_to_tell_is_kept_per_entry_and_older_items_still_load() {
        let mut item = Item::new("id-1", "/api", "POST", vec![], "{}".into());
        let plain = serde_json::to_string(&item).unwrap_or_default();
        assert!(!plain.contains("notify"), "nothing stored when there is no portal: {plain}");
        item.notify = Some("https://portal.example.go.id".into());
        let stored = serde_json::to_string(&item).unwrap_or_default();
        let back = serde_json::from_str::<Item>(&stored).ok().and_then(|i| i.notify);
        assert_eq!(back.as_deref(), Some("https://portal.example.go.id"));
        let older = plain.replace(",\"notify\":null", "");
        assert_eq!(serde_json::from_str::<Item>(&older).ok().map(|i| i.notify), Some(None));
    }

    #[test]
    fn stored_items_keep_their_format() {
        // Phones keep these in IndexedDB across releases: every state must
        // read back from, and write to, exactly this shape.
        let head =
            r#"{"submission_id":"s-1","body":"{}","url":"/api","method":"PUT","headers":[["X-Key","v"]],"#;
        let cases: Vec<(&str, State)> = vec![
            (r#""state":"pending""#, State::Pending),
            (r#""state":"sending","since":5.5"#, State::Sending { since: 5.5 }),
            (
                r#""state":"waiting","retry_at":9.0,"reason":"HTTP 503""#,
                State::Waiting { retry_at: 9.0, reason: "HTTP 503".into() },
            ),
            (r#""state":"delivered","at":12.0"#, State::Delivered { at: 12.0 }),
            (
                r#""state":"rejected","reason":"HTTP 400: no""#,
                State::Rejected { reason: "HTTP 400: no".into() },
            ),
        ];
        for (state, want) in cases {
            let text = format!(r#"{head}{state},"attempts":2,"notify":"https://p.example","survey":"ipk"}}"#);
            let item = serde_json::from_str::<Item>(&text).map_err(|e| format!("{text}: {e}"));
            let expected = Item {
                submission_id: "s-1".into(),
                body: "{}".into(),
                url: "/api".into(),
                method: "PUT".into(),
                headers: vec![("X-Key".into(), "v".into())],
                state: want,
                attempts: 2,
                notify: Some("https://p.example".into()),
                survey: Some("ipk".into()),
            };
            assert_eq!(item, Ok(expected.clone()), "{text}");
            let written: Json = serde_json::to_value(&expected).unwrap_or_default();
            let read: Json = serde_json::from_str(&text).unwrap_or_default();
            assert_eq!(written, read, "{state} is written in the stored shape");
        }
        for bad in [
            r#"{"submission_id":"s","body":"","url":"/","method":"POST","headers":[],"attempts":0}"#,
            r#"{"submission_id":"s","body":"","url":"/","method":"POST","headers":[],"state":"lost","attempts":0}"#,
            r#"{"submission_id":"s","body":"","url":"/","method":"POST","headers":[],"state":"sending","attempts":0}"#,
            r#"{"submission_id":"s","body":"","url":"/","method":"POST","headers":[7],"state":"pending","attempts":0}"#,
            r#"{"submission_id":"s","body":"","url":"/","method":"POST","headers":[],"state":"pending","attempts":-1}"#,
            r#"[]"#,
        ] {
            assert!(serde_json::from_str::<Item>(bad).is_err(), "{bad} is not an item");
        }
    }

    #[test]
    fn each_form_lists_its_own_refused_entries() {
        let item = |id: &str, survey: Option<&str>, state: State| Item {
            state,
            survey: survey.map(str::to_string),
            ..Item::new(id, "/", "POST", vec![], "{}".into())
        };
        let no = || State::Rejected { reason: "HTTP 401".into() };
        let items = [
            item("a", Some("ipk"), no()),
            item("b", Some("ipk"), State::Pending),
            item("c", Some("other"), no()),
            item("d", None, no()),
            item("e", Some("ipk"), State::Delivered { at: 1.0 }),
            item("f", Some("ipk"), no()),
        ];
        // (survey, the entry on screen, the entries listed)
        let cases = [
            ("ipk", "", vec!["a", "d", "f"]),
            ("ipk", "f", vec!["a", "d"]),
            ("other", "", vec!["c", "d"]),
            ("new", "x", vec!["d"]),
        ];
        for (survey, shown, want) in cases {
            let got: Vec<&str> = refused(&items, survey, shown).map(|x| x.submission_id.as_str()).collect();
            assert_eq!(got, want, "{survey}, showing {shown:?}");
        }
    }

    #[test]
    fn merging_two_stores_keeps_the_copy_further_along() {
        let item = |id: &str, state: State, attempts: u32| Item {
            state,
            attempts,
            ..Item::new(id, "/", "POST", vec![], String::new())
        };
        let sent = || State::Delivered { at: 1.0 };
        let waiting = || State::Waiting { retry_at: 2.0, reason: "network: x".into() };
        let refused = || State::Rejected { reason: "HTTP 400".into() };
        // (this store's copy, the other's, the one kept)
        let cases = [
            (item("a", sent(), 1), item("a", waiting(), 3), item("a", sent(), 1)),
            (item("a", waiting(), 1), item("a", sent(), 2), item("a", sent(), 2)),
            (item("a", refused(), 1), item("a", waiting(), 4), item("a", refused(), 1)),
            (item("a", waiting(), 2), item("a", waiting(), 3), item("a", waiting(), 3)),
            (item("a", waiting(), 3), item("a", State::Pending, 3), item("a", waiting(), 3)),
        ];
        for (mine, other, kept) in cases {
            let mut items = vec![mine, item("b", State::Pending, 0)];
            merge_further(&mut items, vec![other, item("c", State::Pending, 0)]);
            let ids: Vec<&str> = items.iter().map(|x| x.submission_id.as_str()).collect();
            assert_eq!(ids, ["a", "b", "c"], "entries only one store has are added");
            assert_eq!(items[0], kept);
        }
    }

    #[test]
    fn merging_stored_items_keeps_what_storage_lacks() {
        let item =
            |id: &str, state: State| Item { state, ..Item::new(id, "/", "POST", vec![], String::new()) };
        let sent = State::Delivered { at: 1.0 };
        let waiting = State::Waiting { retry_at: 2.0, reason: "network: x".into() };
        // (this page's copy, what storage holds, the result, the ids still to store)
        type Case = (Vec<Item>, Vec<Item>, Vec<Item>, Vec<&'static str>);
        let cases: Vec<Case> = vec![
            (vec![], vec![], vec![], vec![]),
            // Another tab delivered it: the stored state wins.
            (
                vec![item("a", waiting.clone())],
                vec![item("a", sent.clone())],
                vec![item("a", sent.clone())],
                vec![],
            ),
            // Another tab queued one: it is added after this page's own.
            (
                vec![item("a", State::Pending)],
                vec![item("b", waiting.clone()), item("a", State::Pending)],
                vec![item("a", State::Pending), item("b", waiting.clone())],
                vec![],
            ),
            // Storage lacks one (queued before storage opened): kept, to be stored.
            (
                vec![item("a", State::Pending), item("b", sent.clone())],
                vec![item("b", sent.clone())],
                vec![item("a", State::Pending), item("b", sent.clone())],
                vec!["a"],
            ),
            // No storage at all (memory only): everything is kept.
            (vec![item("a", waiting.clone())], vec![], vec![item("a", waiting.clone())], vec!["a"]),
        ];
        for (mut mine, stored, want, unstored) in cases {
            let left = merge_stored(&mut mine, stored);
            assert_eq!(mine, want);
            assert_eq!(left, unstored);
        }
    }

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff_ms(1, 1.0), 1_000.0);
        assert_eq!(backoff_ms(2, 1.0), 2_000.0);
        assert_eq!(backoff_ms(10, 1.0), MAX_BACKOFF_MS);
        assert_eq!(backoff_ms(1, 0.0), 500.0, "jitter halves at most");
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after("3", 0.0), Some(3.0));
        let now = crate::expr::date::parse("2026-11-29T10:00:00Z").unwrap_or(0.0);
        assert_eq!(parse_retry_after("Sun, 29 Nov 2026 10:00:05 GMT", now), Some(5.0));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn uuid_v4_shape() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}
