//! The links Blixt hands out (the join link phones open, the facilitator link) and their QR
//! codes.

use super::AppState;
use crate::domain::{Jam, JoinCode};
use axum::http::{header, HeaderMap};

/// `<base>/j/<CODE>`: the short link, to be typed.
pub fn join_url(state: &AppState, headers: &HeaderMap, code: &JoinCode) -> String {
    format!("{}/j/{code}", base_url(state, headers))
}

/// `<base>/j/<CODE>?k=<KEY>`: the join link with the jam's key, for the QR code and for sending
/// to people. (The short link for a jam made before there were keys.)
pub fn join_link(state: &AppState, headers: &HeaderMap, jam: &Jam) -> String {
    let short = join_url(state, headers, &jam.code);
    match &jam.join_key {
        Some(key) => format!("{short}?k={key}"),
        None => short,
    }
}

/// `<base>/host/<CODE>?key=<KEY>`: the facilitator link.
pub fn host_url(state: &AppState, headers: &HeaderMap, code: &JoinCode, key: &str) -> String {
    format!("{}/host/{code}?key={key}", base_url(state, headers))
}

/// The configured public URL, or else the scheme and host the request came in on (so a
/// facilitator who opens Blixt by the machine's network address gets links that phones on the
/// same network can open).
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    match &state.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .filter(|h| {
                    h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                })
                .unwrap_or("localhost");
            let scheme = headers
                .get("x-forwarded-proto")
                .and_then(|h| h.to_str().ok())
                .filter(|p| *p == "https")
                .unwrap_or("http");
            format!("{scheme}://{host}")
        }
    }
}

/// The QR code of `text` as an SVG document, black on white with a quiet zone.
pub fn qr_svg(text: &str) -> Result<String, qrcode::types::QrError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build())
}
