//! The server-side secret the device hash is keyed with before it is
//! stored: HMAC-SHA256 over the hash the phone sent. Without the secret,
//! a stored value cannot be matched against a device hash computed
//! elsewhere (a list of phone models), so the table links entries to each
//! other, never to a device.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Bytes of a new secret.
const SECRET_BYTES: usize = 32;

/// Occurs when the secret file cannot be read or made.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// Occurs when the file exists but cannot be read.
    #[error("{0}: {1}")]
    Read(PathBuf, std::io::Error),
    /// Occurs when the file holds less than 32 bytes of hex.
    #[error("{0}: not a secret (at least 64 hexadecimal characters)")]
    Short(PathBuf),
    /// Occurs when a new secret cannot be drawn or written.
    #[error("{0}: cannot create the secret: {1}")]
    Create(PathBuf, std::io::Error),
}

/// The secret file's default place: beside a SQLite file (`tanya.db` →
/// `tanya.db.secret`). `None` for PostgreSQL: the collectors sharing one
/// database must share one secret, so the operator names its file.
pub fn default_path(db: &str) -> Option<PathBuf> {
    let remote = db.starts_with("postgres://") || db.starts_with("postgresql://");
    (!remote).then(|| PathBuf::from(format!("{db}.secret")))
}

/// Reads the secret at `path`, or creates one there (readable by its owner
/// only) when there is none.
pub fn load_or_create(path: &Path) -> Result<Vec<u8>, SecretError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let hex = text.trim();
            let bytes = (0..hex.len() / 2)
                .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2).unwrap_or("zz"), 16))
                .collect::<Result<Vec<u8>, _>>()
                .ok()
                .filter(|b| b.len() >= SECRET_BYTES);
            bytes.ok_or_else(|| SecretError::Short(path.to_path_buf()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path),
        Err(e) => Err(SecretError::Read(path.to_path_buf(), e)),
    }
}

fn create(path: &Path) -> Result<Vec<u8>, SecretError> {
    let fail = |e| SecretError::Create(path.to_path_buf(), e);
    let mut bytes = vec![0u8; SECRET_BYTES];
    std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom").map_err(fail)?, &mut bytes)
        .map_err(fail)?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(fail)?;
    std::io::Write::write_all(&mut file, format!("{hex}\n").as_bytes()).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    Ok(bytes)
}

/// HMAC-SHA256 of `value` under `key`, as hex; empty for an empty value
/// (no device hash sent).
pub fn keyed(key: &[u8], value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    const BLOCK: usize = 64;
    let mut k = if key.len() > BLOCK { Sha256::digest(key).to_vec() } else { key.to_vec() };
    k.resize(BLOCK, 0);
    let pad = |x: u8| k.iter().map(|b| b ^ x).collect::<Vec<u8>>();
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(value.as_bytes()).finalize();
    let outer = Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize();
    outer.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_is_hmac_sha256() {
        // RFC 4231, test case 2.
        let got = keyed(b"Jefe", "what do ya want for nothing?");
        assert_eq!(got, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assert_eq!(keyed(b"k", ""), "", "no device hash, nothing to key");
        assert_ne!(keyed(b"one", "abc"), keyed(b"two", "abc"), "another secret, another value");
    }

    #[test]
    fn a_secret_is_created_once_readable_by_its_owner_only_and_read_again() {
        let dir = std::env::temp_dir().join(format!("tanya-secret-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("t.secret");
        let _ = std::fs::remove_file(&path);
        let first = load_or_create(&path).expect("created");
        assert_eq!(first.len(), SECRET_BYTES);
        assert_eq!(load_or_create(&path).expect("read"), first, "the same secret after a restart");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::write(&path, "abcd").expect("write");
        assert!(matches!(load_or_create(&path), Err(SecretError::Short(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
