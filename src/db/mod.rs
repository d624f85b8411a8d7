//! Connections to the registry database: embedded SQLite by default, PostgreSQL when the URL says so.
//!
//! One `DbConn` enum covers both backends, so every query is written once. The backend is chosen at
//! run time from the URL scheme. Diesel calls are blocking: handlers reach the pool only through
//! [`Db::read`] and [`Db::write`], which run the work on actix's blocking thread pool.

pub mod schema;

/// Inserts `rows` (a slice or a `Vec` of insertable values) into `table`, `per_statement` rows
/// per multi-row INSERT, in the caller's function returning `QueryResult`. Multi-row inserts are
/// backend-specific in diesel, hence the `match` on the connection.
macro_rules! insert_chunks {
    ($conn:expr, $table:path, $rows:expr, $per_statement:expr) => {{
        for chunk in $rows.chunks($per_statement) {
            match $conn {
                $crate::db::DbConn::Sqlite(conn) => {
                    diesel::insert_into($table).values(chunk).execute(conn)?
                }
                $crate::db::DbConn::Pg(conn) => {
                    diesel::insert_into($table).values(chunk).execute(conn)?
                }
            };
        }
    }};
}
pub(crate) use insert_chunks;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// The diesel backend type of [`DbConn`], for boxed queries and the vocabularies' conversions.
pub type Backend = <DbConn as diesel::Connection>::Backend;

/// A connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A PostgreSQL advisory-lock key, so that several instances starting at once migrate one at a time.
const MIGRATION_LOCK_KEY: i64 = 0x0b5e_7e6e_0001;

/// Which database a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path for the embedded SQLite database.
    Sqlite(String),
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads a `DATABASE_URL`: `postgres://`/`postgresql://` selects PostgreSQL; `sqlite://path`,
    /// `sqlite:path` or a bare path selects SQLite.
    pub fn parse(url: &str) -> Result<Self, DbError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() {
            return Err(DbError::Config(
                "DATABASE_URL names no database file".into(),
            ));
        }
        if path.contains("://") {
            return Err(DbError::Config(format!(
                "DATABASE_URL scheme not supported: {url} (use a file path, sqlite://path or postgres://...)"
            )));
        }
        Ok(DatabaseUrl::Sqlite(path.to_owned()))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, DatabaseUrl::Postgres(_))
    }

    /// The URL or path, as `DATABASE_URL` would give it.
    pub fn connection_string(&self) -> &str {
        match self {
            DatabaseUrl::Sqlite(path) | DatabaseUrl::Postgres(path) => path,
        }
    }
}

/// Failures of the database layer. Each keeps its cause; [`crate::error_chain`] prints them all.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database configuration: {0}")]
    Config(String),
    /// The server named by a URL cannot be used, said in words a person can act on.
    #[error("{0}")]
    Connect(String),
    #[error("no database connection was free in time")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("database pool setup")]
    PoolSetup(#[from] diesel::r2d2::Error),
    #[error("database")]
    Query(#[from] diesel::result::Error),
    #[error("database migrations: {0}")]
    Migration(String),
}

impl DbError {
    /// Whether the database cannot be reached right now (pool exhausted, connection lost), so
    /// that a retry may succeed: the web layer answers 503 rather than 500.
    pub fn is_unavailable(&self) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        matches!(
            self,
            DbError::Pool(_)
                | DbError::Connect(_)
                | DbError::Query(
                    Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
                        | Error::BrokenTransactionManager
                )
        )
    }
}

/// How long a request waits for a pooled connection, and a start-up for its first one.
pub const CONNECTION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

pub type DbPool = Pool<ConnectionManager<DbConn>>;
pub type PooledConn = PooledConnection<ConnectionManager<DbConn>>;

