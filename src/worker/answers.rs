//! A worker's answers as the parent reads them: frames of 4 length bytes (little-endian) and
//! that many bytes, each awaited with the file's deadline.
//!
//! On Unix the pool thread that drives a worker reads the worker's stdout itself, waiting with
//! `poll`. Until issue 15 a reader thread per worker took the frames off the pipe and handed
//! them to the pool thread over a channel: two threads woken per file instead of one. On a
//! virtual machine (like the ones this is measured on) waking a sleeping thread on the other CPU
//! costs tens of microseconds of CPU: 20,000 channel round trips between two threads took 1.0 s
//! of CPU across two CPUs and 0.19 s on one. Elsewhere the reader thread stays.

use std::io::Read;
use std::time::{Duration, Instant};

/// The longest answer frame taken from a worker. Answers are bounded far below this by the
/// limits on text per file (`limits.rs`); a longer length can only be a corrupted stream, and
/// allocating it would let one bad frame take the parent's memory.
pub const MAX_FRAME_BYTES: usize = 1 << 30;

/// What waiting for the next answer gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer<'a> {
    /// A whole frame, lent until the next call: it is decoded where it lies, not copied.
    Frame(&'a [u8]),
    /// The stream ended: the worker exited or died, a frame was cut off, or a length was
    /// impossibly long. Every later call gives this too.
    Ended,
    /// No whole frame within the limit.
    TimedOut,
}

/// Why reading stopped short of a whole frame.
#[cfg(unix)]
#[derive(Debug, PartialEq, Eq)]
enum Short {
    Ended,
    TimedOut,
}

/// The answers of one worker.
#[cfg(unix)]
pub struct Answers<R> {
    src: R,
    /// Bytes `start..end` are read and not yet taken. The buffer is zeroed once, when it grows,
    /// not at every read.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    ended: bool,
}

/// The buffer's first size: a pipe holds 64 KiB.
#[cfg(unix)]
const READ_BYTES: usize = 1 << 16;

/// Most bytes the buffer grows by at a time: a frame's declared length is not trusted with an
/// allocation before its bytes arrive.
#[cfg(unix)]
const MAX_GROWTH_BYTES: usize = 1 << 20;

#[cfg(unix)]
impl<R: Read + std::os::fd::AsRawFd> Answers<R> {
    pub fn new(src: R) -> Answers<R> {
        Answers {
            src,
            buf: vec![0; READ_BYTES],
            start: 0,
            end: 0,
            ended: false,
        }
    }

    /// The next frame, waiting at most `limit` for it to be whole.
    pub fn next(&mut self, limit: Duration) -> Answer<'_> {
        if self.ended {
            return Answer::Ended;
        }
        // A limit too large for the clock is no limit at all (a year is the same in practice).
        let until = Instant::now()
            .checked_add(limit)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(365 * 24 * 3600));
        match self.frame(until) {
            Ok(range) => Answer::Frame(&self.buf[range]),
            Err(Short::TimedOut) => Answer::TimedOut,
            Err(Short::Ended) => {
                self.ended = true;
                Answer::Ended
            }
        }
    }

    /// Where the next whole frame lies in the buffer.
    fn frame(&mut self, until: Instant) -> Result<std::ops::Range<usize>, Short> {
        self.fill(4, until)?;
        let mut len = [0u8; 4];
        len.copy_from_slice(&self.buf[self.start..self.start + 4]);
        let len = usize::try_from(u32::from_le_bytes(len)).map_err(|_| Short::Ended)?;
        if len > MAX_FRAME_BYTES {
            return Err(Short::Ended);
        }
        self.fill(4 + len, until)?;
        let body = self.start + 4..self.start + 4 + len;
        self.start = body.end;
        Ok(body)
    }

    /// Reads until `n` bytes are buffered, or the stream ends, or `until` passes.
    fn fill(&mut self, n: usize, until: Instant) -> Result<(), Short> {
        while self.end - self.start < n {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            // Grows only when full: memory follows the bytes that arrive, not a length.
            if self.end == self.buf.len() && self.buf.len() < n {
                let grown = n.min(self.buf.len().saturating_add(MAX_GROWTH_BYTES));
                self.buf.resize(grown, 0);
            }
            if !readable(self.src.as_raw_fd(), until)? {
                return Err(Short::TimedOut);
            }
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => return Err(Short::Ended),
                Ok(got) => self.end += got,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock
                    ) => {}
                Err(_) => return Err(Short::Ended),
            }
        }
        Ok(())
    }
}

