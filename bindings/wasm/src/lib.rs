//! WebAssembly bindings for SME PreCheck: the JS API over the core
//! ([`api`]), the `<sme-precheck>` widget rendered through web-sys
//! ([`widget`]), and feedback delivery ([`delivery`]).

pub mod api;
pub mod delivery;
pub mod widget;
