//! Storage: jams in SQLite through sqlx (a file in WAL mode by default).
//!
//! A jam is one JSON document (see the migration). Every change runs `load → domain command →
//! save` inside one `BEGIN IMMEDIATE` transaction, which makes concurrent changes to a jam queue
//! up instead of overwriting each other, and makes a change durable before it is acknowledged.

use crate::domain::{Jam, JoinCode, PersonId, Topic};
use crate::error::AppError;
use crate::i18n::Lang;
use chrono::Utc;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;
use std::time::Duration;
use uuid::Uuid;

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database at `url`, e.g. `sqlite://data/blixt.db`, and
    /// brings its schema up to date.
    pub async fn open(url: &str) -> Result<Self, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL still survives a crash of the process; only power loss can
            // drop the very last transactions.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    /// The pool, for the session store that shares the database.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Creates a jam with a fresh join code.
    pub async fn create_jam(
        &self,
        topic: Topic,
        facilitator: PersonId,
        lang: Lang,
    ) -> Result<Jam, AppError> {
        // Codes are random; a clash with an existing jam is rare and simply retried.
        for _ in 0..16 {
            let mut jam = Jam::new(
                Uuid::new_v4(),
                random_code(),
                topic.clone(),
                facilitator,
                Utc::now(),
            );
            jam.lang = lang;
            let inserted = sqlx::query(
                "INSERT INTO jams (id, code, version, state, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
            )
            .bind(jam.id.to_string())
            .bind(jam.code.as_str())
            .bind(jam.version as i64)
            .bind(encode(&jam)?)
            .bind(jam.created_at.to_rfc3339())
            .bind(jam.created_at.to_rfc3339())
            .execute(&self.pool)
            .await
            .map_err(storage)?;
            if inserted.rows_affected() == 1 {
                return Ok(jam);
            }
        }
        tracing::error!("no free join code after 16 tries");
        Err(AppError::Storage)
    }

    /// The jam whose read-only link has `token`.
    pub async fn jam_by_share_token(&self, token: &str) -> Result<Jam, AppError> {
        let row = sqlx::query("SELECT state FROM jams WHERE share_token = ?")
            .bind(token)
            .fetch_optional(&self.pool)
            .await
            .map_err(storage)?;
        decode(row.ok_or(AppError::JamNotFound)?.get("state"))
    }

    pub async fn jam_by_code(&self, code: &JoinCode) -> Result<Jam, AppError> {
        let row = sqlx::query("SELECT state FROM jams WHERE code = ?")
            .bind(code.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(storage)?;
        decode(row.ok_or(AppError::JamNotFound)?.get("state"))
    }

    /// Applies `command` to the jam with `code` and saves the result if its version moved.
    /// A refused command changes nothing. Returns the jam as saved and the command's answer.
    pub async fn update<T>(
        &self,
        code: &JoinCode,
        command: impl FnOnce(&mut Jam) -> Result<T, AppError>,
    ) -> Result<(Jam, T), AppError> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(storage)?;
        let row = sqlx::query("SELECT state FROM jams WHERE code = ?")
            .bind(code.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(storage)?;
        let mut jam = decode(row.ok_or(AppError::JamNotFound)?.get("state"))?;
        let before = jam.version;
        let answer = command(&mut jam)?;
        if jam.version != before {
            sqlx::query(
                "UPDATE jams SET version = ?, state = ?, share_token = ?, updated_at = ? WHERE id = ?",
            )
                .bind(jam.version as i64)
                .bind(encode(&jam)?)
                .bind(jam.share_token.as_deref())
                .bind(Utc::now().to_rfc3339())
                .bind(jam.id.to_string())
                .execute(&mut *tx)
                .await
                .map_err(storage)?;
        }
        tx.commit().await.map_err(storage)?;
        Ok((jam, answer))
    }
}

fn random_code() -> JoinCode {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    JoinCode::from_indices(std::array::from_fn(|_| {
        rng.gen_range(0..crate::domain::join_code::ALPHABET.len())
    }))
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
