//! Runtime configuration: the `#tanya-config` block and the allowlisted URL parameters.

use serde_json::Value as Json;

/// Where the questionnaire comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum SurveySource {
    /// Written inline in the config block.
    Inline(Json),
    /// A same-origin URL to fetch.
    Url(String),
    /// None named (or none readable): the form says so rather than show
    /// a questionnaire nobody configured.
    Missing,
}

/// What the page configured.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The questionnaire.
    pub survey: SurveySource,
    /// Where entries go, when the page sets it (it wins over `tanya.endpoint`).
    /// URL parameters can never set it.
    pub endpoint: Option<tanya_engine::schema::Endpoint>,
    /// The language to start in (`id` or `en`); otherwise `?lang=` on Tanya's
    /// own page, then the browser's languages.
    pub lang: Option<String>,
    /// The respondent group to preset; it wins over `?group=`.
    pub group: Option<String>,
    /// Theme custom properties, `--tanya-*` names only.
    pub theme: Vec<(String, String)>,
    /// Where the form is mounted. In a host page (`mount()`, `<tanya-survey>`)
    /// the host's URL parameters are not Tanya's and are ignored.
    pub root: crate::platform::dom::Root,
    /// Problems reading the block, shown to the agency's developer in the console.
    pub problems: Vec<String>,
}

impl Config {
    /// Reads `<script type="application/json" id="tanya-config">` from the page.
    pub fn from_page() -> Config {
        let text = crate::platform::dom::element_by_id("tanya-config")
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        Config::parse(&text)
    }

    /// What the form says when the page names no questionnaire it can
    /// read: the config's problems, then how to name one.
    pub fn no_questionnaire(&self) -> String {
        let mut said: Vec<&str> = self.problems.iter().map(String::as_str).collect();
        said.push(
            "#tanya-config names no questionnaire: set \"survey\" to its URL or to the questionnaire itself",
        );
        said.join("\n")
    }

    /// Parses the config block's text; bad JSON names no questionnaire, with a problem noted.
    pub fn parse(text: &str) -> Config {
        let mut problems = Vec::new();
        let json: Json = if text.trim().is_empty() {
            Json::Object(Default::default())
        } else {
            match serde_json::from_str::<Json>(text) {
                Ok(j) if !j.is_object() => {
                    // `mount(el, "/s.json")` instead of `mount(el, {survey: "/s.json"})`.
                    problems.push("#tanya-config: must be an object such as {\"survey\": ...}".into());
                    Json::Object(Default::default())
                }
                Ok(j) => j,
                Err(e) => {
                    problems.push(format!("#tanya-config: {e}"));
                    Json::Object(Default::default())
                }
            }
        };
        let survey = match json.get("survey") {
            None | Some(Json::Null) => SurveySource::Missing,
            Some(Json::String(url)) => SurveySource::Url(url.clone()),
            Some(obj @ Json::Object(_)) => SurveySource::Inline(obj.clone()),
            Some(_) => {
                problems.push("#tanya-config.survey: must be a questionnaire object or a URL".into());
                SurveySource::Missing
            }
        };
        let endpoint = match json.get("endpoint") {
            None | Some(Json::Null) => None,
            Some(e) => match tanya_engine::schema::endpoint(e) {
                Ok(e) => Some(e),
                Err(errs) => {
                    problems.extend(errs.iter().map(|p| format!("#tanya-config.endpoint: {p}")));
                    None
                }
            },
        };
        let text_of = |key: &str, problems: &mut Vec<String>| match json.get(key) {
            None | Some(Json::Null) => None,
            Some(Json::String(s)) => Some(s.clone()),
            Some(_) => {
                problems.push(format!("#tanya-config.{key}: must be a string"));
                None
            }
        };
        let lang = text_of("lang", &mut problems);
        let group = text_of("group", &mut problems);
        let mut theme = Vec::new();
        match json.get("theme") {
            None | Some(Json::Null) => {}
            Some(Json::Object(vars)) => {
                for (name, value) in vars {
                    match value {
                        Json::String(v) if name.starts_with("--tanya-") => {
                            theme.push((name.clone(), v.clone()))
                        }
                        Json::String(_) => problems.push(format!(
                            "#tanya-config.theme.{name}: only --tanya-* custom properties can be set"
                        )),
                        _ => problems.push(format!("#tanya-config.theme.{name}: must be a string")),
                    }
                }
            }
            Some(_) => problems.push("#tanya-config.theme: must be an object of --tanya-* properties".into()),
        }
        Config { survey, endpoint, lang, group, theme, root: Default::default(), problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_for_mount_and_the_config_block() {
        let c = Config::parse(
            r##"{"survey": "/s.json", "lang": "en", "group": "eksternal",
                "theme": {"--tanya-accent": "#123456", "color": "red", "--tanya-radius": 4}}"##,
        );
        assert_eq!(c.survey, SurveySource::Url("/s.json".into()));
        assert_eq!(c.lang.as_deref(), Some("en"));
        assert_eq!(c.group.as_deref(), Some("eksternal"));
        assert_eq!(c.theme, vec![("--tanya-accent".to_string(), "#123456".to_string())]);
        assert_eq!(
            c.problems,
            [
                "#tanya-config.theme.--tanya-radius: must be a string",
                "#tanya-config.theme.color: only --tanya-* custom properties can be set",
            ]
        );
    }

    #[test]
    fn bad_values_are_named_and_fall_back() {
        for (text, problem) in [
            (r#"{"lang": 3}"#, "#tanya-config.lang: must be a string"),
            (r#"{"group": ["a"]}"#, "#tanya-config.group: must be a string"),
            (r#"{"theme": "dark"}"#, "#tanya-config.theme: must be an object of --tanya-* properties"),
            (r#"{"survey": 7}"#, "#tanya-config.survey: must be a questionnaire object or a URL"),
            (r#""/s.json""#, "#tanya-config: must be an object such as {\"survey\": ...}"),
        ] {
            let c = Config::parse(text);
            assert_eq!(c.problems, [problem], "{text}");
            assert_eq!((c.lang, c.group, c.theme.len()), (None, None, 0), "{text}");
        }
        assert_eq!(Config::parse("").survey, SurveySource::Missing);
        assert_eq!(Config::parse(r#"{"survey": 7}"#).survey, SurveySource::Missing);
        let told = Config::parse(r#"{"survey": 7}"#).no_questionnaire();
        assert_eq!(
            told.lines().collect::<Vec<_>>(),
            [
                "#tanya-config.survey: must be a questionnaire object or a URL",
                "#tanya-config names no questionnaire: set \"survey\" to its URL or to the questionnaire itself"
            ]
        );
    }
}
