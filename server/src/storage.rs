//! Aggregate storage on SQLite or PostgreSQL through one code path (sqlx's
//! `Any` driver), plus an in-memory mode (`memory:`) with storage switched
//! off for measurements. SQLite runs in WAL mode with `synchronous=FULL`
//! (a commit survives power loss once it returns), a 64 MiB page cache and
//! a checkpoint every 4,000 WAL pages.
//!
//! Three tables and nothing else: `counters` (week, partner, survey, field,
//! value, count), `crosstab_counters` (the same for approved field pairs) and
//! `seen_ids` (record id, week) for de-duplication. No IP, no user agent, no
//! time finer than the ISO week. [`Storage::commit`] applies one group-commit
//! batch in a single transaction: ids are inserted first (`ON CONFLICT DO
//! NOTHING RETURNING id`), and only the records whose id was new add their
//! increments, summed per counter before the upserts
//! (`count = count + excluded.count`), in sorted key order so that concurrent
//! PostgreSQL writers lock rows in the same order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, AssertSqlSafe, Executor, Row};

use crate::record::{Accepted, CrossCell};

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite file (WAL, `synchronous=FULL`).
    Sqlite,
    /// PostgreSQL.
    Postgres,
    /// No database: counters in memory only.
    Memory,
}

/// A storage failure; its text is logged, clients only see a 503.
#[derive(Debug)]
pub struct StorageError(pub String);

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> Self {
        StorageError(e.to_string())
    }
}

/// Which counters a query reads.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Survey version (required: counters of different surveys never mix).
    pub survey: String,
    /// One partner, or all.
    pub partner: Option<String>,
    /// First week included (`YYYY-Www`), or from the beginning.
    pub from: Option<String>,
    /// Last week included, or to the end.
    pub to: Option<String>,
}

impl Filter {
    fn matches(&self, week: &str, partner: &str, survey: &str) -> bool {
        survey == self.survey
            && self.partner.as_deref().is_none_or(|p| p == partner)
            && self.from.as_deref().is_none_or(|f| week >= f)
            && self.to.as_deref().is_none_or(|t| week <= t)
    }
}

/// One stored counter row (per week and partner), as exported in CSV.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CounterRow {
    /// ISO week.
    pub week: String,
    /// Partner id.
    pub partner: String,
    /// Field name.
    pub field: String,
    /// Value label.
    pub value: String,
    /// Number of (randomized) records with this value.
    pub count: i64,
}

type Key = (String, String, String, String, String);
type CrossKey = (String, String, String, CrossCell);

#[derive(Default)]
struct MemState {
    ids: HashSet<String>,
    counters: BTreeMap<Key, i64>,
    cross: BTreeMap<CrossKey, i64>,
}

enum Inner {
    Sql { pool: AnyPool, backend: Backend },
    Memory(Mutex<MemState>),
}

/// The storage handle shared by the writer task and the staff routes.
pub struct Storage {
    inner: Inner,
}

/// Rows per multi-row statement. Only these sizes are used, so each
/// statement text recurs and its prepared form is reused from sqlx's cache
/// instead of being compiled again for every batch.
const PIECES: [usize; 4] = [64, 16, 4, 1];

/// Splits `rows` into consecutive pieces whose lengths are in [`PIECES`].
fn pieces<T>(mut rows: &[T]) -> Vec<&[T]> {
    let mut out = Vec::new();
    for size in PIECES {
        while rows.len() >= size {
            let (head, tail) = rows.split_at(size);
            out.push(head);
            rows = tail;
        }
    }
    out
}

