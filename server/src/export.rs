//! The results, downloadable: `/jam/<CODE>/export/<format>` for the facilitator, and
//! `/share/<token>` (the printable page) and `/share/<token>/export/<format>` for anyone the
//! facilitator gave the read-only link. Formats: `markdown`, `csv` (for Excel), `csv-plain`,
//! `json`, `print`. `?notes=1` adds every note of every round; `?group=2` makes it the second
//! group's only, in a jam run in groups (every row of the whole list names its group).

use crate::error::HttpError;
use crate::ServerState;
use app::domain::{Jam, JamError, JoinCode, Role};
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
    group: Option<String>,
}

impl Options {
    fn with_notes(&self) -> bool {
        matches!(self.notes.as_deref(), Some("1" | "true" | "on"))
    }

    /// The group asked for, counted from 0 (people count from 1).
    fn group(&self) -> Result<Option<u8>, HttpError> {
        let Some(asked) = self.group.as_deref() else {
            return Ok(None);
        };
        match asked.parse::<u8>() {
            Ok(n) if n >= 1 => Ok(Some(n - 1)),
            _ => Err(AppError::Jam(JamError::NoSuchGroup).into()),
        }
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
    render(&jam, &format, &options, None)
}

pub async fn shared_page(
    State(state): State<ServerState>,
    Path(token): Path<String>,
) -> Result<Response, HttpError> {
    let jam = shared_jam(&state, &token).await?;
    let whole = Options {
        notes: None,
        group: None,
    };
    render(&jam, "print", &whole, Some(&token))
}

pub async fn shared(
    State(state): State<ServerState>,
    Path((token, format)): Path<(String, String)>,
    Query(options): Query<Options>,
) -> Result<Response, HttpError> {
    let jam = shared_jam(&state, &token).await?;
    render(&jam, &format, &options, Some(&token))
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
    options: &Options,
    share: Option<&str>,
) -> Result<Response, HttpError> {
    let with_notes = options.with_notes();
    let export = match options.group()? {
        None => Export::of(jam, with_notes),
        Some(group) => Export::of_group(jam, with_notes, group)
            .ok_or(HttpError(AppError::Jam(JamError::NoSuchGroup)))?,
    };
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
