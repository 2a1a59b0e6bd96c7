//! The live engine: each open jam's latest state in memory, kept in step with the database, and
//! the feed that hands every new state to the jam's screens.
//!
//! The database is the source of truth and orders every jam's changes (see `store`): a change
//! is accepted inside a transaction that holds the jam's lock, after catching up with any
//! change made meanwhile by another process, and is acknowledged only once committed. The copy
//! in memory spares each change and each screen a reload; it is dropped when a jam has been
//! quiet for a while and nobody watches it, and rebuilt from the latest snapshot and the
//! changes after it.

use super::feed::Published;
use super::slow::timed;
use super::store::{Store, StoredChange};
use crate::domain::{Change, Jam, JoinCode, PersonId, Topic};
use crate::error::AppError;
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{oneshot, watch};
use uuid::Uuid;

/// A snapshot every this many changes bounds what loading a jam has to replay.
const SNAPSHOT_EVERY: u64 = 50;
/// A jam nobody watches is dropped from memory after this long without use.
const IDLE_MS: i64 = 10 * 60 * 1000;

/// What an accepted request did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The jam changed; the change is stored.
    Applied,
    /// Nothing to change (e.g. joining again under the same name).
    Unchanged,
    /// A command with this id was applied before: not applied again.
    Repeated,
}

/// A change waiting to be written, and where its answer goes.
struct Pending {
    change: Change,
    reply: oneshot::Sender<Result<(Arc<Jam>, Outcome), AppError>>,
}

/// One open jam.
pub struct Slot {
    pub id: Uuid,
    /// The latest state known here. Held while a change is made, so this process makes one
    /// jam's changes one at a time (the database lock does it across processes).
    jam: tokio::sync::Mutex<Arc<Jam>>,
    /// Changes waiting for the writer.
    queue: Mutex<Vec<Pending>>,
    feed: watch::Sender<Arc<Published>>,
    last_used_ms: AtomicI64,
}

impl Slot {
    fn new(jam: Jam) -> Arc<Self> {
        let jam = Arc::new(jam);
        let (feed, _) = watch::channel(Published::new(jam.clone()));
        Arc::new(Self {
            id: jam.id,
            jam: tokio::sync::Mutex::new(jam),
            queue: Mutex::new(Vec::new()),
            feed,
            last_used_ms: AtomicI64::new(now_ms()),
        })
    }

    /// The newest state, and every one after it: a watch channel, so a screen that is slow
    /// to take them skips to the newest instead of queueing.
    pub fn subscribe(&self) -> watch::Receiver<Arc<Published>> {
        self.feed.subscribe()
    }

    fn publish(&self, jam: Arc<Jam>) {
        self.feed.send_replace(Published::new(jam));
    }

    fn touch(&self) {
        self.last_used_ms.store(now_ms(), Ordering::Relaxed);
    }
}

pub struct Engine {
    store: Store,
    slots: Mutex<HashMap<Uuid, Arc<Slot>>>,
    codes: Mutex<HashMap<JoinCode, Uuid>>,
    new_jams: NewJams,
}

/// What this server's configuration gives every new jam.
#[derive(Debug, Clone, Copy)]
pub struct NewJams {
    /// How many people a new jam lets in.
    pub room_size: usize,
    /// The most a jam's room size may be raised to.
    pub room_max: usize,
    /// Hours after the summary that the typed code stops letting people in.
    pub code_hours: u32,
}