struct Migration {
    version: i64,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    sqlite: "
        CREATE TABLE counters (
            week TEXT NOT NULL, partner TEXT NOT NULL, survey TEXT NOT NULL,
            field TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY (week, partner, survey, field, value)) WITHOUT ROWID;
        CREATE TABLE crosstab_counters (
            week TEXT NOT NULL, partner TEXT NOT NULL, survey TEXT NOT NULL,
            field_a TEXT NOT NULL, value_a TEXT NOT NULL,
            field_b TEXT NOT NULL, value_b TEXT NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY (week, partner, survey, field_a, value_a, field_b, value_b)) WITHOUT ROWID;
        CREATE TABLE seen_ids (id TEXT NOT NULL PRIMARY KEY, week TEXT NOT NULL) WITHOUT ROWID;
    ",
    postgres: "
        CREATE TABLE counters (
            week TEXT NOT NULL, partner TEXT NOT NULL, survey TEXT NOT NULL,
            field TEXT NOT NULL, value TEXT NOT NULL, count BIGINT NOT NULL,
            PRIMARY KEY (week, partner, survey, field, value));
        CREATE TABLE crosstab_counters (
            week TEXT NOT NULL, partner TEXT NOT NULL, survey TEXT NOT NULL,
            field_a TEXT NOT NULL, value_a TEXT NOT NULL,
            field_b TEXT NOT NULL, value_b TEXT NOT NULL, count BIGINT NOT NULL,
            PRIMARY KEY (week, partner, survey, field_a, value_a, field_b, value_b));
        CREATE TABLE seen_ids (id TEXT NOT NULL PRIMARY KEY, week TEXT NOT NULL);
    ",
}];

