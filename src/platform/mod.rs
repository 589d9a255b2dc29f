//! The only code that touches the browser: DOM look-ups, storage, HTTP.

pub mod dom;
pub mod http;
