"""One exception tree. Every error has a stable ``code`` string used in the failures table and REST errors."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class. ``code`` is stable and machine-readable; the message is for people."""

    code = "eventwire_error"

    def __init__(self, message: str, *, detail: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class InputError(EventwireError):
    """An input record or file cannot be read as an article."""

    code = "bad_input"


class EmptyArticleError(InputError):
    code = "empty_article"


class DecodeError(InputError):
    code = "decode_error"


class BinaryInputError(InputError):
    code = "binary_input"


class ParseError(InputError):
    """Malformed JSON/CSV/XML/HTML record."""

    code = "parse_error"


class UnsafeXMLError(InputError):
    """XML with entity expansion or external entities (e.g. a "billion laughs" feed)."""

    code = "unsafe_xml"


class NotFoundError(InputError):
    code = "not_found"


class UnsupportedFormatError(InputError):
    code = "unsupported_format"


class TooLargeError(InputError):
    code = "too_large"


class StageError(EventwireError):
    """A pipeline stage failed on one article (the batch goes on)."""

    code = "stage_error"


class ArticleTimeoutError(StageError):
    """An article took longer than the pipeline's time limit (a stage looping or stalling on it)."""

    code = "timeout"


class ModelNotFoundError(EventwireError):
    code = "model_not_found"


class StoreError(EventwireError):
    code = "store_error"


class StoreLockedError(StoreError):
    code = "store_locked"


class ConfigError(EventwireError):
    code = "config_error"


class GoldFileError(EventwireError):
    code = "gold_file_error"
