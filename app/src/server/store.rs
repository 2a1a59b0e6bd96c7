//! Storage: SQLite (a file in WAL mode, the default) or PostgreSQL, through sqlx.
//!
//! A jam is its history (see the migrations): `jams` holds what is looked up (code, share
//! token, latest version), `jam_changes` every accepted change in version order, and
//! `jam_snapshots` the whole jam as of one version. A change is written inside a transaction
//! that holds the jam's lock in the database (SQLite's write lock, or the jam's row in
//! PostgreSQL), so one jam's changes are ordered by the database whichever process accepts them;
//! the transaction commits before the change is acknowledged.
//!
//! The SQL is written once for both databases (`$1`-style parameters, in order) and run through
//! `on_db!`; only opening and locking differ.

use crate::domain::{Change, Jam, JoinCode, PersonId};
use crate::error::AppError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Row, SqlitePool};
use std::str::FromStr;
use std::time::Duration;
use uuid::Uuid;

#[derive(Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code on whichever pool or transaction `$db` holds.
macro_rules! on_db {
    ($db:expr, $conn:ident => $body:expr) => {
        match $db {
            Db::Sqlite($conn) => $body,
            Db::Postgres($conn) => $body,
        }
    };
}

macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            Tx::Sqlite($conn) => $body,
            Tx::Postgres($conn) => $body,
        }
    };
}

#[derive(Clone)]
pub struct Store {
    db: Db,
    /// SQLite: reads get connections of their own, so a read never waits for a connection
    /// that a writer holds while it waits for SQLite's one write lock (WAL lets readers go on
    /// while someone writes). PostgreSQL needs no such split.
    reads: Option<SqlitePool>,
}

/// One stored change: the version it led to, the change, and when it was accepted.
pub struct StoredChange {
    pub version: u64,
    pub change: Change,
    pub at_ms: i64,
}

/// A jam as last snapshotted.
pub struct Snapshot {
    pub jam: Jam,
}

/// An open transaction holding one jam's lock.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// The PostgreSQL channel on which every committed change is announced as `<jam id>:<version>`
/// (a few dozen bytes, well inside NOTIFY's 8,000).
pub const CHANGES_CHANNEL: &str = "blixt_changes";

const CHANGES_SINCE: &str = "SELECT version, change, at_ms FROM jam_changes
     WHERE jam_id = $1 AND version > $2 ORDER BY version";

