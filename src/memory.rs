//! The allocator's settings, made once at start.
//!
//! The server allocates with mimalloc (`main.rs`): glibc's `malloc`, `free` and their arena
//! locks were 12 % of a list page's CPU under 16 connections (issue 19), and mimalloc's
//! thread-local free lists made the list pages 15 % faster. Left to its defaults it kept what
//! was freed: 114 MiB idle, 185 MiB after a burst of sign-ins (each hashes with Argon2 over
//! 19 MiB on a blocking thread). Purging freed pages at once, committing its arenas only as
//! they are used, and no transparent huge pages (its `no_thp` feature, `Cargo.toml`) keep the
//! resident size near glibc's: 51 MiB idle, 71 MiB after 16 connections on the list pages and
//! after 64 sign-ins (16 at a time).
//!
//! SQLite allocates with the C library's `malloc`: glibc's threshold for mapping a block on
//! its own is fixed, so a large block of SQLite's goes back to the system when freed instead of
//! raising the threshold and staying in a thread's arena.

/// mimalloc's option numbers (`mi_option_e` in its `mimalloc.h`, version 3); the unit test
/// checks each against the default its `options.c` gives it.
const MI_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Blocks from this size up are mapped on their own and unmapped when freed (glibc).
const MMAP_THRESHOLD: i32 = 1 << 20;

pub fn tune_allocator() {
    // SAFETY: `mi_option_set` only stores an option's value, which mimalloc reads on each
    // purge and when it makes an arena.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(MI_ARENA_EAGER_COMMIT, 0);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only changes glibc's allocation parameters; it is called once, at
    // start, before the server's threads exist.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_numbers_are_mimallocs() {
        // SAFETY: reading and setting mimalloc's options; the tests do not allocate with it.
        unsafe {
            use libmimalloc_sys::mi_option_get;
            // The defaults of its `options.c`: purge after 1,000 ms, eager commit "2" (only on
            // overcommitting systems), unless the environment set them.
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                assert_eq!(mi_option_get(MI_PURGE_DELAY), 1000);
            }
            if std::env::var_os("MIMALLOC_ARENA_EAGER_COMMIT").is_none() {
                assert_eq!(mi_option_get(MI_ARENA_EAGER_COMMIT), 2);
            }
            tune_allocator();
            assert_eq!(mi_option_get(MI_PURGE_DELAY), 0);
            assert_eq!(mi_option_get(MI_ARENA_EAGER_COMMIT), 0);
        }
    }
}
