//! Country names as people write them in tables — "Korea, Rep.", "Côte d'Ivoire", "Türkiye",
//! "Holland" — matched to ISO 3166-1 alpha-3 codes through an alias table generated from
//! maintained datasets (`assets/country-aliases.tsv`, see its header and
//! `scripts/build-country-aliases.py`), case- and accent-insensitively. A name that matches two
//! countries is reported, never guessed.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization as _;

/// The alias table, as shipped.
const ALIASES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/country-aliases.tsv"
));

/// What a name matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// One country.
    Country(String),
    /// Several: the name is ambiguous ("Congo", "Korea").
    Ambiguous(Vec<String>),
    /// None; the closest known names, best first.
    Unknown(Vec<String>),
}

/// A name as the alias table keys it: lowercase, accents dropped, "&" as "and", every run of
/// other characters one space.
pub fn normalised(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
        .replace('&', " and ");
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Normalised alias to its codes, from the shipped table and the bundled map's own names.
fn aliases() -> &'static HashMap<String, Vec<String>> {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<String>> = HashMap::new();
        let mut add = |alias: &str, code: &str| {
            let codes = table.entry(normalised(alias)).or_default();
            if !codes.iter().any(|c| c == code) {
                codes.push(code.to_owned());
                codes.sort();
            }
        };
        for line in ALIASES.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut fields = line.split('\t');
            if let (Some(alias), Some(codes)) = (fields.next(), fields.next()) {
                for code in codes.split('|').filter(|c| !c.is_empty()) {
                    add(alias, code);
                }
            }
        }
        table
    })
}

/// The country `name` stands for: an alpha-3 code as itself, else by the alias table.
pub fn resolve(name: &str) -> Match {
    let trimmed = name.trim();
    if trimmed.len() == 3
        && trimmed.bytes().all(|b| b.is_ascii_uppercase())
        && crate::data::bundled::country_name(trimmed).is_some()
    {
        return Match::Country(trimmed.to_owned());
    }
    let key = normalised(trimmed);
    match aliases().get(&key) {
        Some(codes) if codes.len() == 1 => Match::Country(codes[0].clone()),
        Some(codes) => Match::Ambiguous(codes.clone()),
        None => Match::Unknown(
            crate::data::suggest::closest(&key, aliases().keys().map(String::as_str))
                .into_iter()
                .map(str::to_owned)
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_accents_and_punctuation() {
        assert_eq!(normalised("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(normalised("  Korea,  Rep. "), "korea rep");
        assert_eq!(normalised("Bosnia & Herzegovina"), "bosnia and herzegovina");
        assert_eq!(normalised("TÜRKIYE"), "turkiye");
    }
}
