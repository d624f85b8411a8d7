//! Replies from the people and groups the registry names, and corrections suggested by anyone:
//! what they may send, the moderation queue, and the accepted replies a record's page shows.
//!
//! The submitter's contact is stored for the curators only: nothing here that a public page
//! reads ([`PublicReply`], the moderation change set) carries it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::change;
use super::election::{Election, ElectionInCountry};
use super::throttle::{self, SUBMISSIONS_PER_ADDRESS};
use super::{Page, PageRequest};
use crate::db::schema::{
    elections, individuals, missions, organizations, participations, sanctions, sources,
    submissions,
};
use crate::db::DbConn;
use crate::domain::{ChangeSetKind, RecordKind, SubjectType, SubmissionKind, SubmissionState};

/// The longest author name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest contact, in characters.
pub const MAX_CONTACT_CHARS: usize = 200;
/// The longest text of a reply or a correction, in characters (not bytes).
pub const MAX_BODY_CHARS: usize = 5_000;
/// The longest source URL of a correction, in characters.
pub const MAX_URL_CHARS: usize = 2_000;
/// Submissions per page of the moderation queue.
pub const QUEUE_PER_PAGE: i64 = 20;

/// The throttling bucket of the submissions sent from `address`.
fn address_bucket(address: &str) -> String {
    throttle::bucket("submit-address", address)
}

/// The record a submission is about, as the forms and the queue name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub kind: RecordKind,
    pub id: String,
    /// The record's own name: an organization's or a person's, a source's title, a sanction's
    /// description (shortened).
    pub name: Option<String>,
    /// The election the record is, or is about (a mission's, a participation's), for the pages
    /// to name in the reader's language.
    pub election: Option<ElectionInCountry>,
    /// The page that shows the record, on this site.
    pub href: String,
}

/// Whether the public may reply to records of `kind` (only organizations and people answer).
pub fn accepts_replies(kind: RecordKind) -> bool {
    matches!(kind, RecordKind::Organization | RecordKind::Individual)
}

/// The kinds of submission a record of `kind` may receive.
pub fn allows(kind: SubmissionKind, record: RecordKind) -> bool {
    match kind {
        SubmissionKind::Reply => accepts_replies(record),
        SubmissionKind::Correction => true,
    }
}

fn subject_page(kind: SubjectType, id: &str) -> String {
    match kind {
        SubjectType::Organization => format!("/organizations/{id}"),
        SubjectType::Individual => format!("/individuals/{id}"),
    }
}

/// The record of `kind` with `id`, if it exists, with its name and page.
pub fn subject(conn: &mut DbConn, kind: RecordKind, id: &str) -> QueryResult<Option<Subject>> {
    // (name, election id, page)
    let found: Option<(Option<String>, Option<String>, String)> = match kind {
        RecordKind::Organization => organizations::table
            .filter(organizations::id.eq(id))
            .select(organizations::name)
            .first::<String>(conn)
            .optional()?
            .map(|name| (Some(name), None, format!("/organizations/{id}"))),
        RecordKind::Individual => individuals::table
            .filter(individuals::id.eq(id))
            .select(individuals::name)
            .first::<String>(conn)
            .optional()?
            .map(|name| (Some(name), None, format!("/individuals/{id}"))),
        RecordKind::Election => elections::table
            .filter(elections::id.eq(id))
            .select(elections::id)
            .first::<String>(conn)
            .optional()?
            .map(|election| (None, Some(election), format!("/elections/{id}"))),
        RecordKind::Mission => missions::table
            .inner_join(organizations::table)
            .filter(missions::id.eq(id))
            .select((organizations::name, missions::election_id))
            .first::<(String, String)>(conn)
            .optional()?
            .map(|(organization, election)| {
                (
                    Some(organization),
                    Some(election),
                    format!("/missions/{id}"),
                )
            }),
        RecordKind::Participation => participations::table
            .inner_join(individuals::table)
            .filter(participations::id.eq(id))
            .select((
                individuals::name,
                participations::individual_id,
                participations::election_id,
            ))
            .first::<(String, String, String)>(conn)
            .optional()?
            .map(|(name, individual, election)| {
                (
                    Some(name),
                    Some(election),
                    format!("/individuals/{individual}#{id}"),
                )
            }),
        RecordKind::Source => sources::table
            .filter(sources::id.eq(id))
            .select((sources::title, sources::url))
            .first::<(Option<String>, String)>(conn)
            .optional()?
            // A source has no page of its own: its history stands for it.
            .map(|(title, url)| {
                (
                    Some(title.unwrap_or(url)),
                    None,
                    format!("/history/source/{id}"),
                )
            }),
        RecordKind::Sanction => sanctions::table
            .filter(sanctions::id.eq(id))
            .select((
                sanctions::subject_type,
                sanctions::subject_id,
                sanctions::description,
            ))
            .first::<(SubjectType, String, String)>(conn)
            .optional()?
            .map(|(subject_type, subject_id, description)| {
                (
                    Some(crate::csv::cells::shorten(&description)),
                    None,
                    subject_page(subject_type, &subject_id),
                )
            }),
    };
    let Some((name, election, href)) = found else {
        return Ok(None);
    };
    let election = match election {
        Some(election) => Election::find(conn, &election)?,
        None => None,
    };
    Ok(Some(Subject {
        kind,
        id: id.to_owned(),
        name,
        election,
        href,
    }))
}

