//! `blixt`: runs the server until Ctrl-C or SIGTERM. Configuration: see `config.rs` or README.

use server::config::Config;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("blixt: {e}");
            return ExitCode::from(2);
        }
    };
    let running = match server::start(config).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("blixt: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Blixt is running at http://{}", running.addr);
    shutdown_signal().await;
    tracing::info!("shutting down");
    match running.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("blixt: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("can listen for SIGTERM");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
