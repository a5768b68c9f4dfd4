"""The product: articles, library, matching. Never imports Qt; the UI and the CLI are its clients."""