/// SQLite settings applied to every pooled connection.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<DbConn, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), diesel::r2d2::Error> {
        if let DbConn::Sqlite(conn) = conn {
            conn.batch_execute(
                "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Builds a pool for `url`. SQLite files are created if they do not exist. A PostgreSQL server
/// is tried once first, so that a wrong URL or a server that is down is reported at once in plain
/// words (within [`CONNECTION_TIMEOUT`]) instead of as a pool time-out.
pub fn pool(url: &DatabaseUrl, max_size: u32) -> Result<DbPool, DbError> {
    if let DatabaseUrl::Postgres(raw) = url {
        check_postgres(raw)?;
    }
    let manager = ConnectionManager::<DbConn>::new(url.connection_string());
    let builder = Pool::builder()
        .max_size(max_size)
        .connection_timeout(CONNECTION_TIMEOUT);
    let builder = match url {
        DatabaseUrl::Sqlite(_) => builder.connection_customizer(Box::new(SqlitePragmas)),
        DatabaseUrl::Postgres(_) => builder,
    };
    Ok(builder.build(manager)?)
}

/// Connects once to a PostgreSQL URL and turns a failure into a message that says what to do.
fn check_postgres(raw: &str) -> Result<(), DbError> {
    use diesel::Connection;
    let with_timeout = postgres_url_with_timeout(raw);
    match PgConnection::establish(&with_timeout) {
        Ok(_) => Ok(()),
        Err(err) => Err(DbError::Connect(explain_postgres_failure(
            raw,
            &err.to_string(),
        ))),
    }
}

/// Adds libpq's `connect_timeout` to a URL that does not set one.
fn postgres_url_with_timeout(raw: &str) -> String {
    if raw.contains("connect_timeout=") {
        return raw.to_owned();
    }
    let separator = if raw.contains('?') { '&' } else { '?' };
    format!(
        "{raw}{separator}connect_timeout={}",
        CONNECTION_TIMEOUT.as_secs()
    )
}

/// The host:port and database a PostgreSQL URL names, for messages (no password).
fn postgres_target(raw: &str) -> (String, String) {
    let rest = raw.split_once("://").map_or(raw, |(_, rest)| rest);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if host.is_empty() { "localhost" } else { host };
    let host = if host.contains(':') {
        host.to_owned()
    } else {
        format!("{host}:5432")
    };
    let database = path.split('?').next().unwrap_or("").to_owned();
    (host, database)
}

/// Says in plain words why a PostgreSQL connection failed, and what to do about it.
pub fn explain_postgres_failure(raw: &str, error: &str) -> String {
    let (host, database) = postgres_target(raw);
    if error.contains("does not exist") && error.contains("database") {
        format!(
            "database {database} does not exist on {host}; create it with createdb -h {} -p {} {database} (or name an existing database in DATABASE_URL)",
            host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h),
            host.rsplit_once(':').map_or("5432", |(_, p)| p),
        )
    } else if error.contains("password authentication failed") || error.contains("role") {
        format!("PostgreSQL at {host} refused the login: {}", error.trim())
    } else {
        format!("cannot connect to PostgreSQL at {host}: {}", error.trim())
    }
}

/// Runs every pending migration of the connection's backend. On SQLite it also switches the file to
/// WAL (a persistent setting); on PostgreSQL it holds an advisory lock while migrating.
pub fn migrate(conn: &mut DbConn) -> Result<(), DbError> {
    match conn {
        DbConn::Sqlite(sqlite) => {
            // Switching to WAL needs the file to itself; another process starting at the same
            // moment may hold it for a few milliseconds, which SQLite reports without waiting.
            let mut attempts = 0;
            loop {
                match migrate_sqlite(sqlite) {
                    Err(err) if is_locked(&err) && attempts < 100 => {
                        attempts += 1;
                        std::thread::sleep(std::time::Duration::from_millis(50));
                    }
                    outcome => return outcome,
                }
            }
        }
        DbConn::Pg(pg) => {
            pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
            let outcome = pg
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|_| ())
                .map_err(|err| DbError::Migration(err.to_string()));
            pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            outcome
        }
    }
}

fn migrate_sqlite(sqlite: &mut SqliteConnection) -> Result<(), DbError> {
    sqlite.batch_execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = OFF;")?;
    // An exclusive transaction makes concurrent migrators wait for each other (each migration
    // then runs in a savepoint), as the advisory lock does on PostgreSQL.
    let outcome = sqlite.exclusive_transaction(|conn| {
        conn.run_pending_migrations(SQLITE_MIGRATIONS)
            .map(|_| ())
            .map_err(|err| DbError::Migration(err.to_string()))
    });
    sqlite.batch_execute("PRAGMA foreign_keys = ON;")?;
    outcome
}

fn is_locked(err: &DbError) -> bool {
    // A query's error says only "database" in words: the driver's message is inside it.
    let message = match err {
        DbError::Query(diesel::result::Error::DatabaseError(_, info)) => info.message().to_owned(),
        other => other.to_string(),
    };
    message.contains("database is locked") || message.contains("database is busy")
}

