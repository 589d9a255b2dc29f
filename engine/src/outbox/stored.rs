//! The stored form of an outbox [`Item`]: one JSON object, kept by phones
//! across releases, so every state reads back from and writes to exactly
//! the same shape.

use super::{Item, State};
use crate::Json;
use serde::{Deserialize, Serialize};

/// Through [`Item::to_json`]: the stored shape is written in one place.
impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Item, D::Error> {
        let json = Json::deserialize(deserializer)?;
        Item::from_json(&json).map_err(serde::de::Error::custom)
    }
}

impl Item {
    /// Reads a stored item (text); the error names the first missing or
    /// mistyped key.
    pub fn parse(text: &str) -> Result<Item, String> {
        Item::from_json(&serde_json::from_str(text).map_err(|e| e.to_string())?)
    }

    /// The stored form as text.
    pub fn to_text(&self) -> String {
        self.to_json().to_string()
    }

    /// The stored form: one object with the `state` tag (`pending`,
    /// `sending`, `waiting`, `delivered`, `rejected`) beside its fields.
    pub fn to_json(&self) -> Json {
        let mut m = serde_json::Map::new();
        m.insert("submission_id".into(), self.submission_id.as_str().into());
        m.insert("body".into(), self.body.as_str().into());
        m.insert("url".into(), self.url.as_str().into());
        m.insert("method".into(), self.method.as_str().into());
        let headers = self.headers.iter().map(|(k, v)| Json::from(vec![k.as_str(), v.as_str()])).collect();
        m.insert("headers".into(), Json::Array(headers));
        let (tag, extra): (&str, Option<(&str, Json)>) = match &self.state {
            State::Pending => ("pending", None),
            State::Sending { since } => ("sending", Some(("since", Json::from(*since)))),
            State::Waiting { retry_at, reason } => {
                m.insert("retry_at".into(), Json::from(*retry_at));
                ("waiting", Some(("reason", Json::from(reason.to_string()))))
            }
            State::Delivered { at } => ("delivered", Some(("at", Json::from(*at)))),
            State::Refused { reason } => ("rejected", Some(("reason", Json::from(reason.to_string())))),
        };
        m.insert("state".into(), tag.into());
        if let Some((key, value)) = extra {
            m.insert(key.into(), value);
        }
        m.insert("attempts".into(), Json::from(self.attempts));
        if let Some(origin) = &self.parent_origin {
            m.insert("notify".into(), origin.as_str().into());
        }
        if let Some(survey) = &self.survey_id {
            m.insert("survey".into(), survey.as_str().into());
        }
        Json::Object(m)
    }

    /// Reads a stored item; the error names the first missing or mistyped key.
    pub fn from_json(json: &Json) -> Result<Item, String> {
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