impl Store {
    /// Opens the database at `url` (`sqlite://…` or `postgres://…`), creating an SQLite file
    /// if needed, and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Self, sqlx::Error> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            sqlx::migrate!("./migrations/postgres").run(&pool).await?;
            return Ok(Self {
                db: Db::Postgres(pool),
                reads: None,
            });
        } else {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // With WAL, NORMAL still survives a crash of the process; only power loss can
                // drop the very last transactions.
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true);
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options.clone())
                .await?;
            sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
            let reads = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            (Db::Sqlite(pool), Some(reads))
        };
        Ok(Self {
            db: db.0,
            reads: db.1,
        })
    }

    /// Where reads go: the read pool (SQLite) or the one pool.
    fn read_db(&self) -> Db {
        match &self.reads {
            Some(reads) => Db::Sqlite(reads.clone()),
            None => self.db.clone(),
        }
    }

    /// The pools, for the session store that shares the database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Stores a new jam. Answers false when its code is taken (the caller picks another).
    pub async fn insert_jam(&self, jam: &Jam) -> Result<bool, AppError> {
        let state = encode(jam)?;
        let at = jam.created_at.timestamp_millis();
        let inserted = on_db!(&self.db, pool => {
            let mut tx = pool.begin().await.map_err(storage)?;
            let inserted = sqlx::query(
                "INSERT INTO jams (id, code, version, created_at, changed_ms)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING",
            )
            .bind(jam.id.to_string())
            .bind(jam.code.as_str())
            .bind(jam.version as i64)
            .bind(jam.created_at.to_rfc3339())
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(storage)?
            .rows_affected()
                == 1;
            if inserted {
                sqlx::query("INSERT INTO jam_snapshots (jam_id, version, state) VALUES ($1, $2, $3)")
                    .bind(jam.id.to_string())
                    .bind(jam.version as i64)
                    .bind(state)
                    .execute(&mut *tx)
                    .await
                    .map_err(storage)?;
                sqlx::query("INSERT INTO jam_people (jam_id, person_id) VALUES ($1, $2)")
                    .bind(jam.id.to_string())
                    .bind(jam.facilitator.0.to_string())
                    .execute(&mut *tx)
                    .await
                    .map_err(storage)?;
            }
            tx.commit().await.map_err(storage)?;
            inserted
        });
        Ok(inserted)
    }

    pub async fn jam_id_by_code(&self, code: &JoinCode) -> Result<Uuid, AppError> {
        let id: Option<String> = on_db!(&self.read_db(), pool => {
            sqlx::query_scalar("SELECT id FROM jams WHERE code = $1")
                .bind(code.as_str())
                .fetch_optional(pool)
                .await
                .map_err(storage)?
        });
        parse_id(id.ok_or(AppError::JamNotFound)?)
    }

    pub async fn jam_id_by_share_token(&self, token: &str) -> Result<Uuid, AppError> {
        let id: Option<String> = on_db!(&self.read_db(), pool => {
            sqlx::query_scalar("SELECT id FROM jams WHERE share_token = $1")
                .bind(token)
                .fetch_optional(pool)
                .await
                .map_err(storage)?
        });
        parse_id(id.ok_or(AppError::JamNotFound)?)
    }

    pub async fn snapshot(&self, jam: Uuid) -> Result<Snapshot, AppError> {
        let state: Option<String> = on_db!(&self.read_db(), pool => {
            sqlx::query_scalar("SELECT state FROM jam_snapshots WHERE jam_id = $1")
                .bind(jam.to_string())
                .fetch_optional(pool)
                .await
                .map_err(storage)?
        });
        Ok(Snapshot {
            jam: decode(&state.ok_or(AppError::JamNotFound)?)?,
        })
    }

    /// The changes of `jam` after `version`, in order.
    pub async fn changes_since(
        &self,
        jam: Uuid,
        version: u64,
    ) -> Result<Vec<StoredChange>, AppError> {
        let rows = on_db!(&self.db, pool => {
            sqlx::query(CHANGES_SINCE)
                .bind(jam.to_string())
                .bind(version as i64)
                .fetch_all(pool)
                .await
                .map_err(storage)?
                .into_iter()
                .map(|row| stored(row.get(0), row.get(1), row.get(2)))
                .collect::<Result<Vec<_>, _>>()?
        });
        Ok(rows)
    }

    /// Starts a transaction that holds `jam`'s lock until it ends: no other transaction, in
    /// this process or another, changes the jam meanwhile.
    pub async fn lock(&self, jam: Uuid) -> Result<Tx, AppError> {
        match &self.db {
            Db::Sqlite(pool) => {
                // SQLite has one writer at a time; IMMEDIATE takes that lock at once instead of
                // at the first write, so two changes never interleave their reads and writes.
                let tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(storage)?;
                Ok(Tx::Sqlite(tx))
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await.map_err(storage)?;
                sqlx::query("SELECT 1 FROM jams WHERE id = $1 FOR UPDATE")
                    .bind(jam.to_string())
                    .execute(&mut *tx)
                    .await
                    .map_err(storage)?;
                Ok(Tx::Postgres(tx))
            }
        }
    }

    /// Notes that `session` is `person`'s, so the session goes when the person's jams do.
    pub async fn remember_session(&self, session: &str, person: PersonId) -> Result<(), AppError> {
        on_db!(&self.db, pool => {
            sqlx::query(
                "INSERT INTO people_sessions (session_id, person_id) VALUES ($1, $2)
                 ON CONFLICT (session_id) DO NOTHING",
            )
            .bind(session)
            .bind(person.0.to_string())
            .execute(pool)
            .await
            .map_err(storage)?;
        });
        Ok(())
    }

    /// Deletes a jam with its history; then the sessions of people in no jam any more.
    pub async fn delete_jam(&self, jam: Uuid) -> Result<(), AppError> {
        on_db!(&self.db, pool => {
            sqlx::query("DELETE FROM jams WHERE id = $1")
                .bind(jam.to_string())
                .execute(pool)
                .await
                .map_err(storage)?;
        });
        if let Db::Postgres(pool) = &self.db {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANGES_CHANNEL)
                .bind(format!("{jam}:{DELETED}"))
                .execute(pool)
                .await
                .map_err(storage)?;
        }
        self.delete_lone_sessions().await
    }

    /// The jams nothing has changed in since `before_ms`.
    pub async fn jams_left_since(&self, before_ms: i64) -> Result<Vec<Uuid>, AppError> {
        let ids: Vec<String> = on_db!(&self.read_db(), pool => {
            sqlx::query_scalar("SELECT id FROM jams WHERE changed_ms < $1")
                .bind(before_ms)
                .fetch_all(pool)
                .await
                .map_err(storage)?
        });
        ids.into_iter().map(parse_id).collect()
    }

    /// Deletes the sessions of people who take part in no jam (any more).
    async fn delete_lone_sessions(&self) -> Result<(), AppError> {
        const LONE: &str = "SELECT session_id FROM people_sessions ps WHERE NOT EXISTS
             (SELECT 1 FROM jam_people jp WHERE jp.person_id = ps.person_id)";
        let sessions = match &self.db {
            Db::Sqlite(_) => "tower_sessions",
            Db::Postgres(_) => "tower_sessions.session",
        };
        on_db!(&self.db, pool => {
            let mut tx = pool.begin().await.map_err(storage)?;
            sqlx::query(&format!("DELETE FROM {sessions} WHERE id IN ({LONE})"))
                .execute(&mut *tx)
                .await
                .map_err(storage)?;
            sqlx::query(&format!("DELETE FROM people_sessions WHERE session_id IN ({LONE})"))
                .execute(&mut *tx)
                .await
                .map_err(storage)?;
            tx.commit().await.map_err(storage)?;
        });
        Ok(())
    }

    /// Answers once the database can be read and written, within a few seconds.
    pub async fn check(&self) -> Result<(), AppError> {
        let write = async {
            on_db!(&self.db, pool => {
                sqlx::query(
                    "INSERT INTO health (id, at_ms) VALUES (1, $1)
                     ON CONFLICT (id) DO UPDATE SET at_ms = excluded.at_ms",
                )
                .bind(chrono::Utc::now().timestamp_millis())
                .execute(pool)
                .await
                .map_err(storage)?;
            });
            on_db!(&self.read_db(), pool => {
                sqlx::query("SELECT 1").execute(pool).await.map_err(storage)?;
            });
            Ok(())
        };
        tokio::time::timeout(Duration::from_secs(3), write)
            .await
            .unwrap_or_else(|_| {
                tracing::error!("the database did not take a write within 3 s");
                Err(AppError::Storage)
            })
    }
}

