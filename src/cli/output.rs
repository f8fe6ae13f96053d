//! Where a command's text goes: standard output through one buffer, flushed at the end.
//! A reader that closes the pipe early (`flowmap check | head`) ends the writing
//! quietly ([`super::commands::unless_broken_pipe`]); any other write error (a full
//! disk) is returned for the command to report (exit 2).

use std::io::{self, BufWriter, Write};

/// The buffer between a report and standard output.
const BUFFER: usize = 1 << 16;

/// Runs `write` on buffered standard output and flushes it.
pub(crate) fn to_stdout(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, io::stdout().lock());
    write(&mut out)?;
    out.flush()
}
