//! The views.

use crate::config::{Config, SurveySource};
use leptos::prelude::*;
use tanya_engine::schema::{self, Survey};
use tanya_engine::text::{Lang, Ui};

/// Loads the questionnaire, then shows it.
#[component]
pub fn App(config: Config) -> impl IntoView {
    let lang = Lang::Id;
    let loaded = LocalResource::new(move || {
        let source = config.survey.clone();
        async move {
            let text = match source {
                SurveySource::Bundled => crate::DEMO_SURVEY.to_string(),
                SurveySource::Inline(json) => json.to_string(),
                SurveySource::Url(url) => crate::platform::http::fetch_survey(&url).await?,
            };
            schema::load(&text).map(|l| l.survey).map_err(|e| e.to_string())
        }
    });
    move || match loaded.get() {
        None => view! { <p class="tanya-loading">{Ui::Loading.text(lang)}</p> }.into_any(),
        Some(Err(e)) => view! {
            <div class="tanya-error" role="alert">
                <p>{Ui::LoadFailed.text(lang)}</p>
                <pre>{e}</pre>
            </div>
        }
        .into_any(),
        Some(Ok(survey)) => view! { <Overview survey=survey lang=lang/> }.into_any(),
    }
}

/// The questionnaire's title and the first page's questions.
#[component]
fn Overview(survey: Survey, lang: Lang) -> impl IntoView {
    let first = survey.page_elements(0);
    let items = first
        .into_iter()
        .map(|id| {
            let e = &survey.elements[id];
            view! { <div class="tanya-question" data-question=e.name.clone()><h3>{e.title.get(lang).to_string()}</h3></div> }
        })
        .collect_view();
    view! {
        <h1>{survey.title.get(lang).to_string()}</h1>
        {items}
    }
}
