"""Extractors: pure functions over an annotated document that return model records."""
