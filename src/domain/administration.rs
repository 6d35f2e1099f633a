//! Values of the administration: organisation codes. Who may administer what is in
//! `crate::access::admin`.

use super::OrgKind;

/// Organisation codes: 2 to 12 of A–Z and 0–9; a Member State's is its ISO alpha-3 code.
pub fn check_organisation_code(code: &str, kind: OrgKind) -> Result<(), &'static str> {
    let valid = (2..=12).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !valid {
        return Err("a code is 2 to 12 capital letters or digits");
    }
    if kind == OrgKind::MemberState
        && !(code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()))
    {
        return Err("a Member State's code is its three-letter ISO 3166 alpha-3 code");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(check_organisation_code("KEN", OrgKind::MemberState).is_ok());
        assert!(check_organisation_code("UNODC", OrgKind::CompactEntity).is_ok());
        assert!(check_organisation_code("G20", OrgKind::Observer).is_ok());
        assert!(check_organisation_code("KENY", OrgKind::MemberState).is_err());
        assert!(check_organisation_code("K3N", OrgKind::MemberState).is_err());
        assert!(check_organisation_code("ken", OrgKind::CompactEntity).is_err());
        assert!(check_organisation_code("A", OrgKind::CompactEntity).is_err());
        assert!(check_organisation_code("UN-OCT", OrgKind::CompactEntity).is_err());
        assert!(check_organisation_code("' OR 1=1", OrgKind::CompactEntity).is_err());
    }
}
