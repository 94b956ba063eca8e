"""Poura: signed-QR municipal certificates for Bangladesh, and municipal fees.

Verify a certificate against a trust bundle signed by the ministry's root key:

    trust = poura.Trust.from_bundle(bundle_bytes, roots=poura.read_public_keys(root_pub_json))
    result = poura.verify(qr_text, trust)
    if result.valid:
        print(result.document["name_en"], result.issuer.name_en)
    else:
        print(result.reason, result.message_en, result.message_bn)

A verdict is data, never an exception: ``verify`` returns a VerifyResult
whatever the input. Operational failures (a bad key file, a refused bundle,
an invalid document) raise ``PouraError`` subclasses carrying the SDK's
error ``code`` and ``status``. Signing, verifying and batch work run with
the GIL released; ``verify_batch`` uses every core.

``Office`` runs a municipal office's certificate workflow on one SQLite file:
applications, the ward councilor's recommendation, the mayor's approval,
issuing into the registry, revocation, printing, SMS and the audit log. It
is there when the core was built with the office (POURA_OFFICE, the default
natively). ``Revenue(office)`` is the office's revenue section on the same
file: holdings, water connections and trade licences, bill runs, payments
with signed receipts, settlement files, the ledger and reports.
"""

from . import _poura
from ._errors import (
    ConflictError,
    DocumentInvalidError,
    InternalError,
    InvalidArgumentError,
    InvalidStateError,
    IssuerUnknownError,
    KeyInvalidError,
    LimitExceededError,
    MalformedInputError,
    NoSigningKeyError,
    NotFoundError,
    NotInScheduleError,
    PermissionDeniedError,
    PouraError,
    PouraIOError,
    ProfileInvalidError,
    ScheduleInvalidError,
    StorageError,
    TrustBundleInvalidError,
    TrustRollbackError,
    UnknownDocumentTypeError,
    UnsafeTextError,
    UnsupportedError,
    WrongPassphraseError,
)
from ._money import format_money, format_percent, format_taka, money_in_words, parse_money
from ._poura import (
    CertificateIdentity,
    IssuedCertificate,
    IssuerEntry,
    IssuerInfo,
    Keyset,
    KeysetEntry,
    PrivateKey,
    ProfileSet,
    PublicKey,
    QrCode,
    Scheme,
    Trust,
    TrustBundle,
    TrustInfo,
    VerifyResult,
    issue,
    issuer_entries,
    qr_encode,
    read_public_keys,
    read_qr,
    revocation_hash,
    unwrap_envelope,
    verify,
    verify_batch,
    wrap_envelope,
)
from . import fees

try:
    from ._poura import Office, Revenue
except ImportError:  # a core built without the office (POURA_OFFICE off)
    _has_office = False
else:
    _has_office = True

__version__: str = _poura.__version__

__all__ = [
    "__version__",
    # keys and trust
    "PublicKey", "PrivateKey", "KeysetEntry", "Keyset", "read_public_keys",
    "IssuerEntry", "issuer_entries", "revocation_hash", "TrustBundle", "Trust",
    # issuing and verifying
    "issue", "IssuedCertificate", "verify", "verify_batch", "VerifyResult", "IssuerInfo", "TrustInfo",
    "CertificateIdentity", "Scheme", "ProfileSet", "unwrap_envelope", "wrap_envelope",
    # QR codes
    "QrCode", "qr_encode", "read_qr",
    # money and fees
    "format_money", "format_taka", "money_in_words", "parse_money", "format_percent", "fees",
    # errors
    "PouraError", "InvalidArgumentError", "MalformedInputError", "LimitExceededError", "DocumentInvalidError",
    "UnknownDocumentTypeError", "ScheduleInvalidError", "NotInScheduleError", "ProfileInvalidError",
    "NotFoundError", "PermissionDeniedError", "InvalidStateError", "ConflictError", "UnsafeTextError",
    "KeyInvalidError", "WrongPassphraseError", "NoSigningKeyError", "TrustBundleInvalidError",
    "TrustRollbackError", "IssuerUnknownError", "PouraIOError", "UnsupportedError", "InternalError",
    "NotFoundError", "PermissionDeniedError", "InvalidStateError", "ConflictError", "StorageError",
]
if _has_office:
    __all__ += ["Office", "Revenue"]
