//! Settings from command-line flags and the environment, read once at start-up and passed down.

use std::path::PathBuf;

use crate::db::{DatabaseUrl, DbError};
use crate::seed::SeedSource;

/// The default database: an embedded SQLite file in the current folder.
pub const DEFAULT_DATABASE: &str = "registry.db";
/// The default address the site listens on.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseUrl,
    /// A PostgreSQL read replica for page reads (optional).
    pub replica: Option<DatabaseUrl>,
    pub bind: String,
    /// What seeds an empty database: the built-in data set, or a folder.
    pub seed: SeedSource,
    /// Connections per pool.
    pub pool_size: u32,
    /// Whether cookies are marked `Secure` (the site is behind HTTPS).
    pub secure_cookies: bool,
}

impl Config {
    /// Builds the configuration from the raw settings (flags win over the environment).
    pub fn new(
        database_url: Option<&str>,
        replica_url: Option<&str>,
        bind: Option<&str>,
        port: Option<&str>,
        seed_dir: Option<PathBuf>,
        pool_size: u32,
    ) -> Result<Config, DbError> {
        let database = DatabaseUrl::parse(database_url.unwrap_or(DEFAULT_DATABASE))?;
        let replica = match replica_url.filter(|url| !url.trim().is_empty()) {
            None => None,
            Some(url) => {
                let replica = DatabaseUrl::parse(url)?;
                if !(replica.is_postgres() && database.is_postgres()) {
                    return Err(DbError::Config(
                        "DATABASE_REPLICA_URL needs PostgreSQL for both the primary and the replica"
                            .into(),
                    ));
                }
                Some(replica)
            }
        };
        let bind = match (bind, port) {
            (Some(bind), _) => bind.to_owned(),
            (None, Some(port)) => format!("127.0.0.1:{port}"),
            (None, None) => DEFAULT_BIND.to_owned(),
        };
        Ok(Config {
            database,
            replica,
            bind,
            seed: SeedSource::from_option(seed_dir),
            pool_size: pool_size.max(1),
            secure_cookies: false,
        })
    }

    /// The same settings, marking cookies `Secure` when `secure`.
    #[must_use]
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_no_configuration() {
        let config = Config::new(None, None, None, None, None, 8).unwrap();
        assert_eq!(config.database, DatabaseUrl::Sqlite("registry.db".into()));
        assert_eq!(config.bind, "127.0.0.1:8080");
        assert!(config.replica.is_none());
    }

    #[test]
    fn port_and_bind() {
        let config = Config::new(None, None, None, Some("9000"), None, 8).unwrap();
        assert_eq!(config.bind, "127.0.0.1:9000");
        let config = Config::new(None, None, Some("0.0.0.0:80"), Some("9000"), None, 8).unwrap();
        assert_eq!(config.bind, "0.0.0.0:80");
    }

    #[test]
    fn replicas_need_postgres() {
        assert!(Config::new(None, Some("postgres://r/db"), None, None, None, 8).is_err());
        let config = Config::new(
            Some("postgres://p/db"),
            Some("postgres://r/db"),
            None,
            None,
            None,
            8,
        )
        .unwrap();
        assert!(config.replica.is_some());
    }
}
