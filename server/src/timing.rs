//! Slow requests in the log: a request whose answer (its head, then its whole body) takes
//! longer than a second is logged with its method, path and time, beside the slow steps inside
//! it that `app::server::slow` logs. Every request here normally answers in milliseconds, so a
//! line from this is a stall to look into, not noise.

use app::server::slow::SLOW;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

/// Logs a request whose answer is slow: its head, and (except for the live channel, which is
/// open for as long as the screen is) its body to the end.
pub async fn slow_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let took = started.elapsed();
    if took > SLOW {
        tracing::warn!(%method, path, took_ms = took.as_millis() as u64, "slow answer");
    }
    if path.starts_with("/live/") {
        return response;
    }
    response.map(|body| {
        Body::new(Timed {
            body,
            started,
            what: Some((method, path)),
        })
    })
}

/// A response body that logs when it took too long to send, counted from the request.
struct Timed {
    body: Body,
    started: Instant,
    /// The request, until the body has ended (or has been logged as slow).
    what: Option<(Method, String)>,
}

impl Timed {
    fn ended(&mut self, finished: bool) {
        let took = self.started.elapsed();
        if let Some((method, path)) = self.what.take() {
            if took > SLOW {
                tracing::warn!(
                    %method,
                    path,
                    took_ms = took.as_millis() as u64,
                    finished,
                    "slow response body"
                );
            }
        }
    }
}

impl HttpBody for Timed {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.body).poll_frame(cx);
        if let Poll::Ready(None) = polled {
            self.ended(true);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Timed {
    /// A body dropped before its end: the client went away, perhaps after waiting too long.
    fn drop(&mut self) {
        self.ended(false);
    }
}
