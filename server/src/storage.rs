//! Aggregate storage through one code path: sqlx's `Any` driver over a
//! SQLite file (default), PostgreSQL, or an in-memory SQLite database
//! (`memory:`; lost at exit). SQLite files run in WAL mode with
//! `synchronous=FULL` (a commit survives power loss once it returns), a
//! 64 MiB page cache and a checkpoint every 4,000 WAL pages. `none:` keeps
//! the same in-memory database but writes nothing: the server's rate with
//! storage switched off, for measurements.
//!
//! Three tables and nothing else: `counters` (week, partner, survey, field,
//! value, count), `crosstab_counters` (the same for approved field pairs) and
//! `seen_ids` (week, record id) for de-duplication, pruned by week
//! ([`Storage::prune_ids_before`]). No IP, no user agent, no time finer than
//! the ISO week. [`Storage::commit`] applies one group-commit batch in a
//! single transaction: ids are inserted first (`ON CONFLICT DO NOTHING
//! RETURNING`), and only the records whose (week, id) was new add their
//! increments, summed per counter before the upserts
//! (`count = count + excluded.count`), in sorted key order so that
//! concurrent PostgreSQL writers lock rows in the same order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    /// In-memory SQLite database (`memory:`), lost at exit.
    Memory,
    /// Storage switched off (`none:`): commits write nothing.
    Discard,
}

impl Backend {
    /// Its name in `/healthz`.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
            Backend::Memory => "memory",
            Backend::Discard => "none",
        }
    }
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
    /// One field, or all (counter rows only).
    pub field: Option<String>,
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

/// The storage handle shared by the writer task and the staff routes.
pub struct Storage {
    pool: AnyPool,
    backend: Backend,
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

const MIGRATIONS: &[Migration] = &[
    Migration {
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
    },
    // Seen ids keyed by week first, so that pruning a week is a range delete.
    Migration {
        version: 2,
        sqlite: "
        CREATE TABLE seen_ids_by_week (week TEXT NOT NULL, id TEXT NOT NULL,
            PRIMARY KEY (week, id)) WITHOUT ROWID;
        INSERT INTO seen_ids_by_week (week, id) SELECT week, id FROM seen_ids;
        DROP TABLE seen_ids;
        ALTER TABLE seen_ids_by_week RENAME TO seen_ids;
    ",
        postgres: "
        CREATE TABLE seen_ids_by_week (week TEXT NOT NULL, id TEXT NOT NULL,
            PRIMARY KEY (week, id));
        INSERT INTO seen_ids_by_week (week, id) SELECT week, id FROM seen_ids;
        DROP TABLE seen_ids;
        ALTER TABLE seen_ids_by_week RENAME TO seen_ids;
    ",
    },
];

impl Storage {
    /// The backend a database URL selects, or an error naming the URL.
    pub fn backend_of(url: &str) -> Result<Backend, String> {
        if url == "memory:" || url == "memory" {
            Ok(Backend::Memory)
        } else if url == "none:" || url == "none" {
            Ok(Backend::Discard)
        } else if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(format!(
                "--database-url `{url}`: expected sqlite:PATH, postgres://..., memory: or none:"
            ))
        }
    }

