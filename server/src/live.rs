//! `GET /live/<CODE>`: the live channel, as server-sent events.
//!
//! The first message is the screen's whole view; after every change of the jam comes a patch
//! from the version the screen has to the newest (see `app::server::feed` and
//! `domain::live`). A screen gets at most one message per `MIN_GAP`: changes that come faster
//! are folded into the next message, which always leads to the newest state. When nothing has
//! been sent for a while a heartbeat goes out, so the screen can tell a quiet jam from a dead
//! connection. A screen that does not take what it is sent within the stall time (asleep, or on a
//! network that died without a word) has its connection closed; when it comes back it
//! reconnects and gets its whole view again.
//!
//! Nothing here decides what a screen may see: every message is built from the parts
//! `domain::view` made for this person.

use crate::error::HttpError;
use crate::limits::{client_ip, Holder, LiveTicket};
use crate::mailbox::{mailbox, Producer, Undelivered};
use crate::serve::{turned_true, Hangup, Socket};
use crate::ServerState;
use app::domain::live::{GONE_EVENT, HEARTBEAT_EVENT};
use app::domain::{JoinCode, PersonId};
use app::server::engine::now_ms;
use app::server::feed::{heartbeat, Published, Sent};
use app::server::identity;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::StreamExt;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::Instant;
use tower_sessions::Session;

/// At most about ten messages a second per screen.
const MIN_GAP: Duration = Duration::from_millis(100);
/// What the kernel may hold for a live channel whose reader does not read (it doubles it).
const SEND_BUFFER: usize = 32 * 1024;
/// How soon a browser retries after the connection drops.
const RETRY_MS: u64 = 2_000;

pub async fn stream(
    State(state): State<ServerState>,
    session: Session,
    Path(code): Path<String>,
    hangup: Option<Extension<Hangup>>,
    socket: Option<Extension<Socket>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let code = JoinCode::parse(&code)?;
    if let Some(Extension(socket)) = socket {
        socket.limit_send_buffer(SEND_BUFFER);
    }
    let known = identity::known(&session).await?;
    let person = known.unwrap_or(identity::NOBODY);
    // Counted until the screen's task ends: per person, per address for people without one.
    let holder = match known {
        Some(person) => Holder::Person(person.0),
        None => match client_ip(&headers, peer.map(|c| c.0 .0), state.trust_proxy) {
            Some(ip) => Holder::Address(ip),
            None => Holder::All,
        },
    };
    let ticket = match state.live_caps.open(holder, state.live_limits) {
        Ok(ticket) => ticket,
        Err(refusal) => return Ok(refusal.into_response()),
    };
    let (_slot, states) = state.app.engine.watch(&code).await?;
    // One message waits at most: a connection that does not take it holds nothing more.
    let (out, messages) = mailbox();
    let screen = Screen {
        person,
        states,
        out,
        heartbeat: state.heartbeat,
        stall: state.stall,
        shutdown: state.shutdown.clone(),
        hangup: hangup.map(|h| h.0),
        _ticket: ticket,
    };
    tokio::spawn(screen.run());
    let body = Body::from_stream(messages.map(Ok::<_, Infallible>));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/event-stream"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            // Tells nginx and friends not to hold the stream back in a buffer.
            (
                "x-accel-buffering".parse().expect("header name"),
                HeaderValue::from_static("no"),
            ),
        ],
        body,
    )
        .into_response())
}

/// One connected screen.
struct Screen {
    person: PersonId,
    states: watch::Receiver<Arc<Published>>,
    out: Producer,
    heartbeat: Duration,
    stall: Duration,
    shutdown: watch::Receiver<bool>,
    hangup: Option<Hangup>,
    /// Counts this channel against the caps until it ends.
    _ticket: LiveTicket,
}

impl Screen {
    async fn run(self) {
        let Screen {
            person,
            mut states,
            out,
            heartbeat: beat_every,
            stall,
            mut shutdown,
            hangup,
            _ticket,
        } = self;
        let send = |bytes: Bytes| deliver(&out, stall, hangup.as_ref(), bytes);
        let mut sent: Option<Sent> = None;
        let mut last_send = Instant::now();
        loop {
            let newest = states.borrow_and_update().clone();
            if newest.gone {
                // The jam was deleted: the screen says so and stops reconnecting.
                let _ = send(event(Some(GONE_EVENT), "{}", false)).await;
                return;
            }
            if let Some((message, holds)) = newest.message_for(
                person,
                sent.as_ref(),
                now_ms(),
                beat_every.as_millis() as u64,
            ) {
                if !send(event(None, &message, sent.is_none())).await {
                    return;
                }
                sent = Some(holds);
                last_send = Instant::now();
            }
            let version = sent.as_ref().map_or(0, |s| s.published.version());
            tokio::select! {
                changed = states.changed() => {
                    if changed.is_err() {
                        return; // the jam was dropped from memory: the screen reconnects
                    }
                    // Changes that come within the gap are folded into one message.
                    let next_allowed = last_send + MIN_GAP;
                    if Instant::now() < next_allowed {
                        tokio::select! {
                            _ = tokio::time::sleep_until(next_allowed) => {}
                            _ = turned_true(&mut shutdown) => return,
                        }
                    }
                }
                _ = tokio::time::sleep_until(last_send + beat_every) => {
                    let beat = heartbeat(version, now_ms());
                    if !send(event(Some(HEARTBEAT_EVENT), &beat, false)).await {
                        return;
                    }
                    last_send = Instant::now();
                }
                _ = out.gone() => return,
                _ = turned_true(&mut shutdown) => return,
            }
        }
    }
}

/// Hands `bytes` to the connection. False when the screen is gone, or has not taken the
/// previous message within `stall` (its connection is then closed at once).
async fn deliver(out: &Producer, stall: Duration, hangup: Option<&Hangup>, bytes: Bytes) -> bool {
    match out.put(bytes, stall).await {
        Ok(()) => true,
        Err(Undelivered::Closed) => false,
        Err(Undelivered::Stalled) => {
            tracing::debug!("a live channel stopped reading: closing it");
            if let Some(hangup) = hangup {
                hangup.now();
            }
            false
        }
    }
}

/// One server-sent event.
fn event(name: Option<&str>, data: &str, first: bool) -> Bytes {
    let mut text = String::with_capacity(data.len() + 32);
    if first {
        text.push_str(&format!("retry: {RETRY_MS}\n"));
    }
    if let Some(name) = name {
        text.push_str(&format!("event: {name}\n"));
    }
    // JSON text has no raw line breaks, so the data is one line.
    text.push_str("data: ");
    text.push_str(data);
    text.push_str("\n\n");
    Bytes::from(text)
}
