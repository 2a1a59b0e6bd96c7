//! Screens listening on `GET /live/<CODE>` (server-sent events): each counts the raw bytes it
//! receives and notes when each version arrived, by the tool's one monotonic clock.
//!
//! Only the version is read from an event. Blixt sends `{"full":{"v":…}}` first and then
//! `{"patch":{"v":…,"from":…}}` messages, and `event: hb` heartbeats (`{"v":…}`); servers
//! before the live engine sent the whole view with a top-level `"version"` every time, which
//! is still read so older builds can be measured. `version_of` is the one place that knows
//! these shapes.
//!
//! With a page address (`--phone-pages`), a phone behaves as Blixt's phone script: a message
//! that changes its view (a whole view, or a patch with a `room` or `own` part) makes it fetch
//! its page again, and the change has reached it when that page has arrived; a message that
//! changes nothing it shows reaches it at once.

use serde_json::Value;
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::OwnedSemaphorePermit;

/// The version a live message brings its screen to, in any of the shapes the server may use.
pub fn version_of(message: &Value) -> Option<u64> {
    fn top(value: &Value) -> Option<u64> {
        value
            .get("v")
            .or_else(|| value.get("version"))
            .and_then(Value::as_u64)
    }
    top(message)
        .or_else(|| message.get("full").and_then(top))
        .or_else(|| message.get("patch").and_then(top))
        .or_else(|| message.get("Full").and_then(top))
        .or_else(|| {
            let patch = message.get("Patch")?;
            patch
                .get("to")
                .and_then(Value::as_u64)
                .or_else(|| top(patch))
        })
}

/// The version of an event's data without parsing a whole view when it starts with the version
/// (`{"version":12,…` or `{"v":12,…`); anything else is parsed and handed to `version_of`.
pub fn data_version(data: &[u8]) -> Option<u64> {
    leading_version(data).or_else(|| {
        serde_json::from_slice::<Value>(data)
            .ok()
            .as_ref()
            .and_then(version_of)
    })
}

fn leading_version(data: &[u8]) -> Option<u64> {
    let rest = data
        .trim_ascii_start()
        .strip_prefix(b"{")?
        .trim_ascii_start();
    // The envelope of the live engine's messages: {"full":{"v":…} or {"patch":{"v":…}.
    let rest = match rest
        .strip_prefix(b"\"full\":")
        .or_else(|| rest.strip_prefix(b"\"patch\":"))
    {
        Some(inner) => inner
            .trim_ascii_start()
            .strip_prefix(b"{")?
            .trim_ascii_start(),
        None => rest,
    };
    let rest = rest
        .strip_prefix(b"\"version\"")
        .or_else(|| rest.strip_prefix(b"\"v\""))?
        .trim_ascii_start()
        .strip_prefix(b":")?
        .trim_ascii_start();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = rest[digits..].trim_ascii_start().first()?;
    if digits == 0 || digits > 19 || !matches!(after, b',' | b'}') {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// One server-sent event: its `event:` name, its `data:` lines joined, its size on the wire.
#[derive(Debug, PartialEq)]
pub struct Event<'a> {
    pub name: Option<&'a [u8]>,
    pub data: Option<Cow<'a, [u8]>>,
    pub size: usize,
}

/// Splits a byte stream into events (a blank line ends one; `\n` or `\r\n` line ends).
#[derive(Default)]
pub struct SseParser {
    buffer: Vec<u8>,
    /// Where the search for the end of the current event resumes.
    scanned: usize,
}

impl SseParser {
    pub fn push(&mut self, chunk: &[u8], mut on_event: impl FnMut(Event<'_>)) {
        self.buffer.extend_from_slice(chunk);
        let mut start = 0;
        loop {
            let from = self.scanned.max(start);
            match event_end(&self.buffer[from..]) {
                Some(len) => {
                    let end = from + len;
                    on_event(parse_event(&self.buffer[start..end]));
                    start = end;
                    self.scanned = end;
                }
                None => {
                    // The terminator may be split over chunks: look at the last two bytes again.
                    self.scanned = self.buffer.len().saturating_sub(2).max(start);
                    break;
                }
            }
        }
        self.buffer.drain(..start);
        self.scanned -= start;
    }
}

/// Length up to and including the first blank line, if there is one.
fn event_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|b| *b == b'\n') {
        let nl = at + i;
        match bytes.get(nl + 1) {
            Some(b'\n') => return Some(nl + 2),
            Some(b'\r') if bytes.get(nl + 2) == Some(&b'\n') => return Some(nl + 3),
            _ => at = nl + 1,
        }
    }
    None
}

