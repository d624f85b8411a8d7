//! Domain types and their queries, one file per entity. Nothing here knows about HTTP.

pub mod account;
pub mod change;
pub mod country;
pub mod derived;
pub mod edit;
pub mod election;
pub mod examples;
pub mod find;
pub mod individual;
pub mod mission;
pub mod organization;
pub mod participation;
pub mod pending_import;
pub mod profile;
pub mod reconcile;
pub mod release;
pub mod sanction;
pub mod search;
pub mod source;
pub mod stats;
pub mod submission;
pub mod text;
pub mod throttle;
pub mod vet;

pub use crate::domain::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, SubjectType,
    Verdict,
};

pub use crate::db::Backend;

/// Which slice of a long list to show. Pages count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: i64,
    pub per_page: i64,
}

impl PageRequest {
    pub fn new(page: i64, per_page: i64) -> Self {
        PageRequest {
            page: page.max(1),
            per_page: per_page.max(1),
        }
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

/// One page of a list, with what the page links need.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub request: PageRequest,
}

impl<T> Page<T> {
    pub fn number(&self) -> i64 {
        self.request.page
    }

    pub fn last_page(&self) -> i64 {
        ((self.total + self.request.per_page - 1) / self.request.per_page).max(1)
    }

    pub fn has_previous(&self) -> bool {
        self.request.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.request.page < self.last_page()
    }

    /// Whether the request asked for a page past the end of a non-empty list.
    pub fn is_past_end(&self) -> bool {
        self.items.is_empty() && self.request.page > 1
    }

    /// The 1-based position of the first row shown.
    pub fn first_row(&self) -> i64 {
        if self.items.is_empty() {
            0
        } else {
            self.request.offset() + 1
        }
    }

    pub fn last_row(&self) -> i64 {
        self.request.offset() + self.items.len() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(total: i64, page: i64, shown: usize) -> Page<u8> {
        Page {
            items: vec![0; shown],
            total,
            request: PageRequest::new(page, 25),
        }
    }

    #[test]
    fn pages_count_from_one() {
        assert_eq!(page(0, 1, 0).last_page(), 1);
        assert_eq!(page(25, 1, 25).last_page(), 1);
        assert_eq!(page(26, 1, 25).last_page(), 2);
        assert!(page(26, 1, 25).has_next());
        assert!(!page(26, 2, 1).has_next());
        assert!(page(26, 2, 1).has_previous());
        assert_eq!(page(26, 2, 1).first_row(), 26);
        assert_eq!(page(26, 2, 1).last_row(), 26);
        assert!(page(26, 3, 0).is_past_end());
        assert!(!page(0, 1, 0).is_past_end());
    }
}
