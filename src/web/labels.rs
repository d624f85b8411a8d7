//! How the domain's codes and values read on the pages: each maps to a message of the catalogues
//! in `templates/locales/` (see `i18n`), so that no word of the interface is written in Rust.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::error::Expected;
use super::i18n::L10n;
use crate::credibility::{Comparison, Condition, FlagKind, Rating, METHODOLOGY};
use crate::model::election::{Election, ElectionInCountry};
use crate::model::release::TableChange;
use crate::model::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, Verdict,
};

/// A value of a closed vocabulary, whose label is message `<prefix>-<code>` and whose meaning
/// (where it has one) is `<prefix>-<code>-meaning`.
pub trait Labelled {
    fn message_id(&self) -> String;
}

macro_rules! labelled {
    ($($name:ty => $prefix:literal,)*) => {$(
        impl Labelled for $name {
            fn message_id(&self) -> String {
                format!(concat!($prefix, "-{}"), self.code())
            }
        }
    )*};
}

// Templates pass values by reference, sometimes through several.
impl<T: Labelled + ?Sized> Labelled for &T {
    fn message_id(&self) -> String {
        (**self).message_id()
    }
}

/// A value a template hands over by value or through references.
pub trait Arg<T> {
    fn get(&self) -> T;
}

macro_rules! arg {
    ($($name:ty,)*) => {$(
        impl Arg<$name> for $name {
            fn get(&self) -> $name {
                *self
            }
        }
    )*};
}

arg! { NaiveDate, NaiveDateTime, f64, }

impl<T, A: Arg<T> + ?Sized> Arg<T> for &A {
    fn get(&self) -> T {
        (**self).get()
    }
}

labelled! {
    Verdict => "verdict",
    Rating => "rating",
    FlagKind => "flag",
    OrganizationKind => "organization-kind",
    ElectionKind => "election-kind",
    MissionKind => "mission-kind",
    Role => "role",
    SanctionKind => "sanction",
    Legitimacy => "legitimacy",
}

impl L10n {
    /// The short label of a vocabulary value ("Low quality").
    pub fn label(&self, value: impl Labelled) -> String {
        self.t(&value.message_id())
    }

    /// What a vocabulary value means, in a voter's words.
    pub fn meaning(&self, value: impl Labelled) -> String {
        self.t(&format!("{}-meaning", value.message_id()))
    }

    /// A flag as one plain sentence.
    pub fn sentence(&self, value: impl Labelled) -> String {
        self.t(&format!("{}-sentence", value.message_id()))
    }

    /// A date as pages show it: "11 October 2020", "11 октября 2020 г.", "11 octobre 2020".
    pub fn date(&self, date: impl Arg<NaiveDate>) -> String {
        let date = date.get();
        self.with(
            "date",
            &[
                ("day", &date.day()),
                ("month", &self.t(&format!("month-{}", date.month()))),
                ("year", &date.year()),
            ],
        )
    }

    /// An optional date, or an empty string.
    pub fn opt_date(&self, date: &Option<NaiveDate>) -> String {
        date.as_ref().map(|d| self.date(d)).unwrap_or_default()
    }

    /// A moment, to the minute, in UTC: "2 December 2026, 06:00 UTC".
    pub fn date_time(&self, at: impl Arg<NaiveDateTime>) -> String {
        let at = at.get();
        self.t2(
            "date-time",
            "date",
            self.date(at.date()),
            "time",
            at.format("%H:%M"),
        )
    }

    /// The kind of an election, with its round: "presidential election (round 2)".
    pub fn election_kind(&self, election: &Election) -> String {
        let kind = self.label(election.kind);
        match election.round {
            Some(round) => self.t2("election-kind-round", "kind", kind, "round", round),
            None => kind,
        }
    }

    /// "Tajikistan, presidential election, 11 October 2020" (with the round when there is one).
    pub fn election_title(&self, election: &ElectionInCountry) -> String {
        self.with(
            "election-title",
            &[
                ("country", &election.country_name),
                ("kind", &self.election_kind(&election.election)),
                ("date", &self.date(election.election.held_on)),
            ],
        )
    }

    /// What credible observers found, in words, or why there is nothing to compare.
    pub fn consensus(&self, comparison: &Comparison) -> String {
        match comparison.consensus() {
            Some(consensus) => self.label(METHODOLOGY.reading(consensus)),
            None => self.t("consensus-none"),
        }
    }

    /// A consensus score in words: the verdict it reads as.
    pub fn reading(&self, consensus: impl Arg<f64>) -> String {
        self.label(METHODOLOGY.reading(consensus.get()))
    }

    /// How a verdict compares with what credible observers found, in plain words.
    pub fn divergence(&self, comparison: &Comparison) -> String {
        self.t(match comparison {
            Comparison::Compared {
                contradiction: true,
                ..
            } => "divergence-contradicts",
            Comparison::Compared { divergence, .. } if *divergence > 0.0 => "divergence-kinder",
            Comparison::Compared { divergence, .. } if *divergence < 0.0 => "divergence-harsher",
            Comparison::Compared { .. } => "divergence-agrees",
            Comparison::NoVerdict { .. } => "divergence-no-verdict",
            Comparison::NoConsensus => "divergence-no-consensus",
        })
    }