fn parse_event(block: &[u8]) -> Event<'_> {
    let mut name = None;
    let mut data: Option<Cow<'_, [u8]>> = None;
    for line in block.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let (field, value) = match line.iter().position(|b| *b == b':') {
            Some(0) | None => continue, // a comment (keep-alive) or a blank line
            Some(i) => {
                let value = &line[i + 1..];
                (&line[..i], value.strip_prefix(b" ").unwrap_or(value))
            }
        };
        match field {
            b"event" => name = Some(value),
            b"data" => {
                data = Some(match data {
                    None => Cow::Borrowed(value),
                    Some(before) => {
                        let mut joined = before.into_owned();
                        joined.push(b'\n');
                        joined.extend_from_slice(value);
                        Cow::Owned(joined)
                    }
                })
            }
            _ => {}
        }
    }
    Event {
        name,
        data,
        size: block.len(),
    }
}

/// Who a screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Projector,
    Participant,
    /// Someone with the code who has not joined: listens without being in the jam.
    Visitor,
}

/// An event that brought a version, when it arrived.
#[derive(Debug, Clone, Copy)]
pub struct Arrival {
    pub version: u64,
    pub at: Instant,
}

/// The first event: when (since the request was sent) and how big.
#[derive(Debug, Clone, Copy)]
pub struct First {
    pub after: Duration,
    pub size: usize,
}

/// One listening screen and what it received.
pub struct Screen {
    pub kind: Kind,
    /// Which jam of the scenario it watches.
    pub jam: usize,
    bytes: AtomicU64,
    events: AtomicU64,
    heartbeats: AtomicU64,
    /// Events whose data had no version the tool could find.
    unreadable: AtomicU64,
    /// Events with a lower version than one seen before on this connection.
    backwards: AtomicU64,
    /// Highest version seen on the channel plus one (0: none yet).
    seen: AtomicU64,
    /// Highest version the screen shows plus one: what the channel brought, or for a phone
    /// that shows pages, what its latest page showed (0: none yet).
    shown: AtomicU64,
    largest: AtomicU64,
    first: OnceLock<First>,
    arrivals: Mutex<Vec<Arrival>>,
    ended: Mutex<Option<String>>,
    /// Pages fetched and their bytes as sent (`--phone-pages`).
    pages: AtomicU64,
    page_bytes: AtomicU64,
    /// A page is asked for and has not arrived yet.
    page_pending: std::sync::atomic::AtomicBool,
}

