//! Building the site (`dist`), its size table, and serving the demo.

use crate::cmd::{run, Result};
use crate::root;
use crate::tools::{ensure, Need, Tools};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the demo is served.
pub const DEMO_ADDR: &str = "127.0.0.1:8080";

/// Builds the optimised release site into `dist/` with trunk, offline, then
/// moves trunk's inline loader into a file so the site runs under a strict CSP.
pub fn build_site(tools: &Tools) -> Result<PathBuf> {
    let root = root();
    run(Command::new("trunk").current_dir(&root).env("PATH", &tools.path).args([
        "build",
        "--release",
        "--offline",
    ]))?;
    let dist = root.join("dist");
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    if let Some((page, name, loader)) = externalize_loader(&html) {
        std::fs::write(dist.join(&name), loader).map_err(|e| format!("{name}: {e}"))?;
        std::fs::write(&index, page).map_err(|e| format!("{}: {e}", index.display()))?;
    }
    write_web_files(&dist)?;
    precompress(&dist)?;
    Ok(dist)
}

/// Where the text of the page's `#tanya-config` block starts and ends.
fn config_span(html: &str) -> Option<(usize, usize)> {
    let open = "<script type=\"application/json\" id=\"tanya-config\">";
    let start = html.find(open)? + open.len();
    Some((start, start + html[start..].find("</script>")?))
}

/// When the page's config names the questionnaire by URL, a preload link
/// so the browser fetches it beside the wasm instead of after it; `None`
/// when there is nothing to add.
pub fn preload_survey(html: &str) -> Option<String> {
    let (start, end) = config_span(html)?;
    let config: serde_json::Value = serde_json::from_str(&html[start..end]).ok()?;
    let url = config.get("survey")?.as_str()?;
    let href = url.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let link = format!("<link rel=\"preload\" href=\"{href}\" as=\"fetch\" crossorigin=\"anonymous\">");
    if html.contains(&link) {
        return None;
    }
    Some(html.replacen("</head>", &format!("{link}</head>"), 1))
}

/// Whether a file is a precompressed copy (`.br`, `.gz`) of another.
fn is_precompressed(name: &str) -> bool {
    name.ends_with(".br") || name.ends_with(".gz")
}

/// Writes brotli (q11) and gzip (-9) copies beside each built file, which
/// the collector serves to browsers that accept them: brotli is about a
/// fifth smaller than gzip on the wasm. `index.html` is left out, because
/// agencies edit its config block after the build and a stale copy would win.
fn precompress(dist: &Path) -> Result<()> {
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name == "index.html" || is_precompressed(&name) {
            continue;
        }
        let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
            w.write_all(&bytes).map_err(|e| e.to_string())?;
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        for (ext, data) in [("br", br), ("gz", gz)] {
            let out = f.with_file_name(format!("{name}.{ext}"));
            std::fs::write(&out, data).map_err(|e| format!("{}: {e}", out.display()))?;
        }
    }
    Ok(())
}

/// The built files whose names carry a content hash (all but the page,
/// the two stable entry points and the demo questionnaire, which the
/// service worker fetches network first), as `/name` paths, sorted.
fn hashed_files(dist: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("reading {}: {e}", dist.display()))?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            !matches!(n.as_str(), "index.html" | "sw.js" | "tanya-embed.js")
                && !n.ends_with(".json")
                && !is_precompressed(n)
        })
        .map(|n| format!("/{n}"))
        .collect();
    names.sort();
    Ok(names)
}

/// The one file in `names` that starts with `prefix` and ends with `suffix`.
fn one_named(names: &[String], prefix: &str, suffix: &str) -> Result<String> {
    let found: Vec<&String> = names.iter().filter(|n| n.starts_with(prefix) && n.ends_with(suffix)).collect();
    match found.as_slice() {
        [one] => Ok(one.trim_start_matches('/').to_string()),
        _ => Err(format!("dist/: expected one {prefix}*{suffix}, found {found:?}")),
    }
}