/// A field of the submission form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    AuthorName,
    AuthorContact,
    Body,
    SourceUrl,
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    Required,
    TooLong {
        max: usize,
    },
    /// Control characters (other than line breaks and tabs in the text).
    ControlCharacters,
    /// Not an `http://` or `https://` address.
    NotHttpUrl,
}

/// One problem of a submitted form, shown next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub invalid: Invalid,
}

/// A submission as typed into the form (kept to show the form again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub author_name: String,
    pub author_contact: String,
    pub body: String,
    pub source_url: String,
}

/// A submission that passed validation, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission {
    pub kind: SubmissionKind,
    pub subject_type: RecordKind,
    pub subject_id: String,
    pub author_name: String,
    pub author_contact: String,
    pub body: String,
    pub source_url: Option<String>,
}

fn check_text(
    field: Field,
    value: &str,
    max: usize,
    multiline: bool,
    errors: &mut Vec<FieldError>,
) {
    let invalid = if value.is_empty() {
        Some(Invalid::Required)
    } else if value.chars().count() > max {
        Some(Invalid::TooLong { max })
    } else if value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        Some(Invalid::ControlCharacters)
    } else {
        None
    };
    if let Some(invalid) = invalid {
        errors.push(FieldError { field, invalid });
    }
}

impl Draft {
    /// Checks the draft of a `kind` submission about `subject`: every problem, or the submission.
    /// Values are trimmed; a correction needs an http(s) source URL (the importer's rule).
    pub fn validate(
        &self,
        kind: SubmissionKind,
        subject: &Subject,
    ) -> Result<NewSubmission, Vec<FieldError>> {
        let name = self.author_name.trim();
        let contact = self.author_contact.trim();
        let body = self.body.trim();
        let url = self.source_url.trim();
        let mut errors = Vec::new();
        check_text(Field::AuthorName, name, MAX_NAME_CHARS, false, &mut errors);
        check_text(
            Field::AuthorContact,
            contact,
            MAX_CONTACT_CHARS,
            false,
            &mut errors,
        );
        check_text(Field::Body, body, MAX_BODY_CHARS, true, &mut errors);
        let source_url = match kind {
            SubmissionKind::Reply => None,
            SubmissionKind::Correction => {
                let before = errors.len();
                check_text(Field::SourceUrl, url, MAX_URL_CHARS, false, &mut errors);
                if errors.len() == before && !crate::csv::cells::is_url(url) {
                    errors.push(FieldError {
                        field: Field::SourceUrl,
                        invalid: Invalid::NotHttpUrl,
                    });
                }
                Some(url.to_owned())
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewSubmission {
            kind,
            subject_type: subject.kind,
            subject_id: subject.id.clone(),
            author_name: name.to_owned(),
            author_contact: contact.to_owned(),
            body: body.to_owned(),
            source_url,
        })
    }
}

/// Whether `address` has sent as many submissions as it may for now.
pub fn throttled(conn: &mut DbConn, address: &str, now: NaiveDateTime) -> QueryResult<bool> {
    throttle::exceeded(conn, &address_bucket(address), SUBMISSIONS_PER_ADDRESS, now)
}

/// What [`submit`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// Stored as pending, with this id.
    Stored(i64),
    /// Not stored: `address` has sent too many submissions recently.
    Throttled,
}

