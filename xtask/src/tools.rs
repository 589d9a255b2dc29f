//! Installs the build and test tools, each only when it is missing.
//!
//! Everything is checked by version, so a second run installs nothing.

use crate::cmd::{output, run, which, Result};
use crate::root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The trunk release that builds with this project's rustc (0.22 needs 1.96).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The wasm-opt release known to produce working wasm from this rustc.
pub const BINARYEN_VERSION: &str = "132";
/// Debian's Chromium, used by wasm-bindgen-test and the end-to-end tests.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, matching [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the tools live once installed.
pub struct Tools {
    /// The PATH to run trunk and the tests with: npm tools first.
    pub path: String,
}

/// What a command needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Building the site: wasm target, trunk, wasm-bindgen, wasm-opt.
    Build,
    /// Building and testing: also Chromium and its driver.
    Test,
}

/// Installs what is missing for `need` and returns the PATH to use.
pub fn ensure(need: Need) -> Result<Tools> {
    ensure_wasm_target()?;
    let wbg = wasm_bindgen_version()?;
    check_trunk_toml(&wbg)?;
    ensure_cargo_tool("trunk", TRUNK_VERSION, &["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])?;
    // wasm-bindgen-cli's own lock names a crate version the registry lacks, so no --locked.
    ensure_cargo_tool("wasm-bindgen", &wbg, &["install", &format!("wasm-bindgen-cli@{wbg}")])?;
    ensure_npm_tools()?;
    if need == Need::Test {
        ensure_apt_packages()?;
    }
    Ok(Tools { path: tool_path() })
}

fn ensure_wasm_target() -> Result<()> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Reads the exact `wasm-bindgen` version from Cargo.lock.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock_path = root().join("Cargo.lock");
    let lock =
        std::fs::read_to_string(&lock_path).map_err(|e| format!("reading {}: {e}", lock_path.display()))?;
    lock_version(&lock, "wasm-bindgen")
        .ok_or_else(|| format!("{}: no `wasm-bindgen` package entry", lock_path.display()))
}

/// Finds `version = "..."` right after `name = "<name>"` in a Cargo.lock.
fn lock_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let v = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(v.trim_end_matches('"').to_string());
        }
    }
    None
}

/// Trunk must never download a tool, so Trunk.toml names each version and
/// the wasm-bindgen one must agree with Cargo.lock.
fn check_trunk_toml(wbg: &str) -> Result<()> {
    let path = root().join("Trunk.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let want = format!("wasm_bindgen = \"{wbg}\"");
    if !text.lines().any(|l| l.trim() == want) {
        return Err(format!(
            "{}: [tools] must say {want} to match Cargo.lock's wasm-bindgen",
            path.display()
        ));
    }
    Ok(())
}

/// Installs a cargo-installed binary unless `<bin> --version` already names `version`.
fn ensure_cargo_tool(bin: &str, version: &str, install_args: &[&str]) -> Result<()> {
    let have = output(Command::new(bin).arg("--version")).unwrap_or_default();
    if have.split_whitespace().any(|w| w == version) {
        return Ok(());
    }
    if !have.is_empty() {
        eprintln!("xtask: found `{have}`, need {bin} {version}");
    }
    eprintln!("xtask: installing {bin} {version} (this takes several minutes, once)");
    run(Command::new("cargo").args(install_args))
}

/// The npm tools folder of this checkout: wasm-opt (binaryen) and the e2e test packages.
pub fn npm_dir() -> PathBuf {
    root().join("tools")
}

/// Installs the npm tools (`tools/package.json`) when any is missing.
pub fn ensure_npm_tools() -> Result<()> {
    let dir = npm_dir();
    if npm_tools_ready(&dir) {
        return Ok(());
    }
    if which("npm").is_none() {
        return Err("npm is needed for wasm-opt (binaryen) and the browser tests; install Node.js".into());
    }
    let verb = if dir.join("package-lock.json").exists() { "ci" } else { "install" };
    run(Command::new("npm").args([verb, "--no-audit", "--no-fund"]).current_dir(&dir))?;
    if npm_tools_ready(&dir) {
        Ok(())
    } else {
        Err(format!("{}: npm {verb} did not leave a working wasm-opt {BINARYEN_VERSION}", dir.display()))
    }
}

fn npm_tools_ready(dir: &Path) -> bool {
    let wasm_opt = dir.join("node_modules/.bin/wasm-opt");
    let version = output(Command::new(&wasm_opt).arg("--version")).unwrap_or_default();
    let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap_or_default();
    version.contains(&format!("version {BINARYEN_VERSION}"))
        && dependency_names(&manifest)
            .iter()
            .all(|n| dir.join("node_modules").join(n).join("package.json").exists())
}

/// The package names under `"dependencies"` in a package.json.
fn dependency_names(manifest: &str) -> Vec<String> {
    let Some(start) = manifest.find("\"dependencies\"") else { return Vec::new() };
    let block = &manifest[start..];
    let (Some(open), Some(close)) = (block.find('{'), block.find('}')) else { return Vec::new() };
    block[open + 1..close]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next().map(str::to_string))
        .filter(|n| !n.is_empty())
        .collect()
}

/// Debian packages the tests use, with a file each installs.
const APT_PACKAGES: [(&str, &str); 4] = [
    ("chromium", CHROMIUM),
    ("chromium-driver", CHROMEDRIVER),
    ("zbar-tools", "/usr/bin/zbarimg"),
    ("librsvg2-bin", "/usr/bin/rsvg-convert"),
];

fn ensure_apt_packages() -> Result<()> {
    let missing: Vec<&str> =
        APT_PACKAGES.iter().filter(|(_, file)| !Path::new(file).exists()).map(|(pkg, _)| *pkg).collect();
    apt_install(&missing)
}

/// Installs Debian packages (as root), or says which command to run.
pub fn apt_install(missing: &[&str]) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output(Command::new("id").arg("-u")).as_deref() == Some("0");
    if !is_root {
        return Err(format!(
            "the tests need Debian's {}; as root run: apt-get update && apt-get install -y {}",
            missing.join(", "),
            missing.join(" ")
        ));
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// PATH with the npm tools (wasm-opt 132) first and cargo's bin folder present.
fn tool_path() -> String {
    let mut parts = vec![npm_dir().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("HOME") {
        parts.push(PathBuf::from(home).join(".cargo/bin"));
    }
    if let Some(p) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&p));
    }
    std::env::join_paths(parts).map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::lock_version;

    #[test]
    fn lists_package_json_dependencies() {
        let m = "{\n  \"name\": \"x\",\n  \"dependencies\": {\n    \"axe-core\": \"4\",\n    \"json-server\": \"0.17.4\"\n  }\n}";
        assert_eq!(super::dependency_names(m), ["axe-core", "json-server"]);
    }

    #[test]
    fn reads_the_version_that_follows_the_name() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n\
                    [[package]]\nname = \"wasm-bindgen-test\"\nversion = \"0.3.80\"\n";
        assert_eq!(lock_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(lock_version(lock, "wasm-bindgen-test").as_deref(), Some("0.3.80"));
        assert_eq!(lock_version(lock, "leptos"), None);
    }
}
