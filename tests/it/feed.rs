//! `/feed.atom` is valid Atom with the releases and the most recent missions.

use actix_web::http::StatusCode;
use observer_registry::model::release::Release;

use crate::harness::TestApp;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|n| n.has_tag_name((ATOM, name)))
}

#[actix_web::test]
async fn the_feed_is_atom_with_releases_and_recent_missions() {
    let app = TestApp::seeded().await;
    let page = app.get("/feed.atom").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .header("content-type")
        .starts_with("application/atom+xml"));
    let doc = roxmltree::Document::parse(&page.body).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "{:?}", feed.tag_name());
    for required in ["id", "title", "updated", "author"] {
        assert!(child(feed, required).is_some(), "the feed has <{required}>");
    }
    let updated = child(feed, "updated").unwrap().text().unwrap();
    chrono::DateTime::parse_from_rfc3339(updated).expect("an RFC 3339 time");
    let self_link = feed
        .children()
        .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"))
        .expect("a self link");
    assert!(self_link.attribute("href").unwrap().ends_with("/feed.atom"));

    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    for entry in &entries {
        for required in ["id", "title", "updated", "link"] {
            let node =
                child(*entry, required).unwrap_or_else(|| panic!("<{required}> in {entry:?}"));
            if required != "link" {
                assert!(!node.text().unwrap_or_default().trim().is_empty());
            }
        }
        chrono::DateTime::parse_from_rfc3339(child(*entry, "updated").unwrap().text().unwrap())
            .expect("an RFC 3339 time");
        assert!(
            ids.insert(child(*entry, "id").unwrap().text().unwrap().to_owned()),
            "unique ids"
        );
    }
    let release_count = Release::all(&mut app.conn()).unwrap().len();
    let release_entries = ids
        .iter()
        .filter(|id| id.contains("/downloads/releases#release-"))
        .count();
    assert_eq!(release_entries, release_count.min(20));

    // The missions are those the home page lists as the most recent.
    let home = app.get("/").await;
    let recent: std::collections::BTreeSet<String> = home
        .links(".recent a[href^='/missions/']")
        .into_iter()
        .collect();
    let in_feed: std::collections::BTreeSet<String> = ids
        .iter()
        .filter_map(|id| id.find("/missions/").map(|at| id[at..].to_owned()))
        .collect();
    assert!(!recent.is_empty());
    assert!(recent.is_subset(&in_feed), "{recent:?} ⊄ {in_feed:?}");
}

#[actix_web::test]
async fn the_feed_speaks_the_readers_language() {
    let app = TestApp::seeded().await;
    let page = app
        .get_with("/feed.atom", &[("Accept-Language", "ru")])
        .await;
    let doc = roxmltree::Document::parse(&page.body).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("ru")
    );
    assert!(child(feed, "title")
        .unwrap()
        .text()
        .unwrap()
        .starts_with("Реестр наблюдателей"));
    assert!(page.header("vary").contains("Accept-Language"));
}