/// Stores a submission from `address` as pending, unless the address is over its limit; the
/// submission counts against the address.
pub fn submit(
    conn: &mut DbConn,
    submission: &NewSubmission,
    address: &str,
    now: NaiveDateTime,
) -> QueryResult<Submitted> {
    conn.transaction(|conn| {
        if throttled(conn, address, now)? {
            return Ok(Submitted::Throttled);
        }
        throttle::record(conn, &address_bucket(address), now)?;
        let values = (
            submissions::kind.eq(submission.kind),
            submissions::subject_type.eq(submission.subject_type),
            submissions::subject_id.eq(&submission.subject_id),
            submissions::author_name.eq(&submission.author_name),
            submissions::author_contact.eq(&submission.author_contact),
            submissions::body.eq(&submission.body),
            submissions::source_url.eq(submission.source_url.as_deref()),
            submissions::state.eq(SubmissionState::Pending),
            submissions::submitted_at.eq(now),
        );
        let id = match conn {
            DbConn::Sqlite(c) => diesel::insert_into(submissions::table)
                .values(values)
                .returning(submissions::id)
                .get_result(c)?,
            DbConn::Pg(c) => diesel::insert_into(submissions::table)
                .values(values)
                .returning(submissions::id)
                .get_result(c)?,
        };
        Ok(Submitted::Stored(id))
    })
}

/// A stored submission, as the curators see it (with the contact).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct Submission {
    pub id: i64,
    pub kind: SubmissionKind,
    pub subject_type: RecordKind,
    pub subject_id: String,
    pub author_name: String,
    pub author_contact: String,
    pub body: String,
    pub source_url: Option<String>,
    pub state: SubmissionState,
    pub submitted_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
}

/// A submission in the queue, with the record it is about (none if the record is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub submission: Submission,
    pub subject: Option<Subject>,
}

/// The pending submissions, oldest first, one page at a time.
pub fn queue(conn: &mut DbConn, page: PageRequest) -> QueryResult<Page<Queued>> {
    let pending = || submissions::table.filter(submissions::state.eq(SubmissionState::Pending));
    let total: i64 = pending().count().get_result(conn)?;
    let rows: Vec<Submission> = pending()
        .order((submissions::submitted_at.asc(), submissions::id.asc()))
        .limit(page.per_page)
        .offset(page.offset())
        .select(Submission::as_select())
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    for submission in rows {
        let subject = subject(conn, submission.subject_type, &submission.subject_id)?;
        items.push(Queued {
            submission,
            subject,
        });
    }
    Ok(Page {
        items,
        total,
        request: page,
    })
}

/// One submission by id.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Submission>> {
    submissions::table
        .filter(submissions::id.eq(id))
        .select(Submission::as_select())
        .first(conn)
        .optional()
}

/// A curator's decision on a pending submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Reject,
}

