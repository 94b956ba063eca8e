#include "cli.hpp"

#include <iostream>

namespace poura::cli {

namespace {

// A certificate's text is at most 8,192 characters: standard input is read
// only a little past that, so a huge input is refused as too long without
// being held in memory.
constexpr std::size_t kMaxStdinText = 65536;

std::string input_text(const Args& args) {
    if (auto image = args.get("image")) return take(qr_read_image(read_bytes(*image)), *image);
    if (!args.positional().empty() && args.positional()[0] != "-") return args.positional()[0];
    std::string text(kMaxStdinText + 1, '\0');
    std::cin.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(std::cin.gcount()));
    return text;
}

Trust load_trust(const Args& args) {
    if (auto cert = args.get("cert")) {
        IssuerEntry entry;
        entry.key = take(PublicKey::from_certificate(read_bytes(*cert)), *cert);
        entry.document_types = {"*"};
        return take(Trust::from_issuers({entry}));
    }
    const std::string bundle = args.require("trust");
    return take(Trust::from_bundle(read_bytes(bundle), load_public_keys(args.require("root")),
                                   static_cast<std::uint64_t>(args.integer("min-seq", 0, 0, INT64_MAX))),
                bundle);
}

}  // namespace

int cmd_verify(const std::vector<std::string>& words) {
    const Args args(words, {"image", "trust", "root", "cert", "min-seq", "scheme", "now", "skew", "grace-days", "profiles"},
                    {"json"});
    if (args.positional().size() > 1) fail(exit_usage, "verify takes one QR text (quote it)");
    const Trust trust = load_trust(args);
    const ProfileSet profiles = load_profiles(args);

    VerifyOptions options;
    const std::string scheme = args.get("scheme").value_or(args.get("cert") ? "hc1" : "bd1");
    if (scheme == "bd1") options.scheme = Scheme::bd1();
    else if (scheme == "hc1") options.scheme = Scheme::hc1();
    else fail(exit_usage, "--scheme must be bd1 or hc1");
    if (args.get("now")) options.now = now_or(args);
    options.clock_skew = args.integer("skew", options.clock_skew, 0, INT64_MAX);
    options.grace_period = args.days("grace-days", options.grace_period / kSecondsPerDay, 0, kMaxDays);
    options.profiles = profiles;

    const VerifyResult result = verify(input_text(args), trust, options);
    if (args.has("json")) print_json(result.to_json());
    else print_result(result, profiles);
    return result.valid() ? exit_ok : exit_invalid;
}

int cmd_qr(const std::vector<std::string>& words) {
    const Args args(words, {"png", "svg", "ecc", "module", "quiet"}, {"force"});
    if (args.positional().size() > 1) fail(exit_usage, "qr takes one text (quote it)");
    const QrRenderOptions render = qr_render_options(args);
    refuse_to_overwrite_images(args);
    std::string text = args.positional().empty() || args.positional()[0] == "-" ? read_text("-") : args.positional()[0];
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (args.get("png") || args.get("svg")) {
        write_qr_images(args, text);
        return exit_ok;
    }
    const QrCode qr = take(qr_encode(text, take(ecc_level_from_name(args.get("ecc").value_or("Q")))));
    // Text has no module size; its quiet zone is 2 modules unless --quiet says otherwise.
    std::cout << take(qr_to_text(qr, args.get("quiet") ? render.quiet_zone : 2)) << "version " << qr.version << ", " << qr.size << "x" << qr.size << " modules\n";
    return exit_ok;
}

}  // namespace poura::cli
