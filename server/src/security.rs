//! What every response and every state-changing request goes through: security headers, a
//! content security policy that lets only this site's own scripts (and the page's hydration
//! script, by nonce) run, and a refusal of requests another site's page sends.

use crate::ServerState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// For responses that did not set their own policy (pages set one with their nonce, see
/// `app::shell`): nothing runs, nothing frames it.
const DEFAULT_CSP: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Security headers on every response.
pub async fn headers(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Join links carry a key: never hand them to another site.
    set(header::REFERRER_POLICY, "no-referrer");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if state.https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

/// Refuses a state-changing request that another site's page made (a form or `fetch` aimed at
/// Blixt from elsewhere, riding on the visitor's cookie), and a command that is not JSON.
pub async fn same_origin(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    let changes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes && !from_this_site(request.headers(), state.public_origin.as_deref()) {
        return refuse(StatusCode::FORBIDDEN, "cross-site request refused");
    }
    if request.uri().path() == "/api/command" && !is_json(request.headers()) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "commands are sent as application/json",
        );
    }
    next.run(request).await
}

/// Whether a browser says the request comes from a page of this site. Browsers send
/// `Sec-Fetch-Site` (all current ones) or `Origin` with every cross-site POST; a request with
/// neither comes from no browser page at all (a script or a test), which a cookie-riding attack
/// cannot make.
fn from_this_site(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else {
        return true;
    };
    if public_origin.is_some_and(|p| p.eq_ignore_ascii_case(origin)) {
        return true;
    }
    // The origin's host and port against the Host the request was sent to.
    let host = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    text(header::HOST.as_str()).is_some_and(|h| h.eq_ignore_ascii_case(host))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

fn refuse(status: StatusCode, why: &'static str) -> Response {
    (
        status,
        axum::Json(app::error::AppError::BadRequest(why.into())),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn only_this_sites_pages_may_change_things() {
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            None
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            None
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            None
        ));
        let own = [
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ];
        assert!(from_this_site(&headers(&own), None));
        let other_port = [
            ("origin", "http://127.0.0.1:3001"),
            ("host", "127.0.0.1:3000"),
        ];
        assert!(!from_this_site(&headers(&other_port), None));
        let behind_proxy = [
            ("origin", "https://blixt.kommun.se"),
            ("host", "10.0.0.5:3000"),
        ];
        assert!(!from_this_site(&headers(&behind_proxy), None));
        assert!(from_this_site(
            &headers(&behind_proxy),
            Some("https://blixt.kommun.se")
        ));
        assert!(
            from_this_site(&headers(&[]), None),
            "no browser page at all"
        );
    }
}
