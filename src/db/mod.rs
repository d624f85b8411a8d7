//! Connections to the registry database: embedded SQLite by default, PostgreSQL when the URL says so.
//!
//! One `DbConn` enum covers both backends, so every query is written once. The backend is chosen at
//! run time from the URL scheme. Diesel calls are blocking: handlers reach the pool only through
//! [`Db::read`] and [`Db::write`], which run the work on actix's blocking thread pool.

pub mod schema;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

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

/// Failures of the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database configuration: {0}")]
    Config(String),
    #[error("database connection pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("database pool setup: {0}")]
    PoolSetup(#[from] diesel::r2d2::Error),
    #[error("database: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("database migrations: {0}")]
    Migration(String),
}

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

/// Builds a pool for `url`. SQLite files are created if they do not exist.
pub fn pool(url: &DatabaseUrl, max_size: u32) -> Result<DbPool, DbError> {
    let manager = ConnectionManager::<DbConn>::new(url.connection_string());
    let builder = Pool::builder().max_size(max_size);
    let builder = match url {
        DatabaseUrl::Sqlite(_) => builder.connection_customizer(Box::new(SqlitePragmas)),
        DatabaseUrl::Postgres(_) => builder,
    };
    Ok(builder.build(manager)?)
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
    let message = err.to_string();
    message.contains("database is locked") || message.contains("database is busy")
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
