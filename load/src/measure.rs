//! Numbers: the server's (and the tool's own) memory, CPU and bytes written from /proc, latency
//! percentiles, and how fast changes reached screens.

use crate::live::Screen;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One reading of a process from /proc.
#[derive(Debug, Clone, Copy, Default)]
pub struct Proc {
    pub rss_kib: u64,
    /// Bytes the process handed to write-like system calls (sockets and files).
    pub wchar: u64,
    /// User plus system CPU time.
    pub cpu: Duration,
    pub open_files: usize,
}

impl Proc {
    /// `pid` is a number or `self`. None when /proc does not have it (the process is gone).
    pub fn read(pid: &str) -> Option<Self> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let rss_kib = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0);
        let wchar = std::fs::read_to_string(format!("/proc/{pid}/io"))
            .ok()
            .and_then(|io| {
                io.lines()
                    .find_map(|l| l.strip_prefix("wchar:"))
                    .and_then(|v| v.trim().parse().ok())
            })
            .unwrap_or(0);
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // Fields after the command name (which may hold spaces): state is the first, utime the
        // 12th and stime the 13th.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        let open_files = std::fs::read_dir(format!("/proc/{pid}/fd"))
            .map(|d| d.count())
            .unwrap_or(0);
        Some(Self {
            rss_kib,
            wchar,
            cpu: Duration::from_secs_f64(ticks as f64 / clock_ticks()),
            open_files,
        })
    }
}

fn clock_ticks() -> f64 {
    // SAFETY: sysconf only reads a system constant.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 {
        ticks as f64
    } else {
        100.0
    }
}

/// The server and the tool at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot {
    pub at: Instant,
    pub server: Option<Proc>,
    pub tool: Option<Proc>,
}

impl Snapshot {
    pub fn take(server_pid: Option<u32>) -> Self {
        Self {
            at: Instant::now(),
            server: server_pid.and_then(|pid| Proc::read(&pid.to_string())),
            tool: Proc::read("self"),
        }
    }

    /// One line on what happened between `self` and `later`: server CPU (as a share of one
    /// core), bytes it wrote, memory; the tool's CPU.
    pub fn cost_until(&self, later: &Snapshot) -> String {
        let wall = later.at.duration_since(self.at).as_secs_f64().max(1e-9);
        let share = |a: Option<Proc>, b: Option<Proc>| {
            a.zip(b)
                .map(|(a, b)| b.cpu.saturating_sub(a.cpu).as_secs_f64())
        };
        let mut parts = vec![format!("{:.2} s wall", wall)];
        if let Some(cpu) = share(self.server, later.server) {
            parts.push(format!(
                "server CPU {cpu:.2} s ({:.0}% of a core)",
                100.0 * cpu / wall
            ));
        }
        if let Some((a, b)) = self.server.zip(later.server) {
            parts.push(format!(
                "server wrote {}",
                bytes(b.wchar.saturating_sub(a.wchar))
            ));
            parts.push(format!("server RSS {}", kib(b.rss_kib)));
        }
        if let Some(cpu) = share(self.tool, later.tool) {
            parts.push(format!(
                "tool CPU {cpu:.2} s ({:.0}% of a core)",
                100.0 * cpu / wall
            ));
        }
        parts.join(", ")
    }
}

/// p50/p99/max of a set of durations.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub count: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Summary {
    pub fn of(mut samples: Vec<Duration>) -> Option<Self> {
        if samples.is_empty() {
            return None;
        }
        samples.sort_unstable();
        Some(Self {
            count: samples.len(),
            p50: percentile(&samples, 50.0),
            p99: percentile(&samples, 99.0),
            max: *samples.last().expect("not empty"),
        })
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "p50 {}  p99 {}  max {}  (n={})",
            ms(self.p50),
            ms(self.p99),
            ms(self.max),
            self.count
        )
    }
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn summary_line(samples: Vec<Duration>) -> String {
    Summary::of(samples).map_or_else(|| "no samples".into(), |s| s.to_string())
}

/// A change the facilitator made: when it was sent and the version the server answered.
#[derive(Debug, Clone)]
pub struct Change {
    pub jam: usize,
    pub sent: Instant,
    pub answered: Instant,
    pub result: Result<u64, String>,
}

/// How changes reached the screens of their jam.
#[derive(Debug, Default)]
pub struct Delivery {
    /// One per (screen, change) that arrived in time: from sending the command to the screen
    /// holding that version or a newer one.
    pub latencies: Vec<Duration>,
    /// (screen, change) pairs that did not arrive within the timeout.
    pub misses: usize,
    /// Screens with at least one miss.
    pub screens_missing: usize,
}

pub fn delivery(changes: &[Change], screens: &[Arc<Screen>], timeout: Duration) -> Delivery {
    let mut out = Delivery::default();
    for screen in screens {
        let arrivals = screen.arrivals();
        let mut missed = false;
        for change in changes.iter().filter(|c| c.jam == screen.jam) {
            let Ok(version) = change.result else { continue };
            let arrived = arrivals
                .iter()
                .find(|a| a.version >= version)
                .map(|a| a.at.saturating_duration_since(change.sent));
            match arrived {
                Some(latency) if latency <= timeout => out.latencies.push(latency),
                _ => {
                    out.misses += 1;
                    missed = true;
                }
            }
        }
        out.screens_missing += usize::from(missed);
    }
    out
}

/// Waits (checking every 10 ms) until `done` holds or `within` has passed; answers whether it
/// held.
pub async fn wait_for(within: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

pub fn bytes(n: u64) -> String {
    const K: f64 = 1024.0;
    let f = n as f64;
    if f >= K * K * K {
        format!("{:.2} GiB", f / (K * K * K))
    } else if f >= K * K {
        format!("{:.1} MiB", f / (K * K))
    } else if f >= K {
        format!("{:.1} KiB", f / K)
    } else {
        format!("{n} B")
    }
}

pub fn kib(n: u64) -> String {
    bytes(n * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let s = Summary::of(samples).unwrap();
        assert_eq!(s.p50, Duration::from_millis(50));
        assert_eq!(s.p99, Duration::from_millis(99));
        assert_eq!(s.max, Duration::from_millis(100));
        let one = Summary::of(vec![Duration::from_millis(3)]).unwrap();
        assert_eq!(one.p99, Duration::from_millis(3));
        assert!(Summary::of(Vec::new()).is_none());
    }

    #[test]
    fn this_process_can_be_read() {
        let me = Proc::read("self").unwrap();
        assert!(me.rss_kib > 0);
        assert!(me.open_files > 0);
    }
}
