//! The `<sme-precheck>` widget, rendered by Rust through web-sys into an open
//! Shadow DOM. The flow: intro → quick check (a few inputs, the answer shown
//! live as the visitor types) → optional refine → results (every product,
//! with what-if amount and term) → needs survey → recommendations → preview
//! of the anonymized record → thanks.
//!
//! By concern:
//! - [`lifecycle`]: element registration, mount/unmount, attributes, the
//!   delegated event listener turning DOM events into actions, the runner;
//! - [`machine`]: the pure state machine, `transition(State, Action) ->
//!   (State, Vec<Effect>)`, holding every decision of the flow;
//! - [`state`]: the state (core types: `Profile`, `Catalogue`,
//!   `Evaluation`, the survey `Engine`) and its saved form;
//! - [`effects`]: storage, fetch, record building, the outbox, the
//!   completed event;
//! - views: [`render`] (chrome, steps, live answer, focus), [`form`],
//!   [`results`], [`survey`], [`preview`], with [`dom`] and [`i18n`].
//!
//! Nothing here uses `innerHTML`, inline `style` attributes or `eval`, so it
//! runs under `default-src 'self'; script-src 'self' 'wasm-unsafe-eval';
//! style-src 'self'`. See `docs/widget.md` for attributes, CSS custom
//! properties, events and the stable selectors used by the browser tests.

pub mod dom;
pub mod effects;
pub mod form;
pub mod i18n;
pub mod lifecycle;
pub mod machine;
pub mod preview;
pub mod render;
pub mod results;
pub mod state;
pub mod survey;
pub mod view;

pub use effects::COMPLETED_EVENT;
pub use lifecycle::{
    DEFAULT_ENDPOINT, DEFAULT_PARTNER, TAG, attribute_changed, define_element, mount, unmount,
};
