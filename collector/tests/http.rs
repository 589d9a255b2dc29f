//! The collector over real HTTP on loopback, with a real SQLite file, or a
//! real PostgreSQL database when `TANYA_TEST_POSTGRES` names a server.

mod common;

use common::{envelope, export, http, id, post, start, start_with, workdir};
use serde_json::{json, Value};

#[test]
fn a_replayed_submission_gets_the_same_receipt_and_no_new_row() {
    let c = start("replay");
    let e =
        envelope("allow", "11111111-1111-4111-8111-111111111111", "r1", json!({"q1": "a", "q2": "Medan"}));
    let (s1, r1) = post(&c.addr, &e);
    assert_eq!(s1, 201, "{r1}");
    assert_eq!(r1["id"], "11111111-1111-4111-8111-111111111111");
    assert!(r1["received_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    let (s2, r2) = post(&c.addr, &e);
    assert_eq!(s2, 200);
    assert_eq!(r1, r2, "the same receipt");
    assert_eq!(export(&c.addr).lines().count(), 2, "header and one row");
}

#[test]
fn each_duplicate_policy() {
    let c = start("policy");
    for (policy, second_status) in [("block", 422), ("warn", 201), ("allow", 201)] {
        let first = envelope(policy, &format!("{policy}-1"), "same-browser", json!({"q1": "a"}));
        let (s, r1) = post(&c.addr, &first);
        assert_eq!(s, 201, "{policy}: {r1}");
        let again = envelope(policy, &format!("{policy}-2"), "same-browser", json!({"q1": "b"}));
        let (s, r) = post(&c.addr, &again);
        assert_eq!(s, second_status, "{policy}: {r}");
        if policy == "block" {
            // Never 409, which clients read as "already stored".
            assert_eq!(r["errors"][0]["rule"], "duplicate", "{r}");
            assert_eq!(r["first"], r1, "the refusal carries the first receipt");
        }
    }
    let csv = export(&c.addr);
    let row =
        |label: &str| csv.lines().find(|l| l.starts_with(&format!("{},", id(label)))).unwrap_or_default();
    for policy in ["warn", "allow"] {
        let second = row(&format!("{policy}-2"));
        assert!(
            second.contains(&id(&format!("{policy}-1"))),
            "{policy}: stored, flagged with the first: {csv}"
        );
    }
    assert!(!csv.contains(&id("block-2")), "block: not stored");
}

#[test]
fn bad_requests_get_their_status() {
    let c = start("errors");
    let invalid = envelope("allow", "v-1", "r", json!({"q2": "no q1"}));
    let (s, r) = post(&c.addr, &invalid);
    assert_eq!(s, 422);
    assert_eq!(r["errors"][0]["question"], "q1");
    assert_eq!(r["errors"][0]["rule"], "required");

    let mut tampered = envelope("allow", "v-2", "r", json!({"q1": "a"}));
    tampered["answers"]["q1"] = json!("b");
    assert_eq!(post(&c.addr, &tampered).0, 422, "the entry hash must match the answers");

    let mut unknown = envelope("allow", "v-3", "r", json!({"q1": "a"}));
    unknown["survey"]["version"] = json!("old");
    assert_eq!(post(&c.addr, &unknown).0, 503, "a version not served here is retried");

    let huge = vec![b'x'; 300 * 1024];
    let (s, _, _) = http(&c.addr, "POST", "/api/submissions", &[("Content-Type", "application/json")], &huge);
    assert_eq!(s, 413);
    let (s, _, body) =
        http(&c.addr, "POST", "/api/submissions", &[("Content-Type", "application/json")], b"{not json");
    assert_eq!(s, 400);
    assert!(body.contains("malformed JSON"), "{body}");
    let (s, _, _) = http(&c.addr, "POST", "/api/submissions", &[("Content-Type", "text/plain")], b"{}");
    assert_eq!(s, 415);
    for path in ["/api/export.csv", "/api/duplicates"] {
        assert_eq!(http(&c.addr, "GET", path, &[], b"").0, 401, "{path} without a token");
        assert_eq!(http(&c.addr, "GET", path, &[("Authorization", "Bearer wrong")], b"").0, 401);
        assert_eq!(
            http(&c.addr, "GET", path, &[("Authorization", "Bearer rahasia-panjang-0123")], b"").0,
            200
        );
    }
}

#[test]
fn cors_is_an_allowlist() {
    let c = start("cors");
    let preflight = |origin: &str| {
        http(
            &c.addr,
            "OPTIONS",
            "/api/submissions",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type,idempotency-key"),
            ],
            b"",
        )
    };
    let (_, allowed, _) = preflight("http://portal.example");
    let acao: Vec<&String> =
        allowed.iter().filter(|(k, _)| k == "access-control-allow-origin").map(|(_, v)| v).collect();
    assert_eq!(acao, ["http://portal.example"]);
    let (_, refused, _) = preflight("http://evil.example");
    assert!(refused.iter().all(|(k, _)| !k.starts_with("access-control-allow-origin")), "{refused:?}");
}

#[test]
fn export_has_a_column_per_question_and_the_meta() {
    let c = start("export");
    let mut e = envelope("allow", "e-1", "r", json!({"q1": "a", "q2": "Jl. Merdeka, \"No. 1\""}));
    e["meta"]["started_at"] = json!("2026-11-29T10:00:41.123Z");
    e["meta"]["submitted_at"] = json!("2026-11-29T10:05:59.999Z");
    assert_eq!(post(&c.addr, &e).0, 201);
    let csv = export(&c.addr);
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("submission_id,survey_id,version,received_at,duplicate_of,q1,q2,q3"),
        "{header}"
    );
    assert!(
        header
            .ends_with("fingerprint.entry,fingerprint.similarity,quality.duration_ms,quality.straightlining"),
        "{header}"
    );
    let row = lines.next().unwrap_or_default();
    assert!(row.starts_with(&format!("{},allow,", id("e-1"))), "{row}");
    assert!(row.contains(",a,\"Jl. Merdeka, \"\"No. 1\"\"\","), "CSV quoting: {row}");
    assert!(row.contains(",id,r,"), "meta.lang and the respondent: {row}");
    // Privacy: no device hash, and times to the minute only.
    assert!(!header.contains("fingerprint.device"), "{header}");
    assert!(!row.contains(&"d".repeat(64)), "{row}");
    assert!(row.contains(",2026-11-29T10:00:00.000Z,2026-11-29T10:05:00.000Z,"), "{row}");
    let received = row.split(',').nth(3).unwrap_or_default();
    assert!(received.ends_with(":00.000Z"), "received_at to the minute: {received}");
    let (_, _, nd) =
        http(&c.addr, "GET", "/api/export.ndjson", &[("Authorization", "Bearer rahasia-panjang-0123")], b"");
    let line: Value = serde_json::from_str(nd.lines().next().unwrap_or_default()).unwrap_or(Value::Null);
    assert_eq!(line["fingerprint"].get("device"), None, "{line}");
    assert!(line["received_at"].as_str().is_some_and(|t| t.ends_with(":00.000Z")), "{line}");
}

