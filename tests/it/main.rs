//! Integration tests: each starts the application on a fresh database and acts as a user would.

#![allow(clippy::unwrap_used, clippy::pedantic, clippy::type_complexity)]

mod accounts;
mod api;
mod api_match;
mod backends;
mod bad_input;
mod charts;
mod citations;
mod cli;
mod credibility;
mod curation_edit;
mod curation_public;
mod downloads;
mod feed;
mod fuzz_regressions;
mod harness;
mod import;
mod languages;
mod pages;
mod releases;
mod search;
mod seed;
mod solid_ground;
mod vet;
mod vocabularies;
