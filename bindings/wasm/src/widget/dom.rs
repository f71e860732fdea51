//! Tiny DOM builder over web-sys used by every step renderer. Text is only
//! ever inserted as text nodes (`create_text_node`), never parsed as HTML, so
//! partner-supplied texts and catalogue names cannot inject markup.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The page's document. The widget only runs inside a page, where it exists.
pub fn doc() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("<sme-precheck> runs in a page with a document")
}

/// An element under construction.
pub struct E(pub Element);

impl E {
    /// Creates `<tag>`.
    pub fn new(tag: &str) -> E {
        E(doc().create_element(tag).expect("valid tag name"))
    }

    /// Creates an SVG element `<tag>` (in the SVG namespace).
    pub fn svg(tag: &str) -> E {
        E(doc()
            .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
            .expect("valid tag name"))
    }

    /// Sets the `class` attribute.
    pub fn class(self, class: &str) -> E {
        self.attr("class", class)
    }

    /// Sets an attribute (names are literals in this crate, so it cannot fail).
    pub fn attr(self, name: &str, value: &str) -> E {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets an attribute when `on` is true.
    pub fn attr_if(self, on: bool, name: &str, value: &str) -> E {
        if on { self.attr(name, value) } else { self }
    }

    /// Sets `data-testid`.
    pub fn testid(self, id: &str) -> E {
        self.attr("data-testid", id)
    }

    /// Appends a text node (never HTML).
    pub fn text(self, text: &str) -> E {
        let _ = self.0.append_child(&doc().create_text_node(text));
        self
    }

    /// Appends a child element.
    pub fn child(self, child: E) -> E {
        let _ = self.0.append_child(&child.0);
        self
    }

    /// Appends a child element when present.
    pub fn child_opt(self, child: Option<E>) -> E {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }

    /// Appends several children.
    pub fn children(self, children: impl IntoIterator<Item = E>) -> E {
        for c in children {
            let _ = self.0.append_child(&c.0);
        }
        self
    }

    /// Appends `child` to this element in place (for loops).
    pub fn push(&self, child: E) {
        let _ = self.0.append_child(&child.0);
    }
}

/// An element with only text in it.
pub fn text(tag: &str, text: &str) -> E {
    E::new(tag).text(text)
}

/// A `<button type="button" data-action=…>`.
pub fn button(label: &str, action: &str, testid: &str, class: &str) -> E {
    E::new("button")
        .attr("type", "button")
        .attr("data-action", action)
        .testid(testid)
        .class(class)
        .text(label)
}

/// Moves keyboard focus to `el` if it is an HTML element.
pub fn focus(el: &Element) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}
