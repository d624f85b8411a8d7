//! Integration tests: each starts the application on a fresh database and acts as a user would.

mod api;
mod api_match;
mod backends;
mod bad_input;
mod cli;
mod credibility;
mod downloads;
mod harness;
mod import;
mod pages;
mod releases;
mod search;
mod seed;
mod vet;
