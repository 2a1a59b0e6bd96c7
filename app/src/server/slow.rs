//! Finding where a slow request spent its time: each step that waits on something shared (the
//! session store, a jam's lock, the database's write lock, a commit) is timed, and one that
//! takes longer than `SLOW` is logged with its name. The server logs a slow request as a whole
//! too (`server::slow_requests`), so a stall can be traced to the step that held it.

use std::future::Future;
use std::time::{Duration, Instant};

/// A step slower than this is worth a line in the log: every step here normally takes
/// milliseconds.
pub const SLOW: Duration = Duration::from_secs(1);

/// Runs `step`, logging it when it takes longer than `SLOW`.
pub async fn timed<F: Future>(phase: &'static str, step: F) -> F::Output {
    let started = Instant::now();
    let output = step.await;
    let took = started.elapsed();
    if took > SLOW {
        tracing::warn!(phase, took_ms = took.as_millis() as u64, "slow step");
    }
    output
}
