//! Streaming a response produced by blocking database work. The work runs on the blocking pool
//! and writes into an anonymous temporary file; the pooled connection goes back to the pool as soon
//! as the export is written, and only then is the file handed to the client in chunks through a
//! bounded channel. So memory stays flat, and a slow client holds a file, never a connection: slow
//! readers cannot exhaust the pool and take the pages down.

use std::io::{self, Seek, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::web::Bytes;
use tokio::sync::mpsc;

use crate::db::{DbConn, DbPool};

/// Bytes per chunk handed to the client.
const CHUNK: usize = 64 * 1024;
/// Chunks that may wait in the channel.
const QUEUE: usize = 4;

type Chunk = Result<Bytes, io::Error>;

/// A `Write` that sends what is written through the channel in chunks.
pub struct ChannelWriter {
    sender: mpsc::Sender<Chunk>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    fn send_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send_buffer()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send_buffer()
    }
}

/// The receiving end, as the body stream of a response.
pub struct ChannelStream(mpsc::Receiver<Chunk>);

impl futures_core::Stream for ChannelStream {
    type Item = Chunk;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Chunk>> {
        self.0.poll_recv(cx)
    }
}

/// Runs `produce` on the blocking pool with a connection from `pool`, spools what it writes to a
/// temporary file, releases the connection, then streams the file. A failure midway ends the
/// stream with an error, so the client sees a broken download rather than a silently truncated
/// file.
pub fn stream_from<E, F>(pool: DbPool, produce: F) -> ChannelStream
where
    F: FnOnce(&mut DbConn, &mut dyn Write) -> Result<(), E> + Send + 'static,
    E: std::fmt::Display,
{
    let (sender, receiver) = mpsc::channel(QUEUE);
    actix_web::rt::task::spawn_blocking(move || {
        let mut writer = ChannelWriter {
            sender: sender.clone(),
            buffer: Vec::with_capacity(CHUNK),
        };
        let outcome = spool(&pool, produce).and_then(|mut file| {
            io::copy(&mut file, &mut writer)
                .and_then(|_| writer.flush())
                .map_err(|err| err.to_string())
        });
        if let Err(message) = outcome {
            log::error!("streamed download failed: {message}");
            let _ = sender.blocking_send(Err(io::Error::other(message)));
        }
    });
    ChannelStream(receiver)
}

/// Writes the export into a temporary file with a pooled connection that is returned before
/// the file is read back.
fn spool<E, F>(pool: &DbPool, produce: F) -> Result<std::fs::File, String>
where
    F: FnOnce(&mut DbConn, &mut dyn Write) -> Result<(), E>,
    E: std::fmt::Display,
{
    let file = tempfile::tempfile().map_err(|err| format!("temporary file: {err}"))?;
    let mut out = io::BufWriter::with_capacity(CHUNK, file);
    {
        let mut conn = pool.get().map_err(|err| err.to_string())?;
        produce(&mut conn, &mut out).map_err(|err| err.to_string())?;
    }
    let mut file = out.into_inner().map_err(|err| err.to_string())?;
    file.rewind().map_err(|err| err.to_string())?;
    Ok(file)
}