impl Engine {
    pub fn new(store: Store, new_jams: NewJams) -> Self {
        Self {
            store,
            slots: Mutex::new(HashMap::new()),
            codes: Mutex::new(HashMap::new()),
            new_jams,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Makes a jam on `topic` with a fresh join code.
    pub async fn create(
        &self,
        topic: Topic,
        facilitator: PersonId,
        lang: Lang,
    ) -> Result<Arc<Jam>, AppError> {
        // Codes are random; a clash with an existing jam is rare and simply retried.
        for _ in 0..16 {
            let now = DateTime::from_timestamp_millis(now_ms()).unwrap_or_else(Utc::now);
            let mut jam = Jam::new(
                Uuid::new_v4(),
                random_code(),
                topic.clone(),
                facilitator,
                now,
            );
            jam.lang = lang;
            jam.room_size = self.new_jams.room_size;
            jam.room_max = self.new_jams.room_max;
            jam.code_hours = self.new_jams.code_hours;
            // 122 random bits: the key the join link and QR code carry.
            jam.join_key = Some(Uuid::new_v4().simple().to_string());
            if self.store.insert_jam(&jam).await? {
                let slot = Slot::new(jam);
                let jam = slot.jam.lock().await.clone();
                self.remember(slot);
                return Ok(jam);
            }
        }
        tracing::error!("no free join code after 16 tries");
        Err(AppError::Storage)
    }

    /// The jam with `code` as it stands now in the database.
    pub async fn current(&self, code: &JoinCode) -> Result<Arc<Jam>, AppError> {
        let slot = self.slot(code).await?;
        self.sync(&slot).await
    }

    /// The jam whose read-only results link has `token`.
    pub async fn current_by_share_token(&self, token: &str) -> Result<Arc<Jam>, AppError> {
        let id = self.store.jam_id_by_share_token(token).await?;
        let slot = self.slot_by_id(id).await?;
        self.sync(&slot).await
    }

    /// The open jam with `code`, loaded if it is not in memory, and a receiver of its states.
    /// Subscribed while the jam is known to be in memory, so it cannot be dropped in between.
    pub async fn watch(
        &self,
        code: &JoinCode,
    ) -> Result<(Arc<Slot>, watch::Receiver<Arc<Published>>), AppError> {
        loop {
            let slot = self.slot(code).await?;
            let slots = self.slots.lock().expect("slots");
            if slots.get(&slot.id).is_some_and(|s| Arc::ptr_eq(s, &slot)) {
                let receiver = slot.subscribe();
                drop(slots);
                return Ok((slot, receiver));
            }
            // Dropped from memory just now: load it again.
        }
    }

    /// Accepts `change` for the jam with `code`: stores it and hands the new state to the
    /// jam's screens, or refuses it and changes nothing. Answers the jam as it stands after the
    /// change (and any others committed with it) and what the change did.
    ///
    /// Changes that arrive while one is being written (a room voting at once) wait in the
    /// jam's queue and are then written together: one transaction, one commit, one new state
    /// for the screens — each change still checked on its own, in order, and each answered only
    /// once the commit holding it is done.
    pub async fn execute(
        &self,
        code: &JoinCode,
        change: Change,
    ) -> Result<(Arc<Jam>, Outcome), AppError> {
        let slot = self.slot(code).await?;
        let (reply, answer) = oneshot::channel();
        slot.queue
            .lock()
            .expect("queue")
            .push(Pending { change, reply });
        {
            let mut latest = timed("jam lock", slot.jam.lock()).await;
            // Whoever holds the lock writes everything queued, its own change or not.
            let batch = std::mem::take(&mut *slot.queue.lock().expect("queue"));
            if !batch.is_empty() {
                self.write(&slot, &mut latest, batch).await;
            }
        }
        answer.await.unwrap_or(Err(AppError::Storage))
    }

    /// Writes `batch` in one transaction and answers each change.
    async fn write(&self, slot: &Slot, latest: &mut Arc<Jam>, batch: Vec<Pending>) {
        match self.try_write(slot, latest, &batch).await {
            Ok(outcomes) => {
                for (pending, outcome) in batch.into_iter().zip(outcomes) {
                    let answer = outcome.map(|o| (latest.clone(), o));
                    let _ = pending.reply.send(answer);
                }
            }
            Err(e) => {
                for pending in batch {
                    let _ = pending.reply.send(Err(e.clone()));
                }
            }
        }
    }

    async fn try_write(
        &self,
        slot: &Slot,
        latest: &mut Arc<Jam>,
        batch: &[Pending],
    ) -> Result<Vec<Result<Outcome, AppError>>, AppError> {
        let mut tx = timed("database write lock", self.store.lock(slot.id)).await?;
        let behind = tx.changes_since(slot.id, latest.version).await?;
        if !behind.is_empty() {
            *latest = Arc::new(self.replayed(latest, behind).await?);
            slot.publish(latest.clone());
        }
        let mut jam = (**latest).clone();
        // One moment for the changes, in whole milliseconds as stored, so replaying them later
        // gives exactly this result.
        let at_ms = now_ms();
        let at = DateTime::from_timestamp_millis(at_ms).ok_or(AppError::Storage)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut ids_in_batch = std::collections::HashSet::new();
        for pending in batch {
            if let Change::Command { id, .. } = &pending.change {
                let seen = !ids_in_batch.insert(*id) || tx.applied(slot.id, *id).await?.is_some();
                if seen {
                    outcomes.push(Ok(Outcome::Repeated));
                    continue;
                }
            }
            outcomes.push(match jam.accept(&pending.change, at) {
                Ok(true) => {
                    tx.append(&jam, &pending.change, at_ms).await?;
                    // Whoever comes into a jam has their session deleted with it.
                    if let Change::Join { person, .. } | Change::ClaimHost { person, .. } =
                        &pending.change
                    {
                        tx.remember_person(jam.id, *person).await?;
                    }
                    Ok(Outcome::Applied)
                }
                Ok(false) => Ok(Outcome::Unchanged),
                Err(refused) => Err(refused.into()),
            });
        }
        if jam.version == latest.version {
            return Ok(outcomes); // nothing changed: nothing to commit or announce
        }
        if jam.version / SNAPSHOT_EVERY != latest.version / SNAPSHOT_EVERY {
            tx.snapshot(&jam).await?;
        }
        timed("commit", tx.commit()).await?;
        *latest = Arc::new(jam);
        slot.publish(latest.clone());
        slot.touch();
        Ok(outcomes)
    }

    /// Brings `slot` up to date with the database (changes another process made), publishing
    /// the newer state if there is one.
    pub async fn sync(&self, slot: &Slot) -> Result<Arc<Jam>, AppError> {
        slot.touch();
        let mut latest = timed("jam lock", slot.jam.lock()).await;
        let behind = timed(
            "changes since",
            self.store.changes_since(slot.id, latest.version),
        )
        .await?;
        if !behind.is_empty() {
            *latest = Arc::new(self.replayed(&latest, behind).await?);
            slot.publish(latest.clone());
        }
        Ok(latest.clone())
    }

    /// Deletes the jam with `code` for good, and tells its screens.
    pub async fn delete(&self, code: &JoinCode) -> Result<(), AppError> {
        let slot = self.slot(code).await?;
        self.store.delete_jam(slot.id).await?;
        self.forget(slot.id);
        tracing::info!(jam = %slot.id, "jam deleted by its facilitator");
        Ok(())
    }

    /// Deletes the jams nothing has happened in for `days` days (and the sessions of people
    /// who were only in them). Answers how many went.
    pub async fn delete_left_jams(&self, days: u32) -> Result<usize, AppError> {
        let before = now_ms() - i64::from(days) * 24 * 60 * 60 * 1000;
        let left = self.store.jams_left_since(before).await?;
        for id in &left {
            self.store.delete_jam(*id).await?;
            self.forget(*id);
        }
        if !left.is_empty() {
            tracing::info!(
                jams = left.len(),
                days,
                "deleted jams past their retention time"
            );
        }
        Ok(left.len())
    }

    /// Drops a deleted jam from memory; screens watching it are told it is gone.
    pub fn forget(&self, id: Uuid) {
        let slot = self.slots.lock().expect("slots").remove(&id);
        self.codes
            .lock()
            .expect("codes")
            .retain(|_, known| *known != id);
        if let Some(slot) = slot {
            let last = slot.feed.borrow().jam.clone();
            slot.feed.send_replace(Published::gone(last));
        }
    }

    /// Another process changed jam `id` to `version`: screens watching it here get the change.
    /// A jam nobody here has in memory is left alone (it is loaded fresh when asked for).
    pub async fn announced(&self, id: Uuid, version: u64) -> Result<(), AppError> {
        let slot = self.slots.lock().expect("slots").get(&id).cloned();
        if let Some(slot) = slot {
            if slot.jam.lock().await.version < version {
                self.sync(&slot).await?;
            }
        }
        Ok(())
    }

    /// Every jam in memory caught up with the database: after the announcements may have been
    /// missed (the listening connection dropped).
    pub async fn sync_all(&self) {
        let slots: Vec<Arc<Slot>> = self
            .slots
            .lock()
            .expect("slots")
            .values()
            .cloned()
            .collect();
        for slot in slots {
            if let Err(e) = self.sync(&slot).await {
                tracing::warn!(jam = %slot.id, error = %e, "could not catch up a jam");
            }
        }
    }

    /// Drops from memory the jams nobody watches that have been quiet for a while.
    pub fn sweep(&self) {
        let idle_since = now_ms() - IDLE_MS;
        let mut slots = self.slots.lock().expect("slots");
        slots.retain(|_, slot| {
            slot.feed.receiver_count() > 0 || slot.last_used_ms.load(Ordering::Relaxed) > idle_since
        });
        let open: std::collections::HashSet<Uuid> = slots.keys().copied().collect();
        drop(slots);
        self.codes
            .lock()
            .expect("codes")
            .retain(|_, id| open.contains(id));
    }

    /// How many jams are in memory, and how many screens watch them.
    pub fn load(&self) -> (usize, usize) {
        let slots = self.slots.lock().expect("slots");
        let watching = slots.values().map(|s| s.feed.receiver_count()).sum();
        (slots.len(), watching)
    }

    async fn slot(&self, code: &JoinCode) -> Result<Arc<Slot>, AppError> {
        let known = self.codes.lock().expect("codes").get(code).copied();
        let id = match known {
            Some(id) => id,
            None => {
                let id = timed("jam lookup", self.store.jam_id_by_code(code)).await?;
                self.codes.lock().expect("codes").insert(code.clone(), id);
                id
            }
        };
        self.slot_by_id(id).await
    }

    async fn slot_by_id(&self, id: Uuid) -> Result<Arc<Slot>, AppError> {
        if let Some(slot) = self.slots.lock().expect("slots").get(&id) {
            slot.touch();
            return Ok(slot.clone());
        }
        let jam = timed("jam load", self.load_jam(id)).await?;
        Ok(self.remember(Slot::new(jam)))
    }

    /// Keeps `slot` in memory, unless another request loaded the same jam first.
    fn remember(&self, slot: Arc<Slot>) -> Arc<Slot> {
        let mut slots = self.slots.lock().expect("slots");
        let kept = slots.entry(slot.id).or_insert(slot).clone();
        drop(slots);
        // The code is known once the jam is; a jam's code never changes.
        if let Ok(jam) = kept.jam.try_lock() {
            self.codes
                .lock()
                .expect("codes")
                .insert(jam.code.clone(), kept.id);
        }
        kept
    }

    async fn load_jam(&self, id: Uuid) -> Result<Jam, AppError> {
        let snapshot = self.store.snapshot(id).await?;
        let behind = self.store.changes_since(id, snapshot.jam.version).await?;
        Ok(replay(snapshot.jam, behind))
    }

    /// `jam` with `behind` applied; from the snapshot if they do not follow on from it.
    async fn replayed(&self, jam: &Jam, behind: Vec<StoredChange>) -> Result<Jam, AppError> {
        if behind.first().is_some_and(|c| c.version == jam.version + 1) {
            Ok(replay(jam.clone(), behind))
        } else {
            self.load_jam(jam.id).await
        }
    }
}

/// Applies stored changes in order. They were accepted once on this jam, so they are accepted
/// again; if one is not (the rules changed since it was stored), it is logged and its version
/// kept, so later changes still line up.
fn replay(mut jam: Jam, changes: Vec<StoredChange>) -> Jam {
    for stored in changes {
        let at = DateTime::from_timestamp_millis(stored.at_ms).unwrap_or_else(Utc::now);
        match jam.accept(&stored.change, at) {
            Ok(true) if jam.version == stored.version => {}
            other => {
                tracing::error!(
                    jam = %jam.id,
                    version = stored.version,
                    result = ?other,
                    "a stored change did not replay as it was accepted"
                );
                jam.version = stored.version;
            }
        }
    }
    jam
}

fn random_code() -> JoinCode {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    JoinCode::from_indices(std::array::from_fn(|_| {
        rng.gen_range(0..crate::domain::join_code::ALPHABET.len())
    }))
}

pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}
