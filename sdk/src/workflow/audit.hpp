// The audit log's hash chain: each entry's hash is SHA-256 over a canonical
// CBOR encoding of its fields and the previous entry's hash, so an edited,
// deleted or reordered entry breaks the chain where it happened. Checkpoints
// sign the chain's head with the office key, so a chain rewritten from some
// point on is caught at the next checkpoint.
#pragma once

#include <poura/office.hpp>
#include <poura/trust.hpp>

#include "store/store.hpp"

#include <optional>

namespace poura::workflow {

// The canonical encoding hashed: the CBOR array [seq, at, actor, event,
// subject, detail, prev_hash], with shortest-form heads.
Bytes audit_encoding(const store::AuditEntry& e);
Bytes audit_hash(const store::AuditEntry& e);
// What a checkpoint signs: "poura-audit-checkpoint" || CBOR [seq, at, hash].
Bytes checkpoint_message(const store::AuditCheckpoint& c);

// Appends an entry after the store's last one, inside the caller's
// transaction, and gives its sequence number.
Result<std::int64_t> append_audit(store::Store& store, std::int64_t at, std::int64_t actor, std::string event,
                    std::string subject, const nlohmann::json& detail);

// Walks the chain and the checkpoints. Checkpoint signatures are checked
// against the keyset's keys when one is given.
Result<AuditReport> verify_audit_chain(const store::Store& store, const Keyset* keyset);

}  // namespace poura::workflow
