"""Poura's errors as exceptions: every one carries the SDK's error name
(``code``) and number (``status``), the same as the C API returns."""

from __future__ import annotations

from typing import Dict, Type


class PouraError(Exception):
    """An operation failed. ``code`` is the SDK's error name ("key_invalid"),
    ``status`` its stable negative number (-20), ``message`` the explanation."""

    code: str = "internal"
    status: int = -99

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r}, status={self.status})"


# generated:begin error_classes (from sdk/data/codes.json by cmake/generate_codes.py)
# -1 .. -19: the caller's input
class InvalidArgumentError(PouraError, ValueError):
    """An argument is missing or ill-formed; the message names it."""
    code, status = "invalid_argument", -1


class MalformedInputError(PouraError, ValueError):
    """Input that cannot be parsed (JSON, Base45, an image)."""
    code, status = "malformed_input", -2


class LimitExceededError(PouraError, ValueError):
    """Input larger or deeper than the SDK accepts."""
    code, status = "limit_exceeded", -3


class DocumentInvalidError(PouraError, ValueError):
    """A document field is missing or ill-formed; the message names the field by its path."""
    code, status = "document_invalid", -4


class UnknownDocumentTypeError(PouraError, ValueError):
    """No profile for the document's type."""
    code, status = "unknown_document_type", -5


class ScheduleInvalidError(PouraError, ValueError):
    """A fee schedule fails validation; the message lists every problem."""
    code, status = "schedule_invalid", -6


class NotInScheduleError(PouraError, LookupError):
    """No schedule in force, or it lacks the use, size, category or rate asked for."""
    code, status = "not_in_schedule", -7


class ProfileInvalidError(PouraError, ValueError):
    """A certificate profile file fails validation."""
    code, status = "profile_invalid", -8


class NotFoundError(PouraError, LookupError):
    """The application, certificate, user or record asked for does not exist."""
    code, status = "not_found", -9


class PermissionDeniedError(PouraError, PermissionError):
    """The acting user's role, ward or relation to the application does not allow the action."""
    code, status = "permission_denied", -10


class InvalidStateError(PouraError):
    """The action does not apply to the application or certificate in its current state."""
    code, status = "invalid_state", -11


class ConflictError(PouraError):
    """A record with that key already exists, or another writer changed it first."""
    code, status = "conflict", -12


class UnsafeTextError(PouraError, ValueError):
    """An issuer's code or name holds bidi or zero-width controls, control characters or markup; the message names the member and the character."""
    code, status = "unsafe_text", -13


# -20 .. -39: keys and trust
class KeyInvalidError(PouraError, ValueError):
    """A key, key file or keyset cannot be used."""
    code, status = "key_invalid", -20


class WrongPassphraseError(PouraError):
    """The passphrase does not decrypt the private key."""
    code, status = "wrong_passphrase", -21


class NoSigningKeyError(PouraError):
    """No key may sign now."""
    code, status = "no_signing_key", -22


class TrustBundleInvalidError(PouraError):
    """The trust bundle is malformed or not signed by a root key."""
    code, status = "trust_bundle_invalid", -23


class TrustRollbackError(PouraError):
    """The trust bundle is older (lower sequence) than one already accepted."""
    code, status = "trust_rollback", -24


class IssuerUnknownError(PouraError, LookupError):
    """The issuer is not in the trust."""
    code, status = "issuer_unknown", -25


# -40 .. -59: the environment
class PouraIOError(PouraError, OSError):
    """A file cannot be read or written."""
    code, status = "io_error", -40


class UnsupportedError(PouraError):
    """A format or feature the SDK does not support (e.g. a CMYK JPEG)."""
    code, status = "unsupported", -41


class StorageError(PouraError, OSError):
    """The office database cannot be opened, read or written (a disk full, a locked or damaged file, a file made by a newer library)."""
    code, status = "storage", -42


# -90 .. -99: the library itself
class InternalError(PouraError):
    """A bug in Poura: please report it."""
    code, status = "internal", -99


ERROR_CLASSES: Dict[str, Type[PouraError]] = {
    cls.code: cls
    for cls in (
        InvalidArgumentError, MalformedInputError, LimitExceededError, DocumentInvalidError, UnknownDocumentTypeError,
        ScheduleInvalidError, NotInScheduleError, ProfileInvalidError, NotFoundError, PermissionDeniedError,
        InvalidStateError, ConflictError, UnsafeTextError, KeyInvalidError, WrongPassphraseError, NoSigningKeyError,
        TrustBundleInvalidError, TrustRollbackError, IssuerUnknownError, PouraIOError, UnsupportedError, StorageError,
        InternalError,
    )
}
# generated:end error_classes


def error_from_code(code: str, status: int, message: str) -> PouraError:
    """The exception for an SDK error (the extension raises what this returns)."""
    cls = ERROR_CLASSES.get(code, PouraError)
    return cls(message, code=code, status=status)
