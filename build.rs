// Embedded migrations, templates and seed files do not tell cargo when they change; and the pages'
// entity tags name the build that renders them (`OBSERVER_REGISTRY_BUILD_ID`, a hash of the code,
// the templates and the locked dependencies), so a new build never answers `304` for a page an
// older build rendered.
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    for watched in ["migrations", "templates", "seed", "src", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let mut paths = Vec::new();
    for dir in ["src", "templates", "migrations"] {
        files(Path::new(dir), &mut paths);
    }
    paths.push(PathBuf::from("Cargo.lock"));
    paths.sort();
    let mut hasher = DefaultHasher::new();
    for path in &paths {
        hasher.write(path.to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(path).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=OBSERVER_REGISTRY_BUILD_ID={:016x}",
        hasher.finish()
    );
}
