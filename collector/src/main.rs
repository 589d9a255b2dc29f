//! `tanya-collector`: the reference REST receiver.
//!
//! It stores each entry exactly once (the `submission_id` is the key),
//! re-validates it with the same engine the browser ran, applies the
//! questionnaire's duplicate policy, and exports what it holds. It can also
//! serve the built site, so a deployment is one binary and one folder.

mod api;
mod report;
mod secret;
mod serve;
mod store;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use clap::Parser;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use tanya_engine::schema::Survey;
use tower_http::cors::{AllowOrigin, CorsLayer};

#[derive(Parser, Debug)]
#[command(name = "tanya-collector", version, about = "Tanya's reference receiver for survey entries")]
struct Args {
    /// Address to listen on (port 0 picks a free one; the bound address is printed).
    #[arg(long, env = "TANYA_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Where entries are kept: a SQLite file path (created on first start) or a
    /// `postgres://user@host:port/db` URL for several collectors behind one database.
    #[arg(long, env = "TANYA_DB", default_value = "tanya.db")]
    db: String,
    /// Folder of questionnaire JSON files the collector accepts entries for.
    #[arg(long, env = "TANYA_SURVEYS")]
    surveys: PathBuf,
    /// Bearer token for /api/export.csv and /api/duplicates.
    #[arg(long, env = "TANYA_TOKEN")]
    token: Option<String>,
    /// An origin allowed to post from another site (repeatable, or comma-separated in TANYA_ALLOW_ORIGIN).
    #[arg(long = "allow-origin", env = "TANYA_ALLOW_ORIGIN", value_delimiter = ',')]
    allow_origin: Vec<String>,
    /// A built site (dist/) to serve at /.
    #[arg(long, env = "TANYA_SITE")]
    site: Option<PathBuf>,
    /// Seconds a client may take to send a request's header, and to send
    /// and be answered one whole request; a stalled client is cut off.
    #[arg(long, default_value_t = 30)]
    stall_timeout: u64,
    /// Seconds to finish the requests in flight after SIGTERM before exiting anyway.
    #[arg(long, default_value_t = 30)]
    drain_timeout: u64,
    /// The file holding the secret the device hash is keyed with before it
    /// is stored (created, readable by its owner only, when missing).
    /// Default: beside the SQLite file (`tanya.db.secret`); with PostgreSQL
    /// it must be given, the same file for every collector. Keep it with
    /// the database: a new secret no longer links new entries to earlier ones.
    #[arg(long, env = "TANYA_DEVICE_SECRET_FILE")]
    device_secret_file: Option<PathBuf>,
    /// A PEM file of CA certificates to trust for PostgreSQL's TLS, besides
    /// the Mozilla roots (a managed database's own CA). A database on
    /// another machine is always reached over TLS.
    #[arg(long, env = "TANYA_DB_CA_FILE")]
    db_ca_file: Option<PathBuf>,
}

/// Loads every `*.json` questionnaire in `dir`, keyed by id and version.
fn load_surveys(dir: &Path) -> Result<HashMap<(String, String), Survey>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("--surveys {}: {e}", dir.display()))?;
    let mut out = HashMap::new();
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let loaded = tanya_engine::schema::load(&text).map_err(|e| format!("{}:\n{e}", path.display()))?;
        // Nothing ignored silently: the operator sees what the engine will not do.
        for w in &loaded.warnings {
            eprintln!("{}: warning: {w}", path.display());
        }
        let ignored = loaded.ignored();
        let s = loaded.survey;
        let key = (s.id(), tanya_engine::fingerprint::survey_version(&s));
        println!("serving survey '{}' version {} ({ignored} ignored properties)", key.0, key.1);
        out.insert(key, s);
    }
    if out.is_empty() {
        return Err(format!("--surveys {}: no questionnaire (*.json) found", dir.display()));
    }
    Ok(out)
}

/// The strict policy the site runs under: no inline script or style, wasm
/// allowed, and connections only to this origin and the questionnaires'
/// endpoints on other origins.
/// Embedding portals (`--allow-origin`) may frame the form; nothing may
/// re-base its relative URLs.
fn content_security_policy(endpoints: &[String], portals: &[String]) -> String {
    let mut connect = vec!["'self'".to_string()];
    for url in endpoints {
        let origin = url
            .split_once("://")
            .map(|(scheme, rest)| format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest)));
        if let Some(o) = origin.filter(|o| o.starts_with("http")) {
            if !connect.contains(&o) {
                connect.push(o);
            }
        }
    }
    let mut frame_ancestors = vec!["'self'".to_string()];
    frame_ancestors.extend(portals.iter().filter(|p| !p.is_empty()).cloned());
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:; \
         connect-src {}; frame-ancestors {}; base-uri 'none'",
        connect.join(" "),
        frame_ancestors.join(" ")
    )
}

