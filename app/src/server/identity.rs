//! Who is asking: a person id kept in the tower-sessions session (a cookie, the data in the
//! database), so a reload, a sleeping phone or a server restart keeps everyone who they are.
//!
//! A session is made only when someone creates or joins a jam (`person`); everything else
//! reads it (`known`), so a visitor who only looks stores nothing.
//!
//! The pages where people join or create a jam give the browser a random visitor cookie
//! (stored nowhere on the server). A session made later takes its person from that cookie, so
//! a browser that sends "join" twice before it has a session (a double tap on a slow network)
//! is one person, not two.

use super::slow::timed;
use crate::domain::PersonId;
use crate::error::AppError;
use axum::http::{header, HeaderMap};
use sha2::{Digest, Sha256};
use tower_sessions::Session;
use uuid::Uuid;

const PERSON_KEY: &str = "person";
/// The visitor cookie's name; its value is 32 hex digits.
pub const VISITOR_COOKIE: &str = "blixt_visitor";

/// The session's person, made (and the session stored) if it has none yet. `headers` are the
/// request's, for the visitor cookie.
pub async fn person(session: &Session, headers: &HeaderMap) -> Result<PersonId, AppError> {
    if let Some(known) = known(session).await? {
        return Ok(known);
    }
    let id = new_person(visitor_token(headers).as_deref()).0;
    session.insert(PERSON_KEY, id).await.map_err(storage)?;
    // Save now rather than at the end of the response: the session must exist before anything
    // that refers to this person is stored.
    timed("session save", session.save())
        .await
        .map_err(storage)?;
    Ok(PersonId(id))
}

/// How long a session lasts without use. Every day it is used, it is renewed: a facilitator
/// who comes back for the results now and then keeps being the facilitator.
pub const SESSION_DAYS: i64 = 30;

/// The session's person, if it has one.
pub async fn known(session: &Session) -> Result<Option<PersonId>, AppError> {
    let known: Option<Uuid> = timed("session load", session.get(PERSON_KEY))
        .await
        .map_err(storage)?;
    if known.is_some() {
        renew(session);
    }
    Ok(known.map(PersonId))
}

/// Moves the session's end a full `SESSION_DAYS` ahead once it is a day nearer (so a busy
/// session is written once a day, not at every request).
fn renew(session: &Session) {
    use tower_sessions::cookie::time::{Duration, OffsetDateTime};
    let left = session.expiry_date() - OffsetDateTime::now_utc();
    if left < Duration::days(SESSION_DAYS - 1) {
        session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(Duration::days(
            SESSION_DAYS,
        ))));
    }
}

/// The person a new session is for. From a visitor token it is a hash of the token, so nobody
/// can pick a token that makes them someone they know the person id of.
pub fn new_person(visitor_token: Option<&str>) -> PersonId {
    match visitor_token {
        Some(token) => {
            let digest = Sha256::digest(format!("blixt-person:{token}").as_bytes());
            let bytes: [u8; 16] = digest[..16].try_into().expect("16 of 32 bytes");
            PersonId(uuid::Builder::from_random_bytes(bytes).into_uuid())
        }
        None => PersonId(Uuid::new_v4()),
    }
}

/// The visitor token in the request's cookies, if it has a well-formed one.
pub fn visitor_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(VISITOR_COOKIE)?.strip_prefix('='))
        .find(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

/// Someone without a session: no jam knows this person, so every jam sees a visitor.
pub const NOBODY: PersonId = PersonId(Uuid::nil());

fn storage(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store failed");
    AppError::Storage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_visitor_token_is_one_person() {
        let mut headers = HeaderMap::new();
        let token = "0123456789abcdef0123456789abcdef";
        headers.insert(
            header::COOKIE,
            format!("a=b; {VISITOR_COOKIE}={token}").parse().unwrap(),
        );
        assert_eq!(visitor_token(&headers).as_deref(), Some(token));
        let a = new_person(Some(token));
        assert_eq!(a, new_person(Some(token)));
        assert_ne!(a, new_person(Some("1123456789abcdef0123456789abcdef")));
        assert_ne!(new_person(None), new_person(None));
        headers.insert(
            header::COOKIE,
            format!("{VISITOR_COOKIE}=short").parse().unwrap(),
        );
        assert_eq!(visitor_token(&headers), None);
    }
}
