//! The charts are inline SVG that parses as XML and holds the registry's numbers.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use observer_registry::db::schema::{
    election_consensus, elections, missions, organization_ratings,
};
use observer_registry::domain::{Rating, Verdict};

use crate::harness::TestApp;

/// The `<svg>` element of class `class` in a page, as its own document.
fn svg_of(body: &str, class: &str) -> String {
    let marker = format!("class=\"{class}\"");
    let at = body.find(&marker).expect("the chart is on the page");
    let start = body[..at].rfind("<svg").expect("an svg element");
    let end = body[start..].find("</svg>").expect("a closed svg element") + start + "</svg>".len();
    body[start..end].to_owned()
}

fn number(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} on {node:?}"))
}

#[actix_web::test]
async fn an_organization_chart_holds_each_verdict_and_what_credible_observers_found() {
    let app = TestApp::seeded().await;
    let page = app.get("/organizations/sco").await;
    let svg = svg_of(&page.body, "verdict-chart");
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root.children().any(|n| n.has_tag_name("title")));

    let expected: Vec<(String, NaiveDate, Verdict, Option<f64>)> = missions::table
        .inner_join(elections::table.left_join(election_consensus::table))
        .filter(missions::organization_id.eq("sco"))
        .order((elections::held_on.asc(), missions::id.asc()))
        .select((
            elections::id,
            elections::held_on,
            missions::verdict,
            election_consensus::consensus.nullable(),
        ))
        .load(&mut app.conn())
        .unwrap();
    let points: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-election").is_some())
        .collect();
    assert_eq!(points.len(), expected.len());
    let mut last_x = f64::MIN;
    for (point, (election, held_on, verdict, consensus)) in points.iter().zip(&expected) {
        assert_eq!(point.attribute("data-election"), Some(election.as_str()));
        assert_eq!(
            point.attribute("data-date"),
            Some(held_on.to_string().as_str())
        );
        assert_eq!(point.attribute("data-verdict"), Some(verdict.code()));
        assert_eq!(
            point
                .attribute("data-consensus")
                .map(|c| c.parse::<f64>().unwrap()),
            *consensus
        );
        let circle = point.children().find(|n| n.has_tag_name("circle"));
        let square = point.children().find(|n| n.has_tag_name("rect"));
        assert_eq!(circle.is_some(), verdict.score().is_some(), "{election}");
        assert_eq!(square.is_some(), consensus.is_some(), "{election}");
        let x = circle.or(square).map_or(last_x, |n| {
            number(n, if n.has_tag_name("circle") { "cx" } else { "x" })
        });
        assert!(x + 5.0 >= last_x, "points follow time: {election}");
        last_x = x;
    }
    // The SCO's praise of Tajikistan's 2020 parliamentary election, which credible observers
    // found flawed: a contradiction, its verdict drawn above what they found.
    let tajikistan = points
        .iter()
        .find(|p| p.attribute("data-election") == Some("tjk-2020-03-01-parliamentary"))
        .expect("the Tajikistan 2020 mission is on the chart");
    assert!(tajikistan
        .attribute("class")
        .unwrap()
        .contains("contradiction"));
    let circle = tajikistan
        .children()
        .find(|n| n.has_tag_name("circle"))
        .unwrap();
    let square = tajikistan
        .children()
        .find(|n| n.has_tag_name("rect"))
        .unwrap();
    assert!(number(circle, "cy") < number(square, "y"));
    let contradictions = points
        .iter()
        .filter(|p| p.attribute("class").unwrap().contains("contradiction"))
        .count();
    assert!(page
        .text("figcaption")
        .contains(&format!("{contradictions} contradict them")));
}

#[actix_web::test]
async fn the_trends_chart_counts_missions_per_year_by_rating() {
    let app = TestApp::seeded().await;
    let page = app.get("/trends").await;
    assert_eq!(page.status, actix_web::http::StatusCode::OK);
    let svg = svg_of(&page.body, "trends-chart");
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");

    let rows: Vec<(NaiveDate, Option<Rating>)> = missions::table
        .inner_join(elections::table)
        .left_join(
            organization_ratings::table
                .on(organization_ratings::organization_id.eq(missions::organization_id)),
        )
        .select((elections::held_on, organization_ratings::rating.nullable()))
        .load(&mut app.conn())
        .unwrap();
    let mut expected: BTreeMap<(i32, String), usize> = BTreeMap::new();
    for (held_on, rating) in rows.iter().filter(|(d, _)| d.year() >= 2000) {
        let code = rating.map_or("unrated", Rating::code).to_owned();
        *expected.entry((held_on.year(), code)).or_default() += 1;
    }
    let mut drawn: BTreeMap<(i32, String), usize> = BTreeMap::new();
    for bar in doc
        .descendants()
        .filter(|n| n.attribute("data-year").is_some())
    {
        let year: i32 = bar.attribute("data-year").unwrap().parse().unwrap();
        let mut total = 0;
        for segment in bar.children().filter(|n| n.has_tag_name("rect")) {
            let count = number(segment, "data-count") as usize;
            total += count;
            drawn.insert(
                (year, segment.attribute("data-rating").unwrap().to_owned()),
                count,
            );
        }
        assert_eq!(number(bar, "data-total") as usize, total, "{year}");
    }
    assert_eq!(drawn, expected);
    assert!(drawn.keys().any(|(_, rating)| rating == "low_quality"));
}

#[actix_web::test]
async fn the_busiest_organization_page_weighs_under_100_kb_with_its_stylesheet() {
    use observer_registry::web::i18n::Lang;
    let app = TestApp::seeded().await;
    let (busiest, missions): (String, i64) = missions::table
        .group_by(missions::organization_id)
        .select((missions::organization_id, diesel::dsl::count_star()))
        .order((
            diesel::dsl::count_star().desc(),
            missions::organization_id.asc(),
        ))
        .first(&mut app.conn())
        .unwrap();
    assert!(missions >= 50, "{busiest} has {missions} missions");
    let css_href = app.get("/").await.links("link[rel=stylesheet]").remove(0);
    let css = app.get(&css_href).await.bytes.len();
    for lang in Lang::ALL {
        let page = app
            .get(&format!("/organizations/{busiest}?lang={}", lang.code()))
            .await;
        let svg = svg_of(&page.body, "verdict-chart");
        let points = svg.matches("data-election=").count();
        assert_eq!(points as i64, missions, "the chart shows every mission");
        let weight = page.bytes.len() + css;
        assert!(
            weight < 100_000,
            "{busiest} [{}]: {weight} bytes",
            lang.code()
        );
    }
}
