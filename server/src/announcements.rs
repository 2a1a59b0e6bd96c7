//! Several Blixt processes on one PostgreSQL: each listens for the changes the others commit
//! (`LISTEN blixt_changes`, see `store`) and hands them to the screens it serves. The database
//! orders every jam's changes and holds them; an announcement only says "jam X is at version
//! N now", and the engine reads what it is missing.

use app::server::engine::Engine;
use app::server::store::{parse_announcement, Announcement, CHANGES_CHANNEL};
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;

/// Listens until the engine is gone. A dropped connection is made again, and every jam in
/// memory then catches up, in case an announcement was missed meanwhile.
pub async fn listen(pool: PgPool, engine: std::sync::Weak<Engine>) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => match listener.listen(CHANGES_CHANNEL).await {
                Ok(()) => {
                    if let Some(engine) = engine.upgrade() {
                        engine.sync_all().await;
                    }
                    loop {
                        let notification = match listener.try_recv().await {
                            Ok(Some(n)) => n,
                            // The connection dropped: sqlx reconnects on the next call;
                            // announcements in between may be lost, so catch up.
                            Ok(None) => {
                                let Some(engine) = engine.upgrade() else {
                                    return;
                                };
                                engine.sync_all().await;
                                continue;
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "lost the announcements connection");
                                break;
                            }
                        };
                        let Some(engine) = engine.upgrade() else {
                            return;
                        };
                        match parse_announcement(notification.payload()) {
                            Some((jam, Announcement::Changed(version))) => {
                                if let Err(e) = engine.announced(jam, version).await {
                                    tracing::warn!(%jam, error = %e, "could not catch up a jam");
                                }
                            }
                            Some((jam, Announcement::Deleted)) => engine.forget(jam),
                            None => {}
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not listen for announcements"),
            },
            Err(e) => tracing::warn!(error = %e, "could not connect to listen for announcements"),
        }
        if engine.upgrade().is_none() {
            return;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Starts listening when Blixt runs on PostgreSQL.
pub fn start(engine: &Arc<Engine>) {
    if let app::server::store::Db::Postgres(pool) = engine.store().db() {
        tokio::spawn(listen(pool.clone(), Arc::downgrade(engine)));
    }
}
