//! "Did you mean …?": the known words closest to a misspelt one.

/// Edit distance counting an insertion, a deletion, a substitution or a swap of two adjacent
/// characters as one edit (optimal string alignment). Swaps count once because they are the
/// commonest typo in three-letter codes (`NRO` for `NOR`).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j]. Three rows would do; the words are short.
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// The longest word that gets a suggestion, in characters. What is suggested (country codes and
/// names, field names, source ids) is short; a longer word is no typo of one of them, and the
/// distance table grows with the product of the two lengths, so a hostile file's megabyte-long
/// "code" must not reach it.
const MAX_WORD_CHARS: usize = 200;

/// Up to three candidates closest to `word`, nearest first and alphabetically among equals.
/// Only candidates within a third of the word's length (at least one edit) are offered, so a
/// wild guess gets no suggestion rather than a misleading one. Case is ignored.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let length = word.chars().take(MAX_WORD_CHARS + 1).count();
    if length > MAX_WORD_CHARS {
        return Vec::new();
    }
    let word = word.to_lowercase();
    let limit = (length / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        // Two words whose lengths differ by more than the limit are further apart than it:
        // skipped without the table.
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .collect();
    scored.sort_unstable();
    scored.dedup();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_of_two_letters_is_one_edit() {
        assert_eq!(edit_distance("NRO", "NOR"), 1);
        assert_eq!(edit_distance("NRO", "NRU"), 1);
        assert_eq!(edit_distance("sorces", "sources"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn the_closest_words_come_first_and_distant_ones_not_at_all() {
        let codes = ["NOR", "NRU", "FRO", "USA", "NER"];
        assert_eq!(closest("NRO", codes), ["FRO", "NOR", "NRU"]);
        assert_eq!(closest("nor", codes), ["NOR", "NER"]);
        assert!(closest("XYZ", codes).is_empty());
    }

    #[test]
    fn a_word_too_long_to_be_a_typo_gets_no_suggestion() {
        let keys = ["milestones", "initiatives", "sources", "participants"];
        let long = "milestones".repeat(100_000);
        assert!(closest(&long, keys).is_empty());
        let just_over = "m".repeat(MAX_WORD_CHARS + 1);
        assert!(closest(&just_over, [just_over.as_str()]).is_empty());
        assert_eq!(closest("milestone", keys), ["milestones"]);
    }
}