impl Tx {
    pub async fn changes_since(
        &mut self,
        jam: Uuid,
        version: u64,
    ) -> Result<Vec<StoredChange>, AppError> {
        on_tx!(self, tx => {
            sqlx::query(CHANGES_SINCE)
                .bind(jam.to_string())
                .bind(version as i64)
                .fetch_all(&mut **tx)
                .await
                .map_err(storage)?
                .into_iter()
                .map(|row| stored(row.get(0), row.get(1), row.get(2)))
                .collect()
        })
    }

    /// The version a command with this id led to, if the jam has applied it already.
    pub async fn applied(&mut self, jam: Uuid, command_id: Uuid) -> Result<Option<u64>, AppError> {
        let version: Option<i64> = on_tx!(self, tx => {
            sqlx::query_scalar("SELECT version FROM jam_changes WHERE jam_id = $1 AND command_id = $2")
                .bind(jam.to_string())
                .bind(command_id.to_string())
                .fetch_optional(&mut **tx)
                .await
                .map_err(storage)?
        });
        Ok(version.map(|v| v as u64))
    }

    /// Notes that `person` takes part in `jam` (see `Store::delete_jam`).
    pub async fn remember_person(&mut self, jam: Uuid, person: PersonId) -> Result<(), AppError> {
        on_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO jam_people (jam_id, person_id) VALUES ($1, $2)
                 ON CONFLICT (jam_id, person_id) DO NOTHING",
            )
            .bind(jam.to_string())
            .bind(person.0.to_string())
            .execute(&mut **tx)
            .await
            .map_err(storage)?;
        });
        Ok(())
    }

    /// Records `change`, which brought the jam to `jam` (its new version), at `at_ms`.
    pub async fn append(&mut self, jam: &Jam, change: &Change, at_ms: i64) -> Result<(), AppError> {
        let command_id = match change {
            Change::Command { id, .. } => Some(id.to_string()),
            Change::Join { .. } | Change::ClaimHost { .. } => None,
        };
        let encoded = serde_json::to_string(change).map_err(|e| {
            tracing::error!(error = %e, "could not serialize a change");
            AppError::Storage
        })?;
        on_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO jam_changes (jam_id, version, command_id, change, at_ms)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(jam.id.to_string())
            .bind(jam.version as i64)
            .bind(command_id)
            .bind(encoded)
            .bind(at_ms)
            .execute(&mut **tx)
            .await
            .map_err(storage)?;
            sqlx::query(
                "UPDATE jams SET version = $1, changed_ms = $2, share_token = $3 WHERE id = $4",
            )
            .bind(jam.version as i64)
            .bind(at_ms)
            .bind(jam.share_token.as_deref())
            .bind(jam.id.to_string())
            .execute(&mut **tx)
            .await
            .map_err(storage)?;
        });
        if let Tx::Postgres(tx) = self {
            // Tells every other process serving this jam, when (and only if) this commits.
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANGES_CHANNEL)
                .bind(format!("{}:{}", jam.id, jam.version))
                .execute(&mut **tx)
                .await
                .map_err(storage)?;
        }
        Ok(())
    }

    /// Keeps `jam` whole, so loading it replays only the changes after this one.
    pub async fn snapshot(&mut self, jam: &Jam) -> Result<(), AppError> {
        let state = encode(jam)?;
        on_tx!(self, tx => {
            sqlx::query(
                "UPDATE jam_snapshots SET version = $1, state = $2 WHERE jam_id = $3",
            )
            .bind(jam.version as i64)
            .bind(state)
            .bind(jam.id.to_string())
            .execute(&mut **tx)
            .await
            .map_err(storage)?;
        });
        Ok(())
    }

    pub async fn commit(self) -> Result<(), AppError> {
        on_tx!(self, tx => tx.commit().await.map_err(storage))
    }
}

