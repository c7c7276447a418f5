//! `copydesk check | analyze | rules` through the built binary: exit codes, the contract's JSON,
//! columns, folder walking, SARIF, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const CLEAN_EN: &str = "The council met at the town hall and approved the plan for the harbour.\n";
const DOUBLED_EN: &str = "The council met at the town hall and approved the the plan.\n";

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a folder");
    }
    std::fs::write(&path, content).expect("a written file");
    path
}

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the copydesk binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("an exit status")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn diagnostics(o: &Output) -> Vec<Value> {
    json(o)["diagnostics"].as_array().expect("a diagnostics array").clone()
}

#[test]
fn exit_status_follows_fail_on() {
    let dir = scratch("exit_status");
    write(&dir, "clean.md", CLEAN_EN);
    write(&dir, "doubled.md", DOUBLED_EN);
    assert_eq!(code(&copydesk(&dir, &["check", "clean.md"])), 0);
    assert_eq!(code(&copydesk(&dir, &["check", "doubled.md"])), 1);
    assert_eq!(
        code(&copydesk(&dir, &["check", "--fail-on", "warning", "doubled.md"])),
        1
    );
    assert_eq!(code(&copydesk(&dir, &["check", "--fail-on", "hint", "doubled.md"])), 1);
    assert_eq!(code(&copydesk(&dir, &["check", "--fail-on", "error", "doubled.md"])), 0);
    let never = copydesk(&dir, &["check", "--fail-on", "never", "--format", "json", "doubled.md"]);
    assert_eq!(code(&never), 0);
    assert_eq!(diagnostics(&never).len(), 1, "still reported, only the status changes");
}

