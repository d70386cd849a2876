//! Users: profiles, nested summaries and search results.

use serde::Deserialize;

/// `GET /api/profile`: the signed-in user. Ion sends more fields than these;
/// unknown ones are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Profile {
    pub id: u64,
    pub ion_username: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub nickname: Option<String>,
    #[serde(default)]
    pub tj_email: Option<String>,
    #[serde(default)]
    pub grade: Option<Grade>,
    #[serde(default)]
    pub graduation_year: Option<i32>,
    #[serde(default)]
    pub user_type: Option<String>,
    #[serde(default)]
    pub counselor: Option<UserSummary>,
    #[serde(default)]
    pub picture: Option<String>,
}

impl Profile {
    /// The name to greet the user with: Ion's display name, else the full
    /// name, else the username.
    pub fn name(&self) -> &str {
        [&self.display_name, &self.full_name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|name| !name.trim().is_empty())
            .unwrap_or(&self.ion_username)
    }
}

/// `grade` of a profile: `number` 9–12 for students, 13 with no graduation
/// year; `name` such as "senior" or "graduate".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Grade {
    #[serde(default)]
    pub number: Option<i32>,
    #[serde(default)]
    pub name: Option<String>,
}

impl Grade {
    /// "12 (senior)", "senior" or "12", whichever Ion gave.
    pub fn label(&self) -> Option<String> {
        match (self.number, self.name.as_deref().filter(|name| !name.is_empty())) {
            (Some(number), Some(name)) => Some(format!("{number} ({name})")),
            (Some(number), None) => Some(number.to_string()),
            (None, Some(name)) => Some(name.to_owned()),
            (None, None) => None,
        }
    }
}

/// A user as Ion nests it in other objects (`counselor`, `administrator`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserSummary {
    pub id: u64,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
}

/// `/api/search/<query>` entries. `grade` is present for students only.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SearchResult {
    pub id: u64,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub user_type: Option<String>,
    pub username: String,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub grade: Option<Grade>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Field names and order as Ion returns them for a student.
    const ION_STUDENT: &str = r#"{
        "id": 1001, "ion_username": "2027jdoe", "sex": "female", "title": null,
        "display_name": "Jane Doe", "full_name": "Jane Doe", "short_name": "Jane",
        "first_name": "Jane", "last_name": "Doe", "nickname": null,
        "tj_email": "2027jdoe@tjhsst.edu", "grade": {"number": 12, "name": "senior"},
        "graduation_year": 2027, "user_type": "student",
        "counselor": {"id": 2, "url": "http://127.0.0.1:8000/api/profile/2", "user_type": "counselor",
                      "username": "cmiller", "full_name": "Casey Miller", "first_name": "Casey", "last_name": "Miller"},
        "administrator": null, "picture": "http://127.0.0.1:8000/api/profile/1001/picture",
        "is_eighth_admin": false, "is_teacher": false, "is_student": true
    }"#;

    #[test]
    fn profile_decodes_ion_shape() {
        let profile: Profile = serde_json::from_str(ION_STUDENT).unwrap();
        assert_eq!(profile.ion_username, "2027jdoe");
        assert_eq!(profile.name(), "Jane Doe");
        assert_eq!(profile.grade.unwrap().label().as_deref(), Some("12 (senior)"));
        assert_eq!(profile.counselor.unwrap().full_name.as_deref(), Some("Casey Miller"));
    }

    #[test]
    fn profile_tolerates_nulls_and_missing_fields() {
        let profile: Profile = serde_json::from_str(
            r#"{"id": 5, "ion_username": "teacher1", "display_name": null, "grade": null, "counselor": null}"#,
        )
        .unwrap();
        assert_eq!(profile.name(), "teacher1");
        assert!(profile.grade.is_none());
        assert!(profile.tj_email.is_none());
    }

    #[test]
    fn blank_display_name_falls_back() {
        let profile: Profile =
            serde_json::from_str(r#"{"id": 5, "ion_username": "u", "display_name": " ", "full_name": "Full Name"}"#)
                .unwrap();
        assert_eq!(profile.name(), "Full Name");
    }
}
