//! The results, downloadable: `/jam/<CODE>/export/<format>` for the facilitator, and
//! `/share/<token>` (the printable page) and `/share/<token>/export/<format>` for anyone the
//! facilitator gave the read-only link. Formats: `markdown`, `csv` (for Excel), `csv-plain`,
//! `json`, `print`. `?notes=1` adds every note of every round.

use crate::error::HttpError;
use crate::ServerState;
use app::domain::{Jam, JoinCode, Role};
use app::error::AppError;
use app::export::{csv, html, markdown, CsvStyle, Export};
use app::server::identity;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Options {
    notes: Option<String>,
}

impl Options {
    fn with_notes(&self) -> bool {
        matches!(self.notes.as_deref(), Some("1" | "true" | "on"))
    }
}

pub async fn for_facilitator(
    State(state): State<ServerState>,
    session: Session,
    Path((code, format)): Path<(String, String)>,
    Query(options): Query<Options>,
) -> Result<Response, HttpError> {
    let code = JoinCode::parse(&code)?;
    let person = identity::known(&session).await?.unwrap_or(identity::NOBODY);
    let jam = state.app.engine.current(&code).await?;
    if jam.role_of(person) != Role::Facilitator {
        return Err(AppError::NotFacilitator.into());
    }
    render(&jam, &format, options.with_notes(), None)
}

pub async fn shared_page(
    State(state): State<ServerState>,
    Path(token): Path<String>,
) -> Result<Response, HttpError> {
    let jam = shared_jam(&state, &token).await?;
    render(&jam, "print", false, Some(&token))
}

pub async fn shared(
    State(state): State<ServerState>,
    Path((token, format)): Path<(String, String)>,
    Query(options): Query<Options>,
) -> Result<Response, HttpError> {
    let jam = shared_jam(&state, &token).await?;
    render(&jam, &format, options.with_notes(), Some(&token))
}

async fn shared_jam(state: &ServerState, token: &str) -> Result<Arc<Jam>, HttpError> {
    // Tokens are 32 hex digits; anything else is not worth a database look-up.
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::JamNotFound.into());
    }
    Ok(state.app.engine.current_by_share_token(token).await?)
}

fn render(
    jam: &Jam,
    format: &str,
    with_notes: bool,
    share: Option<&str>,
) -> Result<Response, HttpError> {
    let export = Export::of(jam, with_notes);
    let (body, content_type, extension) = match format {
        "markdown" => (markdown(&export), "text/markdown; charset=utf-8", "md"),
        "csv" => (
            csv(&export, CsvStyle::Excel),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "csv-plain" => (
            csv(&export, CsvStyle::Plain),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "json" => (export.json(), "application/json", "json"),
        "print" => {
            let page = html(&export, share.map(|t| format!("/share/{t}/export")));
            return Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    ),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
                page,
            )
                .into_response());
        }
        _ => return Ok((StatusCode::NOT_FOUND, "unknown export format").into_response()),
    };
    let disposition = format!("attachment; filename=\"{}\"", export.file_name(extension));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(|_| HttpError(AppError::Storage))?,
            ),
        ],
        body,
    )
        .into_response())
}
