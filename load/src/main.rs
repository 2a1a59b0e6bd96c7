//! `blixt-load`: drives a running Blixt server with many simulated screens and prints how it
//! held up: how long changes take to reach screens, how many bytes the screens receive, and
//! (with `--server-pid`) the server's memory, CPU and bytes written.
//!
//! Every simulated person is a cookie on one shared HTTP client; every screen is one live
//! connection. Times come from one monotonic clock in the tool. See README, "Measuring".

mod api;
mod live;
mod measure;
mod scenarios;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(name = "blixt-load", version, about)]
struct Cli {
    /// The running server. Given more than once (several Blixt processes on one PostgreSQL),
    /// the facilitator uses the first and the phones are spread over all of them.
    #[arg(long = "base", global = true, default_value = "http://127.0.0.1:3000")]
    bases: Vec<String>,
    /// The server's process id: adds its memory (VmRSS), CPU time and bytes written (wchar)
    /// from /proc to the report.
    #[arg(long, global = true)]
    server_pid: Option<u32>,
    /// Seconds a change may take to reach a screen before it counts as a miss.
    #[arg(long, global = true, default_value_t = 10.0)]
    timeout: f64,
    /// Setup requests and connection attempts in flight at once.
    #[arg(long, global = true, default_value_t = 32)]
    concurrency: usize,
    /// The tool's worker threads. It shares the machine with the server: 1 leaves it the rest.
    #[arg(long, global = true, default_value_t = 1)]
    threads: usize,
    /// Phones behave as Blixt's phone script: when the live channel says a phone's view
    /// changed, it fetches its page again (gzip, as sent); a change has reached a phone when
    /// that page has arrived. Without it, phones only read the live channel.
    #[arg(long, global = true)]
    phone_pages: bool,
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Debug, Subcommand)]
enum Scenario {
    /// One jam, many phones listening; the facilitator makes changes one at a time.
    Fanout(scenarios::fanout::Args),
    /// A room writes problems, then casts every dot at once while all screens watch.
    Burst(scenarios::burst::Args),
    /// Many jams at once, each with phones listening and one change a second.
    ManyJams(scenarios::many_jams::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match raise_open_files_limit() {
        Ok(limit) => scenarios::step(format!("open files limit {limit}")),
        Err(e) => scenarios::step(format!("could not raise the open files limit: {e}")),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cli.threads.max(1))
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("blixt-load: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("blixt-load: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), api::Error> {
    let mut apis = Vec::new();
    for base in &cli.bases {
        let api = api::Api::new(base, Duration::from_secs(30))?;
        api.health().await?;
        apis.push(api);
    }
    let common = scenarios::Common {
        api: apis[0].clone(),
        phone_apis: apis,
        server_pid: cli.server_pid,
        timeout: Duration::from_secs_f64(cli.timeout.max(0.001)),
        concurrency: cli.concurrency.max(1),
        phone_pages: cli.phone_pages,
    };
    println!(
        "blixt-load against {} (server pid {}), {} CPU cores here, tool threads {}",
        cli.bases.join(" and "),
        cli.server_pid.map_or("not given".into(), |p| p.to_string()),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cli.threads.max(1)
    );
    match &cli.scenario {
        Scenario::Fanout(args) => scenarios::fanout::run(&common, args).await,
        Scenario::Burst(args) => scenarios::burst::run(&common, args).await,
        Scenario::ManyJams(args) => scenarios::many_jams::run(&common, args).await,
    }
}

/// Raises this process's soft limit on open files to its hard limit (thousands of live
/// connections need as many descriptors). Answers the new limit.
fn raise_open_files_limit() -> std::io::Result<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct handed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max;
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
    }
    Ok(limit.rlim_cur)
}
