//! `POST /api/v1/match` and the reconciliation service.

/// The documented paths answered by `POST`, each with its contract test here.
pub const POSTS: &[&str] = &[];
