//! Finding countries and initiatives by what a person types: names, codes and other spellings.

use crate::data::{Initiative, World};

/// Other names people use for countries whose map name differs (Natural Earth abbreviates some,
/// and many have an older or shorter name).
const ALIASES: &[(&str, &str)] = &[
    ("united states", "USA"),
    ("america", "USA"),
    ("us", "USA"),
    ("uk", "GBR"),
    ("britain", "GBR"),
    ("great britain", "GBR"),
    ("england", "GBR"),
    ("holland", "NLD"),
    ("south korea", "KOR"),
    ("republic of korea", "KOR"),
    ("north korea", "PRK"),
    ("czechia", "CZE"),
    ("czech republic", "CZE"),
    ("uae", "ARE"),
    ("emirates", "ARE"),
    ("ivory coast", "CIV"),
    ("cote d'ivoire", "CIV"),
    ("burma", "MMR"),
    ("turkiye", "TUR"),
    ("turkey", "TUR"),
    ("palestine", "PSE"),
    ("holy see", "VAT"),
    ("swaziland", "SWZ"),
    ("eswatini", "SWZ"),
    ("macedonia", "MKD"),
    ("east timor", "TLS"),
    ("drc", "COD"),
    ("congo-kinshasa", "COD"),
    ("democratic republic of the congo", "COD"),
    ("congo-brazzaville", "COG"),
    ("bosnia", "BIH"),
    ("russia", "RUS"),
    ("russian federation", "RUS"),
    ("iran", "IRN"),
    ("syria", "SYR"),
    ("laos", "LAO"),
    ("vietnam", "VNM"),
    ("viet nam", "VNM"),
    ("cape verde", "CPV"),
    ("faroes", "FRO"),
    ("aland", "ALA"),
    ("kosovo", "XKX"),
];

/// Lower-case, without accents, so "Lomé" finds "lome" and "Åland" finds "aland".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// Indices of the countries matching `query` by name, code or another spelling, best first.
pub fn find_countries(world: &World, query: &str) -> Vec<usize> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, usize)> = Vec::new();
    for (i, country) in world.countries().iter().enumerate() {
        let name = fold(&country.name);
        let rank = if fold(&country.code) == q || name == q {
            0
        } else if name.starts_with(&q) {
            1
        } else if q.len() >= 3 && name.contains(&q) {
            2
        } else {
            continue;
        };
        hits.push((rank, i));
    }
    for (alias, code) in ALIASES {
        if (*alias == q || (q.len() >= 3 && alias.starts_with(&q)))
            && let Some(i) = world.index_of(code)
            && !hits.iter().any(|h| h.1 == i)
        {
            hits.push((if *alias == q { 0 } else { 1 }, i));
        }
    }
    hits.sort();
    hits.into_iter().map(|h| h.1).collect()
}

/// Whether an initiative matches `query` by its name or id (an empty query matches all). The
/// query is already [`fold`]ed and trimmed, so a list of thousands folds it once, not once per
/// initiative.
pub fn initiative_matches(initiative: &Initiative, query: &str) -> bool {
    query.is_empty() || initiative.id.contains(query) || fold(&initiative.name).contains(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_and_accents() {
        assert_eq!(fold("Lomé Åland Rød"), "lome aland rod");
    }
}
