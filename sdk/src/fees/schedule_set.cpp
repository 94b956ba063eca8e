#include "fees/schedule.hpp"

#include <poura/json.hpp>

#include "core/json_reader.hpp"

#include <algorithm>

namespace poura::fees {

struct ScheduleSet::Impl {
    // Kept sorted by municipality, then by start date.
    std::vector<std::shared_ptr<const Schedule>> schedules;
};

ScheduleSet::ScheduleSet() : impl_(std::make_shared<Impl>()) {}
ScheduleSet::~ScheduleSet() = default;
// Copies share nothing mutable: add() replaces the vector it changes.
ScheduleSet::ScheduleSet(const ScheduleSet& other) : impl_(std::make_shared<Impl>(*other.impl_)) {}
ScheduleSet& ScheduleSet::operator=(const ScheduleSet& other) {
    if (this != &other) impl_ = std::make_shared<Impl>(*other.impl_);
    return *this;
}
ScheduleSet::ScheduleSet(ScheduleSet&& other) noexcept : impl_(std::make_shared<Impl>()) {
    std::swap(impl_, other.impl_);
}
ScheduleSet& ScheduleSet::operator=(ScheduleSet&& other) noexcept {
    std::swap(impl_, other.impl_);
    return *this;
}

std::vector<std::string> ScheduleSet::check(const nlohmann::json& schedule) {
    std::vector<std::string> problems;
    parse_schedule(schedule, problems);
    return problems;
}

Status ScheduleSet::add(std::string_view json_text, std::string_view source_name) {
    const auto parsed = parse_json(json_text);
    if (!parsed)
        return make_error(Errc::schedule_invalid, describe_problems(std::string(source_name), {parsed.error().message}));
    return add_json(*parsed, source_name);
}

Status ScheduleSet::add_json(const nlohmann::json& j, std::string_view source_name) {
    std::vector<std::string> problems;
    auto schedule = std::make_shared<Schedule>(parse_schedule(j, problems));
    for (const auto& other : impl_->schedules) {
        if (other->municipality != schedule->municipality) continue;
        if (other->id == schedule->id) problems.push_back("$.id: \"" + other->id + "\" is already loaded");
        else if (other->from_day <= schedule->until_day && schedule->from_day <= other->until_day)
            problems.push_back("$.effective: overlaps schedule \"" + other->id + "\" (" + other->from + " to " +
                               (other->until.empty() ? "open" : other->until) + ")");
    }
    if (!problems.empty()) return make_error(Errc::schedule_invalid, describe_problems(std::string(source_name), problems));
    auto& list = impl_->schedules;
    const auto at = std::upper_bound(list.begin(), list.end(), schedule, [](const auto& a, const auto& b) {
        return a->municipality != b->municipality ? a->municipality < b->municipality : a->from_day < b->from_day;
    });
    list.insert(at, std::move(schedule));
    return {};
}

std::size_t ScheduleSet::size() const { return impl_->schedules.size(); }

nlohmann::json ScheduleSet::list() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : impl_->schedules)
        out.push_back({{"id", s->id},
                       {"municipality", s->municipality},
                       {"from", s->from},
                       {"until", s->until.empty() ? nlohmann::json() : nlohmann::json(s->until)}});
    return out;
}

std::shared_ptr<const Schedule> ScheduleSet::find(std::string_view municipality, std::string_view iso_date) const {
    const auto date = dates::parse_iso_date(iso_date);
    return date ? find_on_day(municipality, dates::days_from_civil(*date)) : nullptr;
}

std::shared_ptr<const Schedule> ScheduleSet::find_on_day(std::string_view municipality, std::int64_t day) const {
    for (const auto& s : impl_->schedules)
        if (s->municipality == municipality && s->from_day <= day && day <= s->until_day) return s;
    return nullptr;
}

}  // namespace poura::fees
