//! WebAssembly bindings for SME PreCheck: the JS API over the core, the
//! `<sme-precheck>` widget rendered through web-sys, and feedback delivery.

pub mod delivery;