/// `db` with any password in a URL replaced by `***`, for error messages:
/// the part between `user:` and the last `@`, and any `password=` parameter.
/// An error with each of its causes ("error performing TLS handshake:
/// invalid peer certificate: UnknownIssuer"), for the operator.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(&format!(": {c}"));
        cause = c.source();
    }
    out
}

fn redact(db: &str) -> String {
    let Some((scheme, rest)) = db.split_once("://") else { return db.to_string() };
    // The credentials end at the last `@` before the query, which may hold
    // an `@` of its own (`application_name=a@b`).
    let before_query = rest.find('?').unwrap_or(rest.len());
    let (authority, tail) = match rest[..before_query].rfind('@') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => ("", rest),
    };
    let authority = match authority.split_once(':') {
        Some((user, _)) => format!("{user}:***"),
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => p.to_string(),
                })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// How long a browser may keep a site file. A content-hashed name
/// (`tanya-app-0123456789abcdef_bg.wasm`; trunk drops leading zeros, so 12
/// to 16 hex digits) never changes content: a year,
/// immutable, which also lets the service worker's precache come from the
/// HTTP cache instead of the network. Everything else (the page, `sw.js`,
/// `tanya-embed.js`) is revalidated every time, so a release reaches everyone.
fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    });
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// One log line per request: method, path, status, milliseconds.
async fn log(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let started = std::time::Instant::now();
    let resp = next.run(req).await;
    eprintln!("{method} {path} {} {:.1}ms", resp.status().as_u16(), started.elapsed().as_secs_f64() * 1000.0);
    resp
}

fn cors(origins: &[String]) -> Result<CorsLayer, String> {
    if origins.iter().any(|o| o.trim() == "*") {
        return Err(
            "--allow-origin '*' is refused: name each portal's origin (https://portal.example.go.id); \
                    a wildcard would let any site post entries"
                .into(),
        );
    }
    let list = origins
        .iter()
        .filter(|o| !o.is_empty())
        .map(|o| HeaderValue::from_str(o).map_err(|_| format!("--allow-origin '{o}' is not a valid origin")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CorsLayer::new()
        .allow_origin(AllowOrigin::list(list))
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::HeaderName::from_static("idempotency-key"),
        ]))
}

async fn shutdown() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = term => {},
        _ = tokio::signal::ctrl_c() => {},
    }
    eprintln!("shutting down: finishing requests in flight");
}

/// Refuses a SQLite `--db` inside `--site`, where the site would serve the
/// whole database to anyone who asks for its name.
fn db_outside_site(db: &str, site: &Path) -> Result<(), String> {
    if db.contains("://") {
        return Ok(());
    }
    let db_path = Path::new(db);
    let folder = match db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) => p.to_path_buf(),
        None => PathBuf::from("."),
    };
    let (Ok(folder), Ok(site)) = (folder.canonicalize(), site.canonicalize()) else { return Ok(()) };
    if folder.starts_with(&site) {
        return Err(format!(
            "--db {db} lies inside --site {}: the site would serve the database; keep it elsewhere",
            site.display()
        ));
    }
    Ok(())
}

/// Whether a request path names a dotfile or a dot-folder (`/.env`,
/// `/.git/config`), which the site never serves.
fn hidden_path(path: &str) -> bool {
    path.split('/').any(|segment| segment.starts_with('.'))
}

/// The shortest export token accepted: a short one can be guessed.
const MIN_TOKEN: usize = 16;

