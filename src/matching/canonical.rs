//! Canonical spellings of romanised words, so that the common transliterations of one
//! Cyrillic (or other) name become the same token, or tokens within one edit of each other.

/// Rewrites applied in order to every folded word. Each one merges spellings that the usual
/// romanisation systems (BGN/PCGN, ISO 9, scholarly, passport, German/Polish) produce for the
/// same letters. Both the stored name and the query pass through the same table, so a rule only
/// has to be consistent, not "correct".
///
/// `(pattern, replacement, position)`; the position says where the pattern may occur.
pub const RULES: &[(&str, &str, At)] = &[
    // х: Khodorkovsky / Hodorkovsky / Chodorkowski is too far; kh and h are the common pair.
    ("kh", "h", At::Anywhere),
    // щ: shch (BGN), sch (older English), shh: all as "sch" (Schmidt stays Schmidt).
    ("shch", "sch", At::Anywhere),
    ("shh", "sch", At::Anywhere),
    // x is "ks" in Alexander / Aleksandr, Maxim / Maksim.
    ("x", "ks", At::Anywhere),
    // ц: ts / tz (Tsvetkov / Tzvetkov).
    ("tz", "ts", At::Anywhere),
    // е after a vowel or at the start: Yevgeniy / Evgeny, Andreyev / Andreev.
    ("ye", "e", At::Anywhere),
    // я, ю: ya / ia / ja, yu / iu / ju.
    ("ya", "ia", At::Anywhere),
    ("ja", "ia", At::Anywhere),
    ("yu", "iu", At::Anywhere),
    ("ju", "iu", At::Anywhere),
    ("jo", "io", At::Anywhere),
    // Final j is й in German / Polish spelling (Dmitrij, Sergej, Nikolaj).
    ("j", "i", At::End),
    // й, ы and the y of -iy / -yi / -y: all as i (Sergey / Sergei, Dmitry / Dmitrii).
    ("y", "i", At::Anywhere),
    // ё is yo / io / e (Fyodor / Fedor, Pyotr / Petr, Gorbachyov / Gorbachev); only inside a
    // word before a consonant, so Iosif, Antonio and Mario keep their io.
    ("io", "e", At::InsideBeforeConsonant),
    // Then the doubled i of -ii / -iy / -ия collapses: Evgenii / Evgeniy / Evgeny -> evgeni.
    ("ii", "i", At::Anywhere),
];

/// Where a rule's pattern may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// Any occurrence, left to right, non-overlapping.
    Anywhere,
    /// Only at the end of the word.
    End,
    /// Not at the start of the word, and followed by a consonant.
    InsideBeforeConsonant,
}

/// Replaces the occurrences of `pattern` that are not at the start of `word` and are followed
/// by a consonant, left to right.
fn replace_inside(word: &str, pattern: &str, replacement: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        let rest = &word[i..];
        let next = rest[pattern.len().min(rest.len())..].chars().next();
        let consonant = next.is_some_and(|c| c.is_ascii_lowercase() && !"aeiouy".contains(c));
        if i > 0 && rest.starts_with(pattern) && consonant {
            out.push_str(replacement);
            i += pattern.len();
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The canonical spelling of one folded word (lower-case ASCII letters and digits): the word
/// with every rule of [`RULES`] applied in order. Deterministic and idempotent.
pub fn canonical(word: &str) -> String {
    let mut word = word.to_owned();
    // Repeat the table until nothing changes ("iiii" needs two passes), so that `canonical` is
    // idempotent. Every rule either shortens the word or removes a letter that no rule
    // produces, so this ends after a few passes.
    loop {
        let mut next = word.clone();
        for &(pattern, replacement, at) in RULES {
            next = match at {
                At::Anywhere => next.replace(pattern, replacement),
                At::End => match next.strip_suffix(pattern) {
                    Some(stem) if !stem.is_empty() => format!("{stem}{replacement}"),
                    _ => next,
                },
                At::InsideBeforeConsonant => replace_inside(&next, pattern, replacement),
            };
        }
        if next == word {
            break;
        }
        word = next;
    }
    word
}
