//! The live hub: hands every open screen of a jam the jam as just saved.
//!
//! One saved state is shared by all of a jam's connections, so a change costs one database
//! write and no reads however many phones are watching. The hub never carries a view: each
//! connection builds its own through `JamView::for_person`, so what one screen may see is never
//! put where another screen's connection could send it.

use crate::domain::Jam;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use uuid::Uuid;

#[derive(Clone, Default)]
pub struct Hub {
    channels: Arc<Mutex<HashMap<Uuid, broadcast::Sender<Arc<Jam>>>>>,
}

impl Hub {
    /// A receiver for the changes of one jam. Subscribe *before* loading the current state:
    /// a change that lands in between then shows up as a version you already have, never as one
    /// you missed.
    pub fn subscribe(&self, jam: Uuid) -> broadcast::Receiver<Arc<Jam>> {
        let mut channels = self.channels.lock().expect("hub lock");
        channels
            .entry(jam)
            .or_insert_with(|| broadcast::channel(16).0)
            .subscribe()
    }

    /// Announces `jam` as saved (call after the transaction committed).
    pub fn publish(&self, jam: Jam) {
        let mut channels = self.channels.lock().expect("hub lock");
        if let Some(sender) = channels.get(&jam.id) {
            let id = jam.id;
            if sender.send(Arc::new(jam)).is_err() {
                // Nobody listens any more: drop the channel so the map does not grow forever.
                channels.remove(&id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::jam;

    #[tokio::test]
    async fn subscribers_of_a_jam_hear_its_changes_only() {
        let hub = Hub::default();
        let a = jam();
        let mut b = jam();
        b.id = Uuid::from_u128(2);
        let mut on_a = hub.subscribe(a.id);
        let mut on_b = hub.subscribe(b.id);
        let mut changed = a.clone();
        changed.version = 5;
        hub.publish(changed);
        assert_eq!(on_a.recv().await.unwrap().version, 5);
        assert!(on_b.try_recv().is_err());
    }

    #[test]
    fn channels_without_listeners_are_dropped() {
        let hub = Hub::default();
        let jam = jam();
        drop(hub.subscribe(jam.id));
        hub.publish(jam);
        assert!(hub.channels.lock().unwrap().is_empty());
    }
}
