#include "cli.hpp"

#include <algorithm>
#include <functional>
#include <iostream>
#include <sstream>

namespace poura::cli {
namespace {

const std::set<std::string> kSigningOptions = {"bundle", "root-keyset", "passphrase-file", "now", "valid-days"};

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

std::set<std::string> with(std::set<std::string> base, std::initializer_list<std::string> more) {
    base.insert(more);
    return base;
}

// Opens the bundle with the root keyset's own public keys, lets `change` edit
// it, then re-signs it with the next sequence number.
void edit_bundle(const Args& args, const std::function<void(TrustBundle&)>& change) {
    const std::string path = args.require("bundle");
    const Keyset root = load_keyset(args.require("root-keyset"), args);
    std::vector<PublicKey> roots;
    for (const auto& entry : root.entries()) roots.push_back(entry.key.public_key());
    TrustBundle bundle = take(TrustBundle::open(read_bytes(path), roots), path);
    change(bundle);
    const std::int64_t now = now_or(args);
    bundle.sequence += 1;
    bundle.issued_at = now;
    bundle.next_update = now + args.days("valid-days", 30, 1, kMaxDays);
    write_file(path, take(bundle.sign(root.primary().key)));
    std::cout << "signed " << path << ": sequence " << bundle.sequence << ", " << bundle.issuers.size()
              << " issuer key(s), " << bundle.revoked.size() << " revocation(s), next update "
              << format_time(bundle.next_update) << "\n";
}

int trust_init(const std::vector<std::string>& words) {
    const Args args(words, kSigningOptions, {"plain", "force"});
    const std::string path = args.require("bundle");
    refuse_to_overwrite(args, path);
    const Keyset root = load_keyset(args.require("root-keyset"), args);
    TrustBundle bundle;
    const std::int64_t now = now_or(args);
    bundle.sequence = 1;
    bundle.issued_at = now;
    bundle.next_update = now + args.days("valid-days", 30, 1, kMaxDays);
    write_file(path, take(bundle.sign(root.primary().key)));
    std::cout << "signed " << path << ": sequence 1, no issuers yet\n";
    return exit_ok;
}

int trust_add(const std::vector<std::string>& words) {
    const Args args(words, with(kSigningOptions, {"issuer-keys", "code", "name-bn", "name-en", "docs"}), {"plain"});
    const std::string code = args.require("code");
    const auto docs = split(args.require("docs"));
    auto entries = take(issuer_entries_from_public_json(read_text(args.require("issuer-keys")), code,
                                                        args.require("name-bn"), args.require("name-en"), docs),
                        args.require("issuer-keys"));
    edit_bundle(args, [&](TrustBundle& bundle) {
        // The issuer's keys are replaced as a whole: adding again after
        // 'keygen --rotate' publishes the rotation.
        bundle.issuers.erase(std::remove_if(bundle.issuers.begin(), bundle.issuers.end(),
                                            [&](const IssuerEntry& e) { return e.issuer_code == code; }),
                             bundle.issuers.end());
        bundle.issuers.insert(bundle.issuers.end(), entries.begin(), entries.end());
    });
    return exit_ok;
}

// One certificate (--issuer and --serial), or every one of a list that
// 'poura registry export-revocations' wrote (--list FILE).
int trust_revoke(const std::vector<std::string>& words) {
    const Args args(words, with(kSigningOptions, {"issuer", "serial", "list"}), {"plain"});
    std::vector<Bytes> hashes;
    if (auto list = args.get("list")) {
        if (args.get("issuer") || args.get("serial")) fail(exit_usage, "give --list or --issuer and --serial, not both");
        const auto j = read_json_file(*list);
        if (!j.is_array()) fail(exit_input, *list + ": not a JSON array of revocations");
        for (const auto& entry : j) {
            if (!entry.is_object() || !entry.contains("issuer") || !entry["issuer"].is_string() ||
                !entry.contains("serial") || !entry["serial"].is_string())
                fail(exit_input, *list + ": each revocation needs \"issuer\" and \"serial\" strings");
            hashes.push_back(revocation_hash(entry["issuer"].get<std::string>(), entry["serial"].get<std::string>()));
        }
    } else {
        hashes.push_back(revocation_hash(args.require("issuer"), args.require("serial")));
    }
    std::size_t added = 0;
    edit_bundle(args, [&](TrustBundle& bundle) {
        for (const auto& hash : hashes)
            if (std::find(bundle.revoked.begin(), bundle.revoked.end(), hash) == bundle.revoked.end()) {
                bundle.revoked.push_back(hash);
                ++added;
            }
    });
    std::cerr << added << " revocation(s) added, " << hashes.size() - added << " already listed\n";
    return exit_ok;
}

int trust_status(const std::vector<std::string>& words) {
    const Args args(words, with(kSigningOptions, {"kid", "status"}), {"plain"});
    const std::string kid = args.require("kid");
    const std::string status = args.require("status");
    IssuerStatus value;
    if (status == "active") value = IssuerStatus::active;
    else if (status == "suspended") value = IssuerStatus::suspended;
    else if (status == "revoked") value = IssuerStatus::revoked;
    else fail(exit_usage, "--status must be active, suspended or revoked");
    edit_bundle(args, [&](TrustBundle& bundle) {
        bool found = false;
        for (auto& e : bundle.issuers)
            if (to_hex(e.key_id()) == kid) e.status = value, found = true;
        if (!found) fail(exit_input, "no issuer key with kid " + kid + " in the bundle");
    });
    return exit_ok;
}

int trust_show(const std::vector<std::string>& words) {
    const Args args(words, {"bundle", "root"}, {"json"});
    const std::string path = args.require("bundle");
    const TrustBundle bundle = take(TrustBundle::open(read_bytes(path), load_public_keys(args.require("root"))), path);
    if (args.has("json")) {
        print_json(bundle.to_json());
        return exit_ok;
    }
    std::cout << "trust bundle " << path << ": sequence " << bundle.sequence << ", issued "
              << format_time(bundle.issued_at) << ", next update " << format_time(bundle.next_update) << "\n";
    for (const auto& e : bundle.issuers) {
        std::string docs;
        for (const auto& d : e.document_types) docs += (docs.empty() ? "" : ",") + d;
        std::cout << "  " << to_hex(e.key_id()) << "  " << e.issuer_code << "  " << e.name_en << " / " << e.name_bn
                  << "  [" << issuer_status_name(e.status) << "] " << format_time(e.valid_from) << " .. "
                  << (e.valid_until ? format_time(e.valid_until) : std::string("open")) << "  " << docs << "\n";
    }
    std::cout << "  " << bundle.revoked.size() << " revoked certificate(s)\n";
    return exit_ok;
}

}  // namespace

int cmd_trust(const std::vector<std::string>& words) {
    if (words.empty()) fail(exit_usage, "trust needs a subcommand: init, add, revoke, status or show");
    const std::string sub = words[0];
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    if (sub == "init") return trust_init(rest);
    if (sub == "add") return trust_add(rest);
    if (sub == "revoke") return trust_revoke(rest);
    if (sub == "status") return trust_status(rest);
    if (sub == "show") return trust_show(rest);
    fail(exit_usage, "unknown trust subcommand '" + sub + "'");
}

}  // namespace poura::cli
