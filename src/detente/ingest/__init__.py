"""Reading inputs: files, folders, globs and stdin, as plain text, HTML or JSONL."""

from detente.ingest.files import Rejected, read_inputs, read_path, read_stream

__all__ = ["Rejected", "read_inputs", "read_path", "read_stream"]
