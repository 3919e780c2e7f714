"""The read-only web desk: ``detente serve``.  Views return data; pages are HTML or .json."""

from detente.web.app import App
from detente.web.server import make, serve_in_thread

__all__ = ["App", "make", "serve_in_thread"]
