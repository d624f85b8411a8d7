//! Every input the fuzzers (`tests/fuzz/run`) ever saved as a crash, replayed through the same
//! checks (`observer_registry::fuzzing`), with inputs of the kinds that broke parsers before.

use std::path::Path;

use observer_registry::fuzzing::{import_input, name_input};

/// The saved crashes of one target.
fn saved(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|name| name != ".keep"))
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn the_importer_survives_every_saved_and_known_hard_input() {
    // The first byte picks the contract file (0 = countries.csv, 2 = organizations.csv, ...).
    let known: Vec<Vec<u8>> = vec![
        vec![],
        vec![0],
        b"\x00\xEF\xBB\xBF".to_vec(),
        b"\x00iso3,name\n\"TJK,Tajikistan\n".to_vec(),
        b"\x00iso3,name\n\xFF\xFE,x\n".to_vec(),
        b"\x02id,name\n".to_vec(),
        b"\x04id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nm,o,e,short_term,-1,2020-02-30,great,\"q\"\"\",s\n".to_vec(),
        [b"\x01id,url,title,publisher,published_on,archived_url\na,".as_slice(), &vec![b'x'; 20_000]].concat(),
        b"\x07\r\r\r,,,,\n\"\"\"\n".to_vec(),
    ];
    for input in &known {
        import_input(input);
    }
    for (name, input) in saved("import_csv") {
        eprintln!("replaying {name}");
        import_input(&input);
    }
}

#[test]
fn the_name_normalizer_survives_every_saved_and_known_hard_input() {
    let known = [
        "",
        "   ",
        "ъ",
        "Ь Ъ",
        "O'Brien",
        "Straße",
        "ﬁnance",
        "İstanbul",
        "الذوادي",
        "東京都",
        "🗳️ observer",
        "a\u{0301}\u{0301}\u{0301}",
        "x y z w v u t s r q p o n m",
        "Mal'kevich Мальке́вич",
        "1999 1998",
    ];
    for name in known {
        name_input(name.as_bytes());
    }
    name_input(&[0xFF, 0xFE]);
    for (name, input) in saved("normalize_name") {
        eprintln!("replaying {name}");
        name_input(&input);
    }
}
