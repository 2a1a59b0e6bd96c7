//! The server half of the app (feature `ssr`): storage, the live engine and what it feeds the
//! screens, identity, and the state the axum binary hands to every request.

pub mod engine;
pub mod feed;
pub mod identity;
pub mod links;
pub mod slow;
pub mod store;

use std::sync::Arc;

/// Everything a request handler or server function needs, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub engine: Arc<engine::Engine>,
    /// Where phones reach this server, e.g. `https://blixt.haparanda.se`. Without it the join
    /// link is built from the address the facilitator's browser used.
    pub public_url: Option<Arc<str>>,
    /// Jams are deleted this many days after their last change.
    pub retention_days: u32,
}
