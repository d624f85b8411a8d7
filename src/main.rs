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
    /// Manage curators' accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Create an account. The password is read from standard input (its first line), never
    /// from the command line: `observer-registry user add alice --role curator < password.txt`.
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List the accounts.
    List,
    /// End every session of an account at once, on every instance of the site.
    Revoke { name: String },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    Curator,
    Admin,
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
    /// Mark the session and CSRF cookies `Secure` (set it when the site is served over HTTPS).
    #[arg(long, env = "SECURE_COOKIES")]
    secure_cookies: bool,
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
        Some(Command::User { action }) => user(cli.database_url.as_deref(), action),
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
        Ok(config) => config.with_secure_cookies(args.secure_cookies),
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

/// Reads the first line of standard input: a password, without its line ending.
fn read_password() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|err| format!("cannot read the password from standard input: {err}"))?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

fn user(database_url: Option<&str>, action: UserAction) -> ExitCode {
    use observer_registry::domain::AccountRole;
    use observer_registry::model::account;
    let now = chrono::Utc::now().naive_utc();
    let outcome = open(database_url).and_then(|mut conn| match action {
        UserAction::Add { name, role } => {
            let role = match role {
                RoleArg::Curator => AccountRole::Curator,
                RoleArg::Admin => AccountRole::Admin,
            };
            let password = read_password()?;
            account::add_user(&mut conn, &name, role, &password, now)
                .map(|user| format!("added {} ({})", user.name, user.role))
                .map_err(|err| err.to_string())
        }
        UserAction::List => account::all_users(&mut conn)
            .map(|users| {
                users
                    .iter()
                    .map(|user| format!("{}\t{}", user.name, user.role))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .map_err(|err| err.to_string()),
        UserAction::Revoke { name } => {
            let users = account::all_users(&mut conn).map_err(|err| err.to_string())?;
            let user = users
                .iter()
                .find(|user| user.name == name)
                .ok_or_else(|| format!("there is no user named {name}"))?;
            account::revoke_sessions(&mut conn, user.id, now)
                .map(|ended| format!("ended {ended} session(s) of {name}"))
                .map_err(|err| err.to_string())
        }
    });
    match outcome {
        Ok(message) => {
            if !message.is_empty() {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("observer-registry: {err}");
            ExitCode::FAILURE
        }
    }
}
