//! Localised strings and every built-in message, in Indonesian and English.
//!
//! Questionnaire strings are either plain text or an object of translations
//! (`{"default": "...", "en": "..."}`). Built-in messages live here, not in
//! the views, so the app, the CLI and the collector say the same thing:
//! `messages` holds them, `html` turns questionnaire HTML into text.

use std::collections::BTreeMap;

/// The languages Tanya ships messages for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Bahasa Indonesia, the default.
    Id,
    /// English.
    En,
}

impl Lang {
    /// The language for a code such as `id`, `en`, `en-GB` or `id-ID`; `None` for others.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Both languages, default first.
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The language to show: `?lang=` when it names one, else the first
    /// browser language that does, else Indonesian.
    pub fn negotiate(query: Option<&str>, browser: &[String]) -> Lang {
        query
            .and_then(Lang::from_code)
            .or_else(|| browser.iter().find_map(|b| Lang::from_code(b)))
            .unwrap_or(Lang::Id)
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Id => "Bahasa Indonesia",
            Lang::En => "English",
        }
    }
}

/// A questionnaire string: plain, or translations keyed by language code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Text {
    /// No text given.
    #[default]
    None,
    /// The same text in every language.
    Plain(String),
    /// Translations; `default` is the questionnaire's own language.
    Localized(BTreeMap<String, String>),
}

impl Text {
    /// The text for `lang`: that translation, else `default`, else the survey
    /// locale's, else any; empty when there is none.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::None => "",
            Text::Plain(s) => s,
            Text::Localized(map) => map
                .get(lang.code())
                .or_else(|| map.get("default"))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The questionnaire's own text: `default`, else the first translation.
    pub fn original(&self) -> &str {
        match self {
            Text::None => "",
            Text::Plain(s) => s,
            Text::Localized(map) => {
                map.get("default").or_else(|| map.values().next()).map_or("", String::as_str)
            }
        }
    }

    /// True when no text was given.
    pub fn is_empty(&self) -> bool {
        match self {
            Text::None => true,
            Text::Plain(s) => s.is_empty(),
            Text::Localized(m) => m.values().all(String::is_empty),
        }
    }

    /// Every translation, for checks that look inside the text.
    pub fn all(&self) -> Vec<&str> {
        match self {
            Text::None => Vec::new(),
            Text::Plain(s) => vec![s.as_str()],
            Text::Localized(m) => m.values().map(String::as_str).collect(),
        }
    }
}

mod html;
pub mod markup;
mod messages;

pub use html::strip_tags;
pub use messages::{already_submitted, long_date, page_of, title_with, Msg, Ui};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_text_falls_back_to_default() {
        let t = Text::Localized(
            [("default".to_string(), "Halo".to_string()), ("en".to_string(), "Hello".to_string())].into(),
        );
        assert_eq!(t.get(Lang::En), "Hello");
        assert_eq!(t.get(Lang::Id), "Halo");
        assert_eq!(Text::Plain("x".into()).get(Lang::En), "x");
        assert_eq!(Text::None.get(Lang::Id), "");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("id_ID"), Some(Lang::Id));
        assert_eq!(Lang::from_code("fr"), None);
        let browser = ["fr-FR".to_string(), "en-US".to_string()];
        assert_eq!(Lang::negotiate(Some("id"), &browser), Lang::Id);
        assert_eq!(Lang::negotiate(Some("xx"), &browser), Lang::En);
        assert_eq!(Lang::negotiate(None, &[]), Lang::Id);
    }
}
