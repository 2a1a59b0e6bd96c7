//! `GET /live/<CODE>`: the live channel, as server-sent events.
//!
//! The first event is always the full view for whoever is asking, then one after every change
//! of the jam. Each event is built for this connection's person through `JamView::for_person`,
//! so nothing one screen may not see reaches it. Versions only go up on a connection. Changes
//! come from the hub as saved; the database is read only for the first view and after falling
//! behind.

use crate::error::HttpError;
use crate::ServerState;
use app::domain::{Jam, JamView, JoinCode, PersonId};
use app::server::{identity, store::Store};
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::{Stream, StreamExt};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tower_sessions::Session;

/// How soon a browser retries after the connection drops.
const RETRY: Duration = Duration::from_secs(2);

struct Subscription {
    store: Store,
    code: JoinCode,
    person: PersonId,
    changes: broadcast::Receiver<Arc<Jam>>,
    sent: Option<u64>,
}

pub async fn stream(
    State(state): State<ServerState>,
    session: Session,
    Path(code): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, HttpError> {
    let code = JoinCode::parse(&code)?;
    let person = identity::person(&session).await?;
    let jam = state.app.store.jam_by_code(&code).await?;
    let subscription = Subscription {
        // Subscribed before the first load, so no change can fall in between.
        changes: state.app.hub.subscribe(jam.id),
        store: state.app.store.clone(),
        code,
        person,
        sent: None,
    };
    let events = futures::stream::unfold(subscription, next_event).map(Ok);
    // Ends the stream when the server shuts down, so graceful shutdown is not held up by phones.
    let mut shutdown = state.shutdown.clone();
    let events = events.take_until(async move {
        let _ = shutdown.wait_for(|down| *down).await;
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

async fn next_event(mut sub: Subscription) -> Option<(Event, Subscription)> {
    let jam = match sub.sent {
        None => Arc::new(sub.store.jam_by_code(&sub.code).await.ok()?),
        Some(sent) => loop {
            match sub.changes.recv().await {
                Ok(jam) if jam.version <= sent => continue,
                Ok(jam) => break jam,
                // Several changes came faster than this connection sent them: the newest
                // state is all it needs.
                Err(RecvError::Lagged(_)) => {
                    break Arc::new(sub.store.jam_by_code(&sub.code).await.ok()?)
                }
                Err(RecvError::Closed) => return None,
            }
        },
    };
    let view = JamView::for_person(&jam, sub.person, chrono::Utc::now());
    let data = serde_json::to_string(&view).ok()?;
    let first = sub.sent.is_none();
    sub.sent = Some(view.version);
    let event = Event::default().data(data);
    Some((if first { event.retry(RETRY) } else { event }, sub))
}
