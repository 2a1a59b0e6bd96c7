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
        (status, axum::Json(self.0)).into_response()
    }
}
