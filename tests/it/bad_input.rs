//! Bad input gets a clear 400 or 404 page, never a 500.

use actix_web::http::StatusCode;

use crate::harness::TestApp;

#[actix_web::test]
async fn unknown_ids_give_a_real_404_page() {
    let app = TestApp::seeded().await;
    for (path, kind) in [
        ("/organizations/no-such-group", "organization"),
        ("/elections/xyz-2020-01-01-presidential", "election"),
        ("/missions/nope", "mission"),
        ("/individuals/nobody", "individual"),
        ("/countries/ZZZ", "country"),
        ("/countries/toolong", "country"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(page.text("h1"), "Not found");
        assert!(
            page.text("article")
                .contains(&format!("There is no {kind}")),
            "{path}"
        );
        assert!(page.title().starts_with("Not found"));
    }
    let page = app.get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.text("h1"), "Page not found");
    assert!(page.text("article").contains("/no/such/page"));
}

#[actix_web::test]
async fn bad_query_parameters_give_a_400_that_names_them() {
    let app = TestApp::seeded().await;
    for (path, name, value) in [
        ("/organizations?page=-1", "page", "-1"),
        ("/organizations?page=abc", "page", "abc"),
        ("/organizations?page=0", "page", "0"),
        (
            "/organizations?page=99999999999999999999999",
            "page",
            "99999999999999999999999",
        ),
        ("/organizations?kind=zombie", "kind", "zombie"),
        ("/organizations?sort=rating", "sort", "rating"),
        ("/organizations?country=12", "country", "12"),
        ("/elections?year=zzz", "year", "zzz"),
        ("/elections?year=20200", "year", "20200"),
        ("/elections?kind=coup", "kind", "coup"),
        ("/individuals?page=1.5", "page", "1.5"),
        ("/organizations/sco?page=x", "page", "x"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(page.text("h1"), "Bad request");
        let problems = page.texts("article li");
        assert_eq!(problems.len(), 1, "{path}: {problems:?}");
        assert!(problems[0].starts_with(name), "{path}: {problems:?}");
        assert!(problems[0].contains(value), "{path}: {problems:?}");
        assert!(problems[0].contains("must be"), "{path}: {problems:?}");
    }
    let page = app.get("/elections?year=zzz&kind=coup&page=-3").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.texts("article li").len(), 3, "every problem is named");
    let page = app.get("/organizations?kind=zombie").await;
    assert!(
        page.text("article li").contains("intergovernmental"),
        "the allowed values are listed"
    );
}

#[actix_web::test]
async fn markup_in_input_is_escaped() {
    let app = TestApp::seeded().await;
    let page = app
        .get("/organizations?q=%3Cscript%3Ealert(1)%3C/script%3E")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert(1)</script>"));
    let page = app.get("/organizations/%3Cb%3Ex").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("<b>x"));
}

#[actix_web::test]
async fn a_page_past_the_end_says_so() {
    let app = TestApp::seeded().await;
    let page = app.get("/organizations?page=500").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text(".empty").contains("There are only"));
    assert!(page
        .links(".empty a")
        .contains(&"/organizations".to_owned()));
}