impl Screen {
    pub fn new(kind: Kind, jam: usize) -> Arc<Self> {
        Arc::new(Self {
            kind,
            jam,
            bytes: AtomicU64::new(0),
            events: AtomicU64::new(0),
            heartbeats: AtomicU64::new(0),
            unreadable: AtomicU64::new(0),
            backwards: AtomicU64::new(0),
            seen: AtomicU64::new(0),
            shown: AtomicU64::new(0),
            largest: AtomicU64::new(0),
            first: OnceLock::new(),
            arrivals: Mutex::new(Vec::new()),
            ended: Mutex::new(None),
            pages: AtomicU64::new(0),
            page_bytes: AtomicU64::new(0),
            page_pending: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Pages fetched, and their bytes as sent.
    pub fn pages(&self) -> (u64, u64) {
        (self.pages.load(Relaxed), self.page_bytes.load(Relaxed))
    }

    fn arrived(&self, version: u64, at: Instant) {
        self.shown.fetch_max(version + 1, Relaxed);
        self.arrivals
            .lock()
            .expect("arrivals lock")
            .push(Arrival { version, at });
    }

    pub fn bytes(&self) -> u64 {
        self.bytes.load(Relaxed)
    }

    pub fn events(&self) -> u64 {
        self.events.load(Relaxed)
    }

    pub fn heartbeats(&self) -> u64 {
        self.heartbeats.load(Relaxed)
    }

    pub fn unreadable(&self) -> u64 {
        self.unreadable.load(Relaxed)
    }

    pub fn backwards(&self) -> u64 {
        self.backwards.load(Relaxed)
    }

    pub fn largest_event(&self) -> u64 {
        self.largest.load(Relaxed)
    }

    /// The highest version this screen shows.
    pub fn version(&self) -> Option<u64> {
        self.shown.load(Relaxed).checked_sub(1)
    }

    pub fn has(&self, version: u64) -> bool {
        self.version().is_some_and(|v| v >= version)
    }

    pub fn first(&self) -> Option<First> {
        self.first.get().copied()
    }

    pub fn arrivals(&self) -> Vec<Arrival> {
        self.arrivals.lock().expect("arrivals lock").clone()
    }

    /// When this screen first had `version` (or newer).
    pub fn reached(&self, version: u64) -> Option<Instant> {
        self.arrivals
            .lock()
            .expect("arrivals lock")
            .iter()
            .find(|a| a.version >= version)
            .map(|a| a.at)
    }

    /// Why the connection ended, if it did.
    pub fn ended(&self) -> Option<String> {
        self.ended.lock().expect("ended lock").clone()
    }

    fn end(&self, why: String) {
        self.ended.lock().expect("ended lock").get_or_insert(why);
    }

    /// Notes an event; answers whether it makes a phone that shows pages fetch its page.
    fn record(&self, event: Event<'_>, opened: Instant, now: Instant, pages: bool) -> bool {
        self.events.fetch_add(1, Relaxed);
        self.largest.fetch_max(event.size as u64, Relaxed);
        if event.name == Some(b"hb") {
            // A heartbeat tells the screen the line is alive; it brings no change.
            self.heartbeats.fetch_add(1, Relaxed);
            return false;
        }
        let Some(data) = event.data else {
            return false; // only a retry hint or an id
        };
        let Some(version) = data_version(&data) else {
            self.unreadable.fetch_add(1, Relaxed);
            return false;
        };
        self.first.get_or_init(|| First {
            after: now.saturating_duration_since(opened),
            size: event.size,
        });
        if self.seen.fetch_max(version + 1, Relaxed) > version + 1 {
            self.backwards.fetch_add(1, Relaxed);
        }
        if pages && changes_view(&data) {
            self.page_pending.store(true, Relaxed);
            return true;
        }
        // As the script does: a page that is on its way will bring this version or a newer one.
        if !pages || !self.page_pending.load(Relaxed) {
            self.arrived(version, now);
        }
        false
    }

    fn page_arrived(&self, size: usize, version: Option<u64>, at: Instant, more_asked: bool) {
        self.pages.fetch_add(1, Relaxed);
        self.page_bytes.fetch_add(size as u64, Relaxed);
        if !more_asked {
            self.page_pending.store(false, Relaxed);
        }
        if let Some(version) = version {
            self.arrived(version, at);
        }
    }
}

/// Whether a live message makes a phone fetch its page, by the phone script's rule: a whole
/// view, or a patch with a part for this phone or a part for the room that changes more than
/// the clock and the count of people (those two the script changes in place).
fn changes_view(data: &[u8]) -> bool {
    let Ok(message) = serde_json::from_slice::<Value>(data) else {
        return true;
    };
    let Some(patch) = message.get("patch") else {
        return true;
    };
    if patch.get("own").is_some() {
        return true;
    }
    match patch.get("room") {
        None => false,
        Some(room) => !room
            .get("{")
            .and_then(Value::as_object)
            .is_some_and(|fields| {
                fields
                    .keys()
                    .all(|k| k == "timer" || k == "participant_count")
            }),
    }
}

/// The version a phone's page shows (`data-version="N"` on its `<main>`), from the page as
/// sent (gzip or plain).
fn page_version(body: &[u8]) -> Option<u64> {
    use std::io::Read;
    let mut html = Vec::new();
    if body.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(body)
            .read_to_end(&mut html)
            .ok()?;
    } else {
        html.extend_from_slice(body);
    }
    let marker = b"data-version=\"";
    let at = html.windows(marker.len()).position(|w| w == marker)? + marker.len();
    let digits = html[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&html[at..at + digits])
        .ok()?
        .parse()
        .ok()
}

/// Where a phone that shows pages fetches them, and over how long a fetch is spread.
pub struct Page {
    pub url: String,
    /// As the phone's script does in a large room: each fetch waits a random moment up to
    /// this (half a millisecond per person in the jam, at most 1.5 s; none under 20 ms).
    pub spread: Duration,
}

impl Page {
    pub fn new(url: String, people: usize) -> Self {
        let ms = (people as u64 / 2).min(1_500);
        Self {
            url,
            spread: Duration::from_millis(if ms < 20 { 0 } else { ms }),
        }
    }
}

/// Fetches the phone's page each time one is asked for (asks that come while one is on its
/// way are answered by one more fetch after it), as the phone's script does.
async fn fetch_pages(
    http: reqwest::Client,
    page: Page,
    cookie: Option<crate::api::Cookie>,
    screen: Arc<Screen>,
    mut asked: tokio::sync::watch::Receiver<()>,
) {
    let url = page.url;
    while asked.changed().await.is_ok() {
        if !page.spread.is_zero() {
            let wait = rand::Rng::gen_range(&mut rand::thread_rng(), Duration::ZERO..page.spread);
            tokio::time::sleep(wait).await;
        }
        let mut request = http
            .get(&url)
            .header(reqwest::header::ACCEPT_ENCODING, "gzip")
            .header("x-blixt-page-only", "1");
        if let Some(cookie) = &cookie {
            request = request.header(reqwest::header::COOKIE, &**cookie);
        }
        let body = match request.send().await {
            Ok(response) => response.bytes().await.ok(),
            Err(_) => None,
        };
        let more = asked.has_changed().unwrap_or(false);
        if let Some(body) = body {
            screen.page_arrived(body.len(), page_version(&body), Instant::now(), more);
        }
    }
}

/// Aborts a task when dropped (the page fetcher goes with its screen's watch).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Opens the live channel of `code` as `cookie` (None: a browser without a session) and records
/// everything that arrives until the connection ends or the task is aborted. `permit` is let go
/// once the first event has arrived, so the caller can limit how many connect at once. With
/// `page` (the phone's page address), the screen fetches its page as the phone's script does.
pub async fn watch(
    http: reqwest::Client,
    url: String,
    cookie: Option<crate::api::Cookie>,
    screen: Arc<Screen>,
    permit: Option<OwnedSemaphorePermit>,
    page: Option<Page>,
) {
    let mut permit = permit;
    let (ask, asked) = tokio::sync::watch::channel(());
    let pages = page.is_some();
    let _fetcher = page.map(|page| {
        let task = fetch_pages(http.clone(), page, cookie.clone(), screen.clone(), asked);
        AbortOnDrop(tokio::spawn(task))
    });
    let opened = Instant::now();
    let mut request = http
        .get(&url)
        .header(reqwest::header::ACCEPT, "text/event-stream");
    if let Some(cookie) = &cookie {
        request = request.header(reqwest::header::COOKIE, &**cookie);
    }
    let mut response = match request.send().await {
        Ok(response) if response.status().is_success() => response,
        Ok(response) => return screen.end(format!("answered {}", response.status())),
        Err(e) => return screen.end(format!("could not connect: {e}")),
    };
    let mut parser = SseParser::default();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let now = Instant::now();
                screen.bytes.fetch_add(chunk.len() as u64, Relaxed);
                parser.push(&chunk, |event| {
                    if screen.record(event, opened, now, pages) {
                        ask.send_replace(());
                    }
                });
                if permit.is_some() && screen.first.get().is_some() {
                    permit = None;
                }
            }
            Ok(None) => return screen.end("closed by the server".into()),
            Err(e) => return screen.end(format!("broke: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn version_of_reads_every_shape() {
        assert_eq!(version_of(&json!({"version": 7, "notes": []})), Some(7));
        assert_eq!(version_of(&json!({"v": 8, "ops": []})), Some(8));
        assert_eq!(version_of(&json!({"Full": {"v": 9, "view": {}}})), Some(9));
        assert_eq!(version_of(&json!({"Full": {"version": 10}})), Some(10));
        assert_eq!(
            version_of(&json!({"Patch": {"from": 10, "to": 11}})),
            Some(11)
        );
        assert_eq!(version_of(&json!({"Patch": {"v": 12}})), Some(12));
        assert_eq!(
            version_of(&json!({"full": {"v": 13, "room": {}}})),
            Some(13)
        );
        assert_eq!(
            version_of(&json!({"patch": {"v": 14, "from": 13}})),
            Some(14)
        );
        assert_eq!(version_of(&json!({"notes": []})), None);
        assert_eq!(version_of(&json!({"version": "7"})), None);
        assert_eq!(version_of(&json!(5)), None);
    }

    #[test]
    fn leading_version_is_read_without_parsing_the_rest() {
        assert_eq!(data_version(br#"{"version":42,"notes":[broken"#), Some(42));
        assert_eq!(
            data_version(br#"{"full":{"v":43,"now":1,"room":{broken"#),
            Some(43)
        );
        assert_eq!(
            data_version(br#"{"patch":{"v":44,"from":43,"room":broken"#),
            Some(44)
        );
        assert_eq!(data_version(br#"{ "v" : 3 }"#), Some(3));
        // Not at the start: the whole message is parsed.
        assert_eq!(data_version(br#"{"code":"ABC","version":5}"#), Some(5));
        assert_eq!(data_version(br#"{"Patch":{"from":4,"to":5}}"#), Some(5));
        // A nested "version" is not the message's.
        assert_eq!(data_version(br#"{"x":{"version":5}}"#), None);
        assert_eq!(data_version(br#"{"version":-1}"#), None);
        assert_eq!(data_version(b"not json"), None);
    }

    fn events_of(chunks: &[&[u8]]) -> Vec<(Option<String>, Option<String>, usize)> {
        let mut parser = SseParser::default();
        let mut out = Vec::new();
        for chunk in chunks {
            parser.push(chunk, |e| {
                out.push((
                    e.name.map(|n| String::from_utf8_lossy(n).into_owned()),
                    e.data.map(|d| String::from_utf8_lossy(&d).into_owned()),
                    e.size,
                ))
            });
        }
        out
    }

    #[test]
    fn events_are_split_at_blank_lines_across_chunks() {
        let events = events_of(&[
            b"retry: 2000\ndata: {\"version\":1}\n",
            b"\n:\n\nevent: hb\ndata: {\"v\":1}\n\nda",
            b"ta: {\"v\":2,\r\ndata: \"x\":1}\r\n",
            b"\r\n",
        ]);
        assert_eq!(
            events,
            vec![
                (None, Some("{\"version\":1}".into()), 33),
                (None, None, 3),
                (Some("hb".into()), Some("{\"v\":1}".into()), 25),
                (None, Some("{\"v\":2,\n\"x\":1}".into()), 31),
            ]
        );
    }

    #[test]
    fn a_phone_fetches_its_page_only_for_messages_that_change_its_view() {
        assert!(changes_view(br#"{"full":{"v":3,"room":{},"own":{}}}"#));
        assert!(changes_view(br#"{"patch":{"v":4,"from":3,"own":{"=":1}}}"#));
        assert!(!changes_view(br#"{"patch":{"v":5,"from":4,"now":1}}"#));
        let round = br#"{"patch":{"v":6,"from":5,"room":{"{":{"round":{"=":"Problems"}}}}}"#;
        assert!(changes_view(round));
        // The clock and the count of people are changed in place.
        let clock = br#"{"patch":{"v":7,"from":6,"room":{"{":{"timer":{"=":null},"participant_count":{"=":3}}}}}"#;
        assert!(!changes_view(clock));
    }

    #[test]
    fn a_pages_version_is_read_plain_and_gzipped() {
        use std::io::Write;
        let html = br#"<main data-version="42" data-code="BCDFGH" class="phone">"#;
        assert_eq!(page_version(html), Some(42));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(html).unwrap();
        assert_eq!(page_version(&gz.finish().unwrap()), Some(42));
        assert_eq!(page_version(b"<main class=\"page\">"), None);
    }

    #[test]
    fn a_terminator_split_between_chunks_is_found() {
        let events = events_of(&[b"data: 1\n", b"\ndata: 2\n\n"]);
        assert_eq!(events.len(), 2);
        let events = events_of(&[b"data: 1\r\n\r", b"\n"]);
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn a_screen_keeps_versions_and_ignores_heartbeats() {
        let screen = Screen::new(Kind::Participant, 0);
        let t = Instant::now();
        let mut parser = SseParser::default();
        parser.push(
            b"data: {\"version\":4}\n\nevent: hb\ndata: {\"v\":9}\n\ndata: {\"v\":3}\n\ndata: {\"v\":6}\n\n",
            |e| {
                screen.record(e, t, t, false);
            },
        );
        assert_eq!(screen.version(), Some(6));
        assert_eq!(screen.heartbeats(), 1);
        assert_eq!(screen.backwards(), 1);
        assert_eq!(screen.first().unwrap().size, 21);
        assert!(screen.reached(5).is_some());
        assert!(screen.reached(7).is_none());
    }
}
