//! Streaming a response produced by blocking database work. The work runs on the blocking pool
//! and writes into an anonymous temporary file; the pooled connection goes back to the pool as soon
//! as the export is written, and only then is the file handed to the client in chunks through a
//! bounded channel. So memory stays flat, and a slow client holds a file, never a connection: slow
//! readers cannot exhaust the pool and take the pages down.
//!
//! [`Spools`] keeps each export of the current data version: the first request for a download
//! writes it, every other request (at the same time or later) reads the same file, so fifty
//! clients downloading `participations.csv` cost one export, not fifty.

use std::collections::HashMap;
use std::io::{self, Seek, Write};
use std::os::unix::fs::FileExt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use actix_web::web::Bytes;
use tokio::sync::{mpsc, OnceCell};

use diesel::QueryResult;

use crate::db::{DbConn, DbPool};

/// Bytes per chunk handed to the client.
const CHUNK: usize = 64 * 1024;
/// Chunks that may wait in the channel.
const QUEUE: usize = 4;

type Chunk = Result<Bytes, io::Error>;

/// The receiving end, as the body stream of a response.
pub struct ChannelStream(mpsc::Receiver<Chunk>);

impl futures_core::Stream for ChannelStream {
    type Item = Chunk;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Chunk>> {
        self.0.poll_recv(cx)
    }
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

/// An export written once, read by any number of clients at their own pace.
#[derive(Debug)]
pub struct Spooled {
    file: std::fs::File,
    len: u64,
}

type Slot = Arc<OnceCell<Arc<Spooled>>>;

/// Exports of the current data version, by download (path and query): at most [`Spools::MAX`]
/// of them, all dropped when the data version changes.
#[derive(Debug, Default)]
pub struct Spools {
    slots: Mutex<(i64, HashMap<String, Slot>)>,
}

impl Spools {
    /// Downloads kept at once (each a temporary file the size of the download).
    pub const MAX: usize = 16;

    fn slot(&self, version: i64, key: &str) -> Slot {
        let Ok(mut slots) = self.slots.lock() else {
            return Slot::default();
        };
        if slots.0 != version {
            *slots = (version, HashMap::new());
        }
        if !slots.1.contains_key(key) && slots.1.len() >= Self::MAX {
            slots.1.clear();
        }
        slots.1.entry(key.to_owned()).or_default().clone()
    }

    fn forget(&self, key: &str) {
        if let Ok(mut slots) = self.slots.lock() {
            slots.1.remove(key);
        }
    }

    /// The body of download `key` at data version `version`: the kept export if there is one
    /// (or one being written: it waits for it), else `produce` run once with a pooled connection.
    pub async fn body<E, F>(
        &self,
        pool: DbPool,
        version: i64,
        key: &str,
        produce: F,
    ) -> Result<ChannelStream, String>
    where
        F: FnOnce(&mut DbConn, &mut dyn Write) -> Result<(), E> + Send + 'static,
        E: std::fmt::Display,
    {
        let slot = self.slot(version, key);
        let spooled = slot
            .get_or_try_init(|| async move {
                actix_web::rt::task::spawn_blocking(move || {
                    let mut file = spool(&pool, produce)?;
                    let len = file.seek(io::SeekFrom::End(0)).map_err(|e| e.to_string())?;
                    Ok(Arc::new(Spooled { file, len }))
                })
                .await
                .map_err(|err| err.to_string())?
            })
            .await;
        match spooled {
            Ok(spooled) => Ok(read_out(spooled.clone())),
            Err(err) => {
                self.forget(key);
                Err(err)
            }
        }
    }
}

/// Streams a kept export from its start, by offset, so clients never share a file position.
fn read_out(spooled: Arc<Spooled>) -> ChannelStream {
    let (sender, receiver) = mpsc::channel(QUEUE);
    actix_web::rt::task::spawn_blocking(move || {
        let mut offset = 0;
        let mut buffer = vec![0; CHUNK];
        while offset < spooled.len {
            let read = match spooled.file.read_at(&mut buffer, offset) {
                Ok(0) => break,
                Ok(read) => read,
                Err(err) => {
                    let _ = sender.blocking_send(Err(err));
                    return;
                }
            };
            offset += read as u64;
            let chunk = Bytes::copy_from_slice(&buffer[..read]);
            if sender.blocking_send(Ok(chunk)).is_err() {
                return; // the client went away
            }
        }
    });
    ChannelStream(receiver)
}

/// Streams stored parts read one at a time by `read_part` (part number from 0; `None` after the
/// last), each with a pooled connection held for that read only: a slow client holds at most a
/// part and a few chunks, never a connection.
pub fn parts<F>(pool: DbPool, mut read_part: F) -> ChannelStream
where
    F: FnMut(&mut DbConn, i32) -> QueryResult<Option<Vec<u8>>> + Send + 'static,
{
    let (sender, receiver) = mpsc::channel(QUEUE);
    actix_web::rt::task::spawn_blocking(move || {
        for part in 0.. {
            let read = pool
                .get()
                .map_err(io::Error::other)
                .and_then(|mut conn| read_part(&mut conn, part).map_err(io::Error::other));
            let bytes = match read {
                Ok(Some(bytes)) => Bytes::from(bytes),
                Ok(None) => return,
                Err(err) => {
                    let _ = sender.blocking_send(Err(err));
                    return;
                }
            };
            for start in (0..bytes.len()).step_by(CHUNK) {
                let chunk = bytes.slice(start..bytes.len().min(start + CHUNK));
                if sender.blocking_send(Ok(chunk)).is_err() {
                    return; // the client went away
                }
            }
        }
    });
    ChannelStream(receiver)
}
