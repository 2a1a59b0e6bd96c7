//! The one error type of the API layer: what a server function can answer instead of a result.
//! Each variant is something a person can act on; `i18n` turns it into their language and
//! `status` into the HTTP status the server sends with it.

use crate::domain::{CodeError, JamError, TextError};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A response header by which the server's handlers say "that join code matched no jam", so
/// the look-up counts as a failed guess (`server::limits`); it never leaves the server.
pub const MISSED_CODE: &str = "x-blixt-missed-code";

/// Which input a text problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Topic,
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{field:?}: {problem}")]
    BadText { field: Field, problem: TextError },
    #[error("join code: {0}")]
    BadCode(CodeError),
    #[error("no jam has that code")]
    JamNotFound,
    #[error("{0}")]
    Jam(JamError),
    #[error("only the facilitator can do that")]
    NotFacilitator,
    #[error("you have not joined this jam")]
    NotJoined,
    /// The request itself was malformed (not something the app's own screens send).
    #[error("malformed request: {0}")]
    BadRequest(String),
    /// The database failed; details are in the server log, not in the answer.
    #[error("the server could not save or load that; try again")]
    Storage,
    /// The request never got a proper answer (network down, server unreachable, bad payload).
    #[error("could not reach the server: {0}")]
    Network(String),
    /// Too many requests of this kind from here for now (guessed codes, jams made, screens
    /// open); the message says which.
    #[error("too many requests: {0}")]
    TooMany(String),
}

impl AppError {
    pub fn text(field: Field) -> impl Fn(TextError) -> Self {
        move |problem| Self::BadText { field, problem }
    }

    /// The HTTP status sent with this error.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadText { .. } | Self::BadCode(_) => 422,
            Self::BadRequest(_) => 400,
            Self::JamNotFound => 404,
            Self::Jam(e) => match e {
                JamError::Text(_)
                | JamError::Settings(_)
                | JamError::BadRating
                | JamError::BadDueDate { .. }
                | JamError::RoomSize { .. } => 422,
                JamError::NotFacilitator
                | JamError::NotParticipant
                | JamError::NotYourNote
                | JamError::WrongHostKey
                | JamError::WrongJoinKey
                | JamError::OtherGroup => 403,
                JamError::NoSuchNote | JamError::NoSuchGroup | JamError::NoSuchParticipant => 404,
                JamError::Full { .. }
                | JamError::WrongRound
                | JamError::OutOfDots { .. }
                | JamError::NoVoteToTake
                | JamError::TimeUp
                | JamError::TooManyNotes { .. }
                | JamError::NotATie
                | JamError::TooManyProblems { .. }
                | JamError::NoProblemChosen
                | JamError::NoHmwChosen
                | JamError::GroupWithoutProblem { .. }
                | JamError::GroupWithoutHmw { .. }
                | JamError::GroupsFixed
                | JamError::NoGroupPicking
                | JamError::NotOnMatrix
                | JamError::NotPlaced
                | JamError::NoTimer
                | JamError::NoteInUse
                | JamError::CannotMerge
                | JamError::ProblemsAlreadyChosen { .. }
                | JamError::SolutionsPlaced { .. }
                | JamError::NameTaken
                | JamError::TooManyHosts { .. }
                | JamError::JoiningClosed
                | JamError::LinkOnly
                | JamError::JamEnded => 409,
            },
            Self::NotFacilitator | Self::NotJoined => 403,
            Self::Storage => 503,
            Self::Network(_) => 502,
            Self::TooMany(_) => 429,
        }
    }
}

impl From<CodeError> for AppError {
    fn from(e: CodeError) -> Self {
        Self::BadCode(e)
    }
}

impl From<JamError> for AppError {
    fn from(e: JamError) -> Self {
        // Who-may-do-what refusals have one name at this layer, whichever layer found them.
        match e {
            JamError::NotFacilitator => Self::NotFacilitator,
            JamError::NotParticipant => Self::NotJoined,
            e => Self::Jam(e),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server these mean the request could not be read: the client's fault.
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::Deserialization(m)
                if cfg!(feature = "ssr") =>
            {
                #[cfg(feature = "ssr")]
                if let Some(response) =
                    leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
                {
                    response.set_status(axum::http::StatusCode::BAD_REQUEST);
                }
                Self::BadRequest(m)
            }
            other => Self::Network(other.to_string()),
        }
    }
}
