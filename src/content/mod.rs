//! Stage 3, content: the editable Markdown form of documents and plans.
