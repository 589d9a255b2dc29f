//! `tanya site`: a deployable static folder for one questionnaire, with its
//! page 1 already in `index.html`, rendered by the app's own components
//! (`tanya::prerender`), so the first question shows before the app arrives.

use std::path::Path;
use tanya_engine::text::{Lang, Ui};

/// The questionnaire's file name in the site.
const SURVEY_FILE: &str = "survey.json";

/// What `site` wrote, for the summary line.
pub struct Written {
    /// Files copied from the app folder.
    pub copied: usize,
    /// Bytes of page 1's markup in `index.html`.
    pub page_bytes: usize,
    /// The language page 1 is in.
    pub lang: Lang,
}

/// Writes the site for `survey` (the questionnaire file) into `out` from the
/// built app in `app` (`cargo xtask dist`'s `dist/`). `endpoint` overrides
/// `tanya.endpoint`; `lang` picks page 1's language among the
/// questionnaire's. Errors name the file or setting at fault.
pub fn site(
    survey: &Path,
    app: &Path,
    out: &Path,
    endpoint: Option<&str>,
    lang: Option<&str>,
) -> Result<Written, String> {
    let text = std::fs::read_to_string(survey).map_err(|e| format!("{}: {e}", survey.display()))?;
    let shell_path = app.join("index.html");
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("{}: {e} (build the app with `cargo xtask dist`)", shell_path.display()))?;
    let endpoint = match endpoint {
        Some(url) => {
            Some(tanya_engine::schema::endpoint(&serde_json::Value::String(url.to_string())).map_err(
                |e| format!("--endpoint: {}", e.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")),
            )?)
        }
        None => None,
    };
    if let Some(code) = lang.filter(|c| Lang::from_code(c).is_none()) {
        return Err(format!("--lang: '{code}' is no language code (id, en, fr, pt-BR...)"));
    }
    let page = tanya::prerender::page_one(&text, lang, endpoint.clone())
        .map_err(|e| format!("{}: {e}", survey.display()))?;
    let mut config = serde_json::Map::new();
    config.insert("survey".into(), SURVEY_FILE.into());
    if let Some(url) = endpoint.as_ref().map(|e| e.url.clone()) {
        config.insert("endpoint".into(), url.into());
    }
    // The page's language is the one page 1 was drawn in, unless the URL asks for another.
    config.insert("lang".into(), page.lang.code().into());
    let index = fill_shell(&shell, &page, &serde_json::Value::Object(config))
        .map_err(|e| format!("{}: {e}", shell_path.display()))?;

    let existed = out.exists();
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    // Copying a folder into itself would empty its files or never end.
    let (app_at, out_at) = (canonical(app)?, canonical(out)?);
    if out_at.starts_with(&app_at) || app_at.starts_with(&out_at) {
        if !existed {
            let _ = std::fs::remove_dir(out);
        }
        return Err(format!(
            "-o {}: must be a folder apart from --app {} (neither inside the other)",
            out.display(),
            app.display()
        ));
    }
    let mut copied = 0;
    // The questionnaire the app page names, as a path in the app folder.
    let named =
        named_survey(&shell).map(|url| url.trim_start_matches("./").trim_start_matches('/').to_string());
    let skip: Vec<String> =
        named.into_iter().flat_map(|n| [format!("{n}.br"), format!("{n}.gz"), n]).collect();
    copy_app(app, app, out, &skip, &mut copied)?;
    let write = |name: &str, body: &str| {
        let path = out.join(name);
        std::fs::write(&path, body).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("index.html", &index)?;
    write(SURVEY_FILE, &text)?;
    Ok(Written { copied, page_bytes: page.html.len(), lang: page.lang })
}

/// `path` with every link and `..` resolved.
fn canonical(path: &Path) -> Result<std::path::PathBuf, String> {
    path.canonicalize().map_err(|e| format!("{}: {e}", path.display()))
}

/// Where an app page's `#tanya-config` block opens.
const CONFIG_OPEN: &str = r#"<script type="application/json" id="tanya-config">"#;

/// The link that has the browser fetch the questionnaire at `url` beside the wasm.
fn preload_link(url: &str) -> String {
    let href = url.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(r#"<link rel="preload" href="{href}" as="fetch" crossorigin="anonymous">"#)
}

/// The questionnaire URL an app page's `#tanya-config` block names (the
/// demo's, in `dist/`), if any.
fn named_survey(html: &str) -> Option<String> {
    let start = html.find(CONFIG_OPEN)? + CONFIG_OPEN.len();
    let end = start + html[start..].find("</script>")?;
    let config: serde_json::Value = serde_json::from_str(&html[start..end]).ok()?;
    config.get("survey")?.as_str().map(str::to_string)
}

/// Copies the app's files under `dir` into `out`, but `index.html` and its
/// compressed copies, which `site` writes anew, and those in `skip` (the
/// questionnaire the app page names, the demo's, and its compressed
/// copies): the site carries its own.
fn copy_app(root: &Path, dir: &Path, out: &Path, skip: &[String], copied: &mut usize) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let dest = out.join(rel);
        if path.is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
            copy_app(root, &path, out, skip, copied)?;
        } else if !matches!(
            rel.to_str(),
            Some("index.html" | "index.html.gz" | "index.html.br" | SURVEY_FILE)
        ) && !rel.to_str().is_some_and(|r| skip.iter().any(|s| s == r))
        {
            std::fs::copy(&path, &dest).map_err(|e| format!("copying {}: {e}", path.display()))?;
            *copied += 1;
        }
    }
    Ok(())
}

