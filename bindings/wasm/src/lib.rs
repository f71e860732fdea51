//! The `<sme-precheck>` widget as a WebAssembly module: the widget rendered
//! through web-sys ([`widget`]) and feedback delivery ([`delivery`]). The JS
//! API for hosts that call the pre-check themselves is its own module
//! (`bindings/api`, shipped as `sme-precheck/api`), so the widget does not
//! carry it.

/// The global allocator in the browser: a small free-list allocator instead
/// of the standard library's dlmalloc (fewer bytes of code to ship).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

pub mod delivery;
pub mod widget;
