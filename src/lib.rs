//! Observer Registry: a public registry that tells credible election observers from low-quality ones.
//!
//! Data flows one way: request → `web` handler → `model` query → domain types → `credibility`
//! functions → template → HTML or CSV. Nothing below `web` knows about HTTP, and nothing in
//! `credibility` knows about the database.

pub mod config;
pub mod credibility;
pub mod csv;
pub mod db;
pub mod model;
pub mod seed;
pub mod server;
pub mod web;