/// Why a backup was not taken.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; a backup never overwrites a file")]
    Exists(String),
    #[error(
        "backup copies a SQLite registry; for PostgreSQL use pg_dump: \
         pg_dump --format=custom --file=registry.dump \"$DATABASE_URL\""
    )]
    Postgres,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Writes a consistent copy of a SQLite registry to `target` while it may be serving: `VACUUM
/// INTO` reads one snapshot of the database in a read transaction, so writers go on and the copy
/// is a whole, compacted database that opens on its own.
pub fn backup(conn: &mut DbConn, target: &std::path::Path) -> Result<(), BackupError> {
    use diesel::sql_types::Text;
    use diesel::RunQueryDsl;
    let DbConn::Sqlite(sqlite) = conn else {
        return Err(BackupError::Postgres);
    };
    if target.exists() {
        return Err(BackupError::Exists(target.display().to_string()));
    }
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target.to_string_lossy().into_owned())
        .execute(sqlite)?;
    Ok(())
}

/// Reverts every migration (used by the migration tests).
pub fn revert_all(conn: &mut DbConn) -> Result<(), DbError> {
    let outcome = match conn {
        DbConn::Sqlite(sqlite) => sqlite.revert_all_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConn::Pg(pg) => pg.revert_all_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    outcome.map_err(|err| DbError::Migration(err.to_string()))
}

/// The pools the application uses: writes go to the primary, page reads to a replica when one is set.
#[derive(Clone)]
pub struct Db {
    primary: DbPool,
    replica: Option<DbPool>,
}

impl Db {
    pub fn new(primary: DbPool, replica: Option<DbPool>) -> Self {
        Db { primary, replica }
    }

    /// The primary pool, for command-line work outside actix.
    pub fn primary(&self) -> &DbPool {
        &self.primary
    }

    /// The pool page reads use: the replica when one is set, else the primary.
    pub fn read_pool(&self) -> DbPool {
        self.replica.clone().unwrap_or_else(|| self.primary.clone())
    }

    /// Runs read-only work on the replica (or the primary) off the async workers.
    pub async fn read<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<actix_web::error::BlockingError> + Send + 'static,
    {
        run_blocking(self.read_pool(), work).await
    }

    /// Runs work that writes on the primary, off the async workers.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<actix_web::error::BlockingError> + Send + 'static,
    {
        run_blocking(self.primary.clone(), work).await
    }
}

async fn run_blocking<T, E, F>(pool: DbPool, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + From<actix_web::error::BlockingError> + Send + 'static,
{
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(DbError::from)?;
        work(&mut conn)
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_failures_say_what_to_do() {
        let missing = explain_postgres_failure(
            "postgres://postgres@127.0.0.1:5432/registry",
            "FATAL:  database \"registry\" does not exist",
        );
        assert_eq!(
            missing,
            "database registry does not exist on 127.0.0.1:5432; create it with createdb -h 127.0.0.1 -p 5432 registry (or name an existing database in DATABASE_URL)"
        );
        let down = explain_postgres_failure(
            "postgres://u:secret@db.example:6543/x",
            "connection to server at \"db.example\", port 6543 failed: Connection refused",
        );
        assert!(
            down.starts_with("cannot connect to PostgreSQL at db.example:6543: "),
            "{down}"
        );
        assert!(!down.contains("secret"));
        assert_eq!(
            postgres_url_with_timeout("postgres://h/db"),
            "postgres://h/db?connect_timeout=5"
        );
        assert_eq!(
            postgres_url_with_timeout("postgres://h/db?sslmode=disable"),
            "postgres://h/db?sslmode=disable&connect_timeout=5"
        );
    }

    #[test]
    fn an_exhausted_pool_is_unavailable() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("t.db").display().to_string());
        let manager = ConnectionManager::<DbConn>::new(url.connection_string());
        let pool = Pool::builder()
            .max_size(1)
            .connection_timeout(std::time::Duration::from_millis(50))
            .build(manager)
            .unwrap();
        let _held = pool.get().unwrap();
        let Err(err) = pool.get() else {
            panic!("a second connection from a pool of one")
        };
        let err = DbError::from(err);
        assert!(err.is_unavailable());
        assert!(!DbError::Query(diesel::result::Error::NotFound).is_unavailable());
    }

    #[test]
    fn urls_select_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("registry.db").unwrap(),
            DatabaseUrl::Sqlite("registry.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").unwrap(),
            DatabaseUrl::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db").unwrap(),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert!(DatabaseUrl::parse("postgres://u@h/db")
            .unwrap()
            .is_postgres());
        assert!(DatabaseUrl::parse("postgresql://u@h/db")
            .unwrap()
            .is_postgres());
        assert!(DatabaseUrl::parse("mysql://u@h/db").is_err());
        assert!(DatabaseUrl::parse("").is_err());
    }
}