#[test]
fn near_duplicates_cluster_by_similarity() {
    let c = start("clusters");
    let base: Vec<(&str, &str)> = vec![
        ("q1", "a"),
        ("q2", "x"),
        ("q3", "y"),
        ("q4", "z"),
        ("q5", "u"),
        ("q6", "v"),
        ("q7", "w"),
        ("q8", "t"),
    ];
    let as_json = |pairs: &[(&str, &str)]| {
        Value::Object(pairs.iter().map(|(k, v)| (k.to_string(), json!(v))).collect())
    };
    let mut coached = base.clone();
    coached[7] = ("q8", "different");
    let unrelated = as_json(&[
        ("q1", "c"),
        ("q2", "1"),
        ("q3", "2"),
        ("q4", "3"),
        ("q5", "4"),
        ("q6", "5"),
        ("q7", "6"),
        ("q8", "7"),
    ]);
    for (id, answers) in [("n-1", as_json(&base)), ("n-2", as_json(&coached)), ("n-3", unrelated)] {
        assert_eq!(post(&c.addr, &envelope("allow", id, id, answers)).0, 201);
    }
    let (s, _, body) = http(
        &c.addr,
        "GET",
        "/api/duplicates?distance=12",
        &[("Authorization", "Bearer rahasia-panjang-0123")],
        b"",
    );
    assert_eq!(s, 200);
    let v: Value = serde_json::from_str(&body).expect("JSON");
    let near = &v["surveys"]["allow"]["near"];
    let mut got: Vec<&str> = near[0].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    got.sort_unstable();
    let mut want = [id("n-1"), id("n-2")];
    want.sort_unstable();
    assert_eq!(near.as_array().map(Vec::len), Some(1), "{body}");
    assert_eq!(got, want, "{body}");
}

