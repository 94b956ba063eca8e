#include "cli.hpp"

#include <iostream>

namespace poura::cli {

ProfileSet load_profiles(const Args& args) {
    ProfileSet profiles = ProfileSet::builtin();
    if (auto file = args.get("profiles")) take(profiles.add(read_text(*file)), *file);
    return profiles;
}

QrRenderOptions qr_render_options(const Args& args) {
    QrRenderOptions render;
    render.module_size = static_cast<int>(args.integer("module", render.module_size, 1, 100));
    render.quiet_zone = static_cast<int>(args.integer("quiet", render.quiet_zone, 0, 100));
    return render;
}

void refuse_to_overwrite_images(const Args& args) {
    for (const char* option : {"png", "svg"})
        if (auto path = args.get(option)) refuse_to_overwrite(args, *path);
}

void write_qr_images(const Args& args, const std::string& text) {
    const QrRenderOptions render = qr_render_options(args);
    if (!args.get("png") && !args.get("svg")) return;
    const EccLevel ecc = take(ecc_level_from_name(args.get("ecc").value_or("Q")));
    const QrCode qr = take(qr_encode(text, ecc));
    if (auto png = args.get("png")) write_file(*png, take(qr_to_png(qr, render)));
    if (auto svg = args.get("svg")) write_file(*svg, take(qr_to_svg(qr, render)));
}

int cmd_issue(const std::vector<std::string>& words) {
    const Args args(words,
                    {"keyset", "issuer", "document", "serial", "issued", "expires", "png", "svg", "ecc", "module",
                     "quiet", "profiles", "passphrase-file", "now"},
                    {"no-compress", "plain", "json", "force"});
    qr_render_options(args);
    refuse_to_overwrite_images(args);
    const Keyset keyset = load_keyset(args.require("keyset"), args);
    const std::string document_path = args.require("document");
    const auto document = read_json_file(document_path);
    const ProfileSet profiles = load_profiles(args);

    IssueOptions options;
    options.issuer = args.require("issuer");
    options.serial = args.get("serial").value_or("");
    options.issued_at = args.get("issued") ? parse_time(*args.get("issued")) : now_or(args);
    if (auto expires = args.get("expires")) options.expires_at = parse_time(*expires);
    options.allow_compression = !args.has("no-compress");
    options.profiles = profiles;
    const IssuedCertificate cert = take(issue(document, keyset, options), document_path);
    write_qr_images(args, cert.qr_text);

    if (args.has("json")) {
        print_json({{"qr_text", cert.qr_text},
                    {"serial", cert.serial},
                    {"issued_at", format_time(cert.issued_at)},
                    {"expires_at", cert.expires_at ? nlohmann::json(format_time(cert.expires_at)) : nlohmann::json()},
                    {"kid", to_hex(cert.kid)},
                    {"document", cert.document}});
    } else {
        std::cout << cert.qr_text << "\n";
    }
    return exit_ok;
}

}  // namespace poura::cli
