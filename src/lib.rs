//! Observer Registry: a public registry that tells credible election observers from low-quality ones.
//!
//! Data flows one way: request → `web` handler → `model` query → domain types → `credibility`
//! functions → template → HTML or CSV. Nothing below `web` knows about HTTP, and nothing in
//! `credibility` knows about the database.

pub mod config;
pub mod credibility;
pub mod csv;
pub mod db;
pub mod domain;
#[doc(hidden)]
pub mod fuzzing;
pub mod matching;
pub mod model;
pub mod seed;
pub mod server;
pub mod web;

/// An error and every cause below it, joined by `: `, as logs and the command line print it.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(err) = cause {
        let message = err.to_string();
        if !text.ends_with(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        cause = err.source();
    }
    text
}