#[test]
fn the_site_carries_the_csp_and_cors_for_allowed_portals_only() {
    // A portal on another origin loads tanya-embed.js (and the wasm) from the
    // collector: allowed origins get CORS headers on the site's files too.
    let dir = workdir("site");
    let site = dir.join("site");
    std::fs::create_dir_all(&site).expect("site dir");
    std::fs::write(site.join("tanya-embed.js"), "export const x = 1;\n").expect("write");
    std::fs::write(site.join("tanya-app-0123456789abcdef.js"), "export {};\n").expect("write");
    // Stands in for the copy `cargo xtask dist` writes; only its name matters here.
    std::fs::write(site.join("tanya-app-0123456789abcdef.js.br"), "brotli bytes").expect("write");
    let c = start_with(dir.clone(), true, &["--site", &site.to_string_lossy()]);
    let get = |origin: &str| http(&c.addr, "GET", "/tanya-embed.js", &[("Origin", origin)], b"");
    let (status, headers, body) = get("http://portal.example");
    assert_eq!(status, 200);
    assert_eq!(body, "export const x = 1;\n");
    let header =
        |hs: &[(String, String)], name: &str| hs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert_eq!(header(&headers, "access-control-allow-origin").as_deref(), Some("http://portal.example"));
    let csp = header(&headers, "content-security-policy").unwrap_or_default();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{csp}");
    assert_eq!(
        header(&headers, "cache-control").as_deref(),
        Some("no-cache"),
        "a stable name is revalidated"
    );
    let (_, refused, _) = get("http://evil.example");
    assert_eq!(header(&refused, "access-control-allow-origin"), None, "{refused:?}");
    let (status, hashed, _) = http(&c.addr, "GET", "/tanya-app-0123456789abcdef.js", &[], b"");
    assert_eq!(status, 200);
    assert_eq!(header(&hashed, "cache-control").as_deref(), Some("public, max-age=31536000, immutable"));
    let (status, br, body) =
        http(&c.addr, "GET", "/tanya-app-0123456789abcdef.js", &[("Accept-Encoding", "gzip, br")], b"");
    assert_eq!(status, 200);
    assert_eq!(header(&br, "content-encoding").as_deref(), Some("br"), "the precompressed copy: {br:?}");
    assert_eq!(body, "brotli bytes");
    let (_, api, _) = http(&c.addr, "GET", "/api/export.csv", &[], b"");
    assert_eq!(header(&api, "cache-control"), None, "the API is not a site file");
}

#[test]
fn the_export_pages_through_more_entries_than_one_page() {
    // The export reads 1,000 entries per query; many arrive within the same
    // millisecond, so the cursor's tie-break on the id is exercised too.
    let c = start("paging");
    let n = 1_005;
    for i in 0..n {
        let e = envelope(
            "allow",
            &format!("p-{i:05}"),
            &format!("r{i}"),
            json!({"q1": "a", "q2": format!("{i}")}),
        );
        assert_eq!(post(&c.addr, &e).0, 201, "entry {i}");
    }
    let csv = export(&c.addr);
    let ids: Vec<&str> = csv.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(ids.len(), n, "every entry exactly once");
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), n, "none twice across page boundaries");
}

#[test]
fn a_formula_typed_as_an_answer_stays_text_in_the_export() {
    let c = start("formula");
    // (answer to q2, the cell the export holds)
    let cases = [
        (
            "=HYPERLINK(\"http://x.example\",\"klik\")",
            "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"klik\"\")\"",
        ),
        ("+62 811", "'+62 811"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Medan", "Medan"),
    ];
    for (i, (answer, _)) in cases.iter().enumerate() {
        let id = format!("f-{i}");
        let e = envelope("allow", &id, "r", json!({"q1": "a", "q2": answer, "q3": -5}));
        assert_eq!(post(&c.addr, &e).0, 201, "{answer}");
    }
    let csv = export(&c.addr);
    for (i, (answer, cell)) in cases.iter().enumerate() {
        let row =
            csv.lines().find(|l| l.starts_with(&format!("{},", id(&format!("f-{i}"))))).unwrap_or_default();
        assert!(row.contains(&format!(",a,{cell},-5,")), "{answer:?} as {cell:?}, a number stays: {row}");
    }
}
