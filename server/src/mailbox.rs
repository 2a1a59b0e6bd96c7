//! A one-message mailbox between a live channel's producer and its connection: the producer
//! puts a message and waits (at most so long) until the connection has taken it; the
//! connection reads the mailbox as its body stream. It holds one message and no queue, so a
//! screen that is not reading costs one message — and a few hundred bytes less than a channel
//! with room for a queue, across thousands of open channels.

use axum::body::Bytes;
use futures::task::AtomicWaker;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::Notify;

struct Shared {
    slot: Mutex<Option<Bytes>>,
    /// Wakes the connection when a message is put, or the producer is gone.
    reader: AtomicWaker,
    /// Wakes the producer when the message was taken.
    taken: Notify,
    /// Wakes the producer when the connection is gone.
    gone: Notify,
    /// The producer or the connection is gone.
    closed: AtomicBool,
}

pub struct Producer(Arc<Shared>);

pub struct Body(Arc<Shared>);

/// Why a message was not delivered.
#[derive(Debug, PartialEq, Eq)]
pub enum Undelivered {
    /// The connection is gone.
    Closed,
    /// The previous message was still not taken after the wait.
    Stalled,
}

pub fn mailbox() -> (Producer, Body) {
    let shared = Arc::new(Shared {
        slot: Mutex::new(None),
        reader: AtomicWaker::new(),
        taken: Notify::new(),
        gone: Notify::new(),
        closed: AtomicBool::new(false),
    });
    (Producer(shared.clone()), Body(shared))
}

impl Producer {
    /// Puts `message` once the previous one has been taken, waiting at most `wait` for that.
    pub async fn put(&self, message: Bytes, wait: Duration) -> Result<(), Undelivered> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            // Registered before looking, so a take in between is not missed.
            let taken = self.0.taken.notified();
            if self.0.closed.load(Ordering::Acquire) {
                return Err(Undelivered::Closed);
            }
            {
                let mut slot = self.0.slot.lock().expect("mailbox");
                if slot.is_none() {
                    *slot = Some(message);
                    drop(slot);
                    self.0.reader.wake();
                    return Ok(());
                }
            }
            if tokio::time::timeout_at(deadline, taken).await.is_err() {
                return Err(Undelivered::Stalled);
            }
        }
    }
}

impl Producer {
    /// Resolves when the connection is gone (the screen closed, or the network said so).
    pub async fn gone(&self) {
        loop {
            let gone = self.0.gone.notified();
            if self.0.closed.load(Ordering::Acquire) {
                return;
            }
            gone.await;
        }
    }
}

impl Drop for Producer {
    fn drop(&mut self) {
        self.0.closed.store(true, Ordering::Release);
        self.0.reader.wake();
    }
}

impl futures::Stream for Body {
    type Item = Bytes;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        self.0.reader.register(cx.waker());
        let message = self.0.slot.lock().expect("mailbox").take();
        match message {
            Some(message) => {
                self.0.taken.notify_one();
                Poll::Ready(Some(message))
            }
            None if self.0.closed.load(Ordering::Acquire) => Poll::Ready(None),
            None => Poll::Pending,
        }
    }
}

impl Drop for Body {
    fn drop(&mut self) {
        self.0.closed.store(true, Ordering::Release);
        self.0.taken.notify_one();
        self.0.gone.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;

    #[tokio::test]
    async fn a_message_waits_for_the_previous_one_to_be_taken() {
        let (producer, mut body) = mailbox();
        producer
            .put(Bytes::from("a"), Duration::from_secs(1))
            .await
            .unwrap();
        assert_eq!(
            producer
                .put(Bytes::from("b"), Duration::from_millis(50))
                .await,
            Err(Undelivered::Stalled)
        );
        assert_eq!(body.next().await.unwrap(), "a");
        producer
            .put(Bytes::from("c"), Duration::from_secs(1))
            .await
            .unwrap();
        assert_eq!(body.next().await.unwrap(), "c");
        drop(producer);
        assert_eq!(body.next().await, None, "the stream ends with the producer");
        let (producer, body) = mailbox();
        let waiting = tokio::spawn(async move { producer.gone().await });
        tokio::time::sleep(Duration::from_millis(10)).await;
        drop(body);
        tokio::time::timeout(Duration::from_secs(1), waiting)
            .await
            .expect("the producer hears that the connection is gone")
            .unwrap();
    }

    #[tokio::test]
    async fn a_waiting_producer_goes_on_when_the_message_is_taken_or_the_reader_is_gone() {
        let (producer, mut body) = mailbox();
        producer
            .put(Bytes::from("a"), Duration::from_secs(1))
            .await
            .unwrap();
        let reader = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let taken = (body.next().await, body.next().await);
            drop(body);
            taken
        });
        producer
            .put(Bytes::from("b"), Duration::from_secs(5))
            .await
            .unwrap();
        let (a, b) = reader.await.unwrap();
        assert_eq!(
            (a.unwrap(), b.unwrap()),
            (Bytes::from("a"), Bytes::from("b"))
        );
        assert_eq!(
            producer.put(Bytes::from("c"), Duration::from_secs(5)).await,
            Err(Undelivered::Closed)
        );
    }
}