    /// A rating rule's condition in words, for the methodology page.
    pub fn condition(&self, condition: &Condition) -> String {
        match condition {
            Condition::Designated => self.t("condition-designated"),
            Condition::AnyFlag(kinds) => {
                let names: Vec<String> = kinds
                    .iter()
                    .map(|kind| self.t1("quoted", "text", self.label(kind)))
                    .collect();
                let list = match names.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => {
                        self.t2("list-or", "first", rest.join(", "), "last", last)
                    }
                    None => String::new(),
                };
                self.t2("condition-any-flag", "count", kinds.len(), "flags", list)
            }
            Condition::ContradictedOnce => self.t("condition-contradicted-once"),
            Condition::NoComparableMission => self.t("condition-no-comparable-mission"),
            Condition::Otherwise => self.t("condition-otherwise"),
        }
    }

    /// What a query-string parameter should have been, for the bad-request page.
    pub fn expected(&self, expected: &Expected) -> String {
        match expected {
            Expected::Page { max } => self.t1("expected-page", "max", max),
            Expected::OneOf(codes) => self.t1("expected-one-of", "codes", codes.join(", ")),
            Expected::Country => self.t("expected-country"),
            Expected::Year => self.t("expected-year"),
            Expected::MaxChars(max) => self.t1("expected-max-chars", "max", max),
            Expected::NoControlCharacters => self.t("expected-no-control"),
            Expected::Id => self.t("expected-id"),
            Expected::QueryString => self.t("expected-query-string"),
            Expected::Other(text) => text.clone(),
        }
    }

    /// What a release changed in one table: "3 added, 1 changed, 0 removed (120 rows)".
    pub fn release_change(&self, change: &TableChange) -> String {
        self.with(
            "release-change",
            &[
                ("added", &change.added),
                ("changed", &change.changed),
                ("removed", &change.removed),
                ("rows", &change.rows),
            ],
        )
    }

    /// A share as a whole percentage: 0.5 → "50%" ("50 %" in French).
    pub fn percent(&self, share: impl Arg<f64>) -> String {
        self.t1("percent", "value", format!("{:.0}", share.get() * 100.0))
    }

    /// A consensus score, as "1" or "2.5" ("2,5" in French and Russian).
    pub fn score(&self, value: impl Arg<f64>) -> String {
        let text = score(value.get());
        if self.t("decimal-separator") == "," {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// A consensus score, as "1" or "2.5".
pub fn score(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;

    fn election(round: Option<i32>) -> ElectionInCountry {
        ElectionInCountry {
            election: Election {
                id: "tjk-2020-10-11-presidential".into(),
                country: "TJK".into(),
                held_on: NaiveDate::from_ymd_opt(2020, 10, 11).unwrap(),
                kind: ElectionKind::Presidential,
                round,
                legitimacy: Legitimacy::Recognized,
                notes: None,
            },
            country_name: "Tajikistan".into(),
        }
    }

    #[test]
    fn election_titles() {
        let titles: Vec<String> = Lang::ALL
            .into_iter()
            .map(|lang| L10n::new(lang, "/", "").election_title(&election(None)))
            .collect();
        assert_eq!(
            titles,
            [
                "Tajikistan, presidential election, 11 October 2020",
                "Tajikistan, президентские выборы, 11 октября 2020 г.",
                "Tajikistan, élection présidentielle, 11 octobre 2020",
            ]
        );
        let second = L10n::new(Lang::Fr, "/", "").election_title(&election(Some(2)));
        assert_eq!(
            second,
            "Tajikistan, élection présidentielle (2e tour), 11 octobre 2020"
        );
    }

    #[test]
    fn the_first_of_the_month_in_french() {
        let l = L10n::new(Lang::Fr, "/", "");
        assert_eq!(
            l.date(NaiveDate::from_ymd_opt(2021, 3, 1).unwrap()),
            "1er mars 2021"
        );
    }

    #[test]
    fn every_vocabulary_value_has_a_label_in_every_language() {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(
            Verdict::all().flat_map(|v| [v.message_id(), format!("{}-meaning", v.message_id())]),
        );
        ids.extend(
            Rating::all().flat_map(|v| [v.message_id(), format!("{}-meaning", v.message_id())]),
        );
        ids.extend(
            FlagKind::all().flat_map(|v| [v.message_id(), format!("{}-sentence", v.message_id())]),
        );
        ids.extend(OrganizationKind::all().map(|v| v.message_id()));
        ids.extend(ElectionKind::all().map(|v| v.message_id()));
        ids.extend(MissionKind::all().map(|v| v.message_id()));
        ids.extend(Role::all().map(|v| v.message_id()));
        ids.extend(SanctionKind::all().map(|v| v.message_id()));
        ids.extend(Legitimacy::all().map(|v| v.message_id()));
        for lang in Lang::ALL {
            let known = crate::web::i18n::message_ids(lang);
            let missing: Vec<&String> = ids.iter().filter(|id| !known.contains(*id)).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
        }
    }
}
