//! Server options: command-line flags with environment-variable fallbacks,
//! parsed without a CLI framework so every error names the offending flag.

use std::path::PathBuf;

use crate::window::Window;

/// Everything the server needs to start; built by [`Config::from_args`] or by
/// tests through [`Config::default`] plus field updates.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listening address (`--host`, default `127.0.0.1`).
    pub host: String,
    /// Listening port (`--port`/`PORT`, default 8080; 0 picks a free port).
    pub port: u16,
    /// `sqlite:PATH`, `postgres://…` or `memory:` (storage switched off)
    /// (`--database-url`/`DATABASE_URL`, default `sqlite:./data/feedback.db`).
    pub database_url: String,
    /// Staff bearer token (`--admin-token`/`PRECHECK_ADMIN_TOKEN`); `None`
    /// means a random one is generated and printed at start-up.
    pub admin_token: Option<String>,
    /// Partner file: partner ids → allowed origins (`--partners FILE`).
    pub partners: Option<PathBuf>,
    /// Directory served at `/` (`--www`, default `www`).
    pub www: PathBuf,
    /// Directory served at `/dist/` (`--dist`, default `dist`).
    pub dist: PathBuf,
    /// Minimum number of records in a slice before its shares are shown
    /// (`--min-count`/`PRECHECK_MIN_COUNT`, default 100).
    pub min_count: u64,
    /// Sustained requests per second per client on `POST /v1/feedback`
    /// (`--rate-limit`/`PRECHECK_RATE_LIMIT`, default 20; 0 switches it off).
    pub rate_per_sec: f64,
    /// Burst size of the per-client rate limit (`--rate-burst`, default 60).
    pub rate_burst: f64,
    /// Capacity of the bounded ingest queue (`--queue-capacity`, default 20000).
    pub queue_capacity: usize,
    /// Largest number of records committed in one transaction
    /// (`--max-batch`, default 2048).
    pub max_batch: usize,
    /// Weeks a record's id is kept for de-duplication, the current week
    /// included; records of older weeks are refused
    /// (`--id-window-weeks`/`PRECHECK_ID_WINDOW_WEEKS`, default 8).
    pub window: Window,
    /// Extra survey definitions whose records are accepted besides the
    /// built-in surveys and `precheck@1` (`--survey FILE`, repeatable).
    pub surveys: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8080,
            database_url: "sqlite:./data/feedback.db".into(),
            admin_token: None,
            partners: None,
            www: PathBuf::from("www"),
            dist: PathBuf::from("dist"),
            min_count: 100,
            rate_per_sec: 20.0,
            rate_burst: 60.0,
            queue_capacity: 20_000,
            max_batch: 2048,
            window: Window::default(),
            surveys: Vec::new(),
        }
    }
}

/// The `--help` text.
pub const USAGE: &str = "\
precheck-server: the SME PreCheck feedback server, staff API, dashboard and demo pages

