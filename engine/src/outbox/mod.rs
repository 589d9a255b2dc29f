//! Delivery: the payload an entry is sent as, and the outbox state machine
//! that gets it to the endpoint exactly once.
//!
//! The outbox is pure: the caller passes in the time, the jitter and each
//! HTTP outcome, persists [`Item`]s, and sends when [`Item::is_due`].
//! The endpoint deduplicates on `submission_id` (sent as `Idempotency-Key`),
//! so retrying until an answer arrives never doubles an entry.

mod payload;
mod reason;
mod stored;

pub use payload::{payload, uuid_v4, Meta};
pub use reason::{is_duplicate_refusal, Reason, DUPLICATE_RULE};

/// The longest wait between attempts.
pub const MAX_BACKOFF_MS: f64 = 300_000.0;
/// The first wait after a failure.
pub const BASE_BACKOFF_MS: f64 = 1_000.0;
/// A request unanswered this long counts as failed.
pub const TIMEOUT_MS: f64 = 30_000.0;
/// How long a delivered entry's record (its id and when it went; the
/// answers are dropped at once) stays in the outbox: long enough for every
/// open tab to see it delivered, short enough that a shared phone keeps no
/// trace of it.
pub const KEEP_DELIVERED_MS: f64 = 15.0 * 60_000.0;

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
        reason: Reason,
    },
    /// The endpoint has it.
    Delivered {
        /// When it answered (epoch ms).
        at: f64,
    },
    /// The endpoint refused it; kept so the respondent can retry or download
    /// it. Stored with the tag `rejected`, as every release wrote it.
    Refused {
        /// Why.
        reason: Reason,
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
    /// Stored as `notify`.
    pub parent_origin: Option<String>,
    /// The id of the entry's questionnaire ([`crate::schema::Survey::id`]),
    /// so each form shows only its own refused entries. Items stored before
    /// it was kept have none. Stored as `survey`.
    pub survey_id: Option<String>,
}

impl State {
    /// Still on its way: pending, sending or waiting to retry (neither
    /// delivered nor refused).
    pub fn is_open(&self) -> bool {
        matches!(self, State::Pending | State::Sending { .. } | State::Waiting { .. })
    }
}

impl Item {
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
            parent_origin: None,
            survey_id: None,
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
            State::Delivered { .. } | State::Refused { .. } => false,
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
        if matches!(self.state, State::Refused { .. }) {
            self.state = State::Pending;
        }
    }
}

