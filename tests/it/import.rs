//! The importer: the seed loads whole, and every kind of bad file is refused with a clear message
//! and leaves the database as it was.

use diesel::prelude::*;
use observer_registry::csv::import::{import_dir, ImportError, ImportMode, ImportReport};
use observer_registry::db::schema::{elections, missions, organizations, sources};

use crate::harness::{seed_dir, TestApp};

/// Writes `files` into a new folder and imports it.
fn import(
    app: &TestApp,
    files: &[(&str, &[u8])],
    mode: ImportMode,
) -> Result<ImportReport, ImportError> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    import_dir(&mut app.conn(), dir.path(), mode)
}

fn problems(result: Result<ImportReport, ImportError>) -> Vec<String> {
    match result {
        Err(ImportError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

fn counts(app: &TestApp) -> (i64, i64, i64, i64) {
    let conn = &mut app.conn();
    (
        sources::table.count().get_result(conn).unwrap(),
        organizations::table.count().get_result(conn).unwrap(),
        elections::table.count().get_result(conn).unwrap(),
        missions::table.count().get_result(conn).unwrap(),
    )
}

const COUNTRIES: &[u8] = b"iso3,name\nTJK,Tajikistan\n";
const SOURCES: &[u8] = b"id,url,title,publisher,published_on,archived_url\nsrc-1,https://example.org/statement,A statement,Example,2020-10-12,\n";
const ORGS: &[u8] = b"id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes\nobs,Observers,OBS,Obs One|\xd0\x9e\xd0\x91\xd0\xa1,intergovernmental,TJK,,,false,false,,,\n";
const ELECTIONS: &[u8] = b"id,country,held_on,kind,round,legitimacy,notes\ntjk-2020-10-11-presidential,TJK,2020-10-11,presidential,,recognized,\n";

fn base() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("countries.csv", COUNTRIES),
        ("sources.csv", SOURCES),
        ("organizations.csv", ORGS),
        ("elections.csv", ELECTIONS),
    ]
}

#[actix_web::test]
async fn the_seed_loads_whole_with_every_row_sourced() {
    let app = TestApp::seeded().await;
    let (sources, organizations, elections, missions) = counts(&app);
    let rows = |file: &str| {
        let mut reader = csv::Reader::from_path(seed_dir().join(file)).unwrap();
        reader.records().count() as i64
    };
    assert_eq!(sources, rows("sources.csv"));
    assert_eq!(organizations, rows("organizations.csv"));
    assert_eq!(elections, rows("elections.csv"));
    assert_eq!(missions, rows("missions.csv"));
}

#[actix_web::test]
async fn a_valid_batch_inserts_then_updates_by_id() {
    let app = TestApp::empty().await;
    let report = import(&app, &base(), ImportMode::Apply).unwrap();
    assert_eq!(report.inserted(), 4);
    assert_eq!(report.updated(), 0);
    let renamed: &[u8] = b"id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes\nobs,Observer Group,OBS,,private,,,,true,false,,https://example.org,\n";
    let report = import(&app, &[("organizations.csv", renamed)], ImportMode::Apply).unwrap();
    assert_eq!((report.inserted(), report.updated()), (0, 1));
    let (name, kind, hq): (String, String, Option<String>) = organizations::table
        .find("obs")
        .select((
            organizations::name,
            organizations::kind,
            organizations::hq_country,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        (name.as_str(), kind.as_str(), hq),
        ("Observer Group", "private", None)
    );
}

#[actix_web::test]
async fn a_dry_run_reports_and_writes_nothing() {
    let app = TestApp::empty().await;
    let report = import(&app, &base(), ImportMode::DryRun).unwrap();
    assert_eq!(report.inserted(), 4);
    assert_eq!(counts(&app), (0, 0, 0, 0));
}

#[actix_web::test]
async fn references_may_point_into_the_same_batch_or_the_database() {
    let app = TestApp::empty().await;
    import(&app, &base(), ImportMode::Apply).unwrap();
    let mission: &[u8] = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nobs-tjk-2020-10-11-presidential,obs,tjk-2020-10-11-presidential,short_term,16,,positive,\"open, free and legitimate\",src-1\n";
    let report = import(&app, &[("missions.csv", mission)], ImportMode::Apply).unwrap();
    assert_eq!(report.inserted(), 1);
    let participation: &[u8] = b"id,individual_id,mission_id,election_id,role,statement,statement_verdict,source_id\nann-tjk,ann,obs-tjk-2020-10-11-presidential,,head_of_mission,,,src-1\n";
    let people: &[u8] =
        b"id,name,name_original,country,affiliation,notes\nann,Ann Example,,TJK,,\n";
    import(
        &app,
        &[
            ("individuals.csv", people),
            ("participations.csv", participation),
        ],
        ImportMode::Apply,
    )
    .unwrap();
    let election: String = observer_registry::db::schema::participations::table
        .find("ann-tjk")
        .select(observer_registry::db::schema::participations::election_id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        election, "tjk-2020-10-11-presidential",
        "the election comes from the mission"
    );
}

#[actix_web::test]
async fn every_problem_is_reported_with_file_line_and_column_and_nothing_is_written() {
    let app = TestApp::empty().await;
    let bad_elections: &[u8] = b"id,country,held_on,kind,round,legitimacy,notes\nTJK 2020,TJK,11/10/2020,coup,0,legal,\nok-1,XXX,2020-01-01,presidential,,recognized,=HYPERLINK(\"x\")\n";
    let mut files = base();
    files[3] = ("elections.csv", bad_elections);
    let found = problems(import(&app, &files, ImportMode::Apply));
    assert_eq!(
        found,
        vec![
            "elections.csv:2: id: \"TJK 2020\" is not a valid id (lower-case letters, digits and single hyphens, at most 120 characters)",
            "elections.csv:2: held_on: \"11/10/2020\" is not a date (YYYY-MM-DD)",
            "elections.csv:2: kind: \"coup\" is not one of: presidential, parliamentary, general, referendum, local, other",
            "elections.csv:2: round: \"0\" is not a whole number of at least 1",
            "elections.csv:2: legitimacy: \"legal\" is not one of: recognized, sham",
            "elections.csv:3: notes: must not begin with \"=\" (a spreadsheet would run it as a formula)",
            "elections.csv:3: country: \"XXX\" is not in countries.csv nor already in the registry",
        ]
    );
    assert_eq!(counts(&app), (0, 0, 0, 0));
}

#[actix_web::test]
async fn dangling_references_and_duplicate_ids_are_refused() {
    let app = TestApp::empty().await;
    let missions: &[u8] = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nm-1,obs,tjk-2020-10-11-presidential,short_term,,,positive,,src-1\nm-1,ghost,tjk-1999-01-01-presidential,short_term,,,splendid,,nowhere\n";
    let mut files = base();
    files.push(("missions.csv", missions));
    let found = problems(import(&app, &files, ImportMode::Apply));
    assert_eq!(
        found,
        vec![
            "missions.csv:3: verdict: \"splendid\" is not one of: positive, positive_with_reservations, negative, fraudulent, none",
            "missions.csv:3: id: duplicate id \"m-1\" (first on line 2)",
            "missions.csv:3: organization_id: \"ghost\" is not in organizations.csv nor already in the registry",
            "missions.csv:3: election_id: \"tjk-1999-01-01-presidential\" is not in elections.csv nor already in the registry",
            "missions.csv:3: source_id: \"nowhere\" is not in sources.csv nor already in the registry",
        ]
    );
    assert_eq!(counts(&app), (0, 0, 0, 0));
}

#[actix_web::test]
async fn broken_files_are_refused_with_a_clear_message() {
    let app = TestApp::seeded().await;
    let before = counts(&app);
    let huge = format!(
        "id,url,title,publisher,published_on,archived_url\nbig,https://example.org,{},,,\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "countries.csv",
            b"code,name\nTJK,Tajikistan\n".to_vec(),
            "countries.csv:1: -: the header is \"code,name\"; expected \"iso3,name\"",
        ),
        (
            "countries.csv",
            Vec::new(),
            "countries.csv:1: -: the file is empty; expected the header: iso3,name",
        ),
        (
            "countries.csv",
            b"iso3,name\nTJK,Tajik\xffistan\n".to_vec(),
            "countries.csv:2: -: is not valid UTF-8 text (save the file as CSV UTF-8)",
        ),
        (
            "countries.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            "countries.csv:1: -: is not valid UTF-8 text (save the file as CSV UTF-8)",
        ),
        (
            "countries.csv",
            b"iso3,name\nTJK,\"Tajikistan\nUZB,Uzbekistan\n".to_vec(),
            "countries.csv:2: -: a quote opened on this line is never closed",
        ),
        (
            "countries.csv",
            b"iso3,name\nTJK,Tajikistan,extra\n".to_vec(),
            "countries.csv:2: -: has 3 cells; expected 2",
        ),
        (
            "sources.csv",
            huge.into_bytes(),
            "sources.csv:2: title: is longer than 10000 characters",
        ),
        ("countries.csv", b"{\"countries\": [\"TJK\"]}\n".to_vec(), "countries.csv:1: -: the header is \"{\"countries\": [\"TJK\"]}\"; expected \"iso3,name\""),
        ("countries.csv", b"TJK,Tajikistan\n".to_vec(), "countries.csv:1: -: the header is \"TJK,Tajikistan\"; expected \"iso3,name\""),
        ("countries.csv", b"iso3,name\nTJK,+992 Tajikistan\n".to_vec(), "countries.csv:2: name: must not begin with \"+\" (a spreadsheet would run it as a formula)"),
        ("countries.csv", b"iso3,name\nTJK,@Tajikistan\n".to_vec(), "countries.csv:2: name: must not begin with \"@\" (a spreadsheet would run it as a formula)"),
        ("countries.csv", b"iso3,name\nTJK,\"\tTajikistan\"\n".to_vec(), "countries.csv:2: name: must not begin with a tab (a spreadsheet would run it as a formula)"),
        ("countries.csv", b"iso3,name\nTJK,Tajikistan\nTJK,Tajik SSR\n".to_vec(), "countries.csv:3: iso3: duplicate id \"TJK\" (first on line 2)"),
        ("countries.csv", b"iso3,name\n".to_vec(), ""),
    ];
    for (name, bytes, expected) in cases {
        let result = import(&app, &[(name, &bytes)], ImportMode::Apply);
        if expected.is_empty() {
            let report = result.expect("a header-only file is a valid empty batch");
            assert_eq!(report.inserted(), 0);
            continue;
        }
        assert_eq!(problems(result), vec![expected.to_owned()], "{name}");
        assert_eq!(counts(&app), before, "nothing written for {expected}");
    }
    let empty_dir = tempfile::tempdir().unwrap();
    let found = problems(import_dir(
        &mut app.conn(),
        empty_dir.path(),
        ImportMode::Apply,
    ));
    assert_eq!(found.len(), 1);
    assert!(found[0].ends_with(
        "holds none of the contract files (countries.csv, sources.csv, organizations.csv, ...)"
    ));
}

#[actix_web::test]
async fn an_import_is_one_change_set_with_every_record_before_and_after() {
    use observer_registry::db::schema::{change_sets, changes};
    use observer_registry::domain::{ChangeAction, ChangeSetKind};
    use observer_registry::model::change;

    let app = TestApp::empty().await;
    import(&app, &base(), ImportMode::Apply).unwrap();
    let renamed: &[u8] = b"id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes\nobs,Observer Group,OBS,,private,,,,true,false,,https://example.org,\n";
    import(&app, &[("organizations.csv", renamed)], ImportMode::Apply).unwrap();
    // The same file again changes nothing and records nothing.
    let version = change::data_version(&mut app.conn()).unwrap();
    import(&app, &[("organizations.csv", renamed)], ImportMode::Apply).unwrap();
    assert_eq!(change::data_version(&mut app.conn()).unwrap(), version);

    let sets: Vec<(i64, String, ChangeSetKind, String)> = change_sets::table
        .order(change_sets::id.asc())
        .select((
            change_sets::id,
            change_sets::actor,
            change_sets::kind,
            change_sets::summary,
        ))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(sets.len(), 2, "{sets:?}");
    assert!(sets
        .iter()
        .all(|(_, actor, kind, _)| actor == "import" && *kind == ChangeSetKind::Import));
    assert_eq!(sets[1].3, "organizations: 0 inserted, 1 updated");
    let in_first: i64 = changes::table
        .filter(changes::change_set.eq(sets[0].0))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(in_first, 4, "one change per record inserted");

    let history = change::history(
        &mut app.conn(),
        "organizations",
        "obs",
        observer_registry::model::PageRequest::new(1, 10),
    )
    .unwrap();
    assert_eq!(history.total, 2);
    let (update, set) = &history.items[0];
    assert_eq!(update.action, ChangeAction::Update);
    assert_eq!(set.as_ref().unwrap().id, sets[1].0);
    let columns = observer_registry::csv::ContractFile::Organizations.columns();
    let differences = update.differences(columns);
    assert!(
        differences.contains(&(
            "kind".to_owned(),
            "intergovernmental".to_owned(),
            "private".to_owned()
        )),
        "{differences:?}"
    );
    assert_eq!(
        differences[0],
        (
            "name".to_owned(),
            "Observers".to_owned(),
            "Observer Group".to_owned()
        )
    );
    assert!(!differences.iter().any(|(column, _, _)| column == "id"));
    let (insert, _) = &history.items[1];
    assert_eq!(insert.action, ChangeAction::Insert);
    assert!(insert.before_value.is_none());
    assert_eq!(change::values(insert.after_value.as_deref())["id"], "obs");
}

#[actix_web::test]
async fn a_file_wrong_on_every_line_stops_at_the_problem_limit() {
    use observer_registry::csv::import::MAX_PROBLEMS;
    let app = TestApp::empty().await;
    let mut countries = b"iso3,name\n".to_vec();
    for _ in 0..(MAX_PROBLEMS * 3) {
        countries.extend_from_slice(b"tj,Tajikistan\n");
    }
    let found = problems(import(
        &app,
        &[("countries.csv", &countries)],
        ImportMode::Apply,
    ));
    assert_eq!(found.len(), MAX_PROBLEMS + 1, "{:?}", found.last());
    assert!(found[0].starts_with("countries.csv:2: iso3: \"tj\" is not an ISO 3166-1"));
    assert!(
        found[MAX_PROBLEMS - 1].starts_with(&format!("countries.csv:{}: iso3:", MAX_PROBLEMS + 1))
    );
    assert!(found[MAX_PROBLEMS].ends_with(&format!(
        "reading stopped after {MAX_PROBLEMS} problems; fix these and import again to see the rest"
    )));

    // Rows that cannot be read at all stop the reading at the limit too: this file goes on with
    // such rows far past the limit, and refuses to be read that far.
    struct Unreadable {
        rows: usize,
        pending: &'static [u8],
    }
    impl std::io::Read for Unreadable {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.pending.is_empty() {
                self.rows += 1;
                assert!(
                    self.rows < MAX_PROBLEMS * 20,
                    "read far past the problem limit"
                );
                self.pending = if self.rows == 1 {
                    b"iso3,name\n"
                } else {
                    b"TJK,Tajikistan,extra\n"
                };
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending = &self.pending[n..];
            Ok(n)
        }
    }
    let file = Unreadable {
        rows: 0,
        pending: b"",
    };
    let found = problems(observer_registry::csv::import::import_files(
        &mut app.conn(),
        "test",
        [("countries.csv".to_owned(), Ok(file))],
        ImportMode::Apply,
        &observer_registry::csv::import::Provenance::now(),
    ));
    assert_eq!(found.len(), MAX_PROBLEMS + 1, "{:?}", found.last());
    assert_eq!(
        found[MAX_PROBLEMS - 1],
        format!(
            "countries.csv:{}: -: has 3 cells; expected 2",
            MAX_PROBLEMS + 1
        )
    );
}

#[actix_web::test]
async fn files_are_read_in_the_order_their_references_need_whatever_the_order_given() {
    use observer_registry::csv::import::{import_files, Provenance};
    let app = TestApp::empty().await;
    let missions: &[u8] = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nm-1,obs,tjk-2020-10-11-presidential,short_term,,,positive,,src-1\n";
    let mut files = base();
    files.push(("missions.csv", missions));
    files.reverse();
    let report = import_files(
        &mut app.conn(),
        "upload",
        files
            .into_iter()
            .map(|(name, bytes)| (name.to_owned(), Ok::<_, String>(bytes))),
        ImportMode::Apply,
        &Provenance::now(),
    )
    .expect("the batch imports");
    let order: Vec<&str> = report.files.iter().map(|f| f.file.file_name()).collect();
    assert_eq!(
        order,
        [
            "countries.csv",
            "sources.csv",
            "organizations.csv",
            "elections.csv",
            "missions.csv"
        ]
    );
    assert_eq!(counts(&app), (1, 1, 1, 1));
}

#[actix_web::test]
async fn a_long_file_is_reported_on_the_right_lines_whatever_its_line_endings() {
    let app = TestApp::empty().await;
    for ending in ["\n", "\r\n"] {
        let mut countries = format!("iso3,name{ending}");
        for n in 0..17_000u32 {
            let letter = |k: u32| char::from(b'A' + u8::try_from(k % 26).unwrap());
            let code: String = [letter(n / 676), letter(n / 26), letter(n)]
                .into_iter()
                .collect();
            let name = if n == 15_000 {
                "\"Two\nlines\"".to_owned()
            } else {
                format!("Country {n}")
            };
            countries.push_str(&format!("{code},{name}{ending}"));
        }
        countries.push_str(&format!("AAA,Again{ending}TJK,Tajikistan,extra{ending}"));
        let found = problems(import(
            &app,
            &[("countries.csv", countries.as_bytes())],
            ImportMode::Apply,
        ));
        // The quoted cell on line 15,002 spans two lines: the rows after it are one line on.
        assert_eq!(
            found,
            vec![
                "countries.csv:17003: iso3: duplicate id \"AAA\" (first on line 2)".to_owned(),
                "countries.csv:17004: -: has 3 cells; expected 2".to_owned(),
            ],
            "{ending:?}"
        );
    }
}

#[actix_web::test]
async fn a_quote_never_closed_in_a_large_file_is_found_without_reading_the_rest_into_one_cell() {
    let app = TestApp::empty().await;
    let mut sources = b"id,url,title,publisher,published_on,archived_url\nsrc-1,https://example.org,\"Open quote,,,\n".to_vec();
    for n in 0..100_000 {
        sources
            .extend_from_slice(format!("src-{n}-x,https://example.org/{n},Title,,,\n").as_bytes());
    }
    let found = problems(import(
        &app,
        &[("sources.csv", &sources)],
        ImportMode::Apply,
    ));
    assert_eq!(
        found,
        vec!["sources.csv:2: -: a quote opened on this line is never closed"]
    );
    assert_eq!(counts(&app), (0, 0, 0, 0));
}

#[actix_web::test]
async fn a_bulk_import_keeps_every_index_whether_it_commits_or_rolls_back() {
    use observer_registry::csv::import::BULK_ROWS;
    use observer_registry::db::DbConn;
    let app = TestApp::empty().await;
    let indexes = |app: &TestApp| -> Vec<String> {
        let mut conn = app.conn();
        let sql = match &mut *conn {
            DbConn::Sqlite(_) => "SELECT name AS name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'missions' ORDER BY name",
            DbConn::Pg(_) => "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'missions' ORDER BY indexname",
        };
        #[derive(QueryableByName)]
        struct Name {
            #[diesel(sql_type = diesel::sql_types::Text)]
            name: String,
        }
        diesel::sql_query(sql)
            .load::<Name>(&mut *conn)
            .unwrap()
            .into_iter()
            .map(|n| n.name)
            .collect()
    };
    let before = indexes(&app);
    assert!(before.len() >= 3, "{before:?}");
    let rows = BULK_ROWS + 2_000;
    let mut elections = b"id,country,held_on,kind,round,legitimacy,notes\n".to_vec();
    let mut missions = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\n".to_vec();
    for n in 0..rows {
        let day =
            chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(n as u64);
        elections
            .extend_from_slice(format!("e-{n},TJK,{day},presidential,,recognized,\n").as_bytes());
        missions.extend_from_slice(
            format!("m-{n},obs,e-{n},short_term,,,positive,,src-1\n").as_bytes(),
        );
    }
    let mut files = base();
    files[3] = ("elections.csv", &elections);
    files.push(("missions.csv", &missions));
    let report = import(&app, &files, ImportMode::Apply).expect("the bulk import");
    assert_eq!(report.inserted(), 3 + 2 * rows);
    assert_eq!(indexes(&app), before, "the indexes are built again");
    let by_election: i64 = missions::table
        .filter(missions::election_id.eq("e-12345"))
        .count()
        .get_result(&mut *app.conn())
        .unwrap();
    assert_eq!(by_election, 1);
    if let DbConn::Pg(pg) = &mut *app.conn() {
        // Once committed, the import vacuums the tables it loaded in bulk, and the search keys;
        // the tables of small files are left to autovacuum.
        #[derive(QueryableByName)]
        struct Vacuumed {
            #[diesel(sql_type = diesel::sql_types::Text)]
            relname: String,
        }
        let vacuumed: Vec<String> = diesel::sql_query(
            "SELECT relname::text AS relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL ORDER BY relname",
        )
        .load::<Vacuumed>(pg)
        .unwrap()
        .into_iter()
        .map(|v| v.relname)
        .collect();
        assert_eq!(vacuumed, ["elections", "missions", "search_keys"]);
    }

    // A problem after the indexes were set aside: everything rolls back, the indexes too.
    let mut more = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\n".to_vec();
    for n in 0..rows {
        more.extend_from_slice(
            format!("n-{n},obs2,e-{n},long_term,,,negative,,src-1\n").as_bytes(),
        );
    }
    more.extend_from_slice(b"n-last,obs2,nowhere,long_term,,,negative,,src-1\n");
    let second_org: &[u8] = b"id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes\nobs2,Second Observers,,,intergovernmental,TJK,,,false,false,,,\n";
    let found = problems(import(
        &app,
        &[("organizations.csv", second_org), ("missions.csv", &more)],
        ImportMode::Apply,
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("\"nowhere\" is not in elections.csv"),
        "{found:?}"
    );
    assert_eq!(indexes(&app), before);
    assert_eq!(counts(&app).3, rows as i64);
}

#[actix_web::test]
async fn after_a_first_problem_the_checks_still_see_every_row_read_before_across_chunks() {
    // Nothing is written after the first problem (line 2 of elections.csv), so every later
    // check (of rows that name e-bad and m-cells, which have problems, too)
    // stands on what the import has read, chunks of rows before, not on the tables.
    let app = TestApp::empty().await;
    let n = 1_200;
    let mut elections = b"id,country,held_on,kind,round,legitimacy,notes\ne-bad,XXX,2000-01-01,presidential,,recognized,\n".to_vec();
    let mut missions = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nm-cells,obs,e-bad,short_term,many,,positive,,src-1\n".to_vec();
    let mut participations = b"id,individual_id,mission_id,election_id,role,statement,statement_verdict,source_id\np-cells,ann,m-cells,,observer,,,src-1\n".to_vec();
    for k in 1..n {
        let day = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(k);
        elections
            .extend_from_slice(format!("e-{k},TJK,{day},presidential,,recognized,\n").as_bytes());
        missions.extend_from_slice(
            format!("m-{k},obs,e-{k},short_term,,,positive,,src-1\n").as_bytes(),
        );
        participations.extend_from_slice(format!("p-{k},ann,m-{k},,observer,,,src-1\n").as_bytes());
    }
    // The same vote as e-3, the same (organization, election) as m-5, and a participation whose
    // election is not its mission's: each two chunks or more after what it clashes with.
    elections.extend_from_slice(b"e-again,TJK,1900-01-04,presidential,,recognized,\n");
    missions.extend_from_slice(b"m-again,obs,e-5,long_term,,,negative,,src-1\n");
    participations.extend_from_slice(b"p-elsewhere,ann,m-1150,e-7,observer,,,src-1\n");
    let people: &[u8] =
        b"id,name,name_original,country,affiliation,notes\nann,Ann Example,,TJK,,\n";
    let mut files = base();
    files[3] = ("elections.csv", &elections);
    files.push(("missions.csv", &missions));
    files.push(("individuals.csv", people));
    files.push(("participations.csv", &participations));
    let found = problems(import(&app, &files, ImportMode::Apply));
    let (e, m, p) = (n + 2, n + 2, n + 2);
    assert_eq!(
        found,
        vec![
            "elections.csv:2: country: \"XXX\" is not in countries.csv nor already in the registry".to_owned(),
            format!("elections.csv:{e}: id: the same vote (country, held_on, kind, round) is already recorded as \"e-3\""),
            "missions.csv:2: observers: \"many\" is not a whole number of at least 0".to_owned(),
            format!("missions.csv:{m}: id: obs already has a mission at e-5: \"m-5\""),
            format!("participations.csv:{p}: election_id: \"e-7\" is not the election of mission \"m-1150\" (e-1150)"),
        ]
    );
    assert_eq!(counts(&app), (0, 0, 0, 0));
}

#[actix_web::test]
async fn the_rules_across_rows_hold_against_the_rows_already_in_the_registry() {
    let app = TestApp::empty().await;
    let mission: &[u8] = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nm-1,obs,tjk-2020-10-11-presidential,short_term,,,positive,,src-1\n";
    let mut files = base();
    files.push(("missions.csv", mission));
    import(&app, &files, ImportMode::Apply).unwrap();
    // The stored election and mission again, unchanged, clash with nothing.
    assert_eq!(
        import(&app, &files, ImportMode::Apply).unwrap().updated(),
        0
    );

    let elections: &[u8] = b"id,country,held_on,kind,round,legitimacy,notes\ntjk-2020-10-11-presidential,TJK,2020-10-11,presidential,,recognized,\ntjk-again,TJK,2020-10-11,presidential,,recognized,\ntjk-round-2,TJK,2020-10-11,presidential,2,recognized,\n";
    let missions: &[u8] = b"id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nm-2,obs,tjk-2020-10-11-presidential,long_term,,,negative,,src-1\nm-3,obs,tjk-round-2,long_term,,,negative,,src-1\n";
    let people: &[u8] =
        b"id,name,name_original,country,affiliation,notes\nann,Ann Example,,TJK,,\n";
    let participations: &[u8] = b"id,individual_id,mission_id,election_id,role,statement,statement_verdict,source_id\np-1,ann,m-1,tjk-round-2,observer,,,src-1\np-3,ann,m-3,tjk-round-2,observer,,,src-1\n";
    let found = problems(import(
        &app,
        &[
            ("elections.csv", elections),
            ("missions.csv", missions),
            ("individuals.csv", people),
            ("participations.csv", participations),
        ],
        ImportMode::DryRun,
    ));
    assert_eq!(
        found,
        vec![
            "elections.csv:3: id: the same vote (country, held_on, kind, round) is already recorded as \"tjk-2020-10-11-presidential\"",
            "missions.csv:2: id: obs already has a mission at tjk-2020-10-11-presidential: \"m-1\"",
            "participations.csv:2: election_id: \"tjk-round-2\" is not the election of mission \"m-1\" (tjk-2020-10-11-presidential)",
        ]
    );
    assert_eq!(counts(&app), (1, 1, 1, 1));
}
