//! Entry points for the cargo-fuzz targets in `src-tauri/fuzz`, which can only reach public items.
//! Not an API: each runs what the app runs on text a seller pastes or drops, and panics when
//! something that must hold for any input does not.

use crate::answers::{AnswerFileFormat, transfer};
use crate::capture::{SplitOptions, split};

/// A pasted chat split into draft messages: nothing invented, nothing empty, times well formed.
pub fn split_pasted_chat(text: &str, buyer_name: Option<&str>, me_name: Option<&str>) {
    let options = SplitOptions {
        buyer_name: buyer_name.map(str::to_owned),
        me_names: me_name.map(str::to_owned).into_iter().collect(),
    };
    let draft = split(text, &options);
    for message in &draft.messages {
        assert!(!message.text.is_empty() && message.text.trim() == message.text, "{message:?}");
        for line in message.text.lines() {
            assert!(text.contains(line.trim()), "a line that is not in the pasted text: {line:?}");
        }
        if let Some(time) = &message.time {
            let (hours, minutes) = time.split_once(':').expect("HH:MM");
            let (hours, minutes): (u32, u32) = (hours.parse().unwrap(), minutes.parse().unwrap());
            assert!(time.len() == 5 && hours < 24 && minutes < 60, "time {time:?}");
        }
    }
    if !draft.recognised && !text.trim().is_empty() {
        assert_eq!(draft.messages.len(), 1, "unrecognised text is one message");
    }
}

/// A saved-answers file read as the import reads it: whatever it accepts writes back to a file
/// that reads the same again.
pub fn read_answer_file(text: &str, csv: bool) {
    let format = if csv { AnswerFileFormat::Csv } else { AnswerFileFormat::Json };
    let Ok(inputs) = transfer::parse(text, format) else { return };
    assert!(!inputs.is_empty());
    let written = transfer::export_inputs(&inputs, format).expect("accepted answers can be written");
    let again = transfer::parse(&written, format).expect("a written file reads again");
    assert_eq!(again, inputs, "the answers changed on the way through a file:\n{written}");
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn fixtures(folder: &str) -> Vec<(PathBuf, String)> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(folder);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .map(|path| (path.clone(), std::fs::read_to_string(&path).unwrap()))
            .collect();
        files.sort();
        files
    }

    /// The fuzz targets' seeds hold what the targets check, so a change that breaks the round trip
    /// shows in `cargo test` too, not only when someone fuzzes.
    #[test]
    fn the_fuzz_seeds_pass_their_own_checks() {
        for (path, text) in fixtures("answers") {
            let csv = path.extension().is_some_and(|e| e == "csv");
            let format = if csv { AnswerFileFormat::Csv } else { AnswerFileFormat::Json };
            assert_eq!(transfer::parse(&text, format).unwrap().len(), 2, "{}", path.display());
            read_answer_file(&text, csv);
        }
        let pasted = fixtures("pasted");
        assert!(pasted.len() >= 3);
        for (_, text) in &pasted {
            for (buyer, me) in [(None, None), (Some("Marta"), Some("Taller Luna"))] {
                split_pasted_chat(text, buyer, me);
            }
        }
    }
}
