//! The allocator's settings, made once at start.
//!
//! Each sign-in hashes with Argon2 over 19 MiB on a blocking thread. glibc serves a block that
//! large with `mmap` and returns it on free, but freeing one raises its threshold for the
//! next (up to 32 MiB), after which such blocks come from the thread's heap arena and stay
//! with the process: after a burst of sign-ins the resident size stayed near 200 MiB. A fixed
//! threshold turns that adjustment off, so every block of 1 MiB or more goes back to the
//! system when freed.

/// Blocks from this size up are mapped on their own and unmapped when freed.
const MMAP_THRESHOLD: i32 = 1 << 20;

pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only changes glibc's allocation parameters; it is called once, at
    // start, before the server's threads exist.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}