USAGE: precheck-server [OPTIONS]

  --host ADDR              listen address (127.0.0.1)
  --port N                 listen port, 0 = any free port (8080)            [PORT]
  --database-url URL       sqlite:PATH | postgres://... | memory: | none:   [DATABASE_URL]
                           (sqlite:./data/feedback.db; memory: = in memory, none: = store
                           nothing, for measurements)
  --admin-token TOKEN      staff bearer token (random, printed if absent)  [PRECHECK_ADMIN_TOKEN]
  --partners FILE          JSON {\"partner-id\": [\"https://origin\", ...]}; `{port}` in an
                           origin is replaced by the listening port
  --www DIR                served at / (www)
  --dist DIR               served at /dist/ (dist)
  --min-count N            smallest slice whose shares are shown (100)       [PRECHECK_MIN_COUNT]
  --rate-limit N           requests/s per client on /v1/feedback, 0 = off (20) [PRECHECK_RATE_LIMIT]
  --rate-burst N           burst of the per-client limit (60)
  --queue-capacity N       bounded ingest queue size (20000)
  --max-batch N            records per group commit (2048)
  --id-window-weeks N      weeks record ids are kept, current week included; older
                           weeks are refused with 422 week_too_old (8)     [PRECHECK_ID_WINDOW_WEEKS]
  --survey FILE            also accept records of this survey definition (repeatable)
  -h, --help               this text
";

impl Config {
    /// Parses flags (`args` without the program name) over environment
    /// variables read through `env`. `Ok(None)` means `--help` was asked for.
    pub fn from_args(
        args: &[String],
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Config>, String> {
        let mut c = Config::default();
        if let Some(v) = env("PORT") {
            c.port = parse_num("PORT", &v)?;
        }
        if let Some(v) = env("DATABASE_URL") {
            c.database_url = v;
        }
        if let Some(v) = env("PRECHECK_ADMIN_TOKEN").filter(|v| !v.is_empty()) {
            c.admin_token = Some(v);
        }
        if let Some(v) = env("PRECHECK_MIN_COUNT") {
            c.min_count = parse_num("PRECHECK_MIN_COUNT", &v)?;
        }
        if let Some(v) = env("PRECHECK_RATE_LIMIT") {
            c.rate_per_sec = parse_num("PRECHECK_RATE_LIMIT", &v)?;
        }
        if let Some(v) = env("PRECHECK_ID_WINDOW_WEEKS") {
            c.window.weeks = parse_num("PRECHECK_ID_WINDOW_WEEKS", &v)?;
        }
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (flag.as_str(), None),
            };
            if name == "-h" || name == "--help" {
                return Ok(None);
            }
            let mut value = || -> Result<String, String> {
                match &inline {
                    Some(v) => Ok(v.clone()),
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("{name} needs a value")),
                }
            };
            match name {
                "--host" => c.host = value()?,
                "--port" => c.port = parse_num(name, &value()?)?,
                "--database-url" => c.database_url = value()?,
                "--admin-token" => {
                    let v = value()?;
                    if v.is_empty() {
                        return Err("--admin-token must not be empty".into());
                    }
                    c.admin_token = Some(v);
                }
                "--partners" => c.partners = Some(PathBuf::from(value()?)),
                "--www" => c.www = PathBuf::from(value()?),
                "--dist" => c.dist = PathBuf::from(value()?),
                "--min-count" => c.min_count = parse_num(name, &value()?)?,
                "--rate-limit" => c.rate_per_sec = parse_num(name, &value()?)?,
                "--rate-burst" => c.rate_burst = parse_num(name, &value()?)?,
                "--queue-capacity" => c.queue_capacity = parse_num(name, &value()?)?,
                "--max-batch" => c.max_batch = parse_num(name, &value()?)?,
                "--survey" => c.surveys.push(PathBuf::from(value()?)),
                "--id-window-weeks" => c.window.weeks = parse_num(name, &value()?)?,
                other => return Err(format!("unknown option `{other}` (see --help)")),
            }
        }
        if c.rate_per_sec < 0.0 || !c.rate_per_sec.is_finite() {
            return Err("--rate-limit must be a non-negative number".into());
        }
        if c.rate_burst < 1.0 || !c.rate_burst.is_finite() {
            return Err("--rate-burst must be at least 1".into());
        }
        if c.queue_capacity == 0 {
            return Err("--queue-capacity must be at least 1".into());
        }
        if !(1..=520).contains(&c.window.weeks) {
            return Err("--id-window-weeks must be between 1 and 520".into());
        }
        if c.max_batch == 0 {
            return Err("--max-batch must be at least 1".into());
        }
        Ok(Some(c))
    }
}

fn parse_num<T: std::str::FromStr>(name: &str, v: &str) -> Result<T, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("{name}: `{v}` is not a valid number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_override_environment() {
        let env = |k: &str| match k {
            "PORT" => Some("9000".to_string()),
            "DATABASE_URL" => Some("memory:".to_string()),
            _ => None,
        };
        let c = Config::from_args(&args(&["--port", "9100", "--admin-token=t"]), env)
            .unwrap()
            .unwrap();
        assert_eq!(c.port, 9100);
        assert_eq!(c.database_url, "memory:");
        assert_eq!(c.admin_token.as_deref(), Some("t"));
        assert_eq!(c.window.weeks, 8);
        let env = |k: &str| (k == "PRECHECK_ID_WINDOW_WEEKS").then(|| "12".to_string());
        let c = Config::from_args(&[], env).unwrap().unwrap();
        assert_eq!(c.window.weeks, 12);
        let c = Config::from_args(&args(&["--id-window-weeks=3"]), env)
            .unwrap()
            .unwrap();
        assert_eq!(c.window.weeks, 3);
    }

    #[test]
    fn bad_flags_are_named() {
        let none = |_: &str| None;
        let e = Config::from_args(&args(&["--port", "x"]), none).unwrap_err();
        assert!(e.contains("--port"), "{e}");
        let e = Config::from_args(&args(&["--bogus"]), none).unwrap_err();
        assert!(e.contains("--bogus"), "{e}");
        let e = Config::from_args(&args(&["--id-window-weeks", "0"]), none).unwrap_err();
        assert!(e.contains("--id-window-weeks"), "{e}");
        let e = Config::from_args(&args(&["--partners"]), none).unwrap_err();
        assert!(e.contains("--partners needs a value"), "{e}");
        assert!(
            Config::from_args(&args(&["--help"]), none)
                .unwrap()
                .is_none()
        );
    }
}
