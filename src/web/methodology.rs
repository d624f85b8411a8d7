//! `/methodology`: the rules and thresholds, rendered from the very struct the code applies.

use actix_web::HttpResponse;
use askama::Template;

use super::error::AppError;
use super::html;
use super::i18n::L10n;
use crate::credibility::{FlagKind, Methodology, Rating, METHODOLOGY};
use crate::model::Verdict;

#[derive(Template)]
#[template(path = "home/methodology.html")]
struct MethodologyPage<'a> {
    methodology: &'a Methodology,
    verdicts: Vec<Verdict>,
    ratings: Vec<Rating>,
    l: L10n,
}

pub async fn show(l: L10n) -> Result<HttpResponse, AppError> {
    html(MethodologyPage {
        methodology: &METHODOLOGY,
        verdicts: Verdict::all().collect(),
        ratings: Rating::all().collect(),
        l,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credibility::{Condition, RatingRule};

    fn render(methodology: &Methodology) -> String {
        MethodologyPage {
            methodology,
            verdicts: Verdict::all().collect(),
            ratings: Rating::all().collect(),
            l: L10n::english(),
        }
        .render()
        .unwrap()
    }

    #[test]
    fn the_page_follows_the_methodology_it_is_given() {
        let page = render(&METHODOLOGY);
        assert!(
            page.contains("A divergence of <strong>2 or more</strong>"),
            "{page}"
        );
        assert!(page.contains("above 2.5 reads as “Positive”"), "{page}");

        const RULES: &[RatingRule] = &[
            RatingRule {
                rating: Rating::LowQuality,
                when: &[Condition::AnyFlag(&[FlagKind::NoDop])],
            },
            RatingRule {
                rating: Rating::Credible,
                when: &[Condition::Otherwise],
            },
        ];
        let changed = Methodology {
            contradiction_divergence: 1.5,
            consensus_readings: &[(2.0, Verdict::Positive)],
            rating_rules: RULES,
            ..METHODOLOGY
        };
        let page = render(&changed);
        assert!(
            page.contains("A divergence of <strong>1.5 or more</strong>"),
            "{page}"
        );
        assert!(
            page.contains("above 2 reads as “Positive”;")
                && page.contains("anything lower reads as “Fraudulent”"),
            "{page}"
        );
        assert!(!page.contains("above 1.5 reads as"), "{page}");
        let rules = page
            .split("<ol class=\"rules\">")
            .nth(1)
            .and_then(|rest| rest.split("</ol>").next())
            .unwrap();
        assert_eq!(rules.matches("<li>").count(), 2, "{rules}");
        assert!(rules.contains("it has the flag “"), "{rules}");
    }
}
