//! The `<sme-precheck>` widget as a WebAssembly module: the widget rendered
//! through web-sys ([`widget`]) and feedback delivery ([`delivery`]). The JS
//! API for hosts that call the pre-check themselves is its own module
//! (`bindings/api`, shipped as `sme-precheck/api`), so the widget does not
//! carry it.

pub mod delivery;
pub mod widget;
