//! Talking to Blixt's API like a browser, but with one shared HTTP client for everybody: each
//! simulated person is only a cookie, which the tool sends itself.

use reqwest::header::{ACCEPT, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// The `name=value` pairs a browser would send back (e.g. `blixt_session=…`). Cheap to clone.
pub type Cookie = Arc<str>;

#[derive(Debug)]
pub enum Error {
    /// The request did not get an answer (connection refused, reset, timed out).
    Transport(reqwest::Error),
    /// The server answered with an error status; its message.
    Refused { status: StatusCode, message: String },
    /// The server answered, but not what the tool expected.
    Unexpected(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Transport(e) => write!(f, "no answer: {e}"),
            Error::Refused { status, message } => write!(f, "refused ({status}): {message}"),
            Error::Unexpected(what) => write!(f, "unexpected answer: {what}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        Error::Transport(e)
    }
}

/// One HTTP client (one connection pool) for every person's API calls, and one for every live
/// channel. Live channels get fresh connections, never one left open by an API call, so the
/// server's open connections are exactly the screens plus a few for the API.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    live: reqwest::Client,
    base: Arc<str>,
    request_timeout: Duration,
}

impl Api {
    /// `base` like `http://127.0.0.1:3000`. `request_timeout` applies to API calls, never to
    /// live channels (they stay open).
    pub fn new(base: &str, request_timeout: Duration) -> Result<Self, Error> {
        let builder = || {
            reqwest::Client::builder()
                // Server functions may answer a form post with a redirect; the answer counts.
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(Duration::from_secs(10))
                .tcp_nodelay(true)
        };
        Ok(Self {
            http: builder().build()?,
            live: builder().pool_max_idle_per_host(0).build()?,
            base: base.trim_end_matches('/').into(),
            request_timeout,
        })
    }

    /// The client for live channels.
    pub fn live(&self) -> &reqwest::Client {
        &self.live
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn health(&self) -> Result<(), Error> {
        let response = self
            .http
            .get(self.url("/healthz"))
            .timeout(self.request_timeout)
            .send()
            .await?;
        ok_status(response).await.map(drop)
    }

    /// Creates a jam; answers its join code and the facilitator's cookie.
    pub async fn create_jam(&self, topic: &str) -> Result<(String, Cookie), Error> {
        let response = self
            .post("create_jam", None)
            .form(&[("topic", topic)])
            .send()
            .await?;
        let cookie = cookie_of(&response)
            .ok_or_else(|| Error::Unexpected("create_jam set no cookie".into()))?;
        let location = location_of(&response);
        let body = ok_status(response).await?;
        let code = match serde_json::from_str::<Value>(&body) {
            Ok(Value::String(code)) => code,
            // A redirect without the answer in its body: the code is the end of `/host/<CODE>`.
            _ => location
                .as_deref()
                .and_then(|l| l.rsplit('/').next())
                .filter(|c| !c.is_empty())
                .map(String::from)
                .ok_or_else(|| Error::Unexpected(format!("create_jam answered {body:?}")))?,
        };
        Ok((code, cookie))
    }

    /// Joins the jam `code` as a new person named `name`; answers that person's cookie.
    pub async fn join(&self, code: &str, name: &str) -> Result<Cookie, Error> {
        let response = self
            .post("join_jam", None)
            .form(&[("code", code), ("name", name)])
            .send()
            .await?;
        let cookie = cookie_of(&response);
        ok_status(response).await?;
        cookie.ok_or_else(|| Error::Unexpected("join_jam set no cookie".into()))
    }

    /// Sends one command (a fresh command id) as `cookie`; answers the jam's new version.
    pub async fn command(
        &self,
        cookie: &Cookie,
        code: &str,
        command: &Value,
    ) -> Result<u64, Error> {
        let body = serde_json::json!({
            "code": code,
            "id": uuid::Uuid::new_v4(),
            "command": command,
        });
        let response = self
            .post("command", Some(cookie))
            .json(&body)
            .send()
            .await?;
        let text = ok_status(response).await?;
        text.trim()
            .parse()
            .map_err(|_| Error::Unexpected(format!("command answered {text:?}, not a version")))
    }

    /// The jam as `cookie`'s person sees it.
    pub async fn view(&self, cookie: &Cookie, code: &str) -> Result<Value, Error> {
        let response = self
            .post("jam_view", Some(cookie))
            .form(&[("code", code)])
            .send()
            .await?;
        let text = ok_status(response).await?;
        serde_json::from_str(&text).map_err(|e| Error::Unexpected(format!("jam_view: {e}")))
    }

    fn post(&self, endpoint: &str, cookie: Option<&Cookie>) -> RequestBuilder {
        let request = self
            .http
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "application/json")
            .timeout(self.request_timeout);
        match cookie {
            Some(cookie) => request.header(COOKIE, &**cookie),
            None => request,
        }
    }
}

/// The body of a success (2xx, or a 3xx redirect the tool does not follow), else the refusal.
async fn ok_status(response: Response) -> Result<String, Error> {
    let status = response.status();
    let text = response.text().await?;
    if status.is_success() || status.is_redirection() {
        Ok(text)
    } else {
        let mut message = text;
        message.truncate(300);
        Err(Error::Refused { status, message })
    }
}

/// The cookies a response sets, as a `Cookie:` request header value.
fn cookie_of(response: &Response) -> Option<Cookie> {
    let pairs: Vec<&str> = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .map(str::trim)
        .filter(|pair| pair.contains('='))
        .collect();
    (!pairs.is_empty()).then(|| pairs.join("; ").into())
}

fn location_of(response: &Response) -> Option<String> {
    response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(String::from)
}

/// Commands, as the API takes them (serde's externally tagged enums: who sends it, then what).
pub mod commands {
    use serde_json::{json, Value};

    fn host(command: Value) -> Value {
        json!({ "Host": command })
    }

    fn participant(command: Value) -> Value {
        json!({ "Participant": command })
    }

    /// Moves on from round `from` (as the domain names it, e.g. "Lobby").
    pub fn next_round(from: &str) -> Value {
        host(json!({ "NextRound": { "from": from } }))
    }

    /// Back to the round before `from`.
    pub fn previous_round(from: &str) -> Value {
        host(json!({ "PreviousRound": { "from": from } }))
    }

    /// Change `n` of a series that moves the round each time: on to the problems, back to
    /// what works, and so on (every screen's round changes).
    pub fn round_change(n: usize) -> Value {
        match n % 2 {
            0 => next_round("Working"),
            _ => previous_round("Problems"),
        }
    }

    pub fn add_time(secs: u32) -> Value {
        host(json!({ "AddTime": { "secs": secs } }))
    }

    pub fn pause_timer() -> Value {
        host(json!("PauseTimer"))
    }

    pub fn resume_timer() -> Value {
        host(json!("ResumeTimer"))
    }

    pub fn update_settings(settings: &Value) -> Value {
        host(json!({ "UpdateSettings": settings }))
    }

    pub fn add_note(text: &str) -> Value {
        participant(json!({ "AddNote": { "text": text } }))
    }

    pub fn cast_vote(note: &str) -> Value {
        participant(json!({ "CastVote": { "note": note } }))
    }

    /// The facilitator's n-th change in the fan-out scenarios: small changes that every screen
    /// must show (the clock), cycling so each one really changes the jam. The jam must be in a
    /// timed round with its clock running (see `start_clock`).
    pub fn timer_change(n: usize) -> Value {
        match n % 3 {
            0 => add_time(60),
            1 => pause_timer(),
            _ => resume_timer(),
        }
    }
}
