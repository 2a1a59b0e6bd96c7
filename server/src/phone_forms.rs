//! The phone's forms. Every action a participant takes on the phone — joining, writing, editing
//! and deleting a note, placing and taking back dots, rating, picking a table — is a plain
//! HTML form that posts here, so a phone that never runs a script (an old browser, JavaScript
//! off, a download that stalled on venue Wi-Fi) still takes part. The phone's small script
//! (`public/phone.js`) sends the same forms in the background. Each post becomes the same
//! command the facilitator's screens send, checked by the same rules.
//!
//! The answer: a browser that posted the form itself is sent back to its jam screen ("303 See
//! Other") — with the refusal in the address when there was one, which the screen shows in the
//! reader's language. The script asks for JSON (`Accept: application/json`) and gets what
//! `/api/command` answers: the jam's version, or the refusal with its status.

use crate::ServerState;
use app::domain::{Change, Command, DisplayName, JoinCode, ParticipantCommand};
use app::error::{AppError, Field};
use app::server::identity;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

/// A form of the phone's jam screen: what it asks for, under which command id, and where on
/// the screen its answer should come back to.
pub trait PhoneForm: DeserializeOwned {
    /// The command and its id. The id is made from the form's own id (made as the page was
    /// rendered, or by the script per tap) and what was tapped, so the same tap sent twice (a
    /// double tap, the browser or the script sending again) counts once.
    fn command(self) -> Result<(Uuid, ParticipantCommand), AppError>;

    /// The element the browser returns to (`#…`), so a long screen is not scrolled to its top.
    fn anchor(&self) -> Option<String> {
        None
    }
}

/// The note box: `id` is made when the page is rendered, or by the script when it first sends
/// the note (and kept with the draft), so a note sent twice is added once.
#[derive(Deserialize)]
pub struct NoteForm {
    id: Uuid,
    note: String,
}

impl PhoneForm for NoteForm {
    fn command(self) -> Result<(Uuid, ParticipantCommand), AppError> {
        Ok((self.id, ParticipantCommand::AddNote { text: self.note }))
    }
}

/// The ballot: the tapped button names the note, as `add` or as `take_back`.
#[derive(Deserialize)]
pub struct DotForm {
    form: Uuid,
    add: Option<Uuid>,
    take_back: Option<Uuid>,
}

impl PhoneForm for DotForm {
    fn command(self) -> Result<(Uuid, ParticipantCommand), AppError> {
        match (self.add, self.take_back) {
            (Some(note), _) => Ok((
                tap(self.form, &format!("add:{note}")),
                ParticipantCommand::CastVote { note },
            )),
            (None, Some(note)) => Ok((
                tap(self.form, &format!("take_back:{note}")),
                ParticipantCommand::WithdrawVote { note },
            )),
            (None, None) => Err(AppError::BadRequest("no note named".into())),
        }
    }

    fn anchor(&self) -> Option<String> {
        self.add
            .or(self.take_back)
            .map(|note| format!("note-{note}"))
    }
}

/// One of my notes, changed.
#[derive(Deserialize)]
pub struct EditForm {
    form: Uuid,
    note: Uuid,
    text: String,
}

impl PhoneForm for EditForm {
    fn command(self) -> Result<(Uuid, ParticipantCommand), AppError> {
        let id = tap(self.form, &format!("edit:{}", self.note));
        let (note, text) = (self.note, self.text);
        Ok((id, ParticipantCommand::EditNote { note, text }))
    }
}

/// One of my notes, taken away.
#[derive(Deserialize)]
pub struct DeleteForm {
    form: Uuid,
    note: Uuid,
}

impl PhoneForm for DeleteForm {
    fn command(self) -> Result<(Uuid, ParticipantCommand), AppError> {
        let id = tap(self.form, &format!("delete:{}", self.note));
        Ok((id, ParticipantCommand::DeleteNote { note: self.note }))
    }
}

/// Effort and impact of one solution: the tapped button names one scale and its value.
#[derive(Deserialize)]
pub struct RateForm {
    form: Uuid,
    solution: Uuid,
    effort: Option<u8>,
    impact: Option<u8>,
}

impl PhoneForm for RateForm {
    fn command(self) -> Result<(Uuid, ParticipantCommand), AppError> {
        if self.effort.is_none() && self.impact.is_none() {
            return Err(AppError::BadRequest("no rating given".into()));
        }
        let what = format!("rate:{}:{:?}:{:?}", self.solution, self.effort, self.impact);
        let command = ParticipantCommand::Rate {
            solution: self.solution,
            effort: self.effort,
            impact: self.impact,
        };
        Ok((tap(self.form, &what), command))
    }

    fn anchor(&self) -> Option<String> {
        Some(format!("rate-{}", self.solution))
    }
}

