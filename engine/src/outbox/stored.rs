//! The stored form of an outbox [`Item`]: one JSON object, kept by phones
//! across releases, so every state reads back from and writes to exactly
//! the same shape.

use super::{Item, State};
use crate::Json;
use serde::{Deserialize, Serialize};

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
                m.serialize_entry("reason", &reason.to_string())?;
            }
            State::Delivered { at } => {
                m.serialize_entry("state", "delivered")?;
                m.serialize_entry("at", at)?;
            }
            State::Refused { reason } => {
                m.serialize_entry("state", "rejected")?;
                m.serialize_entry("reason", &reason.to_string())?;
            }
        }
        m.serialize_entry("attempts", &self.attempts)?;
        if let Some(origin) = &self.parent_origin {
            m.serialize_entry("notify", origin)?;
        }
        if let Some(survey) = &self.survey_id {
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
            "waiting" => {
                State::Waiting { retry_at: number("retry_at")?, reason: text("reason")?.as_str().into() }
            }
            "delivered" => State::Delivered { at: number("at")? },
            "rejected" => State::Refused { reason: text("reason")?.as_str().into() },
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
            parent_origin: match o.get("notify") {
                None | Some(Json::Null) => None,
                Some(_) => Some(text("notify")?),
            },
            survey_id: match o.get("survey") {
                None | Some(Json::Null) => None,
                Some(_) => Some(text("survey")?),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_to_tell_is_kept_per_entry_and_older_items_still_load() {
        let mut item = Item::new("id-1", "/api", "POST", vec![], "{}".into());
        let plain = serde_json::to_string(&item).unwrap_or_default();
        assert!(!plain.contains("notify"), "nothing stored when there is no portal: {plain}");
        item.parent_origin = Some("https://portal.example.go.id".into());
        let stored = serde_json::to_string(&item).unwrap_or_default();
        let back = serde_json::from_str::<Item>(&stored).ok().and_then(|i| i.parent_origin);
        assert_eq!(back.as_deref(), Some("https://portal.example.go.id"));
        let older = plain.replace(",\"notify\":null", "");
        assert_eq!(serde_json::from_str::<Item>(&older).ok().map(|i| i.parent_origin), Some(None));
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
                State::Refused { reason: "HTTP 400: no".into() },
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
                parent_origin: Some("https://p.example".into()),
                survey_id: Some("ipk".into()),
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
}
