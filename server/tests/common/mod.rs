//! Starts the real server on a free port with a fresh SQLite file, and talks to it over HTTP
//! like a browser would (one cookie jar per person).

#![allow(dead_code)]

use futures::StreamExt;
use reqwest::StatusCode;
use serde_json::Value;
use server::config::Config;
use std::path::Path;
use std::time::Duration;

/// The server's warnings (slow steps and requests among them) in the output of a test that
/// fails, or of every test with `--nocapture`.
fn log_warnings() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn,sqlx=error")
        .with_ansi(false)
        .with_test_writer()
        .try_init();
}

pub struct TestServer {
    pub base: String,
    pub db: TestDb,
    running: Option<server::Running>,
}

/// A database for one test: an SQLite file in the test's folder or, when
/// `BLIXT_TEST_POSTGRES` names a PostgreSQL server (`postgres://user@host:port/db`, as
/// `scripts/test.sh` sets it), a fresh database of its own there.
#[derive(Clone, Debug)]
pub struct TestDb {
    pub url: String,
}

impl TestDb {
    pub async fn fresh(dir: &Path) -> TestDb {
        match std::env::var("BLIXT_TEST_POSTGRES") {
            Ok(server) => {
                let name = format!("blixt_test_{}", uuid::Uuid::new_v4().simple());
                let pool = sqlx::PgPool::connect(&server)
                    .await
                    .expect("the test PostgreSQL answers");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
                let (base, _) = server.rsplit_once('/').expect("a database in the URL");
                TestDb {
                    url: format!("{base}/{name}"),
                }
            }
            Err(_) => TestDb {
                url: format!("sqlite://{}", dir.join("blixt.db").display()),
            },
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }

    /// Holds the lock writers need (SQLite's write lock; the health table in PostgreSQL) until
    /// the answer is dropped.
    pub async fn hold_write_lock(&self) -> Box<dyn std::any::Any + Send> {
        if self.is_postgres() {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            let mut tx = pool.begin().await.unwrap();
            sqlx::query("LOCK TABLE health IN ACCESS EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await
                .unwrap();
            Box::new((tx, pool))
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            let tx = pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
            Box::new((tx, pool))
        }
    }

    /// Runs one statement directly on the database.
    pub async fn execute(&self, sql: &str) {
        if self.is_postgres() {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }

    /// The single number a `SELECT COUNT(*) …` answers, read directly from the database.
    pub async fn count(&self, sql: &str) -> i64 {
        if self.is_postgres() {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            let count: (i64,) = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            count.0
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            let count: (i64,) = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            count.0
        }
    }
}

impl TestServer {
    pub async fn start(dir: &Path) -> Self {
        Self::start_on(TestDb::fresh(dir).await).await
    }

    /// Starts a server on `db` (which may already hold data).
    pub async fn start_on(db: TestDb) -> Self {
        Self::start_with(db, &[]).await
    }

    /// Starts a server on `db` with some settings of its own (`BLIXT_…` variables).
    pub async fn start_with(db: TestDb, settings: &[(&str, &str)]) -> Self {
        log_warnings();
        let config = Config::from_lookup(|name| match name {
            "BLIXT_ADDR" => Some("127.0.0.1:0".into()),
            "BLIXT_DATABASE_URL" => Some(db.url.clone()),
            _ => settings
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string()),
        })
        .expect("test config is valid");
        let running = server::start(config).await.expect("server starts");
        Self {
            base: format!("http://{}", running.addr),
            db,
            running: Some(running),
        }
    }

    pub async fn stop(mut self) {
        self.running
            .take()
            .unwrap()
            .stop()
            .await
            .expect("clean shutdown");
    }

    /// A browser of its own: its own cookies, so its own identity.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// How many jams the database holds, read directly from it.
    pub async fn stored_jams(&self) -> i64 {
        self.db.count("SELECT COUNT(*) FROM jams").await
    }

    /// How many sessions the database holds (the session store names its table by database).
    pub async fn stored_sessions(&self) -> i64 {
        let table = if self.db.is_postgres() {
            "tower_sessions.session"
        } else {
            "tower_sessions"
        };
        self.db
            .count(&format!("SELECT COUNT(*) FROM {table}"))
            .await
    }
}

/// The blixt binary itself, as its own process, on a free port with the database `db`.
pub struct Process {
    child: std::process::Child,
    pub base: String,
    pub port: u16,
}

impl Process {
    pub async fn start(db: &TestDb) -> Self {
        Self::start_with(db, &[]).await
    }

    /// With some settings of its own (`BLIXT_…` variables).
    pub async fn start_with(db: &TestDb, settings: &[(&str, &str)]) -> Self {
        let port = free_port();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_blixt"))
            .env("BLIXT_ADDR", format!("127.0.0.1:{port}"))
            .env("BLIXT_DATABASE_URL", &db.url)
            .env("RUST_LOG", "error")
            .env(
                "LEPTOS_SITE_ROOT",
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site"),
            )
            .envs(settings.iter().copied())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if client
                .get(format!("{base}/healthz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Self { child, base, port };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server did not come up");
    }

    /// A graceful stop, as a service manager does it.
    pub fn stop(mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }

    pub fn kill_9(mut self) {
        // SIGKILL: no shutdown, no flushing, as when the machine's power or the OOM killer
        // ends it.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // A test that failed half-way leaves no server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// nginx in front of Blixt processes, passing requests as `deploy/nginx/blixt-proxy.conf`
/// says (the file production uses).
pub struct Nginx {
    child: std::process::Child,
    pub base: String,
    _dir: tempfile::TempDir,
}

impl Nginx {
    pub async fn start(upstreams: &[u16]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let proxy_rules = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../deploy/nginx/blixt-proxy.conf")
            .canonicalize()
            .expect("deploy/nginx/blixt-proxy.conf");
        let servers: String = upstreams
            .iter()
            .map(|p| format!("server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;\n"))
            .collect();
        let prefix = dir.path().display();
        let config = format!(
            "pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
worker_processes 1;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream blixt {{ {servers} keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        include {rules};
    }}
}}
",
            rules = proxy_rules.display()
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, config).unwrap();
        let mut child = std::process::Command::new("nginx")
            .args(["-p", &prefix.to_string(), "-c", &conf.display().to_string()])
            .args(["-g", "daemon off; master_process off;"])
            .spawn()
            .expect("nginx is installed (scripts/test.sh installs it)");
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Self {
                    child,
                    base,
                    _dir: dir,
                };
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("nginx did not come up");
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn client(jar: std::sync::Arc<reqwest::cookie::Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

#[derive(Clone)]
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
}

pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub redirect: Option<String>,
}

impl Browser {
    /// A browser of its own talking to the server at `base`.
    pub fn new(base: &str) -> Browser {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Browser {
            base: base.to_string(),
            client: client(jar.clone()),
            jar,
        }
    }

    /// The same person talking to the server at `base`.
    pub fn against_base(&self, base: &str) -> Browser {
        Browser {
            base: base.to_string(),
            client: self.client.clone(),
            jar: self.jar.clone(),
        }
    }

    /// Sends a command; None when no answer came (the server went away).
    pub async fn try_command(&self, code: &str, command: Value) -> Option<StatusCode> {
        self.client
            .post(format!("{}/api/command", self.base))
            .json(&serde_json::json!({ "code": code, "id": uuid::Uuid::new_v4(), "command": command }))
            .send()
            .await
            .ok()
            .map(|r| r.status())
    }

    /// The same person (cookies) talking to another server address, as after a restart.
    pub fn against(&self, server: &TestServer) -> Browser {
        self.against_base(&server.base)
    }

    /// The `Cookie` header this browser sends, for requests made by hand.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        self.jar
            .cookies(&self.base.parse().unwrap())
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }

    /// Calls a server function the way the app's forms do (form-encoded POST).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Answer {
        let response = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .expect("request reaches the server");
        let status = response.status();
        let redirect = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            body,
            redirect,
        }
    }

    /// A facilitator's command (`HostCommand` as JSON).
    pub async fn host_does(&self, code: &str, command: Value) -> Answer {
        self.command(code, serde_json::json!({ "Host": command }))
            .await
    }

    /// A phone's command (`ParticipantCommand` as JSON).
    pub async fn phone_does(&self, code: &str, command: Value) -> Answer {
        self.command(code, serde_json::json!({ "Participant": command }))
            .await
    }

    /// Moves the jam on from the round this screen sees, as the "next round" button does.
    pub async fn next_round(&self, code: &str) -> Answer {
        let from = self.view(code).await.body["round"].clone();
        self.host_does(code, serde_json::json!({"NextRound": {"from": from}}))
            .await
    }

    /// The round this screen sees the jam in (as the domain names it).
    pub async fn round(&self, code: &str) -> String {
        self.view(code).await.body["round"]
            .as_str()
            .expect("a view names its round")
            .to_string()
    }

    /// Takes the jam on to `target` (a round, as the domain names it) as its facilitator, with
    /// `phone` writing the one problem ("Ett problem") and the one solution ("En lösning") a
    /// jam needs to get to the summary.
    pub async fn run_to(&self, phone: &Browser, code: &str, target: &str) {
        for _ in 0..12 {
            let round = self.round(code).await;
            match round.as_str() {
                _ if round == target => return,
                "Problems" => {
                    phone
                        .phone_does(
                            code,
                            serde_json::json!({"AddNote": {"text": "Ett problem"}}),
                        )
                        .await;
                }
                "Prioritize" => {
                    let ranking = self.view(code).await.body["ranking"].clone();
                    let note = ranking[0]["id"].clone();
                    let choose = serde_json::json!({"SetChosen": {"note": note, "chosen": true}});
                    self.host_does(code, choose).await;
                }
                "Reframe" => {
                    let hmw = serde_json::json!({"ChooseHmw": {"text": "Hur kan vi …?"}});
                    self.host_does(code, hmw).await;
                }
                "Solutions" => {
                    phone
                        .phone_does(code, serde_json::json!({"AddNote": {"text": "En lösning"}}))
                        .await;
                }
                _ => {}
            }
            let moved = self.next_round(code).await;
            assert_eq!(
                moved.status,
                reqwest::StatusCode::OK,
                "from {round}: {:?}",
                moved.body
            );
        }
        panic!("the jam did not reach {target}");
    }

    /// Sends one command (as JSON, with a fresh command id unless one is given).
    pub async fn command(&self, code: &str, command: Value) -> Answer {
        self.command_with_id(code, uuid::Uuid::new_v4(), command)
            .await
    }

    pub async fn command_with_id(&self, code: &str, id: uuid::Uuid, command: Value) -> Answer {
        let response = self
            .client
            .post(format!("{}/api/command", self.base))
            .json(&serde_json::json!({ "code": code, "id": id, "command": command }))
            .send()
            .await
            .expect("request reaches the server");
        let status = response.status();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            body,
            redirect: None,
        }
    }

