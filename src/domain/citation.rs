//! The citation form of free-text notes: `[source:ID]` names a row of `sources.csv`. The importer
//! checks every cited id like any other reference, and pages render each one as a link.

/// One piece of a text: words, or a citation of a source id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Cite(&'a str),
}

const OPEN: &str = "[source:";

/// Splits `text` into its words and citations, in order. A `[source:` with no closing `]` is
/// left as text (the importer reports it).
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(']') else { break };
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        out.push(Piece::Cite(&after[..end]));
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The ids `text` cites, in order.
pub fn cited(text: &str) -> impl Iterator<Item = &str> {
    pieces(text).into_iter().filter_map(|piece| match piece {
        Piece::Cite(id) => Some(id),
        Piece::Text(_) => None,
    })
}

/// Whether `text` opens a citation it never closes.
pub fn has_unclosed(text: &str) -> bool {
    pieces(text)
        .iter()
        .any(|piece| matches!(piece, Piece::Text(words) if words.contains(OPEN)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_found_between_words() {
        assert_eq!(
            pieces("Founded 2001 [source:sco-charter]; observed [source:a][source:b]."),
            vec![
                Piece::Text("Founded 2001 "),
                Piece::Cite("sco-charter"),
                Piece::Text("; observed "),
                Piece::Cite("a"),
                Piece::Cite("b"),
                Piece::Text("."),
            ]
        );
        assert_eq!(cited("no citation").count(), 0);
        assert_eq!(pieces(""), vec![]);
        assert!(has_unclosed("see [source:x"));
        assert!(!has_unclosed("see [source:x] and (y)"));
    }
}
