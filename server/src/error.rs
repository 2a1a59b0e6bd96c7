//! The HTTP face of `AppError` for the routes outside server functions.

use app::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub struct HttpError(pub AppError);

impl From<AppError> for HttpError {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl From<app::domain::CodeError> for HttpError {
    fn from(e: app::domain::CodeError) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let missed = self.0 == AppError::JamNotFound;
        let mut response = (status, axum::Json(self.0)).into_response();
        if missed {
            // Counted as a failed guess (`limits::guard_codes`), which removes it.
            response.headers_mut().insert(
                app::error::MISSED_CODE,
                axum::http::HeaderValue::from_static("1"),
            );
        }
        response
    }
}
