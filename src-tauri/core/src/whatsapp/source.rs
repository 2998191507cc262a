//! A chat export on disk: a `.txt`, or a `.zip` holding the chat (`_chat.txt` on iOS,
//! `WhatsApp Chat with ….txt` on Android) and its media. Sizes are checked before anything big
//! is read.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use super::ExportError;
use super::decode::MAX_EXPORT_BYTES;
use super::header;
use crate::Result;

#[derive(Debug, Clone)]
pub struct ChatSource {
    /// The file's own name, for the preview.
    pub file_name: String,
    /// From the file name ("WhatsApp Chat with Ana.txt" → "Ana"), when it says.
    pub chat_name: Option<String>,
    pub bytes: Vec<u8>,
    /// The zip the chat came from: media are copied out of it on import.
    pub zip: Option<PathBuf>,
    /// Names of the files beside the chat in the zip.
    pub media_files: Vec<String>,
}

const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

pub fn read_source(path: &Path) -> Result<ChatSource> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut file = File::open(path)?;
    let mut magic = [0u8; 4];
    let read = read_up_to(&mut file, &mut magic)?;
    file.rewind()?;
    if read == 4 && &magic == ZIP_MAGIC {
        return read_zip(file, path, file_name);
    }
    let size = file.metadata()?.len();
    if size > MAX_EXPORT_BYTES {
        return Err(ExportError::TooLarge { bytes: size, limit: MAX_EXPORT_BYTES }.into());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_EXPORT_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(ChatSource {
        chat_name: chat_name_from_file_name(&file_name),
        file_name,
        bytes,
        zip: None,
        media_files: vec![],
    })
}

fn read_up_to(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn read_zip(file: File, path: &Path, file_name: String) -> Result<ChatSource> {
    let bad = |e: zip::result::ZipError| ExportError::BadZip(e.to_string());
    let mut archive = zip::ZipArchive::new(file).map_err(bad)?;
    let names: Vec<String> =
        archive.file_names().filter_map(|name| name.ok().map(|n| n.into_owned())).collect();
    let base = |name: &str| name.rsplit(['/', '\\']).next().unwrap_or(name).to_owned();
    let texts: Vec<&String> = names.iter().filter(|n| base(n).to_lowercase().ends_with(".txt")).collect();
    let chat = texts
        .iter()
        .find(|n| base(n) == "_chat.txt")
        .or_else(|| texts.iter().find(|n| chat_name_from_file_name(&base(n)).is_some()))
        .or_else(|| if texts.len() == 1 { texts.first() } else { None })
        .map(|n| (*n).clone())
        .ok_or(ExportError::ZipWithoutChat)?;
    let mut entry = archive.by_name(&chat).map_err(bad)?;
    if entry.size() > MAX_EXPORT_BYTES {
        return Err(ExportError::TooLarge { bytes: entry.size(), limit: MAX_EXPORT_BYTES }.into());
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    (&mut entry)
        .take(MAX_EXPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ExportError::BadZip(e.to_string()))?;
    if bytes.len() as u64 > MAX_EXPORT_BYTES {
        return Err(ExportError::TooLarge { bytes: bytes.len() as u64, limit: MAX_EXPORT_BYTES }.into());
    }
    drop(entry);
    let chat_name = chat_name_from_file_name(&base(&chat)).or_else(|| chat_name_from_file_name(&file_name));
    let media_files = names.iter().filter(|n| **n != chat && !n.ends_with('/')).map(|n| base(n)).collect();
    Ok(ChatSource { file_name, chat_name, bytes, zip: Some(path.to_path_buf()), media_files })
}

/// Copies the named files out of the zip into `folder` (created if missing). Returns the size of
/// each file copied or already there; names not in the zip are left out. Each new file it writes
/// is added to `written`, for the caller to remove if the import fails; a half-copied one is
/// removed here.
pub(crate) fn copy_media(
    zip_path: &Path,
    wanted: &[String],
    folder: &Path,
    written: &mut Vec<PathBuf>,
) -> Result<Vec<(String, u64)>> {
    if wanted.is_empty() {
        return Ok(vec![]);
    }
    let mut archive =
        zip::ZipArchive::new(File::open(zip_path)?).map_err(|e| ExportError::BadZip(e.to_string()))?;
    std::fs::create_dir_all(folder)?;
    let mut copied = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| ExportError::BadZip(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let Ok(full_name) = entry.name() else { continue };
        // Some phones put a direction mark in the entry's name that the chat's marker does not
        // have (the marker's own marks are dropped when it is read); the copy takes the clean name.
        let name: String = full_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !header::is_mark(*c))
            .collect();
        // Only plain names that a message refers to: nothing can land outside `folder`.
        if !wanted.contains(&name) {
            continue;
        }
        let target = folder.join(&name);
        if target.metadata().map(|m| m.len() == entry.size()).unwrap_or(false) {
            copied.push((name, entry.size()));
            continue;
        }
        let partial = folder.join(format!(".{name}.part"));
        let new = !target.exists();
        let size = match copy_entry(&mut entry, &partial, &target) {
            Ok(size) => size,
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e.into());
            }
        };
        if new {
            written.push(target);
        }
        copied.push((name, size));
    }
    Ok(copied)
}

fn copy_entry(entry: &mut impl Read, partial: &Path, target: &Path) -> std::io::Result<u64> {
    let mut out = File::create(partial)?;
    let size = std::io::copy(entry, &mut out)?;
    out.sync_all()?;
    std::fs::rename(partial, target)?;
    Ok(size)
}

/// "WhatsApp Chat with Ana.txt", "Chat de WhatsApp con Ana.txt", "Conversa do WhatsApp com Ana.zip",
/// "WhatsApp Chat - Ana.zip" → "Ana".
pub fn chat_name_from_file_name(file_name: &str) -> Option<String> {
    let stem = file_name
        .strip_suffix(".txt")
        .or_else(|| file_name.strip_suffix(".zip"))
        .or_else(|| file_name.strip_suffix(".TXT"))
        .or_else(|| file_name.strip_suffix(".ZIP"))
        .unwrap_or(file_name);
    // Browsers and phones add " (1)" to a second download of the same name.
    let stem = match stem.rfind(" (") {
        Some(i) if stem.ends_with(')') && stem[i + 2..stem.len() - 1].bytes().all(|b| b.is_ascii_digit()) => {
            &stem[..i]
        }
        _ => stem,
    };
    const PREFIXES: &[&str] = &[
        "WhatsApp Chat with ",
        "WhatsApp Chat - ",
        "Chat de WhatsApp con ",
        "Chat de WhatsApp - ",
        "Conversa do WhatsApp com ",
        "Conversa do WhatsApp - ",
    ];
    PREFIXES
        .iter()
        .find_map(|prefix| stem.strip_prefix(prefix))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::chat_name_from_file_name;

    #[test]
    fn chat_names_from_file_names() {
        assert_eq!(
            chat_name_from_file_name("WhatsApp Chat with Ana Gómez.txt").as_deref(),
            Some("Ana Gómez")
        );
        assert_eq!(
            chat_name_from_file_name("Chat de WhatsApp con +54 9 351 555-1234.txt").as_deref(),
            Some("+54 9 351 555-1234")
        );
        assert_eq!(chat_name_from_file_name("Conversa do WhatsApp com Bia (2).zip").as_deref(), Some("Bia"));
        assert_eq!(
            chat_name_from_file_name("WhatsApp Chat - Feria Sábado.zip").as_deref(),
            Some("Feria Sábado")
        );
        assert_eq!(chat_name_from_file_name("_chat.txt"), None);
    }
}
