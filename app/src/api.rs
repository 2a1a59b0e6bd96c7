//! Server functions: the app's API. Each is thin: find out who is asking, parse the input into
//! domain types, hand one change to the engine (which stores it and tells the screens), answer.
//!
//! Their URLs are fixed (`/api/<endpoint>`) so the integration tests and other clients can call
//! them; inputs are form-encoded, so the forms work before the browser has loaded the wasm.

use crate::domain::JamView;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the facilitator's screen needs beyond the jam itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostScreen {
    pub view: JamView,
    /// The short link, to be typed.
    pub join_url: String,
    /// The link with the jam's key (what the QR code holds), to be sent.
    pub join_link: String,
}

/// Creates a jam on `topic` with the asking browser as its facilitator, then sends the browser
/// to the facilitator screen. Answers the join code.
#[server(endpoint = "create_jam")]
pub async fn create_jam(topic: String) -> Result<String, AppError> {
    use crate::domain::Topic;
    use crate::error::Field;
    ssr::answer(async {
        let topic = Topic::parse(&topic).map_err(AppError::text(Field::Topic))?;
        let (state, person) = ssr::asker_who_takes_part().await?;
        let lang = crate::locale::initial_lang();
        let jam = state.engine.create(topic, person, lang).await?;
        tracing::info!(code = %jam.code, "jam created");
        leptos_axum::redirect(&format!("/host/{}", jam.code));
        Ok(jam.code.to_string())
    })
    .await
}

/// Joins the jam with `code` under `name` (or renames, for someone already in), then sends the
/// browser to the phone screen. `key` is the join link's (from the QR code); without one, the
/// code was typed in. Answers the participant's id.
#[server(endpoint = "join_jam")]
pub async fn join_jam(
    code: String,
    name: String,
    #[server(default)] key: Option<String>,
) -> Result<uuid::Uuid, AppError> {
    use crate::domain::{DisplayName, JoinCode};
    use crate::error::Field;
    ssr::answer(async {
        let code = JoinCode::parse(&code)?;
        let name = DisplayName::parse(&name).map_err(AppError::text(Field::Name))?;
        let (state, person) = ssr::asker_who_takes_part().await?;
        let change = crate::domain::Change::Join {
            person,
            name,
            participant: uuid::Uuid::new_v4(),
            key: key.filter(|k| !k.is_empty()),
        };
        let (jam, _) = state.engine.execute(&code, change).await?;
        let participant = jam.participant_of(person).ok_or(AppError::NotJoined)?;
        leptos_axum::redirect(&format!("/jam/{code}"));
        Ok(participant.id)
    })
    .await
}

/// The jam with `code` as the asking browser may see it (a visitor sees only its topic, and only
/// if it could join now: with the join link's `key`, or by the code while that lets people in).
#[server(endpoint = "jam_view")]
pub async fn load_jam_view(
    code: String,
    #[server(default)] key: Option<String>,
) -> Result<JamView, AppError> {
    ssr::answer(async {
        let code = crate::domain::JoinCode::parse(&code)?;
        let (state, person) = ssr::asker().await?;
        let jam = state.engine.current(&code).await?;
        let now = chrono::Utc::now();
        jam.admit(person, key.as_deref().filter(|k| !k.is_empty()), now)?;
        Ok(JamView::for_person(&jam, person, now))
    })
    .await
}

/// Applies one command to the jam with `code` for the asking browser and answers the jam's new
/// version. `id` is made by the client per user action and kept on retries, so a repeated
/// request is applied once. Sent as JSON (commands are nested data), tagged with whose command
/// it is: `{"code": "BCDFGH", "id": "…", "command": {"Host": {"NextRound": {"from": "Lobby"}}}}`,
/// `{"Host": "PauseTimer"}`, `{"Participant": {"CastVote": {"note": "…"}}}`. A command that
/// finds nothing to change (a double tap) answers the version unchanged and tells no screen.
#[server(endpoint = "command", input = server_fn::codec::Json)]
pub async fn send_command(
    code: String,
    id: uuid::Uuid,
    command: crate::domain::Command,
) -> Result<u64, AppError> {
    use crate::domain::{Change, JoinCode};
    ssr::answer(async {
        let code = JoinCode::parse(&code)?;
        let (state, person) = ssr::asker().await?;
        let change = Change::Command {
            person,
            id,
            command,
            new_id: uuid::Uuid::new_v4(),
        };
        let (jam, _) = state.engine.execute(&code, change).await?;
        Ok(jam.version)
    })
    .await
}

