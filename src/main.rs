//! The respondent app's entry point: everything lives in the library.

fn main() {
    tanya::start();
}
