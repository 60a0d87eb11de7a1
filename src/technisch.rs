//! The technical detail behind a Dutch reason: what a reader library said in its own (English)
//! words, or the text of a panic it raised.
//!
//! Why a side log and not a field of every error: a staff member reads only the Dutch reason
//! ("het zip-archief is beschadigd"), but whoever investigates a refused file needs
//! the library's sentence ("Invalid checksum") and must not have to reproduce the run to get it.
//! The reasons are made deep inside the readers, in notes as well as in errors, so each place that
//! turns a library message into Dutch records the message here, and [`crate::file::process_file`]
//! takes the log of the file it just read into `FileOutcome::technisch`. From there it goes to the
//! register (`inhoud.technisch`) and to `-v` output, never into a finding or a CSV.
//!
//! The log is per thread: a file is read on one thread from start to end (in a worker process or
//! in-process), and `process_file` empties the log before it starts. It is bounded, so a file that
//! makes a library complain a million times costs a few kilobytes.

use std::cell::RefCell;

/// At most this many messages per file; further ones are counted, not kept.
const MAX_MESSAGES: usize = 32;
/// At most this many characters per message.
const MAX_CHARS: usize = 400;

#[derive(Default)]
struct Log {
    messages: Vec<String>,
    dropped: usize,
}

thread_local! {
    static LOG: RefCell<Log> = RefCell::new(Log::default());
}

/// Keep `message` (a library's own words) for the file being read on this thread.
pub fn record(message: &str) {
    let message = message.trim();
    if message.is_empty() {
        return;
    }
    LOG.with(|log| {
        let mut log = log.borrow_mut();
        if log.messages.iter().any(|m| m == message) {
            return;
        }
        if log.messages.len() >= MAX_MESSAGES {
            log.dropped += 1;
            return;
        }
        let mut kept: String = message.chars().take(MAX_CHARS).collect();
        if kept.len() < message.len() {
            kept.push('…');
        }
        log.messages.push(kept);
    });
}

/// The messages recorded on this thread since the last call, oldest first; the log is empty after.
pub fn take() -> Vec<String> {
    LOG.with(|log| {
        let mut log = log.borrow_mut();
        let mut out = std::mem::take(&mut log.messages);
        let dropped = std::mem::take(&mut log.dropped);
        if dropped > 0 {
            out.push(format!("(en nog {dropped} technische meldingen)"));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_kept_once_bounded_and_taken() {
        let _ = take();
        record("Invalid checksum");
        record("  Invalid checksum ");
        record("");
        assert_eq!(take(), vec!["Invalid checksum".to_string()]);
        assert!(take().is_empty());
        for i in 0..MAX_MESSAGES + 3 {
            record(&format!("message {i}"));
        }
        let got = take();
        assert_eq!(got.len(), MAX_MESSAGES + 1);
        assert_eq!(got[0], "message 0");
        assert_eq!(got[MAX_MESSAGES], "(en nog 3 technische meldingen)");
        record(&"x".repeat(MAX_CHARS + 10));
        let long = take();
        assert_eq!(long[0].chars().count(), MAX_CHARS + 1);
        assert!(long[0].ends_with('…'));
    }

    #[test]
    fn each_thread_has_its_own_log() {
        let _ = take();
        record("here");
        let there = std::thread::spawn(|| {
            record("there");
            take()
        })
        .join()
        .unwrap_or_default();
        assert_eq!(there, vec!["there".to_string()]);
        assert_eq!(take(), vec!["here".to_string()]);
    }
}
