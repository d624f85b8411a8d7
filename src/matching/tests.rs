//! Tables of names that must and must not match, the canonical rules one by one, and
//! properties of folding, keys and scores.

use super::*;
use proptest::prelude::*;

fn name(text: &str) -> Candidate<'_> {
    Candidate {
        text,
        is_alias: false,
    }
}

fn alias(text: &str) -> Candidate<'_> {
    Candidate {
        text,
        is_alias: true,
    }
}

include!("../../tests/data/name_pairs.rs");

#[test]
fn must_match_table() {
    assert!(MUST_MATCH.len() >= 60);
    let mut failures = Vec::new();
    for &(query, candidate, is_alias, code) in MUST_MATCH {
        let found = best_match(
            query,
            [Candidate {
                text: candidate,
                is_alias,
            }],
        );
        match found {
            Some(m) if m.reason.code() == code && (THRESHOLD..=1.0).contains(&m.score) => {}
            other => failures.push(format!("{query:?} / {candidate:?}: {other:?}, want {code}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn must_not_match_table() {
    assert!(MUST_NOT_MATCH.len() >= 20);
    let failures: Vec<String> = MUST_NOT_MATCH
        .iter()
        .filter_map(|&(query, candidate, why)| {
            best_match(query, [name(candidate)])
                .map(|m| format!("{query:?} / {candidate:?} ({why}): {m:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn record_with_several_names_reports_the_best() {
    let record = [
        name("Shanghai Cooperation Organisation"),
        name("Шанхайская организация сотрудничества"),
        name("SCO"),
        alias("ШОС"),
    ];
    let m = best_match("ШОС", record).unwrap();
    assert_eq!(
        m.reason,
        Reason::Alias {
            alias: "ШОС".into()
        }
    );
    assert_eq!(best_match("sco", record).unwrap().reason, Reason::Exact);
    let cis = [name("Commonwealth of Independent States"), name("CIS")];
    assert!(best_match("СНГ", cis).is_none());
    let cis = [
        name("Commonwealth of Independent States"),
        name("CIS"),
        alias("СНГ"),
    ];
    assert_eq!(best_match("СНГ", cis).unwrap().reason.code(), "alias");
}

#[test]
fn scores_fall_with_each_relaxation() {
    let score = |q: &str, c: &str| best_match(q, [name(c)]).map(|m| m.score).unwrap();
    let exact = score("Béla Kovács", "Béla Kovács");
    let translit = score("Bela Kovacs", "Béla Kovács");
    let reordered = score("Kovacs Bela", "Béla Kovács");
    let missing = score("Bela Kovacs", "Béla János Kovács");
    let typo = score("Bela Kovacks", "Béla Kovács");
    assert!((exact - 1.0).abs() < f64::EPSILON);
    assert!(exact > translit && translit > reordered && reordered > missing);
    assert!(translit > typo);
    // One of three words is a weaker hint than two of three.
    assert!(
        score("Vladimir Putin", "Vladimir Vladimirovich Putin")
            > score("Putin", "Vladimir Vladimirovich Putin")
    );
    // A prefix scores below the whole word.
    assert!(
        score("Shanghai Cooperation", "Shanghai Cooperation Organisation")
            > score("Shanghai Coop", "Shanghai Cooperation Organisation")
    );
}

#[test]
fn reason_codes_and_order() {
    let all = [
        (Reason::Exact, "exact"),
        (Reason::Alias { alias: "x".into() }, "alias"),
        (Reason::Transliterated, "transliterated"),
        (Reason::Reordered, "reordered"),
        (Reason::MissingNames, "missing_names"),
        (Reason::Spelling, "spelling"),
    ];
    for pair in all.windows(2) {
        assert!(pair[0].0 < pair[1].0);
    }
    for (reason, code) in all {
        assert_eq!(reason.code(), code);
    }
}

#[test]
fn fold_matches_model_text() {
    assert_eq!(fold("Société  Générale!"), "societe generale");
    assert_eq!(fold("OSCE/ODIHR"), "osce odihr");
    assert_eq!(fold("ШОС"), "shos");
    assert_eq!(fold("İsmet"), "ismet");
    assert_eq!(fold(""), "");
}

/// Each rule of the canonical table, one example per rule: `(word, canonical)`.
const RULE_EXAMPLES: &[(&str, &str)] = &[
    ("khodorkovskii", "hodorkovski"), // kh -> h
    ("shcherbakov", "scherbakov"),    // shch -> sch
    ("shherbakov", "scherbakov"),     // shh -> sch
    ("alexander", "aleksander"),      // x -> ks
    ("tzvetkov", "tsvetkov"),         // tz -> ts
    ("yevgeniy", "evgeni"),           // initial ye-, final -iy
    ("andreyev", "andreev"),          // inner ye
    ("yakovlev", "iakovlev"),         // ya -> ia
    ("jakovlev", "iakovlev"),         // ja -> ia
    ("yuri", "iuri"),                 // yu -> iu
    ("juri", "iuri"),                 // ju -> iu
    ("dmitrij", "dmitri"),            // final -j
    ("pjotr", "petr"),                // jo -> io, inner io -> e
    ("fyodor", "fedor"),              // yo -> io -> e
    ("iosif", "iosif"),               // initial io kept
    ("dmitry", "dmitri"),             // final -y
    ("sergey", "sergei"),             // -ey
    ("navalnyi", "navalni"),          // final -yi
    ("dmitrii", "dmitri"),            // final -ii
    ("nataliia", "natalia"),          // ii inside
    ("kovacs", "kovacs"),             // untouched
];

/// Whether some rewriting of `word` on the way to its canonical form contains `pattern` (a
/// rule like io -> e applies to what y -> i produced).
fn canonical_step_contains(word: &str, pattern: &str) -> bool {
    let mut w = word.to_owned();
    for &(p, r, _) in RULES {
        w = w.replace(p, r);
        if w.contains(pattern) {
            return true;
        }
    }
    false
}

#[test]
fn canonical_rules_one_by_one() {
    for &(word, want) in RULE_EXAMPLES {
        assert_eq!(canonical(word), want, "{word}");
    }
    // Every rule of the table has an example whose input contains its pattern.
    for &(pattern, _, _) in RULES {
        assert!(
            RULE_EXAMPLES
                .iter()
                .any(|(w, _)| w.contains(pattern) || canonical_step_contains(w, pattern)),
            "no example for {pattern}"
        );
    }
    let same = |words: &[&str]| {
        let first = canonical(words[0]);
        for w in words {
            assert_eq!(canonical(w), first, "{w}");
        }
    };
    same(&["yevgeniy", "evgeny", "evgenii", "yevgeny", "evgenij"]);
    same(&["yuriy", "yury", "iurii", "jurij", "yuri"]);
    same(&["nataliya", "natalia", "nataliia", "natalya"]);
    same(&["zhirinovskiy", "zhirinovsky", "zhirinovskii"]);
    same(&["sergey", "sergei", "sergej"]);
    assert_eq!(
        strsim::damerau_levenshtein(&canonical("aleksandr"), &canonical("alexander")),
        1
    );
}

#[test]
fn tokens_drop_apostrophes_and_canonicalise() {
    assert_eq!(tokens("Mal'kevich"), ["malkevich"]);
    assert_eq!(tokens("Малькевич"), ["malkevich"]);
    assert_eq!(tokens("O’Brien"), ["obrien"]);
    assert_eq!(tokens("Yevgeniy  Prigozhin"), ["evgeni", "prigozhin"]);
    assert_eq!(tokens("Евгений Пригожин"), ["evgeni", "prigozhin"]);
    assert!(tokens(" - ").is_empty());
}

#[test]
fn index_keys_shape() {
    assert_eq!(index_keys("Li"), ["t:li"]);
    assert_eq!(index_keys("Li Li"), ["t:li"]);
    let petrov = index_keys("Petrov");
    assert!(petrov.contains(&"t:petrov".to_owned()));
    assert!(petrov.contains(&"d:etrov".to_owned()));
    assert!(petrov.contains(&"d:petro".to_owned()));
    assert!(!petrov.iter().any(|k| k.len() == "d:".len() + 4));
    let long = index_keys("Lukashenko");
    assert!(long.contains(&"d:lukashnko".to_owned()));
    assert!(long.contains(&"d:lukashnk".to_owned()));
    let mut sorted = long.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, long);
}

#[test]
fn query_keys_find_typos() {
    let shares = |q: &str, n: &str| {
        let stored = index_keys(n);
        query_keys(q).iter().any(|k| stored.contains(k))
    };
    assert!(shares("Lukashneko", "Lukashenko"));
    assert!(shares("Lukashenka", "Лукашенко"));
    assert!(shares("Kovacks", "Kovács"));
    assert!(shares("Kovacs", "Kovacks"));
    assert!(shares("Shangai", "Shanghai Cooperation Organisation"));
    assert!(!shares("Li", "Lu"));
    // Words with digits have no deletion keys: only the word itself is looked up.
    assert!(!shares("12345", "12346"));
    assert_eq!(query_keys("1999"), ["t:1999"]);
    assert!(!index_keys("Observers 1999")
        .iter()
        .any(|k| k.starts_with("d:1")));
}

/// Name words with no word of 4+ letters a prefix of another, so that the prefix rule
/// (last query word only) never makes word order matter in the properties.
const POOL: &[&str] = &[
    "ivan",
    "petrov",
    "sergey",
    "lukashenko",
    "kovacs",
    "bela",
    "li",
    "wei",
    "vladimir",
    "putin",
    "evgeny",
    "malkevich",
    "natalia",
    "shanghai",
    "cooperation",
    "organisation",
    "sco",
    "dmitry",
    "aleksandr",
    "zhirinovsky",
    "anna",
    "maria",
    "popov",
];

#[test]
fn pool_has_no_prefixes() {
    for a in POOL {
        for b in POOL {
            assert!(
                a == b || a.len() < MIN_PREFIX_LEN || !b.starts_with(a),
                "{a} {b}"
            );
        }
    }
}

/// A word from the pool, perhaps with one or two typos (substitution, insertion,
/// transposition or deletion) or in Cyrillic-ish spelling.
fn word(edits: bool) -> impl Strategy<Value = String> {
    (
        prop::sample::select(POOL),
        prop::collection::vec((0usize..4, any::<prop::sample::Index>(), b'a'..=b'z'), 0..3),
    )
        .prop_map(move |(w, ops)| {
            let mut w: Vec<u8> = w.as_bytes().to_vec();
            if edits {
                for (op, at, letter) in ops {
                    if w.len() < 2 {
                        break;
                    }
                    let i = at.index(w.len());
                    match op {
                        0 => w[i] = letter,
                        1 => w.insert(i, letter),
                        2 if i + 1 < w.len() => w.swap(i, i + 1),
                        _ => {
                            w.remove(i);
                        }
                    }
                }
            }
            String::from_utf8(w).unwrap()
        })
}

fn words(edits: bool, max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(edits), 1..=max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn fold_is_idempotent(text in "\\PC{0,40}") {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
    }

    #[test]
    fn canonical_is_idempotent(word in "[a-z]{0,14}") {
        let once = canonical(&word);
        prop_assert_eq!(canonical(&once), once);
    }

    #[test]
    fn exact_name_scores_one(text in "\\PC{0,40}") {
        let found = best_match(&text, [name(&text)]);
        if tokens(&text).is_empty() {
            prop_assert!(found.is_none());
        } else {
            let m = found.unwrap();
            prop_assert!((m.score - 1.0).abs() < f64::EPSILON);
            prop_assert_eq!(m.reason, Reason::Exact);
        }
    }

    #[test]
    fn word_order_does_not_decide_a_match(
        query in words(true, 4),
        candidate in words(false, 4),
        shuffle in any::<prop::sample::Index>(),
    ) {
        // Only the last query word may be a prefix (typing), so order matters exactly there.
        let prefix = query.iter().any(|q| {
            let q = canonical(q);
            candidate.iter().any(|c| {
                let c = canonical(c);
                q.len() >= MIN_PREFIX_LEN && c.len() > q.len() && c.starts_with(&q)
            })
        });
        prop_assume!(!prefix);
        let candidate = candidate.join(" ");
        let mut reordered = query.clone();
        let turns = shuffle.index(reordered.len());
        reordered.rotate_left(turns);
        reordered.reverse();
        let a = best_match(&query.join(" "), [name(&candidate)]);
        let b = best_match(&reordered.join(" "), [name(&candidate)]);
        prop_assert_eq!(a.is_some(), b.is_some(), "{:?} {:?}", a, b);
    }

    #[test]
    fn a_match_shares_a_key(
        query in words(true, 3),
        candidate in words(true, 4),
        is_alias in any::<bool>(),
    ) {
        let (query, candidate) = (query.join(" "), candidate.join(" "));
        if let Some(m) = best_match(&query, [Candidate { text: &candidate, is_alias }]) {
            prop_assert!((THRESHOLD..=1.0).contains(&m.score));
            let stored = index_keys(&candidate);
            prop_assert!(
                query_keys(&query).iter().any(|k| stored.binary_search(k).is_ok()),
                "{} / {}: {:?}", query, candidate, m
            );
        }
    }

    #[test]
    fn any_text_shares_a_key_and_scores_in_range(query in "\\PC{0,20}", candidate in "\\PC{0,20}") {
        if let Some(m) = best_match(&query, [name(&candidate)]) {
            prop_assert!((0.0..=1.0).contains(&m.score));
            let stored = index_keys(&candidate);
            prop_assert!(query_keys(&query).iter().any(|k| stored.binary_search(k).is_ok()));
        }
    }

    #[test]
    fn scores_stay_in_range(query in words(true, 4), candidate in words(true, 5)) {
        if let Some(m) = best_match(&query.join(" "), [name(&candidate.join(" ")), alias(&candidate.join(" "))]) {
            prop_assert!((THRESHOLD..=1.0).contains(&m.score));
        }
    }
}