/// Whether `fd` has bytes to read (or its end) before `until`; an error of `poll` itself ends the
/// stream.
#[cfg(unix)]
fn readable(fd: std::os::fd::RawFd, until: Instant) -> Result<bool, Short> {
    loop {
        let left = until.saturating_duration_since(Instant::now());
        let ms = i32::try_from(left.as_micros().div_ceil(1000)).unwrap_or(i32::MAX);
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, alive for the call; the fd belongs to the caller's reader.
        let r = unsafe { libc::poll(&mut p, 1, ms) };
        if r > 0 {
            // Bytes, the end of the stream or an error: the read that follows tells which.
            return Ok(true);
        }
        if r == 0 {
            if Instant::now() >= until {
                return Ok(false);
            }
            continue;
        }
        if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            return Err(Short::Ended);
        }
    }
}

/// The answers of one worker, taken off the pipe by a thread of their own.
#[cfg(not(unix))]
pub struct Answers<R> {
    rx: std::sync::mpsc::Receiver<Option<Vec<u8>>>,
    /// The frame last given out (lent until the next call).
    last: Vec<u8>,
    _src: std::marker::PhantomData<R>,
}

#[cfg(not(unix))]
impl<R: Read + Send + 'static> Answers<R> {
    pub fn new(src: R) -> Answers<R> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = std::io::BufReader::with_capacity(1 << 16, src);
            while let Some(frame) = read_frame(&mut r) {
                if tx.send(Some(frame)).is_err() {
                    return;
                }
            }
            let _ = tx.send(None);
        });
        Answers {
            rx,
            last: Vec::new(),
            _src: std::marker::PhantomData,
        }
    }

    pub fn next(&mut self, limit: Duration) -> Answer<'_> {
        use std::sync::mpsc::RecvTimeoutError;
        match self.rx.recv_timeout(limit) {
            Ok(Some(frame)) => {
                self.last = frame;
                Answer::Frame(&self.last)
            }
            Ok(None) | Err(RecvTimeoutError::Disconnected) => Answer::Ended,
            Err(RecvTimeoutError::Timeout) => Answer::TimedOut,
        }
    }
}