/// Removes the entries delivered more than [`KEEP_DELIVERED_MS`] ago (or,
/// by a clock since set back, in the future) and returns their ids, for
/// the caller to delete from storage. Every tab prunes by the same rule, so
/// none brings a removed entry back.
pub fn prune_delivered(items: &mut Vec<Item>, now: f64) -> Vec<String> {
    let old = |x: &Item| matches!(x.state, State::Delivered { at } if now - at > KEEP_DELIVERED_MS || at > now + KEEP_DELIVERED_MS);
    let gone = items.iter().filter(|x| old(x)).map(|x| x.submission_id.clone()).collect();
    items.retain(|x| !old(x));
    gone
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
            State::Refused { .. } => 1,
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
        matches!(x.state, State::Refused { .. })
            && x.submission_id != shown
            && x.survey_id.as_deref().is_none_or(|s| s == survey)
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
    let wait = |reason: Reason, retry_after: Option<f64>| {
        let delay = match retry_after {
            Some(s) if s >= 0.0 => (s * 1000.0).min(MAX_BACKOFF_MS),
            _ => backoff_ms(attempts, jitter),
        };
        State::Waiting { retry_at: now + delay, reason }
    };
    match outcome {
        // A refusal by the endpoint's duplicate policy, whatever its status:
        // the entry is not stored there, so the phone keeps it.
        Outcome::Response { status, body, .. }
            if !(200..300).contains(status) && is_duplicate_refusal(body) =>
        {
            State::Refused { reason: Reason::Duplicate }
        }
        // 409 is how many endpoints say "already stored".
        Outcome::Response { status, .. } if (200..300).contains(status) || *status == 409 => {
            State::Delivered { at: now }
        }
        // Redirects are not followed (a 302 would turn the POST into a GET of,
        // say, a login page, and look delivered); status 0 is how the browser
        // reports one it did not follow.
        Outcome::Response { status: 0 | 300..=399, .. } => State::Refused { reason: Reason::Redirect },
        Outcome::Response { status, retry_after, .. } if is_retryable(*status) => {
            wait(Reason::Status { status: *status, detail: String::new() }, *retry_after)
        }
        Outcome::Response { status, body, .. } => {
            let detail = body.trim().chars().take(500).collect();
            State::Refused { reason: Reason::Status { status: *status, detail } }
        }
        Outcome::NetworkError(e) => wait(Reason::Network(e.clone()), None),
        Outcome::Timeout => wait(Reason::Timeout, None),
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

#[cfg(test)]
mod tests {

    #[test]
    fn delivered_entries_are_pruned_after_the_grace_period() {
        let at = 1_000_000.0;
        let mk = |id: &str, state: State| {
            let mut x = Item::new(id, "https://x.example/api", "POST", Vec::new(), "{}".into());
            x.state = state;
            x
        };
        // (state, minutes after, kept)
        let cases = [
            (State::Delivered { at }, 14.0, true),
            (State::Delivered { at }, 16.0, false),
            (State::Delivered { at: at + 60.0 * 60_000.0 }, 0.0, false),
            (State::Pending, 600.0, true),
            (State::Refused { reason: Reason::Redirect }, 600.0, true),
        ];
        for (state, minutes, kept) in cases {
            let mut items = vec![mk("a", state.clone())];
            let gone = prune_delivered(&mut items, at + minutes * 60_000.0);
            assert_eq!(items.len() == 1, kept, "{state:?} after {minutes} min");
            assert_eq!(gone.is_empty(), kept);
        }
    }

    use super::*;

    fn resp(status: u16, retry_after: Option<f64>) -> Outcome {
        Outcome::Response { status, retry_after, body: "bad field".into() }
    }

    fn duplicate(status: u16) -> Outcome {
        let body = r#"{"errors":[{"question":"","rule":"duplicate","message":"already sent"}]}"#.into();
        Outcome::Response { status, retry_after: None, body }
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
            (duplicate(422), 1, 0.0, State::Refused { reason: Reason::Duplicate }),
            (duplicate(409), 1, 0.0, State::Refused { reason: Reason::Duplicate }),
            (resp(400, None), 1, 0.0, State::Refused { reason: "HTTP 400: bad field".into() }),
            (resp(422, None), 1, 0.0, State::Refused { reason: "HTTP 422: bad field".into() }),
            (resp(401, None), 1, 0.0, State::Refused { reason: "HTTP 401: bad field".into() }),
            (resp(500, None), 1, 0.0, State::Waiting { retry_at: now + 500.0, reason: "HTTP 500".into() }),
            (resp(0, None), 1, 0.0, State::Refused { reason: REDIRECTED.into() }),
            (resp(302, None), 1, 0.0, State::Refused { reason: REDIRECTED.into() }),
            (resp(308, None), 2, 0.0, State::Refused { reason: REDIRECTED.into() }),
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
    fn open_states_are_the_ones_still_on_their_way() {
        let open = [
            State::Pending,
            State::Sending { since: 1.0 },
            State::Waiting { retry_at: 2.0, reason: Reason::Timeout },
        ];
        let settled = [State::Delivered { at: 3.0 }, State::Refused { reason: Reason::Redirect }];
        assert!(open.iter().all(State::is_open));
        assert!(!settled.iter().any(State::is_open));
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
    fn each_form_lists_its_own_refused_entries() {
        let item = |id: &str, survey: Option<&str>, state: State| Item {
            state,
            survey_id: survey.map(str::to_string),
            ..Item::new(id, "/", "POST", vec![], "{}".into())
        };
        let no = || State::Refused { reason: "HTTP 401".into() };
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
        let refused = || State::Refused { reason: "HTTP 400".into() };
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
}