/// The app's `index.html` with page 1 in `#tanya`, the configuration, the
/// questionnaire's preload, its title and language, and a line for
/// browsers without JavaScript.
fn fill_shell(
    shell: &str,
    page: &tanya::prerender::PageOne,
    config: &serde_json::Value,
) -> Result<String, String> {
    let mut html = shell.to_string();
    let replace = |html: &mut String, from: &str, to: &str, what: &str| -> Result<(), String> {
        let at = html.find(from).ok_or_else(|| format!("no {what} in it; is it Tanya's app page?"))?;
        html.replace_range(at..at + from.len(), to);
        Ok(())
    };
    // Inside <script>, "</" would end the block early and "<!--" change how
    // it is read: no "<" at all (JSON reads \u003c as "<").
    let config = config.to_string().replace('<', "\\u003c");
    // What one answer alone shows or hides before the app arrives (`web/preview.js`).
    let preview = match page.preview.as_str() {
        "" | "{}" => String::new(),
        table => format!(
            "\n  <script type=\"application/json\" id=\"tanya-preview\">{}</script>",
            table.replace('<', "\\u003c")
        ),
    };
    // The app page's own block (which names the demo questionnaire) is
    // replaced whole.
    let block_at = html.find(CONFIG_OPEN).ok_or("no #tanya-config block in it; is it Tanya's app page?")?;
    let block_end = block_at
        + html[block_at..].find("</script>").ok_or("an unclosed #tanya-config block")?
        + "</script>".len();
    let block = html[block_at..block_end].to_string();
    // Nor is a preload of the questionnaire it named kept: the site would
    // fetch a file it never reads.
    if let Some(url) = named_survey(&block) {
        html = html.replacen(&preload_link(&url), "", 1);
    }
    replace(
        &mut html,
        &block,
        &format!("{CONFIG_OPEN}{config}</script>{preview}\n  {}", preload_link(SURVEY_FILE)),
        "#tanya-config block",
    )?;
    let main_start =
        html.find(r#"<main id="tanya""#).ok_or("no <main id=\"tanya\"> in it; is it Tanya's app page?")?;
    let open_end = main_start + html[main_start..].find('>').ok_or("an unclosed <main> tag")?;
    let close = open_end + html[open_end..].find("</main>").ok_or("no </main> after <main id=\"tanya\">")?;
    let noscript = format!(
        r#"<noscript><p class="tanya-notice" role="alert">{}</p></noscript>"#,
        escape(Ui::NeedsScript.text(page.lang))
    );
    html.replace_range(open_end + 1..close, &format!("{noscript}{}", page.html));
    html.insert_str(open_end, " data-tanya-prerendered");
    if let Some(at) = html.find("<html lang=\"") {
        let value = at + "<html lang=\"".len();
        if let Some(end) = html[value..].find('"') {
            html.replace_range(value..value + end, page.lang.code());
        }
    }
    if let (Some(open), Some(close)) = (html.find("<title>"), html.find("</title>")) {
        if open < close && !page.title.is_empty() {
            html.replace_range(open + "<title>".len()..close, &escape(&page.title));
        }
    }
    Ok(html)
}

/// Text as HTML text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = r#"<!DOCTYPE html>
<html lang="id">
<head><title>Tanya</title>
<script type="application/json" id="tanya-config">{"survey": "integrity.json"}</script><link rel="preload" href="integrity.json" as="fetch" crossorigin="anonymous"></head>
<body>
  <main id="tanya" class="tanya"><p class="tanya-loading">Memuat kuesioner…</p></main>
</body>
</html>"#;

    #[test]
    fn the_shell_gets_page_one_its_config_title_language_and_noscript() {
        let page = tanya::prerender::PageOne {
            html: r#"<div class="tanya-form">Q</div>"#.into(),
            lang: Lang::EN,
            title: "Desk <booking>".into(),
            preview: r#"{"q":{"targets":[["data-question","</script>"]],"shown":{"":[0],"1":[1]}}}"#.into(),
        };
        let config = serde_json::json!({"survey": "survey.json", "endpoint": "/x</script>"});
        let html = fill_shell(SHELL, &page, &config).expect("filled");
        for part in [
            r#"<html lang="en">"#,
            "<title>Desk &lt;booking&gt;</title>",
            r#"{"endpoint":"/x\u003c/script>","survey":"survey.json"}</script>"#,
            r#"<link rel="preload" href="survey.json" as="fetch" crossorigin="anonymous">"#,
            r#"<script type="application/json" id="tanya-preview">{"q":{"targets":[["data-question","\u003c/script>"]],"shown":{"":[0],"1":[1]}}}</script>"#,
            r#"<main id="tanya" class="tanya" data-tanya-prerendered><noscript><p class="tanya-notice" role="alert">To answer this questionnaire, turn on JavaScript in your browser.</p></noscript><div class="tanya-form">Q</div></main>"#,
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(!html.contains("tanya-loading"), "the loading line is replaced");
        assert!(!html.contains("integrity.json"), "the app page's own config and its preload go");
        let not_ours = fill_shell("<html><body></body></html>", &page, &config).expect_err("refused");
        assert!(not_ours.contains("#tanya-config"), "{not_ours}");
    }
}