impl Decision {
    /// The decision a form's `decision` field names (`accept` or `reject`).
    pub fn parse(code: &str) -> Option<Decision> {
        match code {
            "accept" => Some(Decision::Accept),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    fn state(self) -> SubmissionState {
        match self {
            Decision::Accept => SubmissionState::Accepted,
            Decision::Reject => SubmissionState::Rejected,
        }
    }
}

/// What [`decide`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// The decision is recorded, in this change set.
    Recorded {
        change_set: i64,
    },
    /// The submission was decided before (by someone else): nothing changed.
    AlreadyDecided,
    NotFound,
}

/// Records `curator`'s decision on pending submission `id`, with a moderation change set (so
/// the data version moves and the public pages are rendered anew). The change set names the
/// submission and its record, never the submitter's contact or text.
pub fn decide(
    conn: &mut DbConn,
    id: i64,
    decision: Decision,
    curator: &str,
    now: NaiveDateTime,
) -> QueryResult<Decided> {
    conn.transaction(|conn| {
        let Some(found) = find(conn, id)? else {
            return Ok(Decided::NotFound);
        };
        let state = decision.state();
        let changed = diesel::update(
            submissions::table
                .filter(submissions::id.eq(id))
                .filter(submissions::state.eq(SubmissionState::Pending)),
        )
        .set((
            submissions::state.eq(state),
            submissions::decided_at.eq(Some(now)),
            submissions::decided_by.eq(Some(curator)),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Ok(Decided::AlreadyDecided);
        }
        let summary = format!(
            "{} {} {id} on {} {}",
            state.code(),
            found.kind.code(),
            found.subject_type.code(),
            found.subject_id
        );
        let change_set = change::record_set(
            conn,
            curator,
            now,
            ChangeSetKind::Moderation,
            &summary,
            Vec::new(),
        )?;
        Ok(Decided::Recorded { change_set })
    })
}

/// An accepted reply as its record's page shows it: no contact.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = submissions)]
pub struct PublicReply {
    pub author_name: String,
    pub body: String,
    pub submitted_at: NaiveDateTime,
}

/// The accepted replies about a record, oldest first.
pub fn accepted_replies(
    conn: &mut DbConn,
    kind: RecordKind,
    id: &str,
) -> QueryResult<Vec<PublicReply>> {
    submissions::table
        .filter(submissions::kind.eq(SubmissionKind::Reply))
        .filter(submissions::subject_type.eq(kind))
        .filter(submissions::subject_id.eq(id))
        .filter(submissions::state.eq(SubmissionState::Accepted))
        .order((submissions::submitted_at.asc(), submissions::id.asc()))
        .select(PublicReply::as_select())
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject() -> Subject {
        Subject {
            kind: RecordKind::Organization,
            id: "afric".into(),
            name: Some("AFRIC".into()),
            election: None,
            href: "/organizations/afric".into(),
        }
    }

    fn draft(body: &str, url: &str) -> Draft {
        Draft {
            author_name: "Ann".into(),
            author_contact: "ann@example.org".into(),
            body: body.into(),
            source_url: url.into(),
        }
    }

    fn problems(result: Result<NewSubmission, Vec<FieldError>>) -> Vec<(Field, Invalid)> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.invalid))
            .collect()
    }

    #[test]
    fn the_body_is_counted_in_characters() {
        let cyrillic = "ж".repeat(MAX_BODY_CHARS);
        assert!(draft(&cyrillic, "")
            .validate(SubmissionKind::Reply, &subject())
            .is_ok());
        let over = "a".repeat(MAX_BODY_CHARS + 1);
        assert_eq!(
            problems(draft(&over, "").validate(SubmissionKind::Reply, &subject())),
            [(
                Field::Body,
                Invalid::TooLong {
                    max: MAX_BODY_CHARS
                }
            )]
        );
    }

    #[test]
    fn every_field_is_required_and_corrections_need_an_http_source() {
        let empty = Draft::default();
        assert_eq!(
            problems(empty.validate(SubmissionKind::Correction, &subject())),
            [
                (Field::AuthorName, Invalid::Required),
                (Field::AuthorContact, Invalid::Required),
                (Field::Body, Invalid::Required),
                (Field::SourceUrl, Invalid::Required),
            ]
        );
        for bad in ["javascript:alert(1)", "ftp://example.org", "https://"] {
            assert_eq!(
                problems(draft("text", bad).validate(SubmissionKind::Correction, &subject())),
                [(Field::SourceUrl, Invalid::NotHttpUrl)],
                "{bad}"
            );
        }
        let ok = draft("text", " https://example.org/a ")
            .validate(SubmissionKind::Correction, &subject())
            .unwrap();
        assert_eq!(ok.source_url.as_deref(), Some("https://example.org/a"));
        let reply = draft("text", "javascript:x")
            .validate(SubmissionKind::Reply, &subject())
            .unwrap();
        assert_eq!(reply.source_url, None, "a reply has no source");
    }

    #[test]
    fn control_characters_are_refused_but_the_text_keeps_its_lines() {
        assert!(draft("one\nline\ttwo", "")
            .validate(SubmissionKind::Reply, &subject())
            .is_ok());
        assert_eq!(
            problems(draft("nul\0", "").validate(SubmissionKind::Reply, &subject())),
            [(Field::Body, Invalid::ControlCharacters)]
        );
    }

    #[test]
    fn only_organizations_and_people_take_replies() {
        assert!(allows(SubmissionKind::Reply, RecordKind::Individual));
        assert!(!allows(SubmissionKind::Reply, RecordKind::Election));
        assert!(RecordKind::all().all(|kind| allows(SubmissionKind::Correction, kind)));
    }
}