fn stored(version: i64, change: String, at_ms: i64) -> Result<StoredChange, AppError> {
    let change = serde_json::from_str(&change).map_err(|e| {
        tracing::error!(error = %e, version, "a stored change does not deserialize");
        AppError::Storage
    })?;
    Ok(StoredChange {
        version: version as u64,
        change,
        at_ms,
    })
}

fn parse_id(id: String) -> Result<Uuid, AppError> {
    Uuid::parse_str(&id).map_err(|e| {
        tracing::error!(error = %e, "a stored jam id is not a uuid");
        AppError::Storage
    })
}

fn encode(jam: &Jam) -> Result<String, AppError> {
    serde_json::to_string(jam).map_err(|e| {
        tracing::error!(error = %e, "could not serialize a jam");
        AppError::Storage
    })
}

fn decode(state: &str) -> Result<Jam, AppError> {
    serde_json::from_str(state).map_err(|e| {
        tracing::error!(error = %e, "a stored jam does not deserialize");
        AppError::Storage
    })
}

fn storage(e: sqlx::Error) -> AppError {
    tracing::error!(error = %e, "database failed");
    AppError::Storage
}

/// The announcement of a deleted jam: `<jam id>:deleted`.
const DELETED: &str = "deleted";

/// What some process on PostgreSQL announced about a jam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announcement {
    /// It is at this version now.
    Changed(u64),
    Deleted,
}

pub fn parse_announcement(payload: &str) -> Option<(Uuid, Announcement)> {
    let (jam, what) = payload.split_once(':')?;
    let what = match what {
        DELETED => Announcement::Deleted,
        version => Announcement::Changed(version.parse().ok()?),
    };
    Some((Uuid::parse_str(jam).ok()?, what))
}
