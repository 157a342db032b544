"""Score template-driven engineering docs for completeness, in MkDocs and on the command line."""

__version__ = "0.1.0"
