//! Stage 4, model: the Markdown body of a document or plan as the model
//! holds it. `serve` shares it with the content read, which it keeps so
//! as to read again only the files that change; `build` deflates it once
//! the model is made ([`crate::model::Model::pack_bodies`]): a body is
//! rendered on one or two pages, and the bodies of a large site would
//! otherwise be held whole through the render (0.5 GB of text at 10,000
//! documents, deflated to about 40%).

use std::borrow::Cow;
use std::io::{Read, Write};
use std::sync::Arc;

/// A Markdown body, as read or deflated (see the module doc).
#[derive(Debug, Clone)]
pub enum BodyText {
    Shared(Arc<str>),
    Deflated(Arc<[u8]>),
}

impl Default for BodyText {
    fn default() -> BodyText {
        BodyText::Shared(Arc::from(""))
    }
}

impl From<Arc<str>> for BodyText {
    fn from(text: Arc<str>) -> BodyText {
        BodyText::Shared(text)
    }
}

impl From<&str> for BodyText {
    fn from(text: &str) -> BodyText {
        BodyText::Shared(text.into())
    }
}

impl BodyText {
    /// The Markdown (inflated when deflated).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            BodyText::Shared(text) => Cow::Borrowed(text),
            BodyText::Deflated(bytes) => {
                let mut text = String::new();
                flate2::read::DeflateDecoder::new(&bytes[..])
                    .read_to_string(&mut text)
                    .expect("a body deflated by `packed` inflates to UTF-8");
                Cow::Owned(text)
            }
        }
    }

    /// This body deflated (at the fast level), unless that is no smaller.
    pub fn packed(&self) -> BodyText {
        let BodyText::Shared(text) = self else {
            return self.clone();
        };
        let mut out = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(text.len() / 2),
            flate2::Compression::fast(),
        );
        let bytes = out
            .write_all(text.as_bytes())
            .and_then(|()| out.finish())
            .expect("deflating into memory does not fail");
        if bytes.len() < text.len() {
            BodyText::Deflated(bytes.into())
        } else {
            self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BodyText;

    #[test]
    fn a_packed_body_reads_as_it_was_and_holds_less() {
        let text = "## 一、主要任务\n\n1. 加快科技成果转化。(牵头单位:省科技厅)\n".repeat(40);
        let body = BodyText::from(text.as_str());
        let packed = body.packed();
        let BodyText::Deflated(bytes) = &packed else {
            panic!("a repetitive text deflates");
        };
        assert!(bytes.len() * 4 < text.len(), "{} bytes", bytes.len());
        assert_eq!(packed.text(), text);
        assert_eq!(
            packed.packed().text(),
            text,
            "packing twice changes nothing"
        );
    }

    #[test]
    fn a_body_that_does_not_deflate_is_kept_as_it_is() {
        for text in ["", "短"] {
            let packed = BodyText::from(text).packed();
            assert!(matches!(packed, BodyText::Shared(_)), "{text:?}");
            assert_eq!(packed.text(), text);
        }
    }
}
