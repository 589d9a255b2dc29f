//! A throwaway PostgreSQL cluster on a loopback port, in a temporary folder,
//! for the collector's tests and benchmarks. Installed from Debian's packages
//! when missing; stopped and removed when dropped.

use crate::cmd::{output, run, Result};
use crate::tools::apt_install;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster; `url` reaches its `postgres` database as superuser
/// `tanya`, with a random password (the port is on loopback, but other
/// local users should not get a superuser for free).
pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// `postgres://tanya@127.0.0.1:PORT/postgres`.
    pub url: String,
    /// The self-signed certificate the server offers TLS with (for
    /// 127.0.0.1 and localhost), when `openssl` could make one.
    pub ca: Option<PathBuf>,
    /// `dir/lock`, locked for the cluster's life: other runs sweep only
    /// folders whose lock they can take. The kernel drops it when this
    /// process dies, however it dies.
    _lock: std::fs::File,
}

/// The lock file of a cluster folder.
fn lock_path(dir: &Path) -> PathBuf {
    dir.join("lock")
}

/// The newest installed server's `bin` folder, `/usr/lib/postgresql/<major>/bin`.
fn server_bin() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let major = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((major, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

/// 32 hex digits from the kernel's random source (the clock as a fallback).
fn random_password() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        bytes = (t.as_nanos() ^ u128::from(std::process::id())).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A free loopback port (bound, read, released).
fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("finding a free port: {e}"))?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

impl Cluster {
    /// Installs PostgreSQL if needed and starts a fresh cluster. `durable`
    /// keeps fsync on (benchmarks); tests run without it.
    pub fn start(durable: bool) -> Result<Cluster> {
        if server_bin().is_none() {
            // Debian's package would also create and start a "main" cluster on
            // port 5432; this one is all the tests need.
            let conf = Path::new("/etc/postgresql-common/createcluster.d");
            if std::fs::create_dir_all(conf).is_ok() {
                let _ = std::fs::write(conf.join("tanya-no-main.conf"), "create_main_cluster = false\n");
            }
            apt_install(&["postgresql"])?;
        }
        let bin = server_bin().ok_or("PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb")?;
        // initdb refuses to run as root; the Debian package's `postgres` user runs the cluster then.
        let as_postgres = output(Command::new("id").arg("-u")).as_deref() == Some("0");
        sweep_abandoned(&bin, as_postgres);
        let dir = std::env::temp_dir().join(format!("tanya-pg-{}", std::process::id()));
        // Still there after the sweep: its lock is held, by a run with our
        // PID in another PID namespace sharing /tmp. Never delete a live one.
        if std::fs::File::open(lock_path(&dir)).is_ok_and(|lock| lock.try_lock().is_err()) {
            return Err(format!("{} belongs to a running cluster of another run", dir.display()));
        }
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if as_postgres {
            run(Command::new("chown").args(["postgres:postgres"]).arg(&dir))?;
        }
        let port = free_port()?;
        let password = random_password();
        let pwfile = dir.join("password");
        std::fs::write(&pwfile, &password).map_err(|e| format!("{}: {e}", pwfile.display()))?;
        if as_postgres {
            run(Command::new("chown").args(["postgres:postgres"]).arg(&pwfile))?;
        }
        let lock = std::fs::File::create(lock_path(&dir)).map_err(|e| format!("{}: {e}", dir.display()))?;
        lock.try_lock().map_err(|e| format!("{}: {e}", lock_path(&dir).display()))?;
        let cluster = Cluster {
            bin,
            dir,
            as_postgres,
            url: format!("postgres://tanya:{password}@127.0.0.1:{port}/postgres"),
            ca: None,
            _lock: lock,
        };
        let mut cluster = cluster;
        let data = cluster.dir.join("data");
        cluster.pg(
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-U",
                "tanya",
                "--pwfile",
                &pwfile.to_string_lossy(),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )?;
        let mut options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c max_connections=200",
            cluster.dir.display()
        );
        if !durable {
            options.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        // TLS as well, with a certificate made here, so the collector's
        // TLS path is tested against a real server.
        if let Some((cert, key)) = self_signed(&cluster.dir, as_postgres) {
            options.push_str(&format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                cert.display(),
                key.display()
            ));
            cluster.ca = Some(cert);
        }
        let log = cluster.dir.join("server.log");
        let started = cluster.pg(
            "pg_ctl",
            &["-D", &data.to_string_lossy(), "-l", &log.to_string_lossy(), "-o", &options, "-w", "start"],
        );
        if let Err(e) = started {
            let tail = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("{e}\nserver log:\n{tail}"));
        }
        eprintln!("PostgreSQL cluster on {} ({})", cluster.url, cluster.dir.display());
        Ok(cluster)
    }

    /// Runs one of the server's programs, as `postgres` when xtask runs as root.
    fn pg(&self, program: &str, args: &[&str]) -> Result<()> {
        pg_program(&self.bin, self.as_postgres, program, args)
    }
}

