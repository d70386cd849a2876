//! Contract test: every response the Ion stand-in gives, in both of its modes,
//! decodes with the app's models, and every failure maps to a specific
//! `ApiError`. The stand-in's `dump_contract.py` writes one JSON file per
//! request; this test runs it (with the stand-in's virtualenv) and reads them.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use ion_pages::api::error::classify_failure;
use ion_pages::api::models::*;
use ion_pages::api::ApiError;
use serde::de::DeserializeOwned;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    mode: String,
    name: String,
    path: String,
    status: u16,
    #[serde(default)]
    content_type: Option<String>,
    body_text: String,
    model: String,
}

const SUCCESS_MODELS: [&str; 14] = [
    "ApiRoot",
    "Profile",
    "Paginated<SearchResult>",
    "Paginated<Announcement>",
    "Announcement",
    "Paginated<Block>",
    "BlockDetail",
    "Paginated<ActivitySummary>",
    "ActivityDetail",
    "Vec<Signup>",
    "Paginated<ScheduleDay>",
    "ScheduleDay",
    "Emergency",
    "Picture",
];

fn dump(mode: &str) -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let standin = root.join("tests/ion-standin");
    let python = standin.join(".venv/bin/python");
    assert!(python.exists(), "{} is missing: run ./scripts/install first", python.display());

    let out: PathBuf = root.join("target/contract").join(mode);
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(&python)
        .current_dir(&standin)
        .args(["dump_contract.py", "--mode", mode])
        .arg(&out)
        .status()
        .expect("dump_contract.py could not be started");
    assert!(status.success(), "dump_contract.py --mode {mode} failed with {status}");

    let mut cases: Vec<Case> = std::fs::read_dir(&out)
        .expect("the dump folder exists")
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!cases.is_empty(), "dump_contract.py --mode {mode} wrote no case");
    cases
}

fn decodes<T: DeserializeOwned>(case: &Case) -> Result<(), String> {
    serde_json::from_str::<T>(&case.body_text).map(|_| ()).map_err(|error| error.to_string())
}

fn check(case: &Case) -> Result<(), String> {
    match case.model.as_str() {
        "ApiRoot" => decodes::<ApiRoot>(case),
        "Profile" => decodes::<Profile>(case),
        "Paginated<SearchResult>" => decodes::<Paginated<SearchResult>>(case),
        "Paginated<Announcement>" => decodes::<Paginated<Announcement>>(case),
        "Announcement" => decodes::<Announcement>(case),
        "Paginated<Block>" => decodes::<Paginated<Block>>(case),
        "BlockDetail" => decodes::<BlockDetail>(case),
        "Paginated<ActivitySummary>" => decodes::<Paginated<ActivitySummary>>(case),
        "ActivityDetail" => decodes::<ActivityDetail>(case),
        "Vec<Signup>" => decodes::<Vec<Signup>>(case),
        "Paginated<ScheduleDay>" => decodes::<Paginated<ScheduleDay>>(case),
        "ScheduleDay" => decodes::<ScheduleDay>(case),
        "Emergency" => decodes::<Emergency>(case),
        "Picture" => match case.content_type.as_deref() {
            Some("image/jpeg") if !case.body_text.is_empty() => Ok(()),
            other => Err(format!("expected non-empty image/jpeg bytes, got {other:?}")),
        },
        "Error" => {
            if (200..300).contains(&case.status) {
                return Err(format!("an Error case has the success status {}", case.status));
            }
            match classify_failure(case.status, &case.body_text, "http://127.0.0.1:8000") {
                ApiError::Status { message: None, status } if status != 500 => {
                    Err(format!("status {status} mapped to an error without Ion's message"))
                }
                _ => Ok(()),
            }
        }
        other => Err(format!("unknown model {other}")),
    }
}

fn check_mode(mode: &str) -> Vec<Case> {
    let cases = dump(mode);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            assert_eq!(case.mode, mode);
            check(case).err().map(|error| format!("{} ({} {}): {error}", case.name, case.status, case.path))
        })
        .collect();
    assert!(failures.is_empty(), "{mode}: {} case(s) failed:\n{}", failures.len(), failures.join("\n"));
    cases
}

#[test]
fn accepting_mode_decodes() {
    let cases = check_mode("accepting");

    let seen: BTreeSet<&str> = cases.iter().map(|case| case.model.as_str()).collect();
    for model in SUCCESS_MODELS {
        assert!(seen.contains(model), "no case exercised {model}");
    }
    assert!(seen.contains("Error"), "no failure case");
}

#[test]
fn as_ion_today_mode_decodes() {
    let cases = check_mode("as-ion-today");

    let blocked: Vec<&Case> = cases.iter().filter(|case| case.status == 401).collect();
    assert!(!blocked.is_empty(), "no cross-origin case answered 401");
    for case in blocked {
        assert_eq!(
            classify_failure(case.status, &case.body_text, "http://127.0.0.1:8000"),
            ApiError::CrossOriginBlocked { ion_origin: "http://127.0.0.1:8000".into() },
            "{}",
            case.name
        );
    }
}
