//! The `observer-registry` command: serve the site (the default), import or export CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use observer_registry::config::Config;
use observer_registry::csv::import::{import_dir, ImportError, ImportMode};
use observer_registry::db;

#[derive(Parser)]
#[command(
    name = "observer-registry",
    version,
    about = "Observer Registry: who observed the election, and can you trust them?"
)]
struct Cli {
    /// The database: a SQLite file path (or sqlite://path), or a postgres:// URL.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (what runs with no subcommand).
    Serve(ServeArgs),
    /// Validate and import the CSV contract files found in DIR, all or nothing.
    Import {
        dir: PathBuf,
        /// Validate and report what would change, but write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write every CSV contract file, and datapackage.json, into DIR.
    Export { dir: PathBuf },
    /// Copy a SQLite registry to FILE, consistently, while it serves (for PostgreSQL, pg_dump).
    Backup { file: PathBuf },
}

#[derive(clap::Args, Default)]
struct ServeArgs {
    /// The address to listen on (default 127.0.0.1:8080).
    #[arg(long, env = "BIND")]
    bind: Option<String>,
    /// The port to listen on at 127.0.0.1, when --bind is not given.
    #[arg(long, env = "PORT")]
    port: Option<String>,
    /// A PostgreSQL read replica for page reads.
    #[arg(long, env = "DATABASE_REPLICA_URL")]
    replica_url: Option<String>,
    /// A folder whose CSV files seed a new, empty database (default: the data set built in).
    #[arg(long, env = "SEED_DIR")]
    seed_dir: Option<PathBuf>,
    /// Database connections per pool.
    #[arg(long, env = "POOL_SIZE", default_value_t = 8)]
    pool_size: u32,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = Cli::parse();
    match cli.command {
        None => serve(cli.database_url.as_deref(), default_serve_args()),
        Some(Command::Serve(args)) => serve(cli.database_url.as_deref(), args),
        Some(Command::Import { dir, dry_run }) => {
            import(cli.database_url.as_deref(), &dir, dry_run)
        }
        Some(Command::Export { dir }) => export(cli.database_url.as_deref(), &dir),
        Some(Command::Backup { file }) => backup(cli.database_url.as_deref(), &file),
    }
}

/// The serve settings when no subcommand is given: those of a bare `serve`, so that the
/// environment (`BIND`, `PORT`, ...) still applies.
fn default_serve_args() -> ServeArgs {
    match Cli::parse_from(["observer-registry", "serve"]).command {
        Some(Command::Serve(args)) => args,
        _ => ServeArgs::default(),
    }
}

fn serve(database_url: Option<&str>, args: ServeArgs) -> ExitCode {
    let config = match Config::new(
        database_url,
        args.replica_url.as_deref(),
        args.bind.as_deref(),
        args.port.as_deref(),
        args.seed_dir,
        args.pool_size,
    ) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("observer-registry: {err}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = actix_web::rt::System::new().block_on(observer_registry::server::serve(config));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "observer-registry: {}",
                observer_registry::error_chain(&err)
            );
            ExitCode::FAILURE
        }
    }
}

/// Opens and migrates the database named by `database_url` for a command-line task.
fn open(database_url: Option<&str>) -> Result<db::PooledConn, String> {
    open_url(&database_url_or_default(database_url)?)
}

fn database_url_or_default(database_url: Option<&str>) -> Result<db::DatabaseUrl, String> {
    db::DatabaseUrl::parse(database_url.unwrap_or(observer_registry::config::DEFAULT_DATABASE))
        .map_err(|err| observer_registry::error_chain(&err))
}

fn open_url(url: &db::DatabaseUrl) -> Result<db::PooledConn, String> {
    let chain = |err: db::DbError| observer_registry::error_chain(&err);
    let pool = db::pool(url, 1).map_err(chain)?;
    let mut conn = pool.get().map_err(|err| chain(err.into()))?;
    db::migrate(&mut conn).map_err(chain)?;
    Ok(conn)
}

/// The database a dry run checks against. A SQLite file that does not exist yet is not created:
/// the dry run validates against an empty database in memory instead, since it writes nothing.
fn open_for_dry_run(database_url: Option<&str>) -> Result<db::PooledConn, String> {
    let url = database_url_or_default(database_url)?;
    match &url {
        db::DatabaseUrl::Sqlite(path) if !std::path::Path::new(path).exists() => {
            open_url(&db::DatabaseUrl::Sqlite(":memory:".to_owned()))
        }
        _ => open_url(&url),
    }
}

fn import(database_url: Option<&str>, dir: &std::path::Path, dry_run: bool) -> ExitCode {
    let opened = if dry_run {
        open_for_dry_run(database_url)
    } else {
        open(database_url)
    };
    let mut conn = match opened {
        Ok(conn) => conn,
        Err(err) => {
            eprintln!("observer-registry: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mode = if dry_run {
        ImportMode::DryRun
    } else {
        ImportMode::Apply
    };
    match import_dir(&mut conn, dir, mode) {
        Ok(report) => {
            let verb = if dry_run { "would insert" } else { "inserted" };
            let verb_updated = if dry_run { "would update" } else { "updated" };
            for file in &report.files {
                println!(
                    "{}: {verb} {}, {verb_updated} {}",
                    file.file, file.inserted, file.updated
                );
            }
            for name in &report.skipped {
                let why = match observer_registry::csv::ContractFile::from_file_name(name) {
                    Some(_) => "derived by the methodology; export only",
                    None => "not a file of the CSV contract",
                };
                println!("{name}: skipped ({why})");
            }
            if dry_run {
                println!("dry run: nothing was written");
            }
            ExitCode::SUCCESS
        }
        Err(ImportError::Invalid(problems)) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!("{} problem(s); nothing was imported", problems.len());
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!(
                "observer-registry: {}; nothing was imported",
                observer_registry::error_chain(&err)
            );
            ExitCode::FAILURE
        }
    }
}

fn export(database_url: Option<&str>, dir: &std::path::Path) -> ExitCode {
    let outcome = open(database_url).and_then(|mut conn| {
        observer_registry::csv::export::export_dir(&mut conn, dir)
            .map_err(|err| observer_registry::error_chain(&err))
    });
    match outcome {
        Ok(()) => {
            println!("exported the registry to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("observer-registry: {err}");
            ExitCode::FAILURE
        }
    }
}

fn backup(database_url: Option<&str>, file: &std::path::Path) -> ExitCode {
    let outcome = open(database_url).and_then(|mut conn| {
        db::backup(&mut conn, file).map_err(|err| observer_registry::error_chain(&err))
    });
    match outcome {
        Ok(()) => {
            println!("backed up the registry to {}", file.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("observer-registry: {err}");
            ExitCode::FAILURE
        }
    }
}