/// Writes `dist/tanya-embed.js` (for host pages) and `dist/sw.js` (the
/// offline shell) from their templates in `web/`, with this build's names.
pub fn write_web_files(dist: &Path) -> Result<()> {
    let web = root().join("web");
    let read = |name: &str| {
        std::fs::read_to_string(web.join(name))
            .map(|js| without_comment_lines(&js))
            .map_err(|e| format!("{}: {e}", web.join(name).display()))
    };
    let hashed = hashed_files(dist)?;
    let glue = one_named(&hashed, "/tanya-app-", ".js")?;
    let wasm = one_named(&hashed, "/tanya-app-", "_bg.wasm")?;
    let css = hashed
        .iter()
        .find(|n| n.starts_with("/tanya-") && n.ends_with(".css"))
        .map(|n| n.trim_start_matches('/').to_string())
        .ok_or("dist/: no tanya-*.css")?;
    let embed = read("tanya-embed.js")?
        .replace("__GLUE__", &glue)
        .replace("__WASM__", &wasm)
        .replace("__CSS__", &css);
    std::fs::write(dist.join("tanya-embed.js"), embed).map_err(|e| format!("tanya-embed.js: {e}"))?;
    let version = format!("{:016x}", fnv(hashed.join("\n").as_bytes()));
    let list = format!("[{}]", hashed.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "));
    let sw = read("sw.js")?.replace("__VERSION__", &version).replace("__HASHED__", &list);
    std::fs::write(dist.join("sw.js"), sw).map_err(|e| format!("sw.js: {e}"))
}

/// `js` without its `//` comment lines: they explain the code in `web/`,
/// and the browser need not download them. Lines of code, comments at
/// their ends and `/** */` blocks stay, so nothing that runs changes, as
/// long as no string spans lines (a test checks `web/` for that).
fn without_comment_lines(js: &str) -> String {
    js.lines().filter(|l| !l.trim_start().starts_with("//")).map(|l| format!("{l}\n")).collect()
}

/// FNV-1a, 64 bits: a stable name hash (not for security).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

/// Registers the offline shell; runs first in the loader, on Tanya's own page only.
const REGISTER_SW: &str =
    "if (\"serviceWorker\" in navigator) navigator.serviceWorker.register(\"/sw.js\").catch(() => {});\n";

/// Shows a message with a retry when the app cannot be fetched or started.
const LOAD_FAILED: &str = include_str!("../../web/load-failed.js");

/// Shows and hides, before the app arrives, what one answer alone decides
/// on a prerendered page 1, from the engine's table in the page.
const PREVIEW: &str = include_str!("../../web/preview.js");

/// How trunk's loader imports the app.
const TRUNK_IMPORT: &str = "import init, * as bindings from ";

/// trunk's loader imports the app statically, so when the app's files
/// cannot be fetched the module stops before any of it runs and the page
/// says "loading" forever. The import becomes a dynamic one inside a `try`
/// whose `catch` shows [`LOAD_FAILED`]'s message. `None` when the loader is
/// not in the form trunk 0.21 writes.
fn guard_loader(code: &str) -> Option<String> {
    let start = code.find(TRUNK_IMPORT)?;
    let rest = &code[start + TRUNK_IMPORT.len()..];
    let end = rest.find(';')?;
    let module = rest[..end].trim();
    Some(format!(
        "{}{}{}try {{\nconst bindings = await import({module});\nconst init = bindings.default;\n{}\n}} catch (error) {{\n  tanyaLoadFailed(error);\n}}",
        without_comment_lines(LOAD_FAILED),
        without_comment_lines(PREVIEW),
        &code[..start],
        rest[end + 1..].trim()
    ))
}

/// Finds the inline `<script type="module">` trunk writes and returns the page
/// with a `src` reference instead, the file name (content-hashed) and its
/// content, which also registers the service worker and shows a message when
/// the app fails to load.
pub fn externalize_loader(html: &str) -> Option<(String, String, String)> {
    let open = "<script type=\"module\">";
    let start = html.find(open)?;
    let body_start = start + open.len();
    let end = body_start + html[body_start..].find("</script>")?;
    let inline = html[body_start..end].trim();
    let guarded = guard_loader(inline).unwrap_or_else(|| {
        eprintln!("xtask: trunk's loader is not in the expected form: a failed load will show no message");
        inline.to_string()
    });
    let code = format!("{REGISTER_SW}{guarded}\n");
    let hash = fnv(code.as_bytes());
    let name = format!("tanya-loader-{hash:016x}.js");
    let tag = format!("<script type=\"module\" src=\"/{name}\"></script>");
    let page = format!("{}{tag}{}", &html[..start], &html[end + "</script>".len()..]);
    Some((page, name, code))
}

/// The page with its `#tanya-config` block replaced by `config`; `None`
/// when the page has no such block.
pub fn set_config(html: &str, config: &serde_json::Value) -> Option<String> {
    let (start, end) = config_span(html)?;
    // `<` escaped, so no string in the config can close the script element.
    let json = config.to_string().replace('<', "\\u003c");
    Some(format!("{}{json}{}", &html[..start], &html[end..]))
}

/// `cargo xtask dist`: build, then print each file's raw, gzip and brotli size.
pub fn dist() -> Result<SizeTable> {
    let tools = ensure(Need::Build)?;
    let dir = build_site(&tools)?;
    let table = SizeTable::measure(&dir)?;
    table.print();
    Ok(table)
}

/// The bearer token of the demo collector's export.
pub const DEMO_TOKEN: &str = "demo-token-0123456789";

/// `cargo xtask demo`: build the site and serve it from the collector, which
/// is also the demo questionnaire's endpoint, so the whole loop works.
pub fn demo() -> Result<()> {
    let tools = ensure(Need::Build)?;
    let site = build_site(&tools)?;
    let root = root();
    run(Command::new("cargo").current_dir(&root).args([
        "build",
        "-p",
        "tanya-collector",
        "-p",
        "tanya-cli",
    ]))?;
    let data = root.join("target/demo");
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    println!("xtask demo: the demo form is at http://{DEMO_ADDR}/ (Ctrl-C stops it)");
    println!("xtask demo: entries go to {}", data.join("tanya-demo.db").display());
    println!("xtask demo: export them with: curl -H 'Authorization: Bearer {DEMO_TOKEN}' http://{DEMO_ADDR}/api/export.csv");
    let served = demo_site(&site, &data.join("site"))?;
    println!("xtask demo: the three ways to embed it are at http://{DEMO_ADDR}/examples/portal.html");
    run(Command::new(root.join("target/debug/tanya-collector"))
        .args(["--listen", DEMO_ADDR, "--token", DEMO_TOKEN])
        .arg("--db")
        .arg(data.join("tanya-demo.db"))
        .arg("--surveys")
        .arg(root.join("surveys"))
        .arg("--site")
        .arg(served))
}

/// The demo's site, made as an agency makes one (`tanya site`): the app
/// from `dist/` with the demo questionnaire's page 1 already in
/// `index.html`, plus `examples/` (the portal page) and the questionnaires
/// in `surveys/`, which the portal loads by URL. `dist/` itself stays what
/// a deployment ships.
fn demo_site(dist: &Path, out: &Path) -> Result<PathBuf> {
    let _ = std::fs::remove_dir_all(out);
    run(Command::new(root().join("target/debug/tanya"))
        .arg("site")
        .arg(root().join("surveys/integrity.json"))
        .arg("--app")
        .arg(dist)
        .arg("-o")
        .arg(out))?;
    copy_dir(&root().join("examples"), &out.join("examples"))?;
    copy_dir(&root().join("surveys"), &out.join("surveys"))?;
    Ok(out.to_path_buf())
}

/// Copies the files of `from` (recursively) into `to`.
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let mut files = Vec::new();
    walk(from, &mut files)?;
    for f in files {
        let dest = to.join(f.strip_prefix(from).unwrap_or(&f));
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::copy(&f, &dest)
            .map_err(|e| format!("copying {} to {}: {e}", f.display(), dest.display()))?;
    }
    Ok(())
}

