// libFuzzer target over the fee schedule reader (poura/fees.hpp). The input
// is a schedule file's text. Properties beyond not crashing:
//   - the two readers agree: ScheduleSet::add(text) loads the schedule
//     exactly when ScheduleSet::check() finds no problem in the parsed JSON
//     (an empty set has nothing to overlap) and the text has no duplicate
//     member, which add() refuses and the parsed JSON cannot show;
//   - parse, serialise, parse: a schedule that loads loads again from its
//     re-serialised JSON, and both sets list the same schedule, which is then
//     found on its first day.
// With POURA_FUZZ_WRITE_SEEDS=<dir> the program writes the example schedules
// (examples/schedules/) to <dir> and exits.

#include "property.hpp"

#include <poura/fees.hpp>

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
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
        if (loaded) property_broken("add() loads only well-formed JSON", text);
        return 0;
    }
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