/// One frame read to its end, blocking. `None` at the end of the stream, on a frame cut off by a
/// dying worker, and on a length over [`MAX_FRAME_BYTES`].
#[cfg(any(not(unix), test))]
fn read_frame(r: &mut impl Read) -> Option<Vec<u8>> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len).ok()?;
    let len = usize::try_from(u32::from_le_bytes(len)).ok()?;
    if len > MAX_FRAME_BYTES {
        return None;
    }
    let mut frame = vec![0u8; len];
    r.read_exact(&mut frame).ok()?;
    Some(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames come out whole and in order; a frame cut off by a dying worker, or with a length
    /// no answer can have, ends the stream instead of being taken (or allocated).
    #[test]
    fn frames_are_read_whole_or_not_at_all() {
        let mut stream = Vec::new();
        for body in [&b"een"[..], b"", b"drie"] {
            stream.extend_from_slice(&(body.len() as u32).to_le_bytes());
            stream.extend_from_slice(body);
        }
        let mut r = &stream[..];
        assert_eq!(read_frame(&mut r).as_deref(), Some(&b"een"[..]));
        assert_eq!(read_frame(&mut r).as_deref(), Some(&b""[..]));
        assert_eq!(read_frame(&mut r).as_deref(), Some(&b"drie"[..]));
        assert_eq!(read_frame(&mut r), None);
        // Cut off in the body, and in the length.
        let mut r = &stream[..stream.len() - 1];
        read_frame(&mut r);
        read_frame(&mut r);
        assert_eq!(read_frame(&mut r), None);
        assert_eq!(read_frame(&mut &[7u8, 0][..]), None);
        // A length over the limit: refused before any allocation of that size.
        let huge = ((MAX_FRAME_BYTES + 1) as u32).to_le_bytes();
        assert_eq!(read_frame(&mut &huge[..]), None);
    }

    fn framed(bodies: &[&[u8]]) -> Vec<u8> {
        let mut stream = Vec::new();
        for body in bodies {
            stream.extend_from_slice(&(body.len() as u32).to_le_bytes());
            stream.extend_from_slice(body);
        }
        stream
    }

    /// Through a real socket: frames written in pieces (the length split, a body larger than a
    /// pipe holds, pauses between the pieces) come out whole and in order; then the end.
    #[cfg(unix)]
    #[test]
    fn frames_arriving_in_pieces_are_read_whole() {
        use std::io::Write;
        use std::os::unix::net::UnixStream;
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let stream = framed(&[b"een", b"", &big, b"vier"]);
        let (mut tx, rx) = UnixStream::pair().expect("socketpaar");
        let writer = std::thread::spawn(move || {
            for piece in [
                &stream[..2],
                &stream[2..9],
                &stream[9..100_000],
                &stream[100_000..],
            ] {
                tx.write_all(piece).expect("schrijven");
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let mut a = Answers::new(rx);
        let limit = Duration::from_secs(30);
        assert_eq!(a.next(limit), Answer::Frame(b"een"));
        assert_eq!(a.next(limit), Answer::Frame(b""));
        assert_eq!(a.next(limit), Answer::Frame(&big));
        assert_eq!(a.next(limit), Answer::Frame(b"vier"));
        writer.join().expect("schrijver");
        assert_eq!(a.next(limit), Answer::Ended);
        assert_eq!(a.next(limit), Answer::Ended);
    }

    /// A frame not whole within the limit is a time-out, not an end, and the limit is waited in
    /// full; a frame cut off by the writer's end, and a length over the limit, end the stream.
    #[cfg(unix)]
    #[test]
    fn a_late_frame_times_out_and_a_cut_one_ends_the_stream() {
        use std::io::Write;
        use std::os::unix::net::UnixStream;
        let (mut tx, rx) = UnixStream::pair().expect("socketpaar");
        let mut a = Answers::new(rx);
        let stream = framed(&[b"half"]);
        tx.write_all(&stream[..6]).expect("schrijven");
        let start = Instant::now();
        assert_eq!(a.next(Duration::from_millis(150)), Answer::TimedOut);
        assert!(start.elapsed() >= Duration::from_millis(150));
        drop(tx);
        assert_eq!(a.next(Duration::from_secs(30)), Answer::Ended);
        assert_eq!(a.next(Duration::from_secs(30)), Answer::Ended);

        let (mut tx, rx) = UnixStream::pair().expect("socketpaar");
        let mut a = Answers::new(rx);
        tx.write_all(&((MAX_FRAME_BYTES + 1) as u32).to_le_bytes())
            .expect("schrijven");
        assert_eq!(a.next(Duration::from_secs(30)), Answer::Ended);
        assert!(a.buf.capacity() < MAX_FRAME_BYTES);

        // A length of 500 MB and then 100 KB before the end: the buffer grows with the bytes.
        let (mut tx, rx) = UnixStream::pair().expect("socketpaar");
        let mut a = Answers::new(rx);
        let writer = std::thread::spawn(move || {
            tx.write_all(&(500u32 << 20).to_le_bytes())
                .expect("schrijven");
            tx.write_all(&[1u8; 100_000]).expect("schrijven");
        });
        assert_eq!(a.next(Duration::from_secs(30)), Answer::Ended);
        writer.join().expect("schrijver");
        assert!(
            a.buf.len() <= 100_004 + READ_BYTES + MAX_GROWTH_BYTES,
            "{}",
            a.buf.len()
        );
    }
}