/// Everything the facilitator screen shows. Refused to anyone but the jam's facilitators. With
/// the jam's facilitator `key` (the facilitator link), the asking browser becomes one first.
#[server(endpoint = "host_screen")]
pub async fn load_host_screen(code: String, key: Option<String>) -> Result<HostScreen, AppError> {
    use crate::domain::{Change, Role};
    ssr::answer(async {
        let code = crate::domain::JoinCode::parse(&code)?;
        let (state, mut person) = ssr::asker().await?;
        let mut jam = state.engine.current(&code).await?;
        if let Some(key) = key.filter(|_| jam.role_of(person) != Role::Facilitator) {
            let (_, taker) = ssr::asker_who_takes_part().await?;
            let claim = Change::ClaimHost { person: taker, key };
            (jam, _) = state.engine.execute(&code, claim).await?;
            person = taker;
            tracing::info!(code = %jam.code, "a facilitator came with the facilitator key");
        }
        let view = JamView::for_person(&jam, person, chrono::Utc::now());
        if !view.is_facilitator() {
            return Err(AppError::NotFacilitator);
        }
        let headers = leptos_axum::extract::<axum::http::HeaderMap>()
            .await
            .unwrap_or_default();
        let join_url = crate::server::links::join_url(&state, &headers, &jam.code);
        let join_link = crate::server::links::join_link(&state, &headers, &jam);
        Ok(HostScreen {
            view,
            join_url,
            join_link,
        })
    })
    .await
}

/// Deletes the jam with `code` and everything in it, for good. The facilitator's only.
#[server(endpoint = "delete_jam")]
pub async fn delete_jam(code: String) -> Result<(), AppError> {
    ssr::answer(async {
        let code = crate::domain::JoinCode::parse(&code)?;
        let (state, person) = ssr::asker().await?;
        let jam = state.engine.current(&code).await?;
        if jam.role_of(person) != crate::domain::Role::Facilitator {
            return Err(AppError::NotFacilitator);
        }
        state.engine.delete(&code).await
    })
    .await
}

/// What the start page tells people about this installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AboutSite {
    /// Jams are deleted this many days after their last change.
    pub retention_days: u32,
}

#[server(endpoint = "site_facts")]
pub async fn site_facts() -> Result<AboutSite, AppError> {
    let state = use_context::<crate::server::AppState>().ok_or(AppError::Storage)?;
    Ok(AboutSite {
        retention_days: state.retention_days,
    })
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::domain::PersonId;
    use crate::error::AppError;
    use crate::server::{identity, AppState};
    use leptos::prelude::*;

    /// The app state and the person whose browser sent this request (`identity::NOBODY`
    /// for a browser that has not taken part in anything: nothing is stored for it).
    pub async fn asker() -> Result<(AppState, PersonId), AppError> {
        let (state, session) = state_and_session().await?;
        let person = identity::known(&session).await?;
        Ok((state, person.unwrap_or(identity::NOBODY)))
    }

    /// Like `asker`, for a request that makes the browser take part (creating or joining a
    /// jam): its person is made now if it has none.
    pub async fn asker_who_takes_part() -> Result<(AppState, PersonId), AppError> {
        let (state, session) = state_and_session().await?;
        let headers = leptos_axum::extract::<axum::http::HeaderMap>()
            .await
            .unwrap_or_default();
        let person = identity::person(&session, &headers).await?;
        // So the session goes when the person's last jam does.
        if let Some(id) = session.id() {
            state
                .engine
                .store()
                .remember_session(&id.to_string(), person)
                .await?;
        }
        Ok((state, person))
    }

    async fn state_and_session() -> Result<(AppState, tower_sessions::Session), AppError> {
        let state = use_context::<AppState>().ok_or(AppError::Storage)?;
        let session = leptos_axum::extract::<tower_sessions::Session>()
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "no session on a server function request");
                AppError::Storage
            })?;
        Ok((state, session))
    }

    /// Runs a server function's body and gives a refusal its HTTP status.
    pub async fn answer<T>(
        body: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        let result = body.await;
        if let Err(error) = &result {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                let status = axum::http::StatusCode::from_u16(error.status())
                    .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
                response.set_status(status);
                if *error == AppError::JamNotFound {
                    // Counted as a failed guess by the server (and removed there).
                    response.insert_header(
                        axum::http::HeaderName::from_static(crate::error::MISSED_CODE),
                        axum::http::HeaderValue::from_static("1"),
                    );
                }
            }
        }
        result
    }
}