/// The lobby's table picker: the tapped button names the group.
#[derive(Deserialize)]
pub struct GroupForm {
    form: Uuid,
    group: u8,
}

impl PhoneForm for GroupForm {
    fn command(self) -> Result<(Uuid, ParticipantCommand), AppError> {
        let id = tap(self.form, &format!("group:{}", self.group));
        Ok((id, ParticipantCommand::PickGroup { group: self.group }))
    }
}

/// The command id of tapping `what` on the form `form`.
fn tap(form: Uuid, what: &str) -> Uuid {
    Uuid::new_v5(&form, what.as_bytes())
}

/// `POST /jam/{code}/<form>`: one of the phone's forms.
pub async fn post<F: PhoneForm>(
    State(state): State<ServerState>,
    Path(code): Path<String>,
    session: Session,
    headers: HeaderMap,
    form: Result<Form<F>, FormRejection>,
) -> Response {
    let (outcome, anchor) = match form {
        Ok(Form(form)) => {
            let anchor = form.anchor();
            let outcome = match form.command() {
                Ok((id, command)) => run(&state, &code, &session, id, command).await,
                Err(e) => Err(e),
            };
            (outcome, anchor)
        }
        Err(e) => (Err(AppError::BadRequest(e.body_text())), None),
    };
    if wants_json(&headers) {
        return json_answer(outcome);
    }
    let mut response = back(&code, outcome.map(|_| ()));
    if let Some(anchor) = anchor {
        // Back at what was tapped, not at the top of a long ballot.
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok());
        if let Some(Ok(anchored)) =
            location.map(|l| HeaderValue::from_str(&format!("{l}#{anchor}")))
        {
            response.headers_mut().insert(header::LOCATION, anchored);
        }
    }
    response
}

/// Whether the form came from the phone's script, which wants the outcome rather than a page.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
}

/// As the server functions answer: the outcome as JSON (for a command the jam's version, as
/// `/api/command`), or the refusal as JSON with its status.
fn json_answer<T: serde::Serialize>(outcome: Result<T, AppError>) -> Response {
    let json = |body: String| ([(header::CONTENT_TYPE, "application/json")], body);
    match outcome {
        Ok(value) => json(serde_json::to_string(&value).unwrap_or_default()).into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = (
                status,
                json(serde_json::to_string(&error).unwrap_or_default()),
            )
                .into_response();
            mark_missed_code(&mut response, &error);
            response
        }
    }
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
/// The phone's script asks for JSON: the jam screen's address, or the refusal; it then shows
/// the refusal on the page it is on, with everything typed still in place.
pub async fn join(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    form: Result<Form<JoinForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(e) => {
            let error = AppError::BadRequest(e.body_text());
            if wants_json(&headers) {
                return json_answer::<()>(Err(error));
            }
            return refused("/join?", &error);
        }
    };
    let joined = join_jam(&state, &session, &headers, &form).await;
    if wants_json(&headers) {
        return json_answer(joined.map(|code| format!("/jam/{code}")));
    }
    match joined {
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

/// Runs a participant's command; answers the jam's version after it.
async fn run(
    state: &ServerState,
    code: &str,
    session: &Session,
    id: Uuid,
    command: ParticipantCommand,
) -> Result<u64, AppError> {
    let code = JoinCode::parse(code)?;
    let person = identity::known(session).await?.ok_or(AppError::NotJoined)?;
    let change = Change::Command {
        person,
        id,
        command: Command::Participant(command),
        new_id: Uuid::new_v4(),
    };
    let (jam, _) = state.app.engine.execute(&code, change).await?;
    Ok(jam.version)
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
    mark_missed_code(&mut response, error);
    response
}

/// A code that matched no jam is counted as a guess, as on every other route
/// (`limits::guard_codes`).
fn mark_missed_code(response: &mut Response, error: &AppError) {
    if *error == AppError::JamNotFound {
        response
            .headers_mut()
            .insert(app::error::MISSED_CODE, HeaderValue::from_static("1"));
    }
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
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
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

    #[test]
    fn the_same_tap_is_the_same_command_and_another_tap_is_not() {
        let (form, note) = (Uuid::new_v4(), Uuid::new_v4());
        let dot = |add, take_back| DotForm {
            form,
            add,
            take_back,
        };
        let first = dot(Some(note), None).command().unwrap().0;
        assert_eq!(dot(Some(note), None).command().unwrap().0, first);
        assert_ne!(dot(None, Some(note)).command().unwrap().0, first);
        let rate = |effort, impact| RateForm {
            form,
            solution: note,
            effort,
            impact,
        };
        assert_ne!(
            rate(Some(2), None).command().unwrap().0,
            rate(None, Some(2)).command().unwrap().0
        );
        assert!(rate(None, None).command().is_err());
        assert!(dot(None, None).command().is_err());
    }
}
