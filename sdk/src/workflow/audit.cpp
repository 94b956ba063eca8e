#include "workflow/audit.hpp"

#include "codec/cbor.hpp"
#include "core/try.hpp"
#include "crypto/crypto.hpp"

#include <poura/hex.hpp>

#include <map>

namespace poura::workflow {
namespace {

constexpr std::size_t kHashSize = 32;

void put_int(Bytes& out, std::int64_t v) {
    if (v >= 0) cbor::encode_head(out, 0, static_cast<std::uint64_t>(v));
    else cbor::encode_head(out, 1, static_cast<std::uint64_t>(-(v + 1)));
}
void put_text(Bytes& out, const std::string& s) {
    cbor::encode_head(out, 3, s.size());
    out.insert(out.end(), s.begin(), s.end());
}
void put_bytes(Bytes& out, const Bytes& b) {
    cbor::encode_head(out, 2, b.size());
    out.insert(out.end(), b.begin(), b.end());
}

Bytes hash_of(const Bytes& data) { return crypto::sha256(data.data(), data.size()); }

}  // namespace

Bytes audit_encoding(const store::AuditEntry& e) {
    Bytes out;
    cbor::encode_head(out, 4, 7);
    put_int(out, e.seq);
    put_int(out, e.at);
    put_int(out, e.actor);
    put_text(out, e.event);
    put_text(out, e.subject);
    put_text(out, e.detail);
    put_bytes(out, e.prev_hash);
    return out;
}

Bytes audit_hash(const store::AuditEntry& e) { return hash_of(audit_encoding(e)); }

Bytes checkpoint_message(const store::AuditCheckpoint& c) {
    const std::string label = "poura-audit-checkpoint";
    Bytes out(label.begin(), label.end());
    cbor::encode_head(out, 4, 3);
    put_int(out, c.seq);
    put_int(out, c.at);
    put_bytes(out, c.hash);
    return out;
}

Result<std::int64_t> append_audit(store::Store& store, std::int64_t at, std::int64_t actor, std::string event,
                    std::string subject, const nlohmann::json& detail) {
    auto last = store.last_audit();
    POURA_RETURN_IF_ERROR(last);
    store::AuditEntry e;
    e.seq = *last ? (*last)->seq + 1 : 1;
    e.at = at;
    e.actor = actor;
    e.event = std::move(event);
    e.subject = std::move(subject);
    e.detail = detail.is_null() ? std::string("{}") : detail.dump();
    e.prev_hash = *last ? (*last)->hash : Bytes(kHashSize, 0);
    e.hash = audit_hash(e);
    auto inserted = store.insert_audit(e);
    POURA_RETURN_IF_ERROR(inserted);
    return e.seq;
}

Result<AuditReport> verify_audit_chain(const store::Store& store, const Keyset* keyset) {
    AuditReport report;
    auto checkpoints = store.checkpoints();
    POURA_RETURN_IF_ERROR(checkpoints);
    report.checkpoints = static_cast<std::int64_t>(checkpoints->size());
    std::map<std::int64_t, const store::AuditCheckpoint*> by_seq;
    for (const auto& c : *checkpoints) by_seq[c.seq] = &c;

    // Every stored hash, to tell a reordering (the previous hash names
    // another entry) from an edit.
    std::map<Bytes, std::int64_t> seq_of_hash;
    auto indexed = store.for_each_audit([&](const store::AuditEntry& e) {
        seq_of_hash.emplace(e.hash, e.seq);
        return true;
    });
    POURA_RETURN_IF_ERROR(indexed);

    auto fail = [&](std::int64_t seq, const char* problem, std::string message) {
        if (!report.ok) return;
        report.ok = false;
        report.bad_entry = seq;
        report.problem = problem;
        report.message = std::move(message);
    };

    Bytes previous(kHashSize, 0);
    std::int64_t expected = 1;
    auto walked = store.for_each_audit([&](const store::AuditEntry& e) {
        ++report.entries;
        const std::string at = "entry " + std::to_string(e.seq);
        if (e.seq != expected) {
            fail(expected, "deleted",
                 "entry " + std::to_string(expected) +
                     (e.seq == expected + 1 ? " is missing: it was deleted"
                                            : " to " + std::to_string(e.seq - 1) + " are missing: they were deleted"));
            return false;
        }
        if (e.prev_hash != previous) {
            auto other = seq_of_hash.find(e.prev_hash);
            if (other != seq_of_hash.end() && other->second != e.seq - 1)
                fail(e.seq, "reordered",
                     at + " is out of place: it follows entry " + std::to_string(other->second) + ", not entry " +
                         std::to_string(e.seq - 1));
            else
                fail(e.seq - 1, "edited",
                     "entry " + std::to_string(e.seq - 1) + " was edited: entry " + std::to_string(e.seq) +
                         " was chained to other contents");
            return false;
        }
        if (audit_hash(e) != e.hash) {
            // A hash that belongs to another position is a moved row.
            fail(e.seq, "edited", at + " was edited: its contents do not give its hash");
            return false;
        }
        if (auto c = by_seq.find(e.seq); c != by_seq.end() && c->second->hash != e.hash) {
            fail(e.seq, "checkpoint",
                 "the chain up to " + at + " was rewritten: it differs from the checkpoint signed at that entry");
            return false;
        }
        previous = e.hash;
        ++expected;
        return true;
    });
    POURA_RETURN_IF_ERROR(walked);
    if (!report.ok) return report;

    for (const auto& c : *checkpoints) {
        if (c.seq >= expected) {
            fail(expected, "truncated",
                 "entries from " + std::to_string(expected) + " on are missing: a checkpoint covers entry " +
                     std::to_string(c.seq));
            return report;
        }
        if (keyset) {
            bool verified = false;
            for (const auto& entry : keyset->entries()) {
                const auto pub = entry.key.public_key();
                if (to_hex(pub.key_id()) != c.kid) continue;
                auto verifier = crypto::make_verifier(pub);
                const Bytes message = checkpoint_message(c);
                verified = verifier && (*verifier)->verify(message.data(), message.size(), c.signature.data(),
                                                           c.signature.size());
            }
            if (!verified) {
                fail(c.seq, "checkpoint",
                     "the checkpoint at entry " + std::to_string(c.seq) +
                         " is not signed by a key of the office's keyset");
                return report;
            }
        }
    }
    report.message = std::to_string(report.entries) + " entries chained intact, " +
                     std::to_string(report.checkpoints) + " checkpoint(s)" +
                     (keyset ? " with valid signatures" : " (signatures not checked: no keyset)");
    return report;
}

}  // namespace poura::workflow
