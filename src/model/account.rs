//! Curators' accounts and their sessions.
//!
//! Passwords are stored as argon2id hashes. A session is a random token the browser keeps in a
//! cookie; the database holds only the token's SHA-256, with the times that make it expire (idle
//! and absolute) and the time an admin or a sign-out revoked it. Every instance of the site reads
//! sessions from the database, so a revocation takes effect everywhere at once.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::throttle::{self, LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS};
use crate::db::schema::{sessions, users};
use crate::db::DbConn;
use crate::domain::AccountRole;

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// A session's last-seen time is written at most this often.
const TOUCH_EVERY: Duration = Duration::minutes(1);
/// The shortest password `user add` accepts.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A curator or admin.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: AccountRole,
}

impl User {
    pub fn is_admin(&self) -> bool {
        self.role == AccountRole::Admin
    }
}

/// Why an account was not created.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("a user name is 1 to 64 letters, digits, dots, dashes or underscores")]
    BadName,
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    ShortPassword,
    #[error("there is already a user named {0}")]
    Taken(String),
    #[error("hashing the password failed: {0}")]
    Hash(String),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// Why a sign-in failed. Both an unknown name and a wrong password are `Invalid`, with the same
/// message and after the same work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginFailure {
    Invalid,
    Throttled,
}

fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// An argon2id hash (PHC string) of `password` with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| AccountError::Hash(err.to_string()))
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash no password matches, checked when the name is unknown so that the answer takes as
/// long as for a known name.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&token()).unwrap_or_default())
}

/// Creates an account.
pub fn add_user(
    conn: &mut DbConn,
    name: &str,
    role: AccountRole,
    password: &str,
    now: NaiveDateTime,
) -> Result<User, AccountError> {
    if !valid_name(name) {
        return Err(AccountError::BadName);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::ShortPassword);
    }
    let hash = hash_password(password)?;
    conn.transaction(|conn| {
        let taken: i64 = users::table
            .filter(users::name.eq(name))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(AccountError::Taken(name.to_owned()));
        }
        diesel::insert_into(users::table)
            .values((
                users::name.eq(name),
                users::role.eq(role),
                users::password_hash.eq(&hash),
                users::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(users::table
            .filter(users::name.eq(name))
            .select(User::as_select())
            .first(conn)?)
    })
}

/// Every account, by name.
pub fn all_users(conn: &mut DbConn) -> QueryResult<Vec<User>> {
    users::table
        .order(users::name.asc())
        .select(User::as_select())
        .load(conn)
}

/// Checks a sign-in from `address`: the account, then the password, with failures throttled per
/// account and per address (the counts live in the database, shared by every instance).
pub fn authenticate(
    conn: &mut DbConn,
    name: &str,
    password: &str,
    address: &str,
    now: NaiveDateTime,
) -> QueryResult<Result<User, LoginFailure>> {
    let account_bucket = throttle::bucket("login-account", name);
    let address_bucket = throttle::bucket("login-address", address);
    if throttle::exceeded(conn, &account_bucket, LOGIN_PER_ACCOUNT, now)?
        || throttle::exceeded(conn, &address_bucket, LOGIN_PER_ADDRESS, now)?
    {
        return Ok(Err(LoginFailure::Throttled));
    }
    let found: Option<(User, String)> = users::table
        .filter(users::name.eq(name))
        .select((User::as_select(), users::password_hash))
        .first(conn)
        .optional()?;
    let hash = found
        .as_ref()
        .map_or(decoy_hash(), |(_, hash)| hash.as_str());
    let verified = verify_password(hash, password);
    match found {
        Some((user, _)) if verified => {
            throttle::clear(conn, &account_bucket)?;
            Ok(Ok(user))
        }
        _ => {
            throttle::record(conn, &account_bucket, now)?;
            throttle::record(conn, &address_bucket, now)?;
            Ok(Err(LoginFailure::Invalid))
        }
    }
}

/// 32 random bytes from the operating system, as hex.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// The key a session is stored under: the SHA-256 of its token.
fn session_key(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Starts a session for `user` and returns its token (for the cookie; never stored).
pub fn start_session(conn: &mut DbConn, user: &User, now: NaiveDateTime) -> QueryResult<String> {
    let token = token();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(session_key(&token)),
            sessions::user_id.eq(user.id),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The user a session token signs in at `now`: none when the token is unknown, revoked, idle
/// too long or too old. An active session's last-seen time is brought up to date.
pub fn session_user(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<User>> {
    let key = session_key(token);
    let found: Option<(User, NaiveDateTime, NaiveDateTime, Option<NaiveDateTime>)> =
        sessions::table
            .inner_join(users::table)
            .filter(sessions::id.eq(&key))
            .select((
                User::as_select(),
                sessions::created_at,
                sessions::last_seen_at,
                sessions::revoked_at,
            ))
            .first(conn)
            .optional()?;
    let Some((user, created, seen, revoked)) = found else {
        return Ok(None);
    };
    if revoked.is_some() || now - seen > IDLE_TIMEOUT || now - created > ABSOLUTE_TIMEOUT {
        return Ok(None);
    }
    if now - seen > TOUCH_EVERY {
        diesel::update(sessions::table.filter(sessions::id.eq(&key)))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(user))
}

/// Ends the session of `token` (sign-out).
pub fn end_session(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.filter(sessions::id.eq(session_key(token))))
        .set(sessions::revoked_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// Ends every session of the user named `name`; returns how many were active.
pub fn revoke_sessions(conn: &mut DbConn, user_id: i64, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now))
    .execute(conn)
}

/// A user's sessions that have not ended, for the admin page: (user, started, last seen).
pub fn active_sessions(
    conn: &mut DbConn,
    now: NaiveDateTime,
) -> QueryResult<Vec<(User, NaiveDateTime, NaiveDateTime)>> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::last_seen_at.gt(now - IDLE_TIMEOUT))
        .filter(sessions::created_at.gt(now - ABSOLUTE_TIMEOUT))
        .order((users::name.asc(), sessions::created_at.desc()))
        .select((
            User::as_select(),
            sessions::created_at,
            sessions::last_seen_at,
        ))
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse batterY"));
        assert!(!verify_password("not a hash", "anything"));
        assert!(!verify_password(decoy_hash(), ""));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (token(), token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(session_key(&a), a);
        assert_eq!(session_key(&a), session_key(&a));
    }

    #[test]
    fn names() {
        assert!(valid_name("alice"));
        assert!(valid_name("a.b-c_d9"));
        assert!(!valid_name(""));
        assert!(!valid_name("a b"));
        assert!(!valid_name("<script>"));
        assert!(!valid_name(&"x".repeat(65)));
    }
}
