#![recursion_limit = "256"]
//! The Blixt server: configuration, start-up, the HTTP routes and shutdown. `main.rs` runs it;
//! the integration tests start it in-process on a free port.

mod announcements;
pub mod config;
mod error;
mod export;
mod limits;
mod live;
mod mailbox;
mod phone_forms;
mod routes;
mod security;
pub mod serve;
mod sessions;
mod timing;

use app::server::engine::{Engine, NewJams};
use app::server::store::Store;
use app::server::AppState;
use axum::extract::{FromRef, Request, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::watch;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::{time::Duration, SameSite};
use tower_sessions::{ExpiredDeletion, Expiry, SessionManagerLayer};

/// What every handler gets.
#[derive(Clone)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    /// Turns true when the server is shutting down; long-lived streams end on it.
    pub shutdown: watch::Receiver<bool>,
    /// How often an idle live channel sends a heartbeat.
    pub heartbeat: std::time::Duration,
    /// How long a live channel may leave a message untaken before it is closed.
    pub stall: std::time::Duration,
    /// Whether cookies are sent over HTTPS only.
    pub secure_cookies: bool,
    /// Whether Blixt is reached over HTTPS (its public URL says so).
    pub https: bool,
    /// `https://host[:port]` of the public URL, the origin this site's pages have.
    pub public_origin: Option<String>,
    /// Whether the client's address is taken from the reverse proxy's `X-Forwarded-For`.
    pub trust_proxy: bool,
    pub guesses: Arc<limits::Guesses>,
    pub new_jams: Arc<limits::NewJams>,
    pub live_caps: Arc<limits::LiveCaps>,
    pub live_limits: limits::LiveLimits,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos.clone()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not create the database folder {0}: {1}")]
    Folder(std::path::PathBuf, std::io::Error),
    #[error("could not open or migrate the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting, ends live streams, lets requests in flight finish, and waits.
    pub async fn stop(self) -> std::io::Result<()> {
        let _ = self.shutdown.send(true);
        self.task
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }
}

/// Opens the database (running migrations), binds the address and starts serving.
pub async fn start(config: Config) -> Result<Running, StartError> {
    if let Some(folder) = config.sqlite_folder().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(&folder).map_err(|e| StartError::Folder(folder.clone(), e))?;
    }
    let store = Store::open(&config.database_url).await?;
    let session_layer = session_layer(sessions::Sessions::open(store.db()).await?, &config);
    let new_jams = NewJams {
        room_size: config.room_size,
        room_max: config.room_max,
        code_hours: config.code_hours,
    };
    let engine = Arc::new(Engine::new(store, new_jams));
    announcements::start(&engine);
    let sweeper = Arc::downgrade(&engine);
    let retention_days = config.retention_days;
    tokio::spawn(async move {
        // Once a minute quiet jams leave memory; once an hour (and at start) jams past their
        // retention time are deleted.
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        for minute in 0u64.. {
            every.tick().await;
            let Some(engine) = sweeper.upgrade() else {
                return;
            };
            engine.sweep();
            if minute % 60 == 0 {
                if let Err(e) = engine.delete_left_jams(retention_days).await {
                    tracing::warn!(error = %e, "could not delete old jams");
                }
            }
        }
    });

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| StartError::Bind(config.addr, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Bind(config.addr, e))?;

    let leptos = LeptosOptions::builder()
        .output_name("blixt")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(leptos_config::Env::PROD)
        .build();
    let (shutdown_tx, shutdown) = watch::channel(false);
    let state = ServerState {
        leptos,
        app: AppState {
            engine,
            public_url: config.public_url.as_deref().map(Arc::from),
            retention_days: config.retention_days,
        },
        shutdown: shutdown.clone(),
        heartbeat: std::time::Duration::from_millis(config.heartbeat_ms),
        stall: std::time::Duration::from_millis(config.stall_ms),
        secure_cookies: config.secure_cookies,
        https: config
            .public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://")),
        public_origin: config.public_origin(),
        trust_proxy: config.trust_proxy,
        guesses: Arc::default(),
        new_jams: Arc::new(limits::NewJams::new(config.new_jams_burst)),
        live_caps: Arc::default(),
        live_limits: limits::LiveLimits {
            per_person: 12,
            per_address: 30,
            total: config.max_connections,
        },
    };
    let guesses = Arc::downgrade(&state.guesses);
    let new_jams = state.new_jams.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(120));
        loop {
            every.tick().await;
            let Some(guesses) = guesses.upgrade() else {
                return;
            };
            guesses.forget_old();
            new_jams.forget_old();
        }
    });

    let router = router(state)
        .layer(session_layer)
        // Outermost, so a slow request is timed with every layer's share in it.
        .layer(axum::middleware::from_fn(timing::slow_requests));
    let limits = serve::Limits {
        head_timeout: std::time::Duration::from_millis(config.head_timeout_ms),
        max_connections: config.max_connections,
        shutdown_grace: std::time::Duration::from_secs(10),
    };
    let task = tokio::spawn(serve::serve(listener, router, shutdown, limits));
    tracing::info!("Blixt listening on http://{addr}");
    Ok(Running {
        addr,
        shutdown: shutdown_tx,
        task,
    })
}

