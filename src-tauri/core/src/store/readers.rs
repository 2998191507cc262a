//! A fixed pool of read-only connections, handed out one caller at a time.

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::{Condvar, Mutex, PoisonError};

use rusqlite::Connection;

use super::connection::open_reader;
use crate::Result;

pub(crate) struct ReaderPool {
    idle: Mutex<Vec<Connection>>,
    returned: Condvar,
}

impl ReaderPool {
    pub(crate) fn open(path: &Path, size: usize) -> Result<ReaderPool> {
        let idle = (0..size).map(|_| open_reader(path)).collect::<Result<Vec<_>>>()?;
        Ok(ReaderPool { idle: Mutex::new(idle), returned: Condvar::new() })
    }

    /// Waits for an idle connection when all are in use.
    pub(crate) fn get(&self) -> PooledReader<'_> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(conn) = idle.pop() {
                return PooledReader { pool: self, conn: Some(conn) };
            }
            idle = self.returned.wait(idle).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Goes back to the pool when dropped.
pub(crate) struct PooledReader<'a> {
    pool: &'a ReaderPool,
    conn: Option<Connection>,
}

impl Deref for PooledReader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("a pooled connection is present until dropped")
    }
}

impl DerefMut for PooledReader<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("a pooled connection is present until dropped")
    }
}

impl Drop for PooledReader<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.idle.lock().unwrap_or_else(PoisonError::into_inner).push(conn);
            self.pool.returned.notify_one();
        }
    }
}
