//! Plain HTTP routes beside the Leptos pages and server functions.

use crate::error::HttpError;
use crate::ServerState;
use app::domain::{JamError, JoinCode, Role};
use app::error::AppError;
use app::i18n::Lang;
use app::server::{identity, links};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

/// `GET /qr/<CODE>.svg`: the QR code of the jam's join link, which carries the jam's key: for
/// its facilitators (the projector) only.
pub async fn qr(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, HttpError> {
    let code = JoinCode::parse(file.strip_suffix(".svg").unwrap_or(&file))?;
    let jam = facilitators_jam(&state, &session, &code).await?;
    qr_response(&links::join_link(&state.app, &headers, &jam))
}

/// `GET /jam/<CODE>/host-key.svg`: the QR code of the facilitator link, for the jam's
/// facilitators only.
pub async fn host_key_qr(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, HttpError> {
    let code = JoinCode::parse(&code)?;
    let jam = facilitators_jam(&state, &session, &code).await?;
    let key = jam
        .host_key
        .as_deref()
        .ok_or(AppError::Jam(JamError::WrongHostKey))?;
    qr_response(&links::host_url(&state.app, &headers, &jam.code, key))
}

/// The jam with `code`, if the session's person is one of its facilitators.
async fn facilitators_jam(
    state: &ServerState,
    session: &Session,
    code: &JoinCode,
) -> Result<std::sync::Arc<app::domain::Jam>, HttpError> {
    let person = identity::known(session).await?.unwrap_or(identity::NOBODY);
    let jam = state.app.engine.current(code).await?;
    if jam.role_of(person) != Role::Facilitator {
        return Err(AppError::NotFacilitator.into());
    }
    Ok(jam)
}

fn qr_response(url: &str) -> Result<Response, HttpError> {
    let svg = links::qr_svg(url).map_err(|e| {
        tracing::error!(error = %e, "could not make a QR code");
        HttpError(AppError::Storage)
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        svg,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct Back {
    to: Option<String>,
}

/// `GET /lang/<xx>?to=/path`: the language switch for browsers without the wasm. Remembers
/// the choice in a cookie and goes back; only to a path on this site.
pub async fn lang(Path(code): Path<String>, Query(back): Query<Back>) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let to = back
        .to
        .filter(|to| is_local_path(to))
        .unwrap_or_else(|| "/".into());
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        Lang::COOKIE,
        lang.code()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response()
}

/// A path on this site: `/` and then only the characters Blixt's own paths use, so nothing a
/// browser reads as another host (`//host`, `/\\host`, `/%09/host` with the tab dropped).
fn is_local_path(to: &str) -> bool {
    to.starts_with('/')
        && !to.starts_with("//")
        && to
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'))
}

/// `GET /healthz`: answers once the database does.
pub async fn health(State(state): State<ServerState>) -> StatusCode {
    match state.app.engine.store().check().await {
        Ok(()) => StatusCode::OK,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// Gives a browser on a page where people join or create a jam a random visitor cookie, if it
/// has none: stored nowhere on the server, it makes the session that joining creates belong to
/// one person however many times "join" is sent (see `identity`).
pub async fn visitor_cookie(
    State(state): State<ServerState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let wants = request.method() == axum::http::Method::GET
        && (path == "/" || path == "/join" || path.starts_with("/j/"))
        && identity::visitor_token(request.headers()).is_none();
    let mut response = next.run(request).await;
    if wants {
        let token = uuid::Uuid::new_v4().simple().to_string();
        let secure = if state.secure_cookies { "; Secure" } else { "" };
        let cookie = format!(
            "{}={token}; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax{secure}",
            identity::VISITOR_COOKIE
        );
        if let Ok(value) = cookie.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The header by which the phone's script asks for its page again (`public/phone.js`).
pub const PAGE_ONLY: &str = "x-blixt-page-only";

/// The phone's script fetches its page again after a change and reads only its `<main>`. What
/// the app's wasm would take the page over from (the data in the scripts after `</html>`:
/// about a third of a page as sent) is left off for it.
pub async fn page_only(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let wanted = request.headers().contains_key(PAGE_ONLY);
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !wanted || !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // A page is a few hundred kilobytes at most (a jam's notes are bounded).
    let Ok(page) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let end = page
        .windows(b"</html>".len())
        .position(|w| w == b"</html>")
        .map_or(page.len(), |at| at + b"</html>".len());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(page.slice(..end)))
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn the_language_switch_goes_back_only_to_this_site() {
        for good in ["/", "/host/BCDFGH", "/j/BCDFGH", "/jam/BCDFGH"] {
            assert!(is_local_path(good), "{good}");
        }
        for bad in [
            "//evil.se",
            "/\\evil.se",
            "/\t/evil.se",
            "https://evil.se",
            "/%09/evil.se",
            "evil",
            "/a?b=//c",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}