/// Sessions in the same database as the jams, deleted when they run out.
fn session_layer(
    sessions: sessions::Sessions,
    config: &Config,
) -> SessionManagerLayer<sessions::Sessions> {
    tokio::spawn(
        sessions
            .clone()
            .continuously_delete_expired(tokio::time::Duration::from_secs(3600)),
    );
    // A workshop lasts a day; the facilitator comes back for the results later.
    SessionManagerLayer::new(sessions)
        .with_name("blixt_session")
        .with_secure(config.secure_cookies)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(Duration::days(
            app::server::identity::SESSION_DAYS,
        )))
}

fn router(state: ServerState) -> Router {
    let routes = generate_route_list(app::App);
    let app_state = state.app.clone();
    let leptos = state.leptos.clone();
    let site = std::path::Path::new(state.leptos.site_root.as_ref());
    let pkg = site.join("pkg");
    // The phone's script (see `app::pages::phone`), precompressed like `/pkg`. Its name does
    // not change between versions, so a browser asks each time whether it still has the
    // current one (an answer without a body when it has).
    let phone_script = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-cache"),
        ))
        .service(
            ServeFile::new(site.join(app::pages::phone::SCRIPT.trim_start_matches('/')))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let pages = Router::new()
        // The build writes a brotli and a gzip copy of every file beside it
        // (`cargo leptos build --release --precompress`); a file without them is compressed on
        // the fly by the layer below.
        .nest_service(
            "/pkg",
            ServeDir::new(pkg).precompressed_br().precompressed_gzip(),
        )
        .route_service(app::pages::phone::SCRIPT, phone_script)
        .route("/qr/{file}", get(routes::qr))
        .route("/lang/{code}", get(routes::lang))
        .route("/healthz", get(routes::health))
        .route("/jam/{code}/export/{format}", get(export::for_facilitator))
        .route("/join", post(phone_forms::join))
        .route(
            "/jam/{code}/note",
            post(phone_forms::post::<phone_forms::NoteForm>),
        )
        .route(
            "/jam/{code}/dot",
            post(phone_forms::post::<phone_forms::DotForm>),
        )
        .route(
            "/jam/{code}/edit",
            post(phone_forms::post::<phone_forms::EditForm>),
        )
        .route(
            "/jam/{code}/delete",
            post(phone_forms::post::<phone_forms::DeleteForm>),
        )
        .route(
            "/jam/{code}/rate",
            post(phone_forms::post::<phone_forms::RateForm>),
        )
        .route(
            "/jam/{code}/group",
            post(phone_forms::post::<phone_forms::GroupForm>),
        )
        .route("/jam/{code}/host-key.svg", get(routes::host_key_qr))
        .route("/share/{token}", get(export::shared_page))
        .route("/share/{token}/export/{format}", get(export::shared))
        .route("/api/{*fn_name}", get(server_fns).post(server_fns))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(app_state.clone()),
            move || app::shell(leptos.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(
            app::shell,
        ))
        .layer(axum::middleware::from_fn(routes::page_only))
        .layer(CompressionLayer::new());
    // The live channel is not compressed (each message is flushed as it comes) and is kept
    // out of the compression layer, whose per-response state a few thousand open channels
    // would each hold.
    pages
        .route("/live/{code}", get(live::stream))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::guard_codes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::limit_new_jams,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            routes::visitor_cookie,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::same_origin,
        ))
        // A request body that stalls is cut off; the live channel sends none.
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            std::time::Duration::from_secs(20),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

async fn server_fns(State(state): State<ServerState>, request: Request) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.app.clone()), request)
        .await
}