    /// Opens (creating if needed) the database and runs pending migrations.
    pub async fn open(url: &str) -> Result<Storage, StorageError> {
        let backend = Storage::backend_of(url).map_err(StorageError)?;
        install_default_drivers();
        let pool = match backend {
            Backend::Memory | Backend::Discard => {
                // One connection that is never recycled: an in-memory SQLite
                // database lives exactly as long as its connection.
                AnyPoolOptions::new()
                    .min_connections(1)
                    .max_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect("sqlite::memory:")
                    .await?
            }
            Backend::Sqlite => {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:");
                let path = path.split('?').next().unwrap_or_default();
                if path.is_empty() || path.contains(":memory:") {
                    return Err(StorageError(format!(
                        "--database-url `{url}`: name a file (sqlite:PATH); use memory: for a database in memory"
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
                // No ping before each acquire: the writer takes a connection
                // per batch, and a broken one fails the batch (503, retried).
                AnyPoolOptions::new()
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
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(8)
                    .connect(url)
                    .await?
            }
        };
        let s = Storage { pool, backend };
        s.migrate().await?;
        Ok(s)
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        let postgres = self.backend == Backend::Postgres;
        let mut conn = self.pool.acquire().await?;
        if postgres {
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
                let sql = if postgres { m.postgres } else { m.sqlite };
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
        if postgres {
            conn.execute("SELECT pg_advisory_unlock(7412061)").await?;
        }
        Ok(result?)
    }

    /// Applies one batch in one transaction. Returns, per record in order,
    /// whether it was new (`true`) or a duplicate of a stored or earlier
    /// (week, id). With storage switched off only duplicates inside the
    /// batch are found and nothing is written.
    pub async fn commit(&self, records: &[&Accepted]) -> Result<Vec<bool>, StorageError> {
        // First occurrence of each (week, id) inside the batch.
        let mut first: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            first.entry((r.week.as_str(), r.id.as_str())).or_insert(i);
        }
        let mut unique: Vec<usize> = first.values().copied().collect();
        unique.sort_unstable();
        let mut new = vec![false; records.len()];
        if self.backend == Backend::Discard {
            for i in unique {
                new[i] = true;
            }
            return Ok(new);
        }
        let mut tx = self.pool.begin().await?;
        let mut inserted: HashSet<(String, String)> = HashSet::new();
        for chunk in pieces(&unique) {
            let mut sql = String::from("INSERT INTO seen_ids (week, id) VALUES ");
            push_placeholders(&mut sql, chunk.len(), 2);
            sql.push_str(" ON CONFLICT (week, id) DO NOTHING RETURNING week, id");
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for &i in chunk {
                q = q
                    .bind(records[i].week.as_str())
                    .bind(records[i].id.as_str());
            }
            for row in q.fetch_all(&mut *tx).await? {
                inserted.insert((row.get::<String, _>(0), row.get::<String, _>(1)));
            }
        }
        // Sum the new records' increments per counter, borrowing the labels
        // (no copies), in sorted key order.
        let mut counters: BTreeMap<[&str; 5], i64> = BTreeMap::new();
        let mut cross: BTreeMap<[&str; 7], i64> = BTreeMap::new();
        for &i in &unique {
            let r = records[i];
            if !inserted.contains(&(r.week.clone(), r.id.clone())) {
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

    /// Deletes the seen ids of every week before `oldest` (`YYYY-Www`);
    /// returns how many rows went. Records of those weeks are refused at the
    /// door, so no retry of a pruned id can be counted twice.
    pub async fn prune_ids_before(&self, oldest: &str) -> Result<u64, StorageError> {
        let done = sqlx::query("DELETE FROM seen_ids WHERE week < $1")
            .bind(oldest.to_string())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Runs a `SELECT` built from `select` (with `{where}` standing for the
    /// filter's clause) and maps each row.
    async fn select<T>(
        &self,
        select: &str,
        f: &Filter,
        map: impl Fn(&sqlx::any::AnyRow) -> T,
    ) -> Result<Vec<T>, StorageError> {
        let (clause, binds) = where_clause(f);
        let sql = select.replace("{where}", &clause);
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for b in binds {
            q = q.bind(b);
        }
        Ok(q.fetch_all(&self.pool).await?.iter().map(map).collect())
    }

    /// Counts per (field, value) summed over the filter's weeks and partners.
    pub async fn field_counts(
        &self,
        f: &Filter,
    ) -> Result<BTreeMap<(String, String), i64>, StorageError> {
        let rows = self
            .select(
                "SELECT field, value, CAST(SUM(count) AS BIGINT) FROM counters {where} \
                 GROUP BY field, value",
                f,
                |row| ((row.get(0), row.get(1)), row.get::<i64, _>(2)),
            )
            .await?;
        Ok(rows.into_iter().collect())
    }

    /// Cross-tab counts per cell summed over the filter's weeks and partners.
    pub async fn cross_counts(&self, f: &Filter) -> Result<BTreeMap<CrossCell, i64>, StorageError> {
        let rows = self
            .select(
                "SELECT field_a, value_a, field_b, value_b, CAST(SUM(count) AS BIGINT) \
                 FROM crosstab_counters {where} GROUP BY field_a, value_a, field_b, value_b",
                &Filter {
                    field: None,
                    ..f.clone()
                },
                |row| {
                    let cell = CrossCell {
                        field_a: row.get(0),
                        value_a: row.get(1),
                        field_b: row.get(2),
                        value_b: row.get(3),
                    };
                    (cell, row.get::<i64, _>(4))
                },
            )
            .await?;
        Ok(rows.into_iter().collect())
    }

    /// Every counter row matching the filter, per week and partner, sorted.
    pub async fn counter_rows(&self, f: &Filter) -> Result<Vec<CounterRow>, StorageError> {
        self.select(
            "SELECT week, partner, field, value, count FROM counters {where} \
             ORDER BY week, partner, field, value",
            f,
            |row| CounterRow {
                week: row.get(0),
                partner: row.get(1),
                field: row.get(2),
                value: row.get(3),
                count: row.get(4),
            },
        )
        .await
    }

    /// Partners and weeks that have counters for a survey (dashboard filters).
    pub async fn partners_and_weeks(
        &self,
        survey: &str,
    ) -> Result<(Vec<String>, Vec<String>), StorageError> {
        let rows = self
            .select(
                "SELECT DISTINCT partner, week FROM counters {where}",
                &Filter {
                    survey: survey.to_string(),
                    ..Filter::default()
                },
                |row| (row.get::<String, _>(0), row.get::<String, _>(1)),
            )
            .await?;
        let (partners, weeks): (BTreeSet<String>, BTreeSet<String>) = rows.into_iter().unzip();
        Ok((partners.into_iter().collect(), weeks.into_iter().collect()))
    }

    /// Survey versions that have counters.
    pub async fn surveys(&self) -> Result<Vec<String>, StorageError> {
        let rows = sqlx::query("SELECT DISTINCT survey FROM counters ORDER BY survey")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
    }

    /// Number of seen ids stored.
    pub async fn record_ids(&self) -> Result<i64, StorageError> {
        let row = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM seen_ids")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get(0))
    }

    /// The oldest week that still has seen ids (`None` when there are none).
    pub async fn oldest_id_week(&self) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT MIN(week) FROM seen_ids")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get(0))
    }

    /// Database health: SQLite's `PRAGMA integrity_check` (must say `ok`);
    /// on PostgreSQL a trivial query.
    pub async fn integrity_check(&self) -> Result<(), StorageError> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
            return Ok(());
        }
        let row = sqlx::query("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        let verdict: String = row.get(0);
        if verdict != "ok" {
            return Err(StorageError(format!("integrity_check: {verdict}")));
        }
        Ok(())
    }

    /// Closes the pool (SQLite checkpoints its WAL on the last close).
    pub async fn close(&self) {
        self.pool.close().await;
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
    add("field", "=", &f.field);
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
            from: Some("2026-W01".into()),
            to: Some("2026-W09".into()),
            ..Filter::default()
        };
        let (c, b) = where_clause(&f);
        assert_eq!(c, "WHERE survey = $1 AND week >= $2 AND week <= $3");
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn backends_from_urls() {
        assert_eq!(Storage::backend_of("memory:").unwrap(), Backend::Memory);
        assert_eq!(Storage::backend_of("none:").unwrap(), Backend::Discard);
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
