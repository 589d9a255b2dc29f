//! How the collector reaches PostgreSQL: TLS (rustls, with the Mozilla
//! roots and any CA the operator adds) for every host that is not this
//! machine, and refused outright when the URL turns TLS off for one; plain
//! TCP or a Unix socket only for this machine, unless the URL asks for TLS.

use super::StoreError;
use tokio_postgres::config::{Host, SslMode};

/// How to connect.
pub enum Transport {
    /// This machine and no TLS asked for.
    Plain,
    /// TLS, verified against these roots.
    Tls(tokio_postgres_rustls::MakeRustlsConnect),
}

/// Whether every host `config` names is this machine (loopback or a Unix socket).
fn local_only(config: &tokio_postgres::Config) -> bool {
    config.get_hosts().iter().all(|h| match h {
        Host::Tcp(name) => {
            name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        #[cfg(unix)]
        Host::Unix(_) => true,
    })
}

/// What `config` (and a CA file, `ca`) asks for, or why it is refused. A
/// non-local host always gets TLS (`sslmode=require` is forced, so a server
/// without TLS is an error, never a silent fallback).
pub fn transport(
    config: &mut tokio_postgres::Config,
    ca: Option<&std::path::Path>,
) -> Result<Transport, StoreError> {
    let local = local_only(config);
    match (local, config.get_ssl_mode()) {
        (false, SslMode::Disable) => {
            return Err(StoreError::Tls(
                "sslmode=disable for a database on another machine: its answers would cross the network in \
                 clear; use TLS (the default), or a host on this machine"
                    .into(),
            ))
        }
        (true, SslMode::Disable | SslMode::Prefer) => return Ok(Transport::Plain),
        _ => {}
    }
    config.ssl_mode(SslMode::Require);
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca {
        let pem = std::fs::read(path).map_err(|e| StoreError::Tls(format!("{}: {e}", path.display())))?;
        let mut added = 0;
        for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
            let cert = cert.map_err(|e| StoreError::Tls(format!("{}: {e}", path.display())))?;
            roots.add(cert).map_err(|e| StoreError::Tls(format!("{}: {e}", path.display())))?;
            added += 1;
        }
        if added == 0 {
            return Err(StoreError::Tls(format!("{}: no PEM certificate in it", path.display())));
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Transport::Tls(tokio_postgres_rustls::MakeRustlsConnect::new(tls)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_machine_always_gets_tls_and_this_one_only_when_asked() {
        // (URL, Ok(uses TLS) or Err(part of the message))
        let cases: [(&str, Result<bool, &str>); 7] = [
            ("postgres://u@127.0.0.1:5432/db", Ok(false)),
            ("postgres://u@localhost/db?sslmode=prefer", Ok(false)),
            ("postgres://u@localhost/db?sslmode=require", Ok(true)),
            ("postgres://u@db.internal:5432/db", Ok(true)),
            ("postgres://u@10.0.0.5/db?sslmode=prefer", Ok(true)),
            (
                "postgres://u@db.internal/db?sslmode=disable",
                Err("sslmode=disable for a database on another machine"),
            ),
            ("postgres://u@[::1]/db", Ok(false)),
        ];
        for (url, want) in cases {
            let mut config: tokio_postgres::Config = url.parse().expect(url);
            let got = transport(&mut config, None);
            match (got, want) {
                (Ok(Transport::Plain), Ok(false)) => {}
                (Ok(Transport::Tls(_)), Ok(true)) => {
                    assert_eq!(config.get_ssl_mode(), SslMode::Require, "{url}: no fallback to plain");
                }
                (Err(e), Err(part)) => assert!(e.to_string().contains(part), "{url}: {e}"),
                (got, want) => panic!("{url}: got {}, want {want:?}", got.is_ok()),
            }
        }
        let mut config: tokio_postgres::Config = "postgres://u@db.internal/db".parse().expect("url");
        let missing = transport(&mut config, Some(std::path::Path::new("/nonexistent/ca.pem")));
        assert!(missing.is_err_and(|e| e.to_string().contains("/nonexistent/ca.pem")));
    }
}