async fn serve(args: Args) -> Result<(), String> {
    if let Some(t) = args.token.as_deref().filter(|t| t.chars().count() < MIN_TOKEN) {
        return Err(format!(
            "--token is {} characters; use at least {MIN_TOKEN} (a long random secret: it guards every answer)",
            t.chars().count()
        ));
    }
    if let Some(site) = &args.site {
        db_outside_site(&args.db, site)?;
    }
    let surveys = load_surveys(&args.surveys)?;
    let surveys_endpoints: Vec<String> =
        surveys.values().filter_map(|s| s.tanya.endpoint.as_ref().map(|e| e.url.clone())).collect();
    // The PostgreSQL client blocks, so it connects off the async threads.
    let db = args.db.clone();
    let ca = args.db_ca_file.clone();
    let store = tokio::task::spawn_blocking(move || store::open(&db, ca.as_deref()))
        .await
        .map_err(|e| format!("--db: {e}"))?
        .map_err(|e| format!("--db {}: {}", redact(&args.db), with_causes(&e)))?;
    // Entry checks run on blocking threads, two per core at most at once.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let engine = Arc::new(tokio::sync::Semaphore::new(cores * 2));
    let secret_path = args.device_secret_file.clone().or_else(|| secret::default_path(&args.db)).ok_or(
        "--device-secret-file is needed with PostgreSQL: every collector on the database must key device \
         hashes with the same secret (a file created on first start, readable by its owner only)",
    )?;
    let device_key = secret::load_or_create(&secret_path).map_err(|e| format!("--device-secret-file {e}"))?;
    let app = Arc::new(api::App { engine, store, surveys, token: args.token.clone(), device_key });
    let mut router = Router::new()
        .route("/api/submissions", post(api::submit).put(api::submit))
        .route("/api/export.csv", get(api::export))
        .route("/api/export.ndjson", get(api::export_ndjson))
        .route("/api/duplicates", get(api::duplicates));
    if let Some(site) = &args.site {
        // `cargo xtask dist` writes .br and .gz copies beside the files.
        router = router.fallback_service(
            tower_http::services::ServeDir::new(site).precompressed_br().precompressed_gzip(),
        );
    }
    // CORS covers the site's files too: a portal on an allowed origin loads
    // tanya-embed.js and the wasm from here.
    let mut router =
        router.layer(DefaultBodyLimit::max(api::MAX_BODY)).layer(cors(&args.allow_origin)?).with_state(app);
    if args.site.is_some() {
        let csp = HeaderValue::from_str(&content_security_policy(&surveys_endpoints, &args.allow_origin))
            .map_err(|e| format!("content security policy: {e}"))?;
        router = router.layer(axum::middleware::from_fn(move |req: Request, next: Next| {
            let csp = csp.clone();
            async move {
                let path = req.uri().path().to_string();
                if hidden_path(&path) {
                    return axum::http::StatusCode::NOT_FOUND.into_response();
                }
                let mut res = next.run(req).await;
                res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
                // Only a file that was found may be kept: a 404 for a new
                // release's file, cached for a year, would break the form.
                let found = res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED;
                let headers = res.headers_mut();
                if found && !path.starts_with("/api/") && !headers.contains_key(header::CACHE_CONTROL) {
                    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&path)));
                }
                res
            }
        }));
    }
    // No response is sniffed into another type (an answer served as text
    // never runs as a script).
    let router = router.layer(axum::middleware::from_fn(|req: Request, next: Next| async move {
        let mut res = next.run(req).await;
        res.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        res
    }));
    let router = router.layer(axum::middleware::from_fn(log));
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| format!("--listen {}: {e}", args.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("tanya-collector listening on http://{addr}");
    let limits = serve::Limits {
        stall: std::time::Duration::from_secs(args.stall_timeout.max(1)),
        drain: std::time::Duration::from_secs(args.drain_timeout),
    };
    serve::serve(listener, router, limits, shutdown()).await;
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tanya-collector: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tanya-collector: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{cache_control, redact};

    #[test]
    fn only_content_hashed_files_are_cached_for_good() {
        for (path, want) in [
            ("/tanya-app-0123456789abcdef_bg.wasm", "public, max-age=31536000, immutable"),
            ("/tanya-app-0123456789abcdef.js", "public, max-age=31536000, immutable"),
            ("/tanya-553417f471aba5db.css", "public, max-age=31536000, immutable"),
            ("/", "no-cache"),
            ("/index.html", "no-cache"),
            ("/sw.js", "no-cache"),
            ("/tanya-embed.js", "no-cache"),
            ("/surveys/spi-2026.json", "no-cache"),
            ("/x-0123456789abcdeg.js", "no-cache"),
            ("/tanya-app-123456789abcdef.js", "public, max-age=31536000, immutable"),
            ("/surveys/spi-20261129.json", "no-cache"),
        ] {
            assert_eq!(cache_control(path), want, "{path}");
        }
    }

    #[test]
    fn a_database_password_never_reaches_an_error_message() {
        for (db, shown) in [
            ("postgres://tanya:s3cret@db.internal:5432/spi", "postgres://tanya:***@db.internal:5432/spi"),
            ("postgres://tanya@127.0.0.1:5432/spi", "postgres://tanya@127.0.0.1:5432/spi"),
            ("/var/lib/tanya/entries.db", "/var/lib/tanya/entries.db"),
            ("postgres://tanya:p@ss@db/spi", "postgres://tanya:***@db/spi"),
            (
                "postgres://db.internal/spi?user=tanya&password=s3cret&sslmode=require",
                "postgres://db.internal/spi?user=tanya&password=***&sslmode=require",
            ),
            (
                "postgres://db/spi?password=s3cret&application_name=a@b",
                "postgres://db/spi?password=***&application_name=a@b",
            ),
        ] {
            assert_eq!(redact(db), shown);
        }
    }
}
