//! `tanya qr` output rasterised (rsvg-convert) and read back by a real QR
//! reader (zbarimg). A custom harness: without those tools (Debian's
//! librsvg2-bin and zbar-tools, which `cargo xtask test` installs) the test
//! is reported as ignored, by name, never as passed.

use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok()
}

fn main() {
    println!("\nrunning 1 test");
    let name = "qr_scan::poster_decodes_to_the_exact_url";
    if !have("rsvg-convert") || !have("zbarimg") {
        println!("test {name} ... ignored, skipped: rsvg-convert and zbarimg are needed (apt-get install librsvg2-bin zbar-tools)");
        println!("\ntest result: ok. 0 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out\n");
        return;
    }
    let dir = std::env::temp_dir().join(format!("tanya-qr-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let url = "https://survei.example.go.id/spi/?group=eksternal&lang=id#mulai";
    let (svg, png) = (dir.join("poster.svg"), dir.join("poster.png"));
    let mut failures = Vec::new();
    let made = Command::new(env!("CARGO_BIN_EXE_tanya"))
        .args(["qr", url, "--title", "Survei Integritas <Layanan> & Publik", "-o"])
        .arg(&svg)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        failures.push("tanya qr failed".to_string());
    }
    // Printed small: 300 px wide for an 800-unit poster.
    let rasterised = Command::new("rsvg-convert")
        .args(["-w", "300", "-o"])
        .arg(&png)
        .arg(&svg)
        .status()
        .is_ok_and(|s| s.success());
    if !rasterised {
        failures.push("rsvg-convert failed".to_string());
    }
    let out = Command::new("zbarimg").args(["--raw", "-q"]).arg(&png).output();
    let decoded = out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default();
    if decoded != url {
        failures.push(format!("zbarimg read {decoded:?}, want {url:?}"));
    }
    let text = std::fs::read_to_string(&svg).unwrap_or_default();
    if !(text.contains("Survei Integritas &lt;Layanan&gt; &amp;") && text.contains(">Publik<")) {
        failures.push("the title is not in the poster".into());
    }
    let _ = std::fs::remove_dir_all(&dir);
    if failures.is_empty() {
        println!("test {name} ... ok");
        println!("\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n");
    } else {
        println!("test {name} ... FAILED: {}", failures.join("; "));
        println!("\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n");
        std::process::exit(101);
    }
}
