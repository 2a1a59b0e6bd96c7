//! Accepting connections: HTTP/1.1 with a deadline for request heads (which also closes idle
//! keep-alive connections), a cap on open connections, a way for a handler to hang up its own
//! connection at once, and a shutdown that lets requests in flight finish only for so long.
//!
//! Browsers reach Blixt over HTTP/1.1, directly or through a reverse proxy (which speaks
//! HTTP/2 or HTTP/3 to them if it likes).

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request head (or the next one on a kept-alive connection) must arrive within this.
    pub head_timeout: Duration,
    /// Open connections at most; more are closed as soon as they are accepted.
    pub max_connections: usize,
    /// How long shutdown waits for requests in flight before closing them.
    pub shutdown_grace: Duration,
}

/// The most a connection buffers in either direction.
const BUFFER: usize = 32 * 1024;

/// The connection's socket, for a handler that wants it tuned (see `limit_send_buffer`).
#[derive(Clone, Copy)]
pub struct Socket(std::os::fd::RawFd);

impl Socket {
    /// Caps what the kernel holds for this connection when the other end does not read. By
    /// default Linux lets that grow to megabytes; a live channel needs little, and a reader
    /// that stops reading should fill its buffers soon so that it is noticed and hung up on.
    pub fn limit_send_buffer(self, bytes: usize) {
        // SAFETY: the descriptor is the socket of the connection the current request came
        // on; the connection, and so the descriptor, stays open at least until the request's
        // handler has answered, which is when this is called.
        let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(self.0) };
        if let Err(e) = socket2::SockRef::from(&fd).set_send_buffer_size(bytes) {
            tracing::debug!(error = %e, "could not limit a socket's send buffer");
        }
    }
}

/// Lets a handler close the connection its request came on, at once, without waiting for the
/// response to be written: for a live channel whose reader stopped reading.
#[derive(Clone, Default)]
pub struct Hangup(Arc<Notify>);

impl Hangup {
    pub fn now(&self) {
        self.0.notify_one();
    }
}

/// Serves `router` on `listener` until `shutdown` turns true.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
    limits: Limits,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let (hard_stop, stopped) = watch::channel(false);
    let open = Arc::new(AtomicUsize::new(0));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout)
        // What a connection may hold in its buffers: a request head (cookies and all) fits
        // easily, and a reader that stops reading stops the writer after this much.
        .max_buf_size(BUFFER)
        .keep_alive(true);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors or the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = turned_true(&mut shutdown) => break,
        };
        if open.load(Ordering::Relaxed) >= limits.max_connections {
            tracing::warn!(%peer, "too many open connections: refusing one");
            drop(stream);
            continue;
        }
        let _ = stream.set_nodelay(true);
        let socket = Socket(std::os::fd::AsRawFd::as_raw_fd(&stream));
        open.fetch_add(1, Ordering::Relaxed);
        let hangup = Hangup::default();
        let service = {
            let (router, hangup) = (router.clone(), hangup.clone());
            tower::service_fn(
                move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    request.extensions_mut().insert(hangup.clone());
                    request.extensions_mut().insert(socket);
                    router.clone().oneshot(request.map(axum::body::Body::new))
                },
            )
        };
        let connection = graceful.watch(http.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(service),
        ));
        let (open, mut stopped) = (open.clone(), stopped.clone());
        tokio::spawn(async move {
            tokio::select! {
                _ = connection => {}
                _ = hangup.0.notified() => {}
                _ = turned_true(&mut stopped) => {}
            }
            open.fetch_sub(1, Ordering::Relaxed);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            open = open.load(Ordering::Relaxed),
            "closing connections still open at the shutdown deadline"
        );
        let _ = hard_stop.send(true);
    }
    Ok(())
}

/// Resolves once `flag` is true (or its sender is gone).
pub async fn turned_true(flag: &mut watch::Receiver<bool>) {
    let _ = flag.wait_for(|on| *on).await;
}

/// The address a request came from.
pub fn peer(request: &axum::http::request::Parts) -> Option<SocketAddr> {
    request
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
}
