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

#[cfg(test)]
mod tests {
    use super::*;

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
