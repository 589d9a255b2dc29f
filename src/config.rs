//! Runtime configuration: the `#tanya-config` block and the allowlisted URL parameters.

use serde_json::Value as Json;

/// Where the questionnaire comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum SurveySource {
    /// Written inline in the config block.
    Inline(Json),
    /// A same-origin URL to fetch.
    Url(String),
    /// The demo questionnaire bundled into the app.
    Bundled,
}

/// What the page configured.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The questionnaire.
    pub survey: SurveySource,
    /// Where entries go, when the page sets it (it wins over `tanya.endpoint`).
    /// URL parameters can never set it.
    pub endpoint: Option<tanya_engine::schema::Endpoint>,
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

    /// Parses the config block's text; bad JSON falls back to the demo with a problem noted.
    pub fn parse(text: &str) -> Config {
        let mut problems = Vec::new();
        let json: Json = if text.trim().is_empty() {
            Json::Object(Default::default())
        } else {
            match serde_json::from_str(text) {
                Ok(j) => j,
                Err(e) => {
                    problems.push(format!("#tanya-config: {e}"));
                    Json::Object(Default::default())
                }
            }
        };
        let survey = match json.get("survey") {
            None | Some(Json::Null) => SurveySource::Bundled,
            Some(Json::String(url)) => SurveySource::Url(url.clone()),
            Some(obj @ Json::Object(_)) => SurveySource::Inline(obj.clone()),
            Some(_) => {
                problems.push("#tanya-config.survey: must be a questionnaire object or a URL".into());
                SurveySource::Bundled
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
        Config { survey, endpoint, problems }
    }
}
