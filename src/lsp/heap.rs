//! Keeping a long-running server's resident memory close to what it holds (glibc only; other
//! allocators and systems need nothing here).
//!
//! glibc gives each thread that allocates its own arena and keeps what is freed in it for later.
//! The server analyses on tokio's blocking threads and rayon's workers, so after one large
//! article every one of those threads would keep its share of the peak for good. One arena and a
//! trim after large analyses keep it down (with a 1 MB article open: 79 MB resident with the
//! default arenas, 60 MB with one; `benches/lsp_latency.py`). The single arena's lock does cost
//! time now that an analysis runs on two cores at once: ~265 ms instead of ~170 ms for the 1 MB
//! benchmark article (nothing measurable on ordinary articles). Two or three arenas: 63–84 MB at
//! rest; mimalloc: 62–215 MB, whatever its purge options. One arena it is; fewer allocations in
//! the extractors would win back the time.

/// Makes every thread allocate from one arena. Call before any thread is started.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn use_one_arena() {
    const M_ARENA_MAX: i32 = -8;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: `mallopt` only sets an allocator parameter; it is called before the runtime
    // starts any thread, and M_ARENA_MAX takes any positive value.
    unsafe {
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn use_one_arena() {}

/// Hands freed memory back to the system. After analysing a large article and serialising its
/// diagnostics (tower-lsp-server builds a `serde_json::Value` tree of them first) the server would
/// otherwise stay at that peak. Only worth it for large texts: small ones have small peaks, and
/// trimming costs a little time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn release_freed_memory() {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> i32;
    }
    // SAFETY: `malloc_trim` only returns free pages of glibc's heaps to the system; it takes
    // glibc's own locks and touches no memory the program can still reach.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed_memory() {}
