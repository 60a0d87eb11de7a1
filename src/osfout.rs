//! Operating-system errors in Dutch. `std::io::Error`'s own text is English and ends in
//! `(os error 20)`; a staff member gets one Dutch phrase per kind instead.

use std::io::{Error, ErrorKind};

/// `e` as a short Dutch phrase: "bestaat niet", "is geen map", "geen toestemming", …
pub fn nl(e: &Error) -> String {
    let vast = match e.kind() {
        ErrorKind::NotFound => "bestaat niet",
        ErrorKind::PermissionDenied => {
            "geen toestemming (alleen lezen of van een andere gebruiker)"
        }
        ErrorKind::AlreadyExists => "bestaat al",
        ErrorKind::NotADirectory => "een deel van het pad is een bestand, geen map",
        ErrorKind::IsADirectory => "is een map, geen bestand",
        ErrorKind::DirectoryNotEmpty => "map is niet leeg",
        ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "de schijf is vol",
        ErrorKind::FileTooLarge => "bestand is te groot",
        ErrorKind::InvalidFilename => "ongeldige bestandsnaam",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "is in gebruik",
        ErrorKind::Interrupted => "onderbroken",
        ErrorKind::TimedOut => "duurde te lang",
        ErrorKind::BrokenPipe => "de ontvanger is gestopt",
        ErrorKind::WouldBlock => "is bezet",
        ErrorKind::UnexpectedEof => "bestand houdt onverwacht op",
        ErrorKind::InvalidData => "ongeldige inhoud",
        ErrorKind::OutOfMemory => "te weinig geheugen",
        ErrorKind::CrossesDevices => "kan niet tussen schijven worden verplaatst",
        ErrorKind::TooManyLinks => "te veel koppelingen",
        ErrorKind::Unsupported => "wordt door dit systeem niet ondersteund",
        _ => "",
    };
    if !vast.is_empty() {
        return vast.to_string();
    }
    match e.raw_os_error() {
        Some(code) => format!("fout van het besturingssysteem (code {code})"),
        // An error made by a library with its own (English) text: keep the text, it is
        // specific; there is no OS code to add.
        None => e.to_string(),
    }
}

/// [`library_reason`] for a library error, with the library's own words kept as the file's
/// technical detail ([`crate::technisch`]): for `-v` and the register, never for the user.
pub fn library(e: &dyn std::fmt::Display) -> &'static str {
    let message = e.to_string();
    crate::technisch::record(&message);
    library_reason(&message)
}

/// A spreadsheet, OLE or zip library's English error message (calamine, cfb, quick-xml, zip; for
/// workbooks, .msg e-mails and zips alike) as one Dutch phrase, chosen by what it is about. The message itself never reaches the user:
/// a staff member must be able to tell a WSV what is wrong ("het bestand is afgebroken"), and
/// "Unrecognized sheet:state: show" tells neither of them anything.
pub fn library_reason(message: &str) -> &'static str {
    let m = message.to_lowercase();
    let tokens: Vec<&str> = m
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    // A needle matches a whole word ("fat" is not "fatal", "ole" not "whole"), a longer needle
    // also the start of one ("sector" in "sectors"), and a needle with a space the text itself.
    let has = |needles: &[&str]| {
        needles.iter().any(|n| {
            if n.contains(' ') {
                m.contains(n)
            } else {
                tokens
                    .iter()
                    .any(|t| t == n || (n.len() >= 5 && t.starts_with(n)))
            }
        })
    };
    if has(&["codepage"]) {
        "het bestand gebruikt een tekentabel (codepage) die de lezer niet kent"
    } else if has(&["fat", "sector", "cfb", "ole", "directory", "header"]) {
        "de interne indeling van het bestand (OLE) is beschadigd"
    } else if has(&["zip", "archive", "deflate", "crc"]) {
        "het zip-archief is beschadigd"
    } else if has(&["eof", "end of", "too short", "truncat", "unexpected end"]) {
        "het bestand houdt onverwacht op (het is afgebroken of onvolledig)"
    } else if has(&["utf", "utf8", "encoding", "decode", "decoding"]) {
        "tekst in het bestand heeft een ongeldige codering"
    } else if has(&["xml", "expecting", "found", "tag", "attribute"]) {
        "de opbouw van een onderdeel (XML) wijkt af van de norm"
    } else if has(&["unrecognized", "unknown", "unsupported", "invalid"]) {
        "het bestand bevat een waarde die niet in de norm voor rekenbladen staat"
    } else {
        "de opbouw van het bestand wijkt af van wat de lezer kent"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_messages_from_the_corpus_become_dutch() {
        // The four English messages `make conformance` showed for ../shared/corpus/sheets.
        let cases = [
            (
                "Cfb error: Codepage 8001 not found",
                "het bestand gebruikt een tekentabel (codepage) die de lezer niet kent",
            ),
            (
                "Malformed FAT (FAT has 384 entries, but file has only 270 sectors)",
                "de interne indeling van het bestand (OLE) is beschadigd",
            ),
            (
                "Expecting 'table-cell', found 'Text(BytesText { content: Borrowed(\"\\n  \") })'",
                "de opbouw van een onderdeel (XML) wijkt af van de norm",
            ),
            (
                "Unrecognized sheet:state: show",
                "het bestand bevat een waarde die niet in de norm voor rekenbladen staat",
            ),
        ];
        for (english, dutch) in cases {
            assert_eq!(library_reason(english), dutch, "{english}");
        }
        // Whole words, not parts of them: "fatal" is no FAT, "whole" no OLE, "stage" no tag.
        assert_eq!(
            library_reason("fatal: the whole stage failed"),
            "de opbouw van het bestand wijkt af van wat de lezer kent"
        );
        assert_eq!(
            library_reason("something else entirely"),
            "de opbouw van het bestand wijkt af van wat de lezer kent"
        );
    }

    #[test]
    fn kinds_in_dutch_without_os_error_numbers() {
        let e = Error::from_raw_os_error(20);
        assert_eq!(nl(&e), "een deel van het pad is een bestand, geen map");
        let e = Error::from_raw_os_error(2);
        assert_eq!(nl(&e), "bestaat niet");
        let e = Error::from_raw_os_error(13);
        assert!(nl(&e).starts_with("geen toestemming"));
        for code in 1..40 {
            let t = nl(&Error::from_raw_os_error(code));
            assert!(!t.contains("os error"), "{code}: {t}");
        }
    }
}
