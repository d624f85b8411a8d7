//! Start-up: open the database, migrate it, seed it when new, and serve the site.

use actix_web::HttpServer;

use diesel::Connection;

use crate::config::Config;
use crate::credibility::METHODOLOGY;
use crate::db::{self, Db, DbError};
use crate::model::derived;
use crate::seed;
use crate::web::{self, AppState};

/// Why the site could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("loading the seed data from {dir}: {message}")]
    Seed { dir: String, message: String },
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        bind: String,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
    #[error("making the data release: {0}")]
    Release(#[from] crate::csv::export::ExportError),
}

/// Opens the pools, runs pending migrations and seeds an empty database.
pub fn prepare(config: &Config) -> Result<Db, StartError> {
    let primary = db::pool(&config.database, config.pool_size)?;
    {
        let mut conn = primary.get().map_err(DbError::from)?;
        db::migrate(&mut conn)?;
        match seed::seed_if_empty(&mut conn, &config.seed) {
            Ok(Some(report)) => log::info!(
                "seeded the new database from {}: {} records",
                config.seed.describe(),
                report.inserted()
            ),
            Ok(None) => {
                if !derived::is_current(&mut conn, &METHODOLOGY).map_err(DbError::from)? {
                    log::info!(
                        "recomputing ratings and flags with methodology version {}",
                        METHODOLOGY.version
                    );
                    conn.transaction(|conn| derived::refresh(conn, &METHODOLOGY))
                        .map_err(DbError::from)?;
                }
                if crate::model::search::backfill_if_empty(&mut conn).map_err(DbError::from)? {
                    log::info!("wrote the search keys of every record");
                }
                // A database from before releases, or recomputed by a new methodology.
                crate::csv::archive::record_at_start(&mut conn)?;
            }
            Err(err) => {
                let message = match err {
                    crate::csv::import::ImportError::Invalid(problems) => problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    other => crate::error_chain(&other),
                };
                return Err(StartError::Seed {
                    dir: config.seed.describe(),
                    message,
                });
            }
        }
    }
    let replica = match &config.replica {
        Some(url) => Some(db::pool(url, config.pool_size)?),
        None => None,
    };
    Ok(Db::new(primary, replica))
}

/// Serves the site until the process is stopped.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let db = {
        let config = config.clone();
        actix_web::web::block(move || prepare(&config))
            .await
            .map_err(|err| StartError::Io(std::io::Error::other(err.to_string())))??
    };
    let state = AppState::new(db).with_secure_cookies(config.secure_cookies);
    let server = HttpServer::new(move || web::app(state.clone()))
        .bind(&config.bind)
        .map_err(|source| StartError::Bind {
            bind: config.bind.clone(),
            source,
        })?;
    for addr in server.addrs() {
        println!("Observer Registry is serving http://{addr}/");
    }
    server.run().await?;
    Ok(())
}
