//! Small helpers for running commands.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

/// Errors are plain messages: xtask prints them and exits non-zero.
pub type Result<T> = std::result::Result<T, String>;

/// Prints the command line, then runs it with inherited output.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", show(cmd));
    let status = cmd.status().map_err(|e| format!("could not start `{}`: {e}", show(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(cmd)))
    }
}

/// Runs a command, echoing its stdout and stderr as they come, and returns
/// whether it succeeded together with everything it printed.
pub fn run_tee(cmd: &mut Command) -> Result<(bool, String)> {
    eprintln!("$ {}", show(cmd));
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{}`: {e}", show(cmd)))?;
    let (tx, rx) = mpsc::channel::<String>();
    let mut pumps = Vec::new();
    if let Some(out) = child.stdout.take() {
        pumps.push(pump(out, tx.clone(), false));
    }
    if let Some(err) = child.stderr.take() {
        pumps.push(pump(err, tx.clone(), true));
    }
    drop(tx);
    let mut all = String::new();
    for line in rx {
        all.push_str(&line);
        all.push('\n');
    }
    for p in pumps {
        let _ = p.join();
    }
    let status = child.wait().map_err(|e| format!("waiting for `{}`: {e}", show(cmd)))?;
    Ok((status.success(), all))
}

fn pump<R: Read + Send + 'static>(r: R, tx: mpsc::Sender<String>, to_stderr: bool) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        for line in BufReader::new(r).lines().map_while(|l| l.ok()) {
            if to_stderr {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
            if tx.send(line).is_err() {
                break;
            }
        }
    })
}

/// Runs a command quietly and returns its trimmed stdout when it succeeds.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Finds an executable on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata().map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

/// A printable form of a command line.
pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// A fresh folder under the system's temporary directory, removed when
/// dropped, also when a step fails half-way.
pub struct TempDir(PathBuf);

impl TempDir {
    /// `<tmp>/<prefix>-<pid>`, emptied first.
    pub fn new(prefix: &str) -> Result<TempDir> {
        let dir = std::env::temp_dir().join(format!("{prefix}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
