//! Who is asking: a person id kept in the tower-sessions session (a cookie, the data in the
//! database), so a reload, a sleeping phone or a server restart keeps everyone who they are.

use crate::domain::PersonId;
use crate::error::AppError;
use tower_sessions::Session;
use uuid::Uuid;

const PERSON_KEY: &str = "person";

/// The session's person, made on first sight.
pub async fn person(session: &Session) -> Result<PersonId, AppError> {
    let known: Option<Uuid> = session.get(PERSON_KEY).await.map_err(storage)?;
    if let Some(id) = known {
        return Ok(PersonId(id));
    }
    let id = Uuid::new_v4();
    session.insert(PERSON_KEY, id).await.map_err(storage)?;
    // Save now rather than at the end of the response: the session must exist before anything
    // that refers to this person is stored.
    session.save().await.map_err(storage)?;
    Ok(PersonId(id))
}

fn storage(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store failed");
    AppError::Storage
}