impl Storage {
    /// The backend a database URL selects, or an error naming the URL.
    pub fn backend_of(url: &str) -> Result<Backend, String> {
        if url == "memory:" || url == "none" || url == "memory" {
            Ok(Backend::Memory)
        } else if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(format!(
                "--database-url `{url}`: expected sqlite:PATH, postgres://... or memory:"
            ))
        }
    }

    /// Opens (creating if needed) the database and runs pending migrations.
    pub async fn open(url: &str) -> Result<Storage, StorageError> {
        let backend = Storage::backend_of(url).map_err(StorageError)?;
        let (pool, backend) = match backend {
            Backend::Memory => {
                return Ok(Storage {
                    inner: Inner::Memory(Mutex::new(MemState::default())),
                });
            }
            Backend::Sqlite => {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:");
                let path = path.split('?').next().unwrap_or_default();
                if path.is_empty() || path.contains(":memory:") {
                    return Err(StorageError(format!(
                        "--database-url `{url}`: name a file (sqlite:PATH); use memory: to switch storage off"
                    )));
                }
                if let Some(dir) = std::path::Path::new(path).parent()
                    && !dir.as_os_str().is_empty()
                {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StorageError(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
                let url = if url.contains('?') {
                    url.to_string()
                } else {
                    format!("{url}?mode=rwc")
                };
                install_default_drivers();
                // No ping before each acquire: the writer takes a connection
                // per batch, and a broken one fails the batch (503, retried).
                let pool = AnyPoolOptions::new()
                    .max_connections(4)
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute("PRAGMA journal_mode=WAL").await?;
                            conn.execute("PRAGMA synchronous=FULL").await?;
                            conn.execute("PRAGMA busy_timeout=10000").await?;
                            // Keep the id index's interior pages in memory
                            // (64 MiB) and checkpoint the WAL less often.
                            conn.execute("PRAGMA cache_size=-65536").await?;
                            conn.execute("PRAGMA wal_autocheckpoint=4000").await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?;
                (pool, Backend::Sqlite)
            }
            Backend::Postgres => {
                install_default_drivers();
                let pool = AnyPoolOptions::new()
                    .max_connections(8)
                    .connect(url)
                    .await?;
                (pool, Backend::Postgres)
            }
        };
        let s = Storage {
            inner: Inner::Sql { pool, backend },
        };
        s.migrate().await?;
        Ok(s)
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        match &self.inner {
            Inner::Sql { backend, .. } => *backend,
            Inner::Memory(_) => Backend::Memory,
        }
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        let Inner::Sql { pool, backend } = &self.inner else {
            return Ok(());
        };
        let mut conn = pool.acquire().await?;
        if *backend == Backend::Postgres {
            // Several stateless instances may start at once against one database.
            conn.execute("SELECT pg_advisory_lock(7412061)").await?;
        }
        let result = async {
            conn.execute(
                "CREATE TABLE IF NOT EXISTS precheck_migrations (version BIGINT NOT NULL PRIMARY KEY)",
            )
            .await?;
            let done: Vec<i64> = sqlx::query("SELECT version FROM precheck_migrations")
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|r| r.get::<i64, _>(0))
                .collect();
            for m in MIGRATIONS {
                if done.contains(&m.version) {
                    continue;
                }
                let sql = match backend {
                    Backend::Postgres => m.postgres,
                    _ => m.sqlite,
                };
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;
                for stmt in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                    tx.execute(AssertSqlSafe(stmt.to_string())).await?;
                }
                sqlx::query("INSERT INTO precheck_migrations (version) VALUES ($1)")
                    .bind(m.version)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
            Ok::<(), sqlx::Error>(())
        }
        .await;
        if *backend == Backend::Postgres {
            conn.execute("SELECT pg_advisory_unlock(7412061)").await?;
        }
        Ok(result?)
    }

    /// Applies one batch in one transaction. Returns, per record in order,
    /// whether it was new (`true`) or a duplicate of a stored or earlier id.
    pub async fn commit(&self, records: &[&Accepted]) -> Result<Vec<bool>, StorageError> {
        // First occurrence of each id inside the batch.
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            first.entry(r.id.as_str()).or_insert(i);
        }
        let unique: Vec<usize> = {
            let mut v: Vec<usize> = first.values().copied().collect();
            v.sort_unstable();
            v
        };
        let mut new = vec![false; records.len()];
        match &self.inner {
            Inner::Memory(m) => {
                let mut guard = m.lock().unwrap_or_else(|e| e.into_inner());
                let st = &mut *guard;
                for &i in &unique {
                    let r = records[i];
                    if st.ids.insert(r.id.clone()) {
                        new[i] = true;
                        add_increments(r, &mut st.counters, &mut st.cross);
                    }
                }
                Ok(new)
            }
            Inner::Sql { pool, .. } => {
                let mut tx = pool.begin().await?;
                let mut inserted: HashSet<String> = HashSet::new();
                for chunk in pieces(&unique) {
                    let mut sql = String::from("INSERT INTO seen_ids (id, week) VALUES ");
                    push_placeholders(&mut sql, chunk.len(), 2);
                    sql.push_str(" ON CONFLICT (id) DO NOTHING RETURNING id");
                    let mut q = sqlx::query(AssertSqlSafe(sql));
                    for &i in chunk {
                        q = q
                            .bind(records[i].id.as_str())
                            .bind(records[i].week.as_str());
                    }
                    for row in q.fetch_all(&mut *tx).await? {
                        inserted.insert(row.get::<String, _>(0));
                    }
                }
                // Sum the new records' increments per counter, borrowing the
                // labels (no copies), in sorted key order.
                let mut counters: BTreeMap<[&str; 5], i64> = BTreeMap::new();
                let mut cross: BTreeMap<[&str; 7], i64> = BTreeMap::new();
                for &i in &unique {
                    let r = records[i];
                    if !inserted.contains(&r.id) {
                        continue;
                    }
                    new[i] = true;
                    for (f, v) in &r.fields {
                        *counters
                            .entry([&r.week, &r.partner, &r.survey, f, v])
                            .or_insert(0) += 1;
                    }
                    for c in &r.cross {
                        let key = [
                            r.week.as_str(),
                            &r.partner,
                            &r.survey,
                            &c.field_a,
                            &c.value_a,
                            &c.field_b,
                            &c.value_b,
                        ];
                        *cross.entry(key).or_insert(0) += 1;
                    }
                }
                let counters: Vec<([&str; 5], i64)> = counters.into_iter().collect();
                upsert_counts(
                    &mut tx,
                    "counters",
                    "week, partner, survey, field, value",
                    &counters,
                )
                .await?;
                let cross: Vec<([&str; 7], i64)> = cross.into_iter().collect();
                upsert_counts(
                    &mut tx,
                    "crosstab_counters",
                    "week, partner, survey, field_a, value_a, field_b, value_b",
                    &cross,
                )
                .await?;
                tx.commit().await?;
                Ok(new)
            }
        }
    }

    /// Counts per (field, value) summed over the filter's weeks and partners.
    pub async fn field_counts(
        &self,
        f: &Filter,
    ) -> Result<BTreeMap<(String, String), i64>, StorageError> {
        let mut out = BTreeMap::new();
        match &self.inner {
            Inner::Memory(m) => {
                let st = m.lock().unwrap_or_else(|e| e.into_inner());
                for ((w, p, s, field, value), n) in &st.counters {
                    if f.matches(w, p, s) {
                        *out.entry((field.clone(), value.clone())).or_insert(0) += n;
                    }
                }
            }
            Inner::Sql { pool, .. } => {
                let (clause, binds) = where_clause(f);
                let sql = format!(
                    "SELECT field, value, CAST(SUM(count) AS BIGINT) FROM counters {clause} \
                     GROUP BY field, value"
                );
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for b in binds {
                    q = q.bind(b);
                }
                for row in q.fetch_all(pool).await? {
                    out.insert((row.get(0), row.get(1)), row.get::<i64, _>(2));
                }
            }
        }
        Ok(out)
    }

    /// Cross-tab counts per cell summed over the filter's weeks and partners.
    pub async fn cross_counts(&self, f: &Filter) -> Result<BTreeMap<CrossCell, i64>, StorageError> {
        let mut out = BTreeMap::new();
        match &self.inner {
            Inner::Memory(m) => {
                let st = m.lock().unwrap_or_else(|e| e.into_inner());
                for ((w, p, s, c), n) in &st.cross {
                    if f.matches(w, p, s) {
                        *out.entry(c.clone()).or_insert(0) += n;
                    }
                }
            }
            Inner::Sql { pool, .. } => {
                let (clause, binds) = where_clause(f);
                let sql = format!(
                    "SELECT field_a, value_a, field_b, value_b, CAST(SUM(count) AS BIGINT) \
                     FROM crosstab_counters {clause} GROUP BY field_a, value_a, field_b, value_b"
                );
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for b in binds {
                    q = q.bind(b);
                }
                for row in q.fetch_all(pool).await? {
                    let cell = CrossCell {
                        field_a: row.get(0),
                        value_a: row.get(1),
                        field_b: row.get(2),
                        value_b: row.get(3),
                    };
                    out.insert(cell, row.get::<i64, _>(4));
                }
            }
        }
        Ok(out)
    }

    /// Every counter row matching the filter, per week and partner, sorted.
    pub async fn counter_rows(&self, f: &Filter) -> Result<Vec<CounterRow>, StorageError> {
        let mut out = Vec::new();
        match &self.inner {
            Inner::Memory(m) => {
                let st = m.lock().unwrap_or_else(|e| e.into_inner());
                for ((w, p, s, field, value), n) in &st.counters {
                    if f.matches(w, p, s) {
                        out.push(CounterRow {
                            week: w.clone(),
                            partner: p.clone(),
                            field: field.clone(),
                            value: value.clone(),
                            count: *n,
                        });
                    }
                }
            }
            Inner::Sql { pool, .. } => {
                let (clause, binds) = where_clause(f);
                let sql = format!(
                    "SELECT week, partner, field, value, count FROM counters {clause} \
                     ORDER BY week, partner, field, value"
                );
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for b in binds {
                    q = q.bind(b);
                }
                for row in q.fetch_all(pool).await? {
                    out.push(CounterRow {
                        week: row.get(0),
                        partner: row.get(1),
                        field: row.get(2),
                        value: row.get(3),
                        count: row.get(4),
                    });
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Partners and weeks that have counters for a survey (dashboard filters).
    pub async fn partners_and_weeks(
        &self,
        survey: &str,
    ) -> Result<(Vec<String>, Vec<String>), StorageError> {
        let mut partners = std::collections::BTreeSet::new();
        let mut weeks = std::collections::BTreeSet::new();
        match &self.inner {
            Inner::Memory(m) => {
                let st = m.lock().unwrap_or_else(|e| e.into_inner());
                for (w, p, s, _, _) in st.counters.keys() {
                    if s == survey {
                        partners.insert(p.clone());
                        weeks.insert(w.clone());
                    }
                }
            }
            Inner::Sql { pool, .. } => {
                let rows =
                    sqlx::query("SELECT DISTINCT partner, week FROM counters WHERE survey = $1")
                        .bind(survey.to_string())
                        .fetch_all(pool)
                        .await?;
                for row in rows {
                    partners.insert(row.get::<String, _>(0));
                    weeks.insert(row.get::<String, _>(1));
                }
            }
        }
        Ok((partners.into_iter().collect(), weeks.into_iter().collect()))
    }

    /// Number of distinct record ids stored.
    pub async fn record_ids(&self) -> Result<i64, StorageError> {
        match &self.inner {
            Inner::Memory(m) => Ok(m.lock().unwrap_or_else(|e| e.into_inner()).ids.len() as i64),
            Inner::Sql { pool, .. } => {
                let row = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM seen_ids")
                    .fetch_one(pool)
                    .await?;
                Ok(row.get(0))
            }
        }
    }

    /// Database health: SQLite's `PRAGMA integrity_check` (must say `ok`);
    /// on PostgreSQL and in memory a trivial query.
    pub async fn integrity_check(&self) -> Result<(), StorageError> {
        match &self.inner {
            Inner::Memory(_) => Ok(()),
            Inner::Sql { pool, backend } => {
                if *backend == Backend::Sqlite {
                    let row = sqlx::query("PRAGMA integrity_check")
                        .fetch_one(pool)
                        .await?;
                    let verdict: String = row.get(0);
                    if verdict != "ok" {
                        return Err(StorageError(format!("integrity_check: {verdict}")));
                    }
                } else {
                    sqlx::query("SELECT 1").fetch_one(pool).await?;
                }
                Ok(())
            }
        }
    }

    /// Closes the pool (SQLite checkpoints its WAL on the last close).
    pub async fn close(&self) {
        if let Inner::Sql { pool, .. } = &self.inner {
            pool.close().await;
        }
    }
}

fn add_increments(
    r: &Accepted,
    counters: &mut BTreeMap<Key, i64>,
    cross: &mut BTreeMap<CrossKey, i64>,
) {
    for (field, value) in &r.fields {
        let key = (
            r.week.clone(),
            r.partner.clone(),
            r.survey.clone(),
            field.clone(),
            value.clone(),
        );
        *counters.entry(key).or_insert(0) += 1;
    }
    for c in &r.cross {
        let key = (
            r.week.clone(),
            r.partner.clone(),
            r.survey.clone(),
            c.clone(),
        );
        *cross.entry(key).or_insert(0) += 1;
    }
}

/// Adds summed counts to a counter table (`table`, keyed by `key_columns`,
/// with a `count` column): one multi-row upsert per piece of `rows`, each
/// `count = count + excluded.count`.
async fn upsert_counts<const N: usize>(
    conn: &mut sqlx::AnyConnection,
    table: &str,
    key_columns: &str,
    rows: &[([&str; N], i64)],
) -> Result<(), StorageError> {
    for chunk in pieces(rows) {
        let mut sql = format!("INSERT INTO {table} ({key_columns}, count) VALUES ");
        push_placeholders(&mut sql, chunk.len(), N + 1);
        sql.push_str(&format!(
            " ON CONFLICT ({key_columns}) DO UPDATE SET count = {table}.count + excluded.count"
        ));
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (key, n) in chunk {
            for part in key {
                q = q.bind(*part);
            }
            q = q.bind(*n);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

fn push_placeholders(sql: &mut String, rows: usize, cols: usize) {
    use std::fmt::Write;
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push(',');
            }
            let _ = write!(sql, "${n}");
            n += 1;
        }
        sql.push(')');
    }
}

fn where_clause(f: &Filter) -> (String, Vec<String>) {
    let mut binds = vec![f.survey.clone()];
    let mut clause = String::from("WHERE survey = $1");
    let mut add = |col: &str, op: &str, v: &Option<String>| {
        if let Some(v) = v {
            binds.push(v.clone());
            clause.push_str(&format!(" AND {col} {op} ${}", binds.len()));
        }
    };
    add("partner", "=", &f.partner);
    add("week", ">=", &f.from);
    add("week", "<=", &f.to);
    (clause, binds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_rows_in_fixed_sizes() {
        let rows: Vec<u32> = (0..150).collect();
        let p = pieces(&rows);
        let lens: Vec<usize> = p.iter().map(|c| c.len()).collect();
        assert_eq!(lens, vec![64, 64, 16, 4, 1, 1]);
        assert_eq!(p.concat(), rows);
        assert!(pieces::<u32>(&[]).is_empty());
    }

    #[test]
    fn placeholders_are_numbered() {
        let mut s = String::new();
        push_placeholders(&mut s, 2, 3);
        assert_eq!(s, "($1,$2,$3),($4,$5,$6)");
        let f = Filter {
            survey: "s".into(),
            partner: None,
            from: Some("2026-W01".into()),
            to: Some("2026-W09".into()),
        };
        let (c, b) = where_clause(&f);
        assert_eq!(c, "WHERE survey = $1 AND week >= $2 AND week <= $3");
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn backends_from_urls() {
        assert_eq!(Storage::backend_of("memory:").unwrap(), Backend::Memory);
        assert_eq!(Storage::backend_of("sqlite:x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Storage::backend_of("postgres://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert!(
            Storage::backend_of("mysql://x")
                .unwrap_err()
                .contains("mysql")
        );
    }
}
