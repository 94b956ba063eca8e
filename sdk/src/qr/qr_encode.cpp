// Text to QR symbol with libqrencode.
#include <poura/qr.hpp>

#include <qrencode.h>

#include <cctype>
#include <cerrno>
#include <memory>
#include <string>

namespace poura {
namespace {

struct QrcodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

QRecLevel to_qrencode_level(EccLevel ecc) {
    switch (ecc) {
        case EccLevel::L: return QR_ECLEVEL_L;
        case EccLevel::M: return QR_ECLEVEL_M;
        case EccLevel::Q: return QR_ECLEVEL_Q;
        case EccLevel::H: return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_Q;
}

const char* ecc_name(EccLevel ecc) {
    switch (ecc) {
        case EccLevel::L: return "L";
        case EccLevel::M: return "M";
        case EccLevel::Q: return "Q";
        case EccLevel::H: return "H";
    }
    return "?";
}

// Capacity of a version 40 symbol (ISO/IEC 18004 table 7), quoted in the error
// message so that a caller can tell how far over the limit the text is.
struct Capacity {
    int bytes;
    int alphanumeric;
};

Capacity version40_capacity(EccLevel ecc) {
    switch (ecc) {
        case EccLevel::L: return {2953, 4296};
        case EccLevel::M: return {2331, 3391};
        case EccLevel::Q: return {1663, 2420};
        case EccLevel::H: return {1273, 1852};
    }
    return {0, 0};
}

}  // namespace

Result<EccLevel> ecc_level_from_name(std::string_view name) {
    if (name.size() == 1) {
        switch (std::toupper(static_cast<unsigned char>(name[0]))) {
            case 'L': return EccLevel::L;
            case 'M': return EccLevel::M;
            case 'Q': return EccLevel::Q;
            case 'H': return EccLevel::H;
            default: break;
        }
    }
    return make_error(Errc::invalid_argument,
                      "unknown QR error correction level \"" + std::string(name) + "\" (expected L, M, Q or H)");
}

Result<QrCode> qr_encode(std::string_view text, EccLevel ecc) {
    if (text.empty()) {
        return make_error(Errc::invalid_argument, "cannot encode an empty text as a QR code");
    }
    if (text.find('\0') != std::string_view::npos) {
        return make_error(Errc::invalid_argument, "QR text must not contain NUL characters");
    }

    // libqrencode takes a C string; a string_view need not be terminated.
    const std::string terminated(text);
    // Version 0 lets libqrencode pick the smallest version that fits. With
    // case sensitivity on, runs of digits and of the alphanumeric set (what
    // Base45 uses) get their compact modes; anything else goes in byte mode.
    errno = 0;
    const QrcodePtr code(QRcode_encodeString(terminated.c_str(), 0, to_qrencode_level(ecc), QR_MODE_8, 1));
    const int encode_errno = errno;
    if (!code) {
        if (encode_errno == ERANGE) {
            const Capacity capacity = version40_capacity(ecc);
            return make_error(Errc::limit_exceeded,
                              "text too long for a QR code at error correction level " + std::string(ecc_name(ecc)) +
                                  " (" + std::to_string(text.size()) + " bytes; the largest symbol holds " +
                                  std::to_string(capacity.bytes) + " bytes of arbitrary text or " +
                                  std::to_string(capacity.alphanumeric) +
                                  " characters of 0-9 A-Z space $%*+-./:)");
        }
        if (encode_errno == EINVAL) {
            return make_error(Errc::invalid_argument, "libqrencode rejected the text");
        }
        return make_error(Errc::internal, "libqrencode failed to encode the text (errno " +
                                              std::to_string(encode_errno) + ")");
    }

    QrCode qr;
    qr.version = code->version;
    qr.size = code->width;
    const std::size_t module_count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    qr.modules.resize(module_count);
    for (std::size_t i = 0; i < module_count; ++i) {
        // The other bits of libqrencode's byte describe the module's role
        // (finder, timing, data...); bit 0 alone is its colour.
        qr.modules[i] = code->data[i] & 1u;
    }
    return qr;
}

}  // namespace poura