/// A self-signed certificate and key for 127.0.0.1 and localhost in
/// `dir`, owned by the server's user; `None` without `openssl`.
fn self_signed(dir: &Path, as_postgres: bool) -> Option<(PathBuf, PathBuf)> {
    let (cert, key) = (dir.join("server.crt"), dir.join("server.key"));
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        // A server certificate, not a CA (rustls refuses a CA as a server's own).
        .args([
            "-addext",
            "basicConstraints=critical,CA:FALSE",
            "-addext",
            "extendedKeyUsage=serverAuth",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return None;
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).ok()?;
    if as_postgres {
        for f in [&cert, &key] {
            Command::new("chown").args(["postgres:postgres"]).arg(f).status().ok()?;
        }
    }
    Some((cert, key))
}

/// Runs one of the server's programs from `bin`, as `postgres` when asked.
fn pg_program(bin: &Path, as_postgres: bool, program: &str, args: &[&str]) -> Result<()> {
    let exe = bin.join(program);
    let mut cmd = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    run(cmd.args(args).current_dir(Path::new("/")))
}

/// Stops and removes the clusters of xtask runs that died before their
/// `Drop` (SIGKILL, a killed CI job): `pg_ctl` detaches the server, so it
/// would otherwise keep running with its temp folder. A folder is abandoned
/// when nobody holds its lock file. The lock, not the PID in the folder's
/// name, is the test: a PID says nothing across PID namespaces sharing one
/// `/tmp`, and PIDs are reused. Folders from before the lock existed are
/// swept only when their PID is gone.
fn sweep_abandoned(bin: &Path, as_postgres: bool) {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("tanya-pg-").and_then(|p| p.parse::<u32>().ok()) else { continue };
        let abandoned = match std::fs::File::open(lock_path(&entry.path())) {
            Ok(lock) => lock.try_lock().is_ok(),
            Err(_) => !Path::new(&format!("/proc/{pid}")).exists(),
        };
        if !abandoned {
            continue;
        }
        let data = entry.path().join("data");
        if data.join("postmaster.pid").exists() {
            let data = data.to_string_lossy().into_owned();
            let _ = pg_program(bin, as_postgres, "pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
        }
        if std::fs::remove_dir_all(entry.path()).is_ok() {
            eprintln!("removed the abandoned PostgreSQL cluster in {}", entry.path().display());
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        if data.join("postmaster.pid").exists() {
            let _ = self.pg("pg_ctl", &["-D", &data.to_string_lossy(), "-m", "immediate", "-w", "stop"]);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `cargo xtask postgres`: a throwaway cluster for running the collector's
/// PostgreSQL tests by hand; Enter (or end of input) stops and removes it.
pub fn serve() -> Result<()> {
    let cluster = Cluster::start(false)?;
    println!("TANYA_TEST_POSTGRES={}", cluster.url);
    if let Some(ca) = &cluster.ca {
        println!("TANYA_TEST_POSTGRES_CA={}", ca.display());
    }
    println!("e.g. TANYA_TEST_POSTGRES={} cargo test -p tanya-collector -- --include-ignored", cluster.url);
    println!("press Enter to stop it");
    let _ = std::io::stdin().read_line(&mut String::new());
    drop(cluster);
    Ok(())
}
