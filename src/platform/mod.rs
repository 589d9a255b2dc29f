//! The only code that touches the browser: DOM look-ups, storage, URL,
//! media queries, the clock and HTTP.

pub mod clock;
pub mod device;
pub mod dom;
pub mod download;
pub mod embed;
pub mod http;
pub mod idb;
pub mod locks;
pub mod media;
pub mod mount;
pub mod outbox;
pub mod storage;
pub mod takeover;
pub mod url;
