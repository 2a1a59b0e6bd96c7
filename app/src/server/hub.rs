//! The live hub: tells every open screen of a jam that it changed.
//!
//! It carries only the new version number, never data: each screen's connection then builds
//! its own view through `JamView::for_person`, so what one screen may see never travels on a
//! channel another screen listens to.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use uuid::Uuid;

#[derive(Clone, Default)]
pub struct Hub {
    channels: Arc<Mutex<HashMap<Uuid, broadcast::Sender<u64>>>>,
}

impl Hub {
    /// A receiver for the changes of one jam. Subscribe *before* loading the current state:
    /// a change that lands in between then shows up as a version you already have, never as one
    /// you missed.
    pub fn subscribe(&self, jam: Uuid) -> broadcast::Receiver<u64> {
        let mut channels = self.channels.lock().expect("hub lock");
        channels
            .entry(jam)
            .or_insert_with(|| broadcast::channel(16).0)
            .subscribe()
    }

    pub fn publish(&self, jam: Uuid, version: u64) {
        let mut channels = self.channels.lock().expect("hub lock");
        if let Some(sender) = channels.get(&jam) {
            if sender.send(version).is_err() {
                // Nobody listens any more: drop the channel so the map does not grow forever.
                channels.remove(&jam);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_of_a_jam_hear_its_changes_only() {
        let hub = Hub::default();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut on_a = hub.subscribe(a);
        let mut on_b = hub.subscribe(b);
        hub.publish(a, 5);
        assert_eq!(on_a.recv().await.unwrap(), 5);
        assert!(on_b.try_recv().is_err());
    }

    #[test]
    fn channels_without_listeners_are_dropped() {
        let hub = Hub::default();
        let jam = Uuid::from_u128(1);
        drop(hub.subscribe(jam));
        hub.publish(jam, 2);
        assert!(hub.channels.lock().unwrap().is_empty());
    }
}