/// One row per built file.
pub struct SizeTable {
    /// `(path relative to dist/, raw, gzip, brotli)`.
    pub rows: Vec<(String, u64, u64, u64)>,
}

impl SizeTable {
    /// Compresses every file under `dir` with gzip -9 and brotli q11.
    pub fn measure(dir: &Path) -> Result<SizeTable> {
        let mut files = Vec::new();
        walk(dir, &mut files)?;
        files.retain(|f| !is_precompressed(&f.to_string_lossy()));
        files.sort();
        let mut rows = Vec::new();
        for f in files {
            let bytes = std::fs::read(&f).map_err(|e| format!("reading {}: {e}", f.display()))?;
            let name = f.strip_prefix(dir).unwrap_or(&f).to_string_lossy().into_owned();
            rows.push((name, bytes.len() as u64, gzip_len(&bytes), brotli_len(&bytes)));
        }
        Ok(SizeTable { rows })
    }

    /// Total `(raw, gzip, brotli)`.
    pub fn total(&self) -> (u64, u64, u64) {
        self.rows.iter().fold((0, 0, 0), |t, r| (t.0 + r.1, t.1 + r.2, t.2 + r.3))
    }

    /// Prints the table.
    pub fn print(&self) {
        println!("{:<48} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
        for (name, raw, gz, br) in &self.rows {
            println!("{name:<48} {raw:>10} {gz:>10} {br:>10}");
        }
        let (raw, gz, br) = self.total();
        println!("{:<48} {raw:>10} {gz:>10} {br:>10}", "total");
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for e in entries {
        let p = e.map_err(|e| e.to_string())?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len() as u64).unwrap_or(0)
}

fn brotli_len(bytes: &[u8]) -> u64 {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out.len() as u64
}

#[cfg(test)]
mod tests {
    use super::externalize_loader;

    #[test]
    fn the_inline_loader_becomes_a_file() {
        let html = "<head>\n<script type=\"module\">\nimport init, * as bindings from '/a.js';\n\
                    const wasm = await init({ module_or_path: '/a_bg.wasm' });\n</script>\n\
                    <script type=\"application/json\" id=\"tanya-config\">{}</script></head>";
        let (page, name, code) = externalize_loader(html).expect("a loader");
        assert!(name.starts_with("tanya-loader-") && name.ends_with(".js"));
        assert_eq!(
            code,
            format!(
                "{}{}{}try {{\nconst bindings = await import('/a.js');\nconst init = bindings.default;\n\
                 const wasm = await init({{ module_or_path: '/a_bg.wasm' }});\n}} catch (error) {{\n  \
                 tanyaLoadFailed(error);\n}}\n",
                super::REGISTER_SW,
                super::without_comment_lines(super::LOAD_FAILED),
                super::without_comment_lines(super::PREVIEW)
            )
        );
        assert!(page.contains(&format!("<script type=\"module\" src=\"/{name}\"></script>")));
        assert!(page.contains("id=\"tanya-config\""), "the config block stays");
        assert!(!page.contains("await init"));
        assert!(externalize_loader(&page).is_none(), "nothing inline is left");
    }

    #[test]
    fn comment_lines_are_left_out_and_code_stays() {
        // (source, shipped)
        let cases = [
            ("// a\nconst a = 1; // b\n  // c\nf(\"//x\");\n", "const a = 1; // b\nf(\"//x\");\n"),
            ("/** doc */\nlet x;", "/** doc */\nlet x;\n"),
            ("", ""),
        ];
        for (source, shipped) in cases {
            assert_eq!(super::without_comment_lines(source), shipped, "{source:?}");
        }
    }

    #[test]
    fn no_shipped_script_has_a_string_over_several_lines() {
        // `without_comment_lines` cannot tell a `//` line inside a template
        // literal from a comment; no line of code may open one and leave it
        // open (an odd number of backticks).
        let web = crate::root().join("web");
        let files = std::fs::read_dir(&web).expect("web/").filter_map(Result::ok);
        let scripts: Vec<_> =
            files.map(|f| f.path()).filter(|p| p.extension().is_some_and(|e| e == "js")).collect();
        assert!(scripts.len() >= 4, "the scripts in web/: {scripts:?}");
        for path in scripts {
            let js = std::fs::read_to_string(&path).expect("readable");
            for (n, line) in js.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
                assert!(
                    line.matches('`').count() % 2 == 0,
                    "{}:{}: a template literal left open",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}

#[cfg(test)]
mod config {
    use super::{preload_survey, set_config};

    #[test]
    fn a_questionnaire_url_is_preloaded_once() {
        let page = |config: &str| {
            format!("<head><script type=\"application/json\" id=\"tanya-config\">{config}</script></head>")
        };
        let with = preload_survey(&page(r#"{"survey": "/surveys/spi.json?v=\"2\""}"#)).expect("a link");
        assert!(with.ends_with(
            "<link rel=\"preload\" href=\"/surveys/spi.json?v=&quot;2&quot;\" as=\"fetch\" crossorigin=\"anonymous\"></head>"
        ));
        assert_eq!(preload_survey(&with), None, "not twice");
        assert_eq!(preload_survey(&page("{}")), None, "no questionnaire, no preload");
        assert_eq!(preload_survey(&page(r#"{"survey": {"pages": []}}"#)), None, "nor an inline one");
    }

    #[test]
    fn replaces_the_config_block_and_escapes_markup() {
        let html = "<head><script type=\"application/json\" id=\"tanya-config\">{}</script></head>";
        let out =
            set_config(html, &serde_json::json!({"survey": "/s.json", "x": "</script>"})).expect("a block");
        assert_eq!(
            out,
            "<head><script type=\"application/json\" id=\"tanya-config\">{\"survey\":\"/s.json\",\"x\":\"\\u003c/script>\"}</script></head>"
        );
        assert_eq!(set_config("<head></head>", &serde_json::json!({})), None);
    }
}

#[cfg(test)]
mod names {
    use super::one_named;

    #[test]
    fn finds_exactly_one_file_by_prefix_and_suffix() {
        let names: Vec<String> = ["/tanya-app-1.js", "/tanya-app-1_bg.wasm", "/tanya-2.css"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(one_named(&names, "/tanya-app-", ".js").as_deref(), Ok("tanya-app-1.js"));
        assert_eq!(one_named(&names, "/tanya-app-", "_bg.wasm").as_deref(), Ok("tanya-app-1_bg.wasm"));
        assert!(one_named(&names, "/nothing-", ".js").is_err());
        let two = [names.clone(), vec!["/tanya-app-9.js".to_string()]].concat();
        assert!(one_named(&two, "/tanya-app-", ".js").is_err(), "two candidates is an error, not a guess");
    }
}

#[cfg(test)]
mod precompressed {
    use super::precompress;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_original_and_the_page_has_none() {
        // Removed on drop, so a failed assertion leaves nothing behind.
        let temp = crate::cmd::TempDir::new("tanya-precompress").expect("temp dir");
        let dir = temp.path();
        let wasm: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.join("tanya-app-0123456789abcdef_bg.wasm"), &wasm).expect("write");
        std::fs::write(dir.join("index.html"), "<html></html>").expect("write");
        precompress(dir).expect("precompress");
        let read = |name: &str| std::fs::read(dir.join(name)).expect(name);
        let mut unbr = Vec::new();
        brotli::Decompressor::new(&read("tanya-app-0123456789abcdef_bg.wasm.br")[..], 4096)
            .read_to_end(&mut unbr)
            .expect("brotli");
        let mut ungz = Vec::new();
        flate2::read::GzDecoder::new(&read("tanya-app-0123456789abcdef_bg.wasm.gz")[..])
            .read_to_end(&mut ungz)
            .expect("gzip");
        assert_eq!((unbr == wasm, ungz == wasm), (true, true));
        assert!(!dir.join("index.html.br").exists(), "agencies edit the page after the build");
        precompress(dir).expect("again");
        assert!(!dir.join("tanya-app-0123456789abcdef_bg.wasm.br.br").exists(), "no copies of copies");
    }
}
