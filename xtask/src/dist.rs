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
    Ok(dist)
}

/// Finds the inline `<script type="module">` trunk writes and returns the page
/// with a `src` reference instead, the file name (content-hashed) and its content.
pub fn externalize_loader(html: &str) -> Option<(String, String, String)> {
    let open = "<script type=\"module\">";
    let start = html.find(open)?;
    let body_start = start + open.len();
    let end = body_start + html[body_start..].find("</script>")?;
    let code = html[body_start..end].trim().to_string() + "\n";
    let hash =
        code.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let name = format!("tanya-loader-{hash:016x}.js");
    let tag = format!("<script type=\"module\" src=\"/{name}\"></script>");
    let page = format!("{}{tag}{}", &html[..start], &html[end + "</script>".len()..]);
    Some((page, name, code))
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
pub const DEMO_TOKEN: &str = "demo-token";

/// `cargo xtask demo`: build the site and serve it from the collector, which
/// is also the demo questionnaire's endpoint, so the whole loop works.
pub fn demo() -> Result<()> {
    let tools = ensure(Need::Build)?;
    let site = build_site(&tools)?;
    let root = root();
    run(Command::new("cargo").current_dir(&root).args(["build", "-p", "tanya-collector"]))?;
    let data = root.join("target/demo");
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    println!("xtask demo: the demo form is at http://{DEMO_ADDR}/ (Ctrl-C stops it)");
    println!("xtask demo: entries go to {}", data.join("tanya-demo.db").display());
    println!("xtask demo: export them with: curl -H 'Authorization: Bearer {DEMO_TOKEN}' http://{DEMO_ADDR}/api/export.csv");
    run(Command::new(root.join("target/debug/tanya-collector"))
        .args(["--listen", DEMO_ADDR, "--token", DEMO_TOKEN])
        .arg("--db")
        .arg(data.join("tanya-demo.db"))
        .arg("--surveys")
        .arg(root.join("surveys"))
        .arg("--site")
        .arg(site))
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
        let html = "<head>\n<script type=\"module\">\nimport init from '/a.js';\nawait init();\n</script>\n\
                    <script type=\"application/json\" id=\"tanya-config\">{}</script></head>";
        let (page, name, code) = externalize_loader(html).expect("a loader");
        assert!(name.starts_with("tanya-loader-") && name.ends_with(".js"));
        assert_eq!(code, "import init from '/a.js';\nawait init();\n");
        assert!(page.contains(&format!("<script type=\"module\" src=\"/{name}\"></script>")));
        assert!(page.contains("id=\"tanya-config\""), "the config block stays");
        assert!(!page.contains("await init"));
        assert!(externalize_loader(&page).is_none(), "nothing inline is left");
    }
}