    pub async fn create_jam(&self, topic: &str) -> String {
        let answer = self.call("create_jam", &[("topic", topic)]).await;
        assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
        answer.body.as_str().expect("the code").to_string()
    }

    pub async fn join(&self, code: &str, name: &str) -> Answer {
        self.call("join_jam", &[("code", code), ("name", name)])
            .await
    }

    pub async fn view(&self, code: &str) -> Answer {
        self.call("jam_view", &[("code", code)]).await
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// Opens the live channel; its messages are read the way screens read them.
    pub async fn live(&self, code: &str) -> LiveStream {
        let response = self.get(&format!("/live/{code}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        LiveStream {
            bytes: Box::pin(response.bytes_stream()),
            buffer: Vec::new(),
            replica: None,
            received: Vec::new(),
        }
    }
}

/// One event of a live channel: its name (None for messages) and data.
pub struct Event {
    pub name: Option<String>,
    pub data: String,
}

pub struct LiveStream {
    bytes: std::pin::Pin<Box<dyn futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    /// Bytes received and not yet read as events. (Bytes, not text: a chunk may end in the
    /// middle of a character.)
    buffer: Vec<u8>,
    replica: Option<app::domain::live::Replica>,
    /// Every event's data as it came, to check what was sent, not only what it led to.
    pub received: Vec<String>,
}

impl LiveStream {
    /// The view after the next message (heartbeats skipped), as JSON, waiting at most
    /// `within`. Messages are applied as a screen applies them; a gap fails the test.
    pub async fn next_view(&mut self, within: Duration) -> Value {
        tokio::time::timeout(within, async {
            loop {
                let event = self.next_event().await;
                if event.name.is_some() {
                    continue; // a heartbeat
                }
                let message: app::domain::live::Message =
                    serde_json::from_str(&event.data).expect("messages are JSON");
                let view = app::domain::live::Replica::receive(&mut self.replica, message)
                    .expect("no gap on the channel");
                return serde_json::to_value(view).unwrap();
            }
        })
        .await
        .expect("a live message in time")
    }

    /// The view once it has `version` or later.
    pub async fn view_at(&mut self, version: u64, within: Duration) -> Value {
        tokio::time::timeout(within, async {
            loop {
                let view = self.next_view(within).await;
                if view["version"].as_u64().unwrap() >= version {
                    return view;
                }
            }
        })
        .await
        .expect("the version in time")
    }

    /// The next event of any kind.
    pub async fn next_event(&mut self) -> Event {
        self.try_next_event().await.expect("stream stays open")
    }

    /// The view once it has `version` or later; None if the stream ends first (its server went
    /// away) or it does not come within `within`.
    pub async fn try_view_at(&mut self, version: u64, within: Duration) -> Option<Value> {
        tokio::time::timeout(within, async {
            loop {
                let event = self.try_next_event().await?;
                if event.name.is_some() {
                    continue;
                }
                let message: app::domain::live::Message = serde_json::from_str(&event.data).ok()?;
                let view = app::domain::live::Replica::receive(&mut self.replica, message).ok()?;
                let view = serde_json::to_value(view).unwrap();
                if view["version"].as_u64().unwrap() >= version {
                    return Some(view);
                }
            }
        })
        .await
        .ok()
        .flatten()
    }

    /// The next event of any kind; None when the stream ends.
    pub async fn try_next_event(&mut self) -> Option<Event> {
        loop {
            if let Some(end) = self.buffer.windows(2).position(|w| w == b"\n\n") {
                let bytes: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let event = String::from_utf8(bytes).expect("an event is UTF-8");
                let field = |name: &str| -> Vec<String> {
                    event
                        .lines()
                        .filter_map(|l| l.strip_prefix(name))
                        .map(|d| d.strip_prefix(' ').unwrap_or(d).to_string())
                        .collect()
                };
                let data = field("data:");
                if data.is_empty() {
                    continue; // a comment or a retry hint only
                }
                let data = data.join("\n");
                self.received.push(data.clone());
                return Some(Event {
                    name: field("event:").into_iter().next(),
                    data,
                });
            }
            let chunk = self.bytes.next().await?.ok()?;
            self.buffer.extend_from_slice(&chunk);
        }
    }
}

/// The names a facilitator's view lists.
pub fn participant_names(view: &Value) -> Vec<String> {
    view["viewer"]["Facilitator"]["participants"]
        .as_array()
        .unwrap_or_else(|| panic!("a facilitator view: {view}"))
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}
