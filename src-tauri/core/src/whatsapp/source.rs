//! A chat export on disk: a `.txt`, or a `.zip` holding the chat (`_chat.txt` on iOS,
//! `WhatsApp Chat with ….txt` on Android) and its media. Sizes are checked before anything big
//! is read, and media is copied within `MediaLimits`, counting what each entry really holds.

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use super::ExportError;
use super::header;
use super::limits::{MAX_EXPORT_BYTES, MediaLimits};
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
        drop(file);
        return read_zip(path, file_name);
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

fn read_zip(path: &Path, file_name: String) -> Result<ChatSource> {
    let mut archive = open_zip(path)?;
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
    let mut entry = archive.by_name(&chat).map_err(bad_zip)?;
    if entry.size() > MAX_EXPORT_BYTES {
        return Err(ExportError::TooLarge { bytes: entry.size(), limit: MAX_EXPORT_BYTES }.into());
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    (&mut entry).take(MAX_EXPORT_BYTES + 1).read_to_end(&mut bytes).map_err(bad_zip)?;
    if bytes.len() as u64 > MAX_EXPORT_BYTES {
        return Err(ExportError::TooLarge { bytes: bytes.len() as u64, limit: MAX_EXPORT_BYTES }.into());
    }
    drop(entry);
    let chat_name = chat_name_from_file_name(&base(&chat)).or_else(|| chat_name_from_file_name(&file_name));
    let media_files = names.iter().filter(|n| **n != chat && !n.ends_with('/')).map(|n| base(n)).collect();
    Ok(ChatSource { file_name, chat_name, bytes, zip: Some(path.to_path_buf()), media_files })
}

/// Opens a zip export. Refuses one whose entries share bytes (the zip crate reads them): the
/// non-recursive zip bomb, where many entries point at one block that expands again for each.
fn open_zip(path: &Path) -> Result<ZipArchive<File>> {
    let mut archive = ZipArchive::new(File::open(path)?).map_err(bad_zip)?;
    if archive.has_overlapping_entries().map_err(bad_zip)? {
        return Err(ExportError::BadZip("entries of the .zip overlap".into()).into());
    }
    Ok(archive)
}

fn bad_zip(error: impl ToString) -> ExportError {
    ExportError::BadZip(error.to_string())
}

/// The media files of a zip that the messages point at, before any is copied.
pub(crate) struct MediaPlan {
    archive: ZipArchive<File>,
    /// (index in the zip, name to copy to, size the zip declares) of each file to copy.
    to_copy: Vec<(usize, String, u64)>,
    /// Files already in place from an earlier import, with their size.
    pub(crate) in_place: Vec<(String, u64)>,
}

impl MediaPlan {
    /// What the zip says the files to copy hold (the copy stops if they hold more).
    pub(crate) fn bytes_to_copy(&self) -> u64 {
        self.to_copy.iter().map(|(_, _, size)| size).sum()
    }

    pub(crate) fn nothing_to_copy(&self) -> bool {
        self.to_copy.is_empty()
    }
}

/// Finds the named files in the zip; one already in `in_place` with the size the zip declares is
/// left as it is. Refuses, before anything is copied, a file or a total the zip declares over the
/// limits, or a file that would expand like a zip bomb.
pub(crate) fn plan_media(
    zip_path: &Path,
    wanted: &[String],
    in_place: Option<&Path>,
    limits: &MediaLimits,
) -> Result<MediaPlan> {
    let archive = open_zip(zip_path)?;
    let mut plan = MediaPlan { to_copy: Vec::new(), in_place: Vec::new(), archive };
    let wanted: HashSet<&str> = wanted.iter().map(String::as_str).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut total: u64 = 0;
    for index in 0..plan.archive.len() {
        let entry = plan.archive.by_index_data(index).map_err(bad_zip)?;
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
        // Only plain names that a message refers to, once each: nothing can land outside the
        // folder, nor be written twice.
        if !wanted.contains(name.as_str()) || !seen.insert(name.clone()) {
            continue;
        }
        let size = entry.size();
        if in_place.is_some_and(|folder| folder.join(&name).metadata().is_ok_and(|m| m.len() == size)) {
            plan.in_place.push((name, size));
            continue;
        }
        if size > limits.file_bytes {
            return Err(ExportError::MediaTooLarge { file_name: name, limit: limits.file_bytes }.into());
        }
        if limits.expands_too_much(size, entry.compressed_size()) {
            return Err(too_compressed(&name, limits).into());
        }
        total = total.saturating_add(size);
        if total > limits.total_bytes {
            return Err(ExportError::MediaTotalTooLarge { limit: limits.total_bytes }.into());
        }
        plan.to_copy.push((index, name, size));
    }
    Ok(plan)
}

fn too_compressed(name: &str, limits: &MediaLimits) -> ExportError {
    ExportError::BadZip(format!(
        "{name} expands to more than {} times its size in the .zip, as no photo, video or audio does",
        limits.expansion_ratio
    ))
}

/// Copies the planned files into `folder`, counting what each really holds since a zip's
/// declared sizes can lie: a file or a total over the limits, or a file that expands like a zip
/// bomb, stops the copy before its bytes are written. Returns each file's name and size.
pub(crate) fn copy_media(
    plan: &mut MediaPlan,
    folder: &Path,
    limits: &MediaLimits,
) -> Result<Vec<(String, u64)>> {
    let needed = plan.bytes_to_copy().saturating_add(limits.free_space_margin);
    let mut total = 0;
    let mut copied = Vec::with_capacity(plan.to_copy.len());
    for (index, name, _) in &plan.to_copy {
        let mut entry = plan.archive.by_index(*index).map_err(bad_zip)?;
        let compressed = entry.compressed_size();
        let mut out = File::create(folder.join(name))?;
        let size = copy_counted(&mut entry, &mut out, name, compressed, &mut total, limits, needed)?;
        out.sync_all().map_err(|e| write_error(e, needed))?;
        copied.push((name.clone(), size));
    }
    Ok(copied)
}

/// Copies one entry, checking the limits before each block is written.
fn copy_counted(
    from: &mut impl Read,
    to: &mut impl Write,
    name: &str,
    compressed: u64,
    total: &mut u64,
    limits: &MediaLimits,
    needed: u64,
) -> Result<u64> {
    let mut buffer = vec![0; 64 * 1024];
    let mut size: u64 = 0;
    loop {
        let read = match from.read(&mut buffer) {
            Ok(0) => return Ok(size),
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // Data that does not match its checksum, or runs past its declared size.
            Err(e) => return Err(bad_zip(e).into()),
        };
        size = size.saturating_add(read as u64);
        *total = total.saturating_add(read as u64);
        if size > limits.file_bytes {
            return Err(
                ExportError::MediaTooLarge { file_name: name.to_owned(), limit: limits.file_bytes }.into()
            );
        }
        if *total > limits.total_bytes {
            return Err(ExportError::MediaTotalTooLarge { limit: limits.total_bytes }.into());
        }
        if limits.expands_too_much(size, compressed) {
            return Err(too_compressed(name, limits).into());
        }
        to.write_all(&buffer[..read]).map_err(|e| write_error(e, needed))?;
    }
}

/// A full disk is said as such, with what to do about it.
fn write_error(error: std::io::Error, needed: u64) -> crate::Error {
    match error.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            ExportError::NoSpaceForMedia { needed }.into()
        }
        _ => error.into(),
    }
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
    use super::*;

    /// A reader that holds more than anything declared: only the counting stops it.
    fn endless() -> impl Read {
        std::io::repeat(0xA5)
    }

    #[test]
    fn the_copy_stops_at_the_caps_before_writing_past_them() {
        let limits = MediaLimits { file_bytes: 100_000, total_bytes: 150_000, ..MediaLimits::default() };
        let copy = |total: &mut u64, out: &mut Vec<u8>| {
            copy_counted(&mut endless(), out, "IMG-1.jpg", 1 << 30, total, &limits, 0)
        };
        let mut out = Vec::new();
        let error = copy(&mut 0, &mut out).unwrap_err();
        assert_eq!(error.code(), "whatsapp_media_too_large");
        assert!(out.len() as u64 <= limits.file_bytes, "wrote {} bytes", out.len());

        let mut out = Vec::new();
        let error = copy(&mut 100_000, &mut out).unwrap_err();
        assert_eq!(error.code(), "whatsapp_media_total_too_large");
        assert!(out.len() as u64 <= 50_000, "wrote {} bytes", out.len());
    }

    #[test]
    fn the_copy_stops_an_entry_that_expands_like_a_bomb() {
        let limits = MediaLimits::default();
        let mut out = Vec::new();
        let error =
            copy_counted(&mut endless(), &mut out, "IMG-1.jpg", 1000, &mut 0, &limits, 0).unwrap_err();
        assert_eq!(error.code(), "whatsapp_bad_zip");
        assert!(out.len() as u64 <= limits.ratio_free_bytes.max(1000 * limits.expansion_ratio));
        // A small file that shrank a lot (a contact card) is copied.
        let mut card = std::io::repeat(b'x').take(50_000);
        assert_eq!(
            copy_counted(&mut card, &mut Vec::new(), "c.vcf", 100, &mut 0, &limits, 0).unwrap(),
            50_000
        );
    }

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
