//! Cells as the format reads them: roles in the spellings tables use, and dates written with
//! slashes, read only in the order the user said.

use super::{DateOrder, names};
use crate::data::{FuzzyDate, Role};

/// A date written `DD/MM/YYYY` or `MM/DD/YYYY` (or with dots or dashes), read in the order the
/// user said; `None` when the text is not of that shape.
pub(super) fn slashed(text: &str, order: DateOrder) -> Option<Result<String, String>> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [a, b, year] = parts.as_slice() else {
        return None;
    };
    let (a, b, year): (u8, u8, i32) = (a.parse().ok()?, b.parse().ok()?, year.parse().ok()?);
    if year < 1000 {
        return None;
    }
    let (day, month) = match order {
        DateOrder::Unsaid => {
            return Some(Err(format!(
                "\"{text}\" could be day/month or month/day; write it as {year}-MM-DD, or say \
                 which with --date-order dmy or mdy"
            )));
        }
        DateOrder::Dmy => (a, b),
        DateOrder::Mdy => (b, a),
    };
    let iso = format!("{year:04}-{month:02}-{day:02}");
    Some(match FuzzyDate::parse(&iso) {
        Ok(_) => Ok(iso),
        Err(e) => Err(format!("\"{text}\": {e}")),
    })
}

/// A role as tables write it: the format's ids and labels, any case, with or without a hyphen.
pub(super) fn role_of(text: &str) -> Option<Role> {
    let key = names::normalised(text).replace(' ', "");
    Some(match key.as_str() {
        "lead" | "leader" | "leadstate" => Role::Lead,
        "colead" | "coleader" | "cochair" => Role::CoLead,
        "proposedlead" => Role::ProposedLead,
        "participant" | "member" | "party" | "signatory" => Role::Participant,
        "supporter" | "supporting" | "support" | "supportingpower" => Role::Supporter,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slashed_date_is_read_only_in_the_order_the_user_says() {
        assert!(slashed("03/04/2020", DateOrder::Unsaid).is_some_and(|r| r.is_err()));
        assert_eq!(
            slashed("03/04/2020", DateOrder::Dmy),
            Some(Ok("2020-04-03".to_owned()))
        );
        assert_eq!(
            slashed("03/04/2020", DateOrder::Mdy),
            Some(Ok("2020-03-04".to_owned()))
        );
        assert!(slashed("31/02/2020", DateOrder::Dmy).is_some_and(|r| r.is_err()));
        assert_eq!(slashed("2020-05-03", DateOrder::Dmy), None);
    }

    #[test]
    fn roles_read_as_tables_write_them() {
        assert_eq!(role_of("Co-Lead"), Some(Role::CoLead));
        assert_eq!(role_of("co_lead"), Some(Role::CoLead));
        assert_eq!(role_of("Participant"), Some(Role::Participant));
        assert_eq!(role_of("observer"), None);
    }
}
