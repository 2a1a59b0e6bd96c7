//! A phone that never loads the wasm (an old browser, JavaScript off, a download that stalled
//! on venue Wi-Fi) still takes part: the phone screen's note box and ballot are plain HTML
//! forms that post here. Each post becomes the same command the live screen sends, checked by
//! the same rules, and the browser is sent back to its jam screen — with the refusal in the
//! address when there was one, which the screen shows in the reader's language.

use crate::ServerState;
use app::domain::{Change, Command, JoinCode, ParticipantCommand};
use app::error::AppError;
use app::server::identity;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

/// The note box: `id` is made when the page is rendered, so a form sent twice (a double tap,
/// the browser resending after a reload) adds the note once.
#[derive(Deserialize)]
pub struct NoteForm {
    id: Uuid,
    note: String,
}

/// The ballot: the tapped button names the note, as `add` or as `take_back`.
#[derive(Deserialize)]
pub struct DotForm {
    add: Option<Uuid>,
    take_back: Option<Uuid>,
}

/// `POST /jam/{code}/note`
pub async fn note(
    State(state): State<ServerState>,
    Path(code): Path<String>,
    session: Session,
    form: Result<Form<NoteForm>, FormRejection>,
) -> Response {
    let outcome = match form {
        Ok(Form(form)) => {
            let command = ParticipantCommand::AddNote { text: form.note };
            run(&state, &code, &session, form.id, command).await
        }
        Err(e) => Err(AppError::BadRequest(e.body_text())),
    };
    back(&code, outcome)
}

/// `POST /jam/{code}/dot`
pub async fn dot(
    State(state): State<ServerState>,
    Path(code): Path<String>,
    session: Session,
    form: Result<Form<DotForm>, FormRejection>,
) -> Response {
    let command = match form {
        Ok(Form(DotForm {
            add: Some(note), ..
        })) => Ok(ParticipantCommand::CastVote { note }),
        Ok(Form(DotForm {
            take_back: Some(note),
            ..
        })) => Ok(ParticipantCommand::WithdrawVote { note }),
        Ok(_) => Err(AppError::BadRequest("no note named".into())),
        Err(e) => Err(AppError::BadRequest(e.body_text())),
    };
    let outcome = match command {
        // A dot has no id of its own on the page: a resent form is a second dot, as a second
        // tap would be (and the budget still holds).
        Ok(command) => run(&state, &code, &session, Uuid::new_v4(), command).await,
        Err(e) => Err(e),
    };
    back(&code, outcome)
}

async fn run(
    state: &ServerState,
    code: &str,
    session: &Session,
    id: Uuid,
    command: ParticipantCommand,
) -> Result<(), AppError> {
    let code = JoinCode::parse(code)?;
    let person = identity::known(session).await?.ok_or(AppError::NotJoined)?;
    let change = Change::Command {
        person,
        id,
        command: Command::Participant(command),
        new_id: Uuid::new_v4(),
    };
    state.app.engine.execute(&code, change).await?;
    Ok(())
}

/// Back to the jam screen ("303 See Other": the browser fetches it, and a reload does not post
/// again), with the refusal if there was one.
fn back(code: &str, outcome: Result<(), AppError>) -> Response {
    // Only a valid code goes into the address.
    let code = JoinCode::parse(code).map_or_else(|_| String::new(), |c| c.to_string());
    let missed = matches!(outcome, Err(AppError::JamNotFound));
    let target = match outcome {
        Ok(()) => format!("/jam/{code}"),
        Err(error) => {
            let error = serde_json::to_string(&error).unwrap_or_default();
            format!(
                "/jam/{code}?refused={}",
                percent_encoding::utf8_percent_encode(&error, percent_encoding::NON_ALPHANUMERIC)
            )
        }
    };
    let mut response = Redirect::to(&target).into_response();
    if missed {
        // Counted as a guessed code, as on every other route (`limits::guard_codes`).
        response.headers_mut().insert(
            app::error::MISSED_CODE,
            axum::http::HeaderValue::from_static("1"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_goes_back_in_the_address_and_decodes_to_itself() {
        let error = AppError::Jam(app::domain::JamError::OutOfDots { dots: 3 });
        let response = back("bcdfgh", Err(error.clone()));
        assert_eq!(response.status(), axum::http::StatusCode::SEE_OTHER);
        let location = response.headers()["location"].to_str().unwrap();
        let (path, query) = location.split_once("?refused=").unwrap();
        assert_eq!(path, "/jam/BCDFGH");
        let decoded = percent_encoding::percent_decode_str(query)
            .decode_utf8()
            .unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&decoded).unwrap(), error);
    }

    #[test]
    fn a_forged_code_never_reaches_the_address() {
        let response = back("https://evil.example/", Ok(()));
        assert_eq!(response.headers()["location"], "/jam/");
    }
}