#[test]
fn usage_errors_exit_2() {
    let dir = scratch("usage");
    write(&dir, "a.md", CLEAN_EN);
    for args in [
        &["check"][..],
        &["check", "--format", "xml", "a.md"],
        &["check", "--fail-on", "sometimes", "a.md"],
        &["check", "--date", "27/06/2017", "a.md"],
        &["check", "--lang", "de", "a.md"],
        &["frobnicate"],
    ] {
        let o = copydesk(&dir, args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_missing_file_exits_2_and_the_others_are_still_reported() {
    let dir = scratch("missing");
    write(&dir, "doubled.md", DOUBLED_EN);
    let o = copydesk(&dir, &["check", "--format", "json", "nowhere.md", "doubled.md"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nowhere.md"), "{err}");
    let d = diagnostics(&o);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["file"], "doubled.md");
}

#[test]
fn invalid_utf8_and_binary_files_exit_2_while_others_are_checked() {
    let dir = scratch("bad_input");
    write(&dir, "latin1.txt", b"Le caf\xe9 est ferm\xe9 et et vide.\n");
    write(&dir, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    write(&dir, "doubled.md", DOUBLED_EN);
    for format in ["json", "text", "sarif"] {
        let o = copydesk(&dir, &["check", "--format", format, "."]);
        assert_eq!(code(&o), 2, "{format}");
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "one line per bad file: {err}");
        assert!(
            lines.iter().any(|l| l.contains("latin1.txt") && l.contains("UTF-8")),
            "{err}"
        );
        assert!(
            lines.iter().any(|l| l.contains("image.md") && l.contains("binary")),
            "{err}"
        );
        assert!(
            stdout(&o).contains("doubled.md"),
            "{format}: the good file is still reported"
        );
    }
    let sarif = json(&copydesk(&dir, &["check", "--format", "sarif", "."]));
    let inv = &sarif["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(inv["toolExecutionNotifications"].as_array().map(Vec::len), Some(2));
}

#[test]
fn json_diagnostics_have_the_contract_fields() {
    let dir = scratch("json_shape");
    write(&dir, "doubled.md", DOUBLED_EN);
    let o = copydesk(&dir, &["check", "--format", "json", "doubled.md"]);
    let v = json(&o);
    assert_eq!(
        v.as_object().map(|o| o.len()),
        Some(1),
        "exactly {{\"diagnostics\": [...]}}"
    );
    let d = &diagnostics(&o)[0];
    let start = DOUBLED_EN.find("the the").unwrap();
    assert_eq!(d["file"], "doubled.md");
    assert_eq!(d["start"], start);
    assert_eq!(d["end"], start + 7);
    assert_eq!(d["line"], 1);
    assert_eq!(d["column"], start + 1);
    assert_eq!(d["end_line"], 1);
    assert_eq!(d["end_column"], start + 8);
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "text.doubled-word");
    assert!(d["message"].as_str().is_some_and(|m| m.contains("the")));
    assert!(d["related"].is_array());
    let fix = &d["fixes"][0];
    assert!(fix["title"].is_string());
    assert_eq!(fix["replacement"], "");
    let (fs, fe) = (
        fix["start"].as_u64().unwrap() as usize,
        fix["end"].as_u64().unwrap() as usize,
    );
    let mut fixed = DOUBLED_EN.to_owned();
    fixed.replace_range(fs..fe, "");
    assert_eq!(fixed, "The council met at the town hall and approved the plan.\n");
}

#[test]
fn related_locations_point_at_the_earlier_mention() {
    let dir = scratch("related");
    // The first block is left out: a first line echoed in the body is a headline, not a slip.
    let text = "Rain fell all week.\n\n\
                The river rose two metres in the night and flooded the lower town.\n\n\
                The mayor spoke at noon.\n\n\
                Officials said the river rose two metres in the night and flooded the lower town.\n";
    write(&dir, "flood.md", text);
    let d = diagnostics(&copydesk(&dir, &["check", "--format", "json", "flood.md"]));
    let rep = d
        .iter()
        .find(|d| d["code"] == "text.repeated")
        .expect("a text.repeated finding");
    assert_eq!(rep["line"], 7);
    let rel = &rep["related"][0];
    assert_eq!(rel["start"], text.find("The river").unwrap());
    assert!(rel["end"].as_u64().unwrap() > 40);
    assert!(rel["message"].is_string());
    let human = stdout(&copydesk(&dir, &["check", "flood.md"]));
    assert!(human.contains("flood.md:7:"), "{human}");
    assert!(human.contains("::: flood.md:3:1"), "related excerpt: {human}");
}

#[test]
fn columns_count_unicode_scalars_and_offsets_count_bytes() {
    let dir = scratch("columns");
    // « », a narrow no-break space, an emoji (4 bytes, 2 UTF-16 units, 1 scalar) before the finding.
    let line = "«\u{a0}Oui\u{a0}», dit-elle\u{202f}😀 puis et et rien.\n";
    let text = format!("Première ligne, sans rien.\n\n{line}");
    write(&dir, "col.md", &text);
    let o = copydesk(&dir, &["check", "--format", "json", "--lang", "fr", "col.md"]);
    let d = diagnostics(&o);
    assert_eq!(d.len(), 1, "{d:?}");
    let byte = text.find("et et").unwrap();
    let col = line[..line.find("et et").unwrap()].chars().count() + 1;
    assert_eq!(col, 26);
    assert_eq!(d[0]["start"], byte);
    assert_eq!(d[0]["end"], byte + 5);
    assert_eq!(d[0]["line"], 3);
    assert_eq!(d[0]["column"], col);
    assert_eq!(d[0]["end_column"], col + 5);
    let human = stdout(&copydesk(&dir, &["check", "--lang", "fr", "col.md"]));
    assert!(human.contains(&format!("col.md:3:{col}")), "{human}");
    let sarif = json(&copydesk(
        &dir,
        &["check", "--format", "sarif", "--lang", "fr", "col.md"],
    ));
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], col);
    assert_eq!(region["endColumn"], col + 5);
    assert_eq!(region["byteOffset"], byte);
    assert_eq!(region["byteLength"], 5);
}

#[test]
fn crlf_files_keep_their_byte_offsets() {
    let dir = scratch("crlf");
    let text = "First line.\r\nThe plan was was approved.\r\n";
    write(&dir, "crlf.txt", text);
    let d = diagnostics(&copydesk(&dir, &["check", "--format", "json", "crlf.txt"]));
    assert_eq!(d[0]["start"], text.find("was was").unwrap());
    assert_eq!(d[0]["line"], 2);
    assert_eq!(d[0]["column"], 10);
}

#[test]
fn folders_are_walked_honouring_gitignore_in_a_stable_order() {
    let dir = scratch("walk");
    write(&dir, "news/.gitignore", "drafts/\nscratch.md\n");
    write(&dir, "news/b.md", DOUBLED_EN);
    write(&dir, "news/a.txt", DOUBLED_EN);
    write(&dir, "news/sub/c.markdown", DOUBLED_EN);
    write(&dir, "news/scratch.md", DOUBLED_EN);
    write(&dir, "news/drafts/d.md", DOUBLED_EN);
    write(&dir, "news/.hidden/e.md", DOUBLED_EN);
    write(&dir, "news/notes.rst", DOUBLED_EN);
    write(&dir, "news/data.json", "{}");
    let files = |o: &Output| -> Vec<String> {
        diagnostics(o)
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = copydesk(&dir, &["check", "--format", "json", "news"]);
    assert_eq!(code(&first), 1);
    let expected = ["news/a.txt", "news/b.md", "news/sub/c.markdown"];
    assert_eq!(files(&first), expected);
    for _ in 0..3 {
        assert_eq!(
            stdout(&copydesk(&dir, &["check", "--format", "json", "news"])),
            stdout(&first)
        );
    }
    // A file named explicitly is checked even when ignored, and is listed once.
    let o = copydesk(
        &dir,
        &["check", "--format", "json", "news/scratch.md", "news", "news/b.md"],
    );
    assert_eq!(
        files(&o),
        ["news/scratch.md", "news/a.txt", "news/b.md", "news/sub/c.markdown"]
    );
}

#[test]
fn configuration_problems_are_printed_once_per_file() {
    let dir = scratch("config");
    write(&dir, "copydesk.toml", "langauge = \"fr\"\n");
    write(&dir, "a.md", CLEAN_EN);
    write(&dir, "b.md", CLEAN_EN);
    write(&dir, "sub/c.md", CLEAN_EN);
    let o = copydesk(&dir, &["check", "."]);
    assert_eq!(code(&o), 0, "a bad key is reported, not fatal: {}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("copydesk.toml").count(), 1, "{err}");
    assert!(err.contains("langauge"), "{err}");
}

#[test]
fn configuration_switches_rules_off() {
    let dir = scratch("config_off");
    write(&dir, "copydesk.toml", "ignore = [\"text.doubled-word\"]\n");
    write(&dir, "a.md", DOUBLED_EN);
    let o = copydesk(&dir, &["check", "--format", "json", "a.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(diagnostics(&o).is_empty());
}

#[test]
fn text_output_is_compiler_style_with_a_summary() {
    let dir = scratch("text");
    write(&dir, "one.md", DOUBLED_EN);
    write(&dir, "two.md", format!("Intro.\n\n{DOUBLED_EN}"));
    write(&dir, "clean.md", CLEAN_EN);
    let o = copydesk(&dir, &["check", "."]);
    let out = stdout(&o);
    assert!(out.contains("warning[text.doubled-word]"), "{out}");
    assert!(out.contains("--> ./one.md:1:47"), "{out}");
    assert!(out.contains("--> ./two.md:3:47"), "{out}");
    assert!(
        out.contains("1 | The council met at the town hall and approved the the plan."),
        "{out}"
    );
    assert!(out.contains(&format!("{}^^^^^^^", " ".repeat(46))), "{out}");
    assert!(out.trim_end().ends_with("2 warnings in 2 files (3 checked)"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when stdout is not a terminal");
    let coloured = stdout(&copydesk(&dir, &["check", "--color", "always", "."]));
    assert!(coloured.contains('\u{1b}'));
    let clean = copydesk(&dir, &["check", "clean.md"]);
    assert_eq!(stdout(&clean).trim(), "no problems found in 1 file");
}

#[test]
fn no_color_wins_over_auto() {
    let dir = scratch("no_color");
    write(&dir, "one.md", DOUBLED_EN);
    let o = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(&dir)
        .args(["check", "one.md"])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn sarif_is_a_2_1_0_log_with_rules_and_results() {
    let dir = scratch("sarif");
    write(&dir, "dir with space/été.md", DOUBLED_EN);
    let o = copydesk(&dir, &["check", "--format", "sarif", "."]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().is_some_and(|s| s.contains("sarif")));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "copydesk");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(
        ids.contains(&"text.repeated") && ids.contains(&"text.doubled-word"),
        "{ids:?}"
    );
    for r in rules {
        assert!(r["shortDescription"]["text"].is_string());
        assert!(
            r["help"]["markdown"]
                .as_str()
                .is_some_and(|d| d.contains("What it does"))
        );
    }
    let res = &run["results"][0];
    assert_eq!(res["ruleId"], "text.doubled-word");
    assert_eq!(res["level"], "warning");
    let idx = res["ruleIndex"].as_u64().expect("a rule index") as usize;
    assert_eq!(rules[idx]["id"], "text.doubled-word");
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "dir%20with%20space/%C3%A9t%C3%A9.md");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["snippet"]["text"], "the the");
    assert!(res["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"].is_object());
}

#[test]
fn an_empty_file_is_fine() {
    let dir = scratch("empty");
    write(&dir, "empty.md", "");
    write(&dir, "blank.txt", "\n\n  \n");
    let o = copydesk(&dir, &["check", "--format", "json", "empty.md", "blank.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(diagnostics(&o).is_empty());
    let o = copydesk(&dir, &["check", "empty.md"]);
    assert_eq!(stdout(&o).trim(), "no problems found in 1 file");
    let a = copydesk(&dir, &["analyze", "empty.md"]);
    assert_eq!(code(&a), 0);
    assert_eq!(json(&a)["quotes"], serde_json::json!([]));
}

#[test]
fn a_ten_megabyte_file_finishes() {
    let dir = scratch("big");
    // Varied words (three syllables picked by a small linear congruential generator), so the text
    // is neither one long repetition nor a flood of doubled words.
    let syllables = [
        "ca", "lo", "mi", "ret", "sun", "pa", "dor", "vi", "tes", "ban", "qui", "fel", "ro", "ga", "nu",
    ];
    let mut seed: u64 = 7;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut text = String::with_capacity(10_500_000);
    let mut n = 0u64;
    while text.len() < 10_000_000 {
        for _ in 0..3 {
            text.push_str(syllables[next() % syllables.len()]);
        }
        n += 1;
        text.push_str(if n.is_multiple_of(97) {
            ".\n\n"
        } else if n.is_multiple_of(13) {
            ". "
        } else {
            " "
        });
    }
    write(&dir, "big.md", &text);
    let o = copydesk(&dir, &["check", "--format", "json", "--lang", "en", "big.md"]);
    assert!(matches!(code(&o), 0 | 1), "{}", stderr(&o));
    assert!(json(&o)["diagnostics"].is_array());
}

#[test]
fn analyze_prints_the_contract_object() {
    let dir = scratch("analyze");
    write(
        &dir,
        "art.md",
        "---\ndate: 2017-06-27\n---\n\nLe maire a parlé mardi. « Nous nous battrons », a-t-il déclaré, et et rien.\n",
    );
    let o = copydesk(&dir, &["analyze", "art.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["file"], "art.md");
    assert_eq!(v["language"], "fr");
    assert_eq!(v["reference_date"], "2017-06-27");
    for key in ["quotes", "dates", "figures", "entities", "diagnostics"] {
        assert!(v[key].is_array(), "{key}");
    }
    assert_eq!(v["diagnostics"][0]["code"], "text.doubled-word");
    assert_eq!(v["diagnostics"][0]["file"], "art.md");
    // --date wins over the front matter; --lang over detection.
    let o = copydesk(&dir, &["analyze", "--date", "2020-01-02", "--lang", "en", "art.md"]);
    let v = json(&o);
    assert_eq!(v["reference_date"], "2020-01-02");
    assert_eq!(v["language"], "en");
    // Without any date the CLI guesses nothing.
    write(&dir, "undated.md", CLEAN_EN);
    assert_eq!(
        json(&copydesk(&dir, &["analyze", "undated.md"]))["reference_date"],
        Value::Null
    );
    // An unreadable file: exit 2, one line on stderr, nothing on stdout.
    let o = copydesk(&dir, &["analyze", "missing.md"]);
    assert_eq!(code(&o), 2);
    assert!(o.stdout.is_empty());
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn rules_help_and_version() {
    let dir = scratch("rules");
    let list = copydesk(&dir, &["rules"]);
    assert_eq!(code(&list), 0);
    assert!(stdout(&list).contains("text.doubled-word"));
    let one = copydesk(&dir, &["rules", "text.repeated"]);
    assert_eq!(code(&one), 0);
    assert!(stdout(&one).contains("### What it does"));
    assert_eq!(code(&copydesk(&dir, &["rules", "no.such-rule"])), 2);
    let help = copydesk(&dir, &["--help"]);
    assert_eq!(code(&help), 0);
    for sub in ["lsp", "check", "analyze", "rules"] {
        assert!(stdout(&help).contains(sub), "{sub}");
    }
    let check_help = stdout(&copydesk(&dir, &["check", "--help"]));
    for flag in ["--format", "--fail-on", "--date", "--lang", "--color"] {
        assert!(check_help.contains(flag), "{flag}");
    }
    let version = copydesk(&dir, &["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("copydesk {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_bundled_examples_show_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = copydesk(root, &["check", "--format", "json", "examples"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let d = diagnostics(&o);
    for file in ["examples/en-ferry-collision.md", "examples/fr-eboulement.md"] {
        for rule in ["text.doubled-word", "text.repeated"] {
            assert!(
                d.iter().any(|x| x["file"] == file && x["code"] == rule),
                "{file} lacks {rule}"
            );
        }
    }
}

/// The pre-commit hook of `editors/pipelines/` checks the staged text, not the working tree.
#[test]
fn the_pre_commit_hook_checks_what_is_staged() {
    let dir = scratch("pre_commit");
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .current_dir(&dir)
            .args(["-c", "user.name=Desk", "-c", "user.email=desk@example.org"])
            .args(args)
            .env("COPYDESK", env!("CARGO_BIN_EXE_copydesk"))
            .output()
            .expect("git runs");
        (code(&o), format!("{}{}", stdout(&o), stderr(&o)))
    };
    assert_eq!(git(&["init", "-q"]).0, 0);
    let hook = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/pipelines/pre-commit");
    std::fs::copy(&hook, dir.join(".git/hooks/pre-commit")).expect("the hook is installed");
    write(&dir, "notes/a b.md", CLEAN_EN);
    write(&dir, "code.rs", "fn main() { let the the = 1; }\n");
    git(&["add", "."]);
    let (status, out) = git(&["commit", "-qm", "clean"]);
    assert_eq!(status, 0, "{out}");
    // Staged with a doubled word, then fixed only in the working tree: still blocked.
    write(&dir, "notes/a b.md", DOUBLED_EN);
    git(&["add", "."]);
    write(&dir, "notes/a b.md", CLEAN_EN);
    let (status, out) = git(&["commit", "-qm", "doubled"]);
    assert_ne!(status, 0, "{out}");
    assert!(
        out.contains("notes/a b.md:1:47") && out.contains("text.doubled-word"),
        "{out}"
    );
    // A staged copydesk.toml applies.
    write(&dir, "copydesk.toml", "ignore = [\"text.doubled-word\"]\n");
    git(&["add", "copydesk.toml"]);
    let (status, out) = git(&["commit", "-qm", "configured"]);
    assert_eq!(status, 0, "{out}");
}

#[test]
fn the_names_file_of_copydesk_toml_sets_house_spellings() {
    let dir = scratch("names_file");
    write(&dir, "copydesk.toml", "names_file = \"house/names.toml\"\n");
    write(
        &dir,
        "house/names.toml",
        "[[name]]\nname = \"Ilse Marrowgate\"\naliases = [\"Marrowgait\", \"Marrowgate\"]\ntype = \"person\"\n\
description = \"Mayor of Fenwick Bay\"\npreferred = \"Ilse Marrowgate\"\n",
    );
    let article = "Mayor Ilse Marrowgait opened the new bridge in Fenwick Bay. Marrowgait said the work was done.\n";
    write(&dir, "desk/bridge.md", article);
    let o = copydesk(&dir, &["check", "--format", "json", "desk/bridge.md"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let spelling: Vec<Value> = diagnostics(&o)
        .into_iter()
        .filter(|d| d["code"] == "entity.spelling")
        .collect();
    assert_eq!(spelling.len(), 2, "{spelling:?}");
    let first = &spelling[0];
    assert_eq!(
        &article[first["start"].as_u64().unwrap() as usize..first["end"].as_u64().unwrap() as usize],
        "Ilse Marrowgait"
    );
    assert_eq!(first["fixes"][0]["replacement"], "Ilse Marrowgate");
    // Without the names file, one consistent spelling is nothing to report.
    std::fs::remove_file(dir.join("copydesk.toml")).unwrap();
    let o = copydesk(&dir, &["check", "--format", "json", "desk/bridge.md"]);
    assert!(
        diagnostics(&o).iter().all(|d| d["code"] != "entity.spelling"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_missing_names_file_is_one_clear_line_and_the_check_still_runs() {
    let dir = scratch("names_file_missing");
    write(
        &dir,
        "copydesk.toml",
        "names_file = \"house/absent.csv\"\nignore = [\"figure.style\"]\n",
    );
    write(&dir, "one.md", DOUBLED_EN);
    write(&dir, "two.md", DOUBLED_EN);
    let o = copydesk(&dir, &["check", "--format", "json", "one.md", "two.md"]);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("absent.csv")).collect();
    assert_eq!(lines.len(), 1, "once per configuration file: {err}");
    assert!(
        lines[0].contains("names file") && lines[0].contains("not found"),
        "{err}"
    );
    assert_eq!(code(&o), 1, "the check ran and found the doubled words: {err}");
    assert_eq!(diagnostics(&o).len(), 2);
}
