// libFuzzer target over the fee schedule reader (poura/fees.hpp) and the
// JSON parser under it and every other reader (poura/json.hpp). The input is
// a schedule file's text. Properties beyond not crashing:
//   - parse_json() agrees with nlohmann's parser: what it reads, nlohmann
//     reads to the same value, and reads again from its serialised text;
//     what it refuses and nlohmann reads breaks one of its stricter rules
//     (a repeated member, an integer beyond 64 bits, a number outside the
//     digits and range it reads, nesting beyond 128, any text after the
//     value, which nlohmann's parser skips when a NUL byte comes first);
//   - the two schedule readers agree: ScheduleSet::add(text) loads the
//     schedule exactly when ScheduleSet::check() finds no problem in the
//     parsed JSON (an empty set has nothing to overlap);
//   - parse, serialise, parse: a schedule that loads loads again from its
//     re-serialised JSON, and both sets list the same schedule, which is then
//     found on its first day.
// With POURA_FUZZ_WRITE_SEEDS=<dir> the program writes the example schedules
// (examples/schedules/) to <dir> and exits.

#include "property.hpp"

#include <poura/fees.hpp>
#include <poura/json.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace {

using namespace poura;
using fuzz::property_broken;

void write_seeds(const std::string& dir) {
    const char* schedules[] = {"kaliganj-2024-25.json", "kaliganj-2025-26.json", "shantipur-2025-26.json"};
    for (const char* name : schedules) {
        fuzz::write_seed(dir + "/" + name, fuzz::read_source_file(std::string("examples/schedules/") + name));
    }
    std::printf("wrote 3 seeds to %s\n", dir.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    poura::fuzz::write_seeds_if_asked(write_seeds);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fees::ScheduleSet from_text;
    const bool loaded = from_text.add(text).ok();
    const auto ours = parse_json(text);
    const nlohmann::json theirs = nlohmann::json::parse(text, nullptr, false);
    if (ours) {
        if (theirs.is_discarded() || *ours != theirs) property_broken("nlohmann reads what parse_json() reads, the same", text);
        const auto again = parse_json(ours->dump());
        if (!again || *again != *ours) property_broken("parse_json() reads its value's serialised text back", text);
    } else if (!theirs.is_discarded()) {
        const std::string& why = ours.error().message;
        const bool stricter = why.find(": duplicate key (") != std::string::npos ||
                              why.find(": integer out of range") != std::string::npos ||
                              why.find(": number out of range") != std::string::npos ||
                              why.find(": number with ") != std::string::npos ||
                              why.find(": objects and arrays nest deeper") != std::string::npos ||
                              // nlohmann's lexer takes a NUL byte for the end of the text
                              (why.find(": unexpected text after the value") != std::string::npos &&
                               text.find('\0') != std::string_view::npos);
        if (!stricter) property_broken("parse_json() refuses what nlohmann reads only by its stricter rules", text);
    }
    if (!ours) {
        if (loaded) property_broken("add() loads only what parse_json() reads", text);
        return 0;
    }
    const nlohmann::json& parsed = *ours;
    const bool no_problem = fees::ScheduleSet::check(parsed).empty();
    fees::ScheduleSet from_json;
    const bool loaded_json = from_json.add_json(parsed).ok();
    if (no_problem != loaded_json) property_broken("check() finds no problem exactly when add_json() loads", text);
    if (loaded && !loaded_json) property_broken("what add() loads from text, add_json() loads from its JSON", text);
    if (!loaded) return 0;

    fees::ScheduleSet again;
    if (!again.add(parsed.dump()).ok()) property_broken("a schedule that loads loads again from its serialised JSON", text);
    const nlohmann::json listed = from_text.list();
    if (listed != again.list() || listed != from_json.list() || listed.size() != 1)
        property_broken("the text, its JSON and its re-serialised text list the same one schedule", text);
    const nlohmann::json& entry = listed.at(0);
    if (!from_text.find(entry.at("municipality").get<std::string>(), entry.at("from").get<std::string>()))
        property_broken("a loaded schedule is in force on its first day", text);
    return 0;
}
