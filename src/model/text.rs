//! Text normalisation for sorting and matching names written in any script or spelling.

/// Folds a name to lower-case ASCII words for sorting: the matching module's folding, so that
/// sort order and matching agree.
pub use crate::matching::fold;

/// The text a search matches against: every name of a record, folded, separated by ` | `.
pub fn search_text<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut parts: Vec<String> = names
        .into_iter()
        .map(fold)
        .filter(|part| !part.is_empty())
        .collect();
    parts.dedup();
    format!("|{}|", parts.join("|"))
}

/// A LIKE pattern that finds `query` inside a [`search_text`] column, or `None` when the query
/// folds to nothing. Folded text holds only `[a-z0-9 ]`, so it needs no escaping.
pub fn like_pattern(query: &str) -> Option<String> {
    let folded = fold(query);
    (!folded.is_empty()).then(|| format!("%{folded}%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_punctuation_and_scripts() {
        assert_eq!(fold("Société  Générale!"), "societe generale");
        assert_eq!(fold("OSCE/ODIHR"), "osce odihr");
        assert_eq!(fold("ШОС"), "shos");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn search_text_joins_every_name() {
        assert_eq!(search_text(["CIS", "СНГ", ""]), "|cis|sng|");
    }
}
