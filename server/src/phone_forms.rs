//! A phone that never loads the wasm (an old browser, JavaScript off, a download that stalled
//! on venue Wi-Fi) still takes part: the join form, the phone screen's note box and its ballot
//! are plain HTML forms that post here. Each post becomes the same command the live screen sends, checked by
//! the same rules, and the browser is sent back to its jam screen — with the refusal in the
//! address when there was one, which the screen shows in the reader's language.

use crate::ServerState;
use app::domain::{Change, Command, DisplayName, JoinCode, ParticipantCommand};
use app::error::{AppError, Field};
use app::server::identity;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
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

/// The ballot: the tapped button names the note, as `add` or as `take_back`; `form` is made
/// when the page is rendered, so a double tap before the answer comes places one dot.
#[derive(Deserialize)]
pub struct DotForm {
    form: Uuid,
    add: Option<Uuid>,
    take_back: Option<Uuid>,
}

/// The join form: the jam's code, the person's name and the join link's key (empty when the
/// code was typed).
#[derive(Deserialize)]
pub struct JoinForm {
    code: String,
    name: String,
    #[serde(default)]
    key: String,
}

/// `POST /join`: in, then to the jam screen; refused, back to the join page with the reason
/// (and the code and key that were sent, so nothing needs typing again but what was wrong).
pub async fn join(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    form: Result<Form<JoinForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(e) => return refused("/join?", &AppError::BadRequest(e.body_text())),
    };
    match join_jam(&state, &session, &headers, &form).await {
        Ok(code) => Redirect::to(&format!("/jam/{code}")).into_response(),
        Err(error) => {
            let page = match JoinCode::parse(&form.code) {
                Ok(code) => format!("/j/{code}?k={}", encode(&form.key)),
                Err(_) => "/join?".to_string(),
            };
            refused(&page, &error)
        }
    }
}

async fn join_jam(
    state: &ServerState,
    session: &Session,
    headers: &HeaderMap,
    form: &JoinForm,
) -> Result<JoinCode, AppError> {
    let code = JoinCode::parse(&form.code)?;
    let name = DisplayName::parse(&form.name).map_err(AppError::text(Field::Name))?;
    let person = identity::person(session, headers).await?;
    if let Some(id) = session.id() {
        // So the session goes when the person's last jam does.
        let store = state.app.engine.store();
        store.remember_session(&id.to_string(), person).await?;
    }
    let change = Change::Join {
        person,
        name,
        participant: Uuid::new_v4(),
        key: Some(form.key.clone()).filter(|k| !k.is_empty()),
    };
    let (jam, _) = state.app.engine.execute(&code, change).await?;
    jam.participant_of(person).ok_or(AppError::NotJoined)?;
    Ok(code)
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
    let (command, note) = match form {
        Ok(Form(DotForm {
            form,
            add: Some(note),
            ..
        })) => (
            Ok((form, "add", ParticipantCommand::CastVote { note })),
            Some(note),
        ),
        Ok(Form(DotForm {
            form,
            take_back: Some(note),
            ..
        })) => (
            Ok((form, "take_back", ParticipantCommand::WithdrawVote { note })),
            Some(note),
        ),
        Ok(_) => (Err(AppError::BadRequest("no note named".into())), None),
        Err(e) => (Err(AppError::BadRequest(e.body_text())), None),
    };
    let outcome = match command {
        // The same tap on the same page is the same command: a double tap, or the browser
        // sending the form again, counts once. The next page has a new form id.
        Ok((form, action, command)) => {
            let name = format!("{action}:{}", note.unwrap_or_default());
            let id = Uuid::new_v5(&form, name.as_bytes());
            run(&state, &code, &session, id, command).await
        }
        Err(e) => Err(e),
    };
    let mut response = back(&code, outcome);
    if let Some(note) = note {
        // Back at the note that was tapped, not at the top of a long ballot.
        let location = response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok());
        if let Some(Ok(anchored)) =
            location.map(|l| axum::http::HeaderValue::from_str(&format!("{l}#note-{note}")))
        {
            response.headers_mut().insert("location", anchored);
        }
    }
    response
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
    match outcome {
        Ok(()) => Redirect::to(&format!("/jam/{code}")).into_response(),
        Err(error) => refused(&format!("/jam/{code}?"), &error),
    }
}

/// Back to `page` (which ends in `?` or with its query) with the refusal added.
fn refused(page: &str, error: &AppError) -> Response {
    let json = serde_json::to_string(error).unwrap_or_default();
    let separator = if page.ends_with('?') { "" } else { "&" };
    let target = format!("{page}{separator}refused={}", encode(&json));
    let mut response = Redirect::to(&target).into_response();
    if *error == AppError::JamNotFound {
        // Counted as a guessed code, as on every other route (`limits::guard_codes`).
        response.headers_mut().insert(
            app::error::MISSED_CODE,
            axum::http::HeaderValue::from_static("1"),
        );
    }
    response
}

fn encode(text: &str) -> percent_encoding::PercentEncode<'_> {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC)
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
