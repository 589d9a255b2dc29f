//! Localised strings and every built-in message, in Indonesian and English.
//!
//! Questionnaire strings are either plain text or an object of translations
//! (`{"default": "...", "en": "..."}`). Built-in messages live here, not in
//! the views, so the app, the CLI and the collector say the same thing:
//! `messages` holds them, `html` turns questionnaire HTML into text.

use std::collections::BTreeMap;

/// The two languages Tanya ships its own texts in (buttons, messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    /// Bahasa Indonesia.
    Id,
    /// English, for every other language unless the questionnaire gives
    /// its own texts under `tanya.texts`.
    En,
}

/// A language, by the code questionnaires key their translations with
/// (`id`, `en`, `fr`, `pt-br`): lower case, `_` written `-`, `in` read as
/// `id`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    code: [u8; 12],
    len: u8,
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl Lang {
    /// Bahasa Indonesia, Tanya's default.
    pub const ID: Lang = Lang::fixed(*b"id");
    /// English.
    pub const EN: Lang = Lang::fixed(*b"en");

    const fn fixed(code: [u8; 2]) -> Lang {
        let mut out = [0u8; 12];
        out[0] = code[0];
        out[1] = code[1];
        Lang { code: out, len: 2 }
    }

    /// The language for a code such as `id`, `en-GB`, `fr` or `pt_BR`;
    /// `None` when it is no language tag (a first part of two or three
    /// letters, the rest letters, digits and `-`, at most 12 characters).
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        let well_formed = code.len() <= 12
            && (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_alphabetic())
            && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !well_formed {
            return None;
        }
        let mut out = [0u8; 12];
        for (i, b) in code.bytes().enumerate() {
            out[i] = if b == b'_' { b'-' } else { b.to_ascii_lowercase() };
        }
        if &out[..2] == b"in" && (code.len() == 2 || out[2] == b'-') {
            out[1] = b'd';
        }
        Some(Lang { code: out, len: code.len() as u8 })
    }

    /// The code, e.g. `en` or `pt-br`.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The language without its region: `pt` for `pt-br`.
    pub fn primary(&self) -> &str {
        self.code().split('-').next().unwrap_or_default()
    }

    /// The language Tanya's own texts are shown in: Indonesian for `id`,
    /// else English.
    pub fn builtin(self) -> Builtin {
        if self.primary() == "id" {
            Builtin::Id
        } else {
            Builtin::En
        }
    }

    /// The language to show, of those `offered` (the first is the
    /// default): `?lang=` when it names one, else the first browser
    /// language that does, else the first offered (Indonesian when none
    /// is).
    pub fn negotiate(query: Option<&str>, browser: &[String], offered: &[Lang]) -> Lang {
        let pick = |code: &str| {
            let want = Lang::from_code(code)?;
            offered
                .iter()
                .find(|l| **l == want)
                .or_else(|| offered.iter().find(|l| l.primary() == want.primary()))
                .copied()
        };
        query
            .and_then(pick)
            .or_else(|| browser.iter().find_map(|b| pick(b)))
            .or_else(|| offered.first().copied())
            .unwrap_or(Lang::ID)
    }

    /// The language's own name, for the switch (its code when Tanya does
    /// not know it).
    pub fn native_name(self) -> String {
        const NAMES: &[(&str, &str)] = &[
            ("ar", "العربية"),
            ("de", "Deutsch"),
            ("en", "English"),
            ("es", "Español"),
            ("fr", "Français"),
            ("hi", "हिन्दी"),
            ("id", "Bahasa Indonesia"),
            ("it", "Italiano"),
            ("ja", "日本語"),
            ("jv", "Basa Jawa"),
            ("ko", "한국어"),
            ("ms", "Bahasa Melayu"),
            ("nl", "Nederlands"),
            ("pt", "Português"),
            ("ru", "Русский"),
            ("su", "Basa Sunda"),
            ("th", "ไทย"),
            ("tl", "Tagalog"),
            ("vi", "Tiếng Việt"),
            ("zh", "中文"),
        ];
        NAMES
            .iter()
            .find(|(c, _)| *c == self.primary())
            .map_or_else(|| self.code().to_string(), |(_, n)| (*n).to_string())
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
                .or_else(|| map.get(lang.primary()))
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
pub use messages::{already_submitted, catalogue, is_text_key, long_date, page_of, title_with, Msg, Ui};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_text_falls_back_to_default() {
        let t = Text::Localized(
            [("default".to_string(), "Halo".to_string()), ("en".to_string(), "Hello".to_string())].into(),
        );
        assert_eq!(t.get(Lang::EN), "Hello");
        assert_eq!(t.get(Lang::from_code("en-GB").expect("tag")), "Hello", "by the language without region");
        assert_eq!(t.get(Lang::ID), "Halo");
        assert_eq!(t.get(Lang::from_code("fr").expect("tag")), "Halo", "default for the rest");
        assert_eq!(Text::Plain("x".into()).get(Lang::EN), "x");
        assert_eq!(Text::None.get(Lang::ID), "");
    }

    #[test]
    fn language_codes() {
        let code = |c: &str| Lang::from_code(c).map(|l| l.code().to_string());
        let cases = [
            ("en-GB", Some("en-gb")),
            ("id_ID", Some("id-id")),
            ("in", Some("id")),
            ("fr", Some("fr")),
            ("pt-BR", Some("pt-br")),
            ("x", None),
            ("english", None),
            ("fr;q=0.8", None),
            ("", None),
        ];
        for (given, want) in cases {
            assert_eq!(code(given).as_deref(), want, "{given}");
        }
        assert_eq!(Lang::from_code("id_ID").map(Lang::builtin), Some(Builtin::Id));
        assert_eq!(Lang::from_code("fr").map(Lang::builtin), Some(Builtin::En));
        let fr = Lang::from_code("fr").expect("tag");
        let offered = [Lang::EN, fr];
        let browser = ["fr-FR".to_string(), "en-US".to_string()];
        assert_eq!(Lang::negotiate(Some("fr"), &[], &offered), fr);
        assert_eq!(Lang::negotiate(Some("id"), &browser, &offered), fr, "not offered: the browser's");
        assert_eq!(Lang::negotiate(None, &[], &offered), Lang::EN, "the questionnaire's default");
        assert_eq!(Lang::negotiate(None, &[], &[]), Lang::ID);
        assert_eq!(fr.native_name(), "Français");
    }
}
